// The baseline of the CLI benchmark: a process that only loads the workbook with exceljs.
const ExcelJS = require('exceljs');
const workbook = new ExcelJS.Workbook();
workbook.xlsx.readFile(process.argv[2]).then(() => {
  process.stdout.write(String(workbook.worksheets.length));
});
