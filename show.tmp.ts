import { openWorkbookFile } from './src/hosts/file/open-file';
(async () => { const s = await openWorkbookFile(process.argv[2]); for (const g of (await s.readSheets('all')).slice(0, 1)) for (const [i, r] of g.values.entries()) console.log(i + 1, JSON.stringify(r)); })();
