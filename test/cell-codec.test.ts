import { strToU8, unzipSync, zipSync } from 'fflate';
import { XlsxPackage } from '../src/xlsx/xlsx-package';
import { readXlsx } from '../src/xlsx/xlsx-reader';
import { xlsxWithSheetXml } from './helpers/hostile-xlsx';

/**
 * One cell codec: what a write sees in a cell before patching a copy (is it empty? what did it hold, for undo?)
 * is what the reader gave the engine. They used to disagree on `true` booleans, `t="d"` dates, date-formatted
 * serials and phonetic runs.
 */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';

function workbook(): Uint8Array {
  const parts = unzipSync(
    xlsxWithSheetXml(
      '<row r="1">' +
        '<c r="A1" t="b"><v>true</v></c>' +
        '<c r="B1" t="d"><v>2024-03-05T00:00:00</v></c>' +
        '<c r="C1" s="1"><v>45356</v></c>' +
        '<c r="D1" t="inlineStr"><is><r><t>完成</t></r><rPh sb="0" eb="2"><t>ワンセイ</t></rPh></is></c>' +
        '<c r="E1" t="s"><v>0</v></c>' +
        '<c r="F1"><f>SUM(1,2)</f><v>3</v></c>' +
        '<c r="G1" t="inlineStr"><is><t>  </t></is></c>' +
        '</row>',
      '<si><t>已完成</t><rPh sb="0" eb="1"><t>イ</t></rPh></si>',
    ),
  );
  parts['xl/styles.xml'] = strToU8(STYLES);
  return zipSync(parts);
}

describe('one cell codec for reading and patching', () => {
  it('decodes every kind of cell the same way for the engine and for a write', () => {
    const bytes = workbook();
    const read = readXlsx(bytes);
    const grid = read.grid(read.sheets[0]);
    const pkg = new XlsxPackage(bytes);
    const sheet = pkg.sheet(read.sheets[0].path);
    const cells = ['A1', 'B1', 'C1', 'D1', 'E1', 'F1'];
    const engine = cells.map((_, i) => grid.values[0][i]);
    expect(engine).toEqual([true, '2024-03-05', '2024-03-05', '完成', '已完成', 3]);
    expect(cells.map((ref) => sheet.cell(ref).value)).toEqual(engine);
    expect(sheet.cell('F1')).toMatchObject({ hasFormula: true, formula: '=SUM(1,2)' });
    // Text is text for appending; a blank inline string is an empty cell.
    expect(sheet.cell('E1').text).toBe('已完成');
    expect(sheet.cell('C1').text).toBeNull();
    expect(sheet.cell('G1').empty).toBe(true);
    expect(sheet.cell('H1').empty).toBe(true);
  });
});

describe('one cell encoder, read back by the one decoder', () => {
  it('writes a number, a boolean, text that looks like a formula and empty cells as the reader reads them', async () => {
    const { valueCellXml } = await import('../src/xlsx/sheet-xml');
    const values = [42.5, true, false, '=SUM(A1)', '  前后空格  ', '<&>"', null];
    const row = values.map((value, i) => valueCellXml(`${String.fromCharCode(65 + i)}1`, value, 0)).join('');
    const read = readXlsx(xlsxWithSheetXml(`<row r="1">${row}</row>`));
    const grid = read.grid(read.sheets[0]);
    expect(grid.values[0].slice(0, values.length - 1)).toEqual(values.slice(0, -1));
    expect(grid.formulas?.[0]?.some((f) => f !== null) ?? false).toBe(false);
    // A write through a patched sheet goes through the same encoder: a boolean stays a boolean.
    const pkg = new XlsxPackage(xlsxWithSheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'));
    const path = pkg.read().sheets[0].path;
    pkg.sheet(path).writeCell('A1', true, 0);
    pkg.sheet(path).writeCell('B1', '=1+1', 0);
    expect(pkg.sheet(path).cell('A1').value).toBe(true);
    expect(pkg.sheet(path).cell('B1')).toMatchObject({ value: '=1+1', formula: null });
  });
});
