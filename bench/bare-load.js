// A baseline of the CLI benchmark: a process that only loads the given workbooks with exceljs, one after another.
const ExcelJS = require('exceljs');
(async () => {
  let sheets = 0;
  for (const file of process.argv.slice(2)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    sheets += workbook.worksheets.length;
  }
  process.stdout.write(String(sheets));
})();
