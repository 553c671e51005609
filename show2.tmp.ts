import { openWorkbookFile } from './src/hosts/file/open-file';
import { checkWorkbook } from './src/core/workbook';
import { BUILT_IN_PROFILES } from './src/core/profiles';
(async () => { const s = await openWorkbookFile(process.argv[2]); const r = checkWorkbook(await s.readSheets('all'), BUILT_IN_PROFILES.national);
for (const f of r) if (f.kind === 'target-declaration') console.log(f.form.project, '|', f.form.implementingUnit, '|', (f.form.goal??'').slice(0,30), '|', f.form.funds.components.map(c=>c.label+':'+c.cell.value).join(', ')); })();
