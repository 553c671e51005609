import { promises as fs } from 'fs';
import { fixtureSheets, stackedWorkload } from './workload';
import { workbookBytes } from '../test/helpers/form-builder';
(async () => {
  const t = Date.now();
  const sources = await fixtureSheets();
  await fs.writeFile('/tmp/stack-4400.xlsx', await workbookBytes(stackedWorkload(sources, 4400, 4400)));
  console.log('ms', Date.now() - t);
})();
