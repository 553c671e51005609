import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import type { SheetGrid } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook } from '../src/core/check/workbook';
import { gridFromWorksheet } from './helpers/grid-from-exceljs';
import { FileHost } from '../src/hosts/file/file-host';
import { LIMITS, readXlsx } from '../src/xlsx/xlsx-reader';

const FIXTURES = path.join(__dirname, 'fixtures');
const workbooks = ['shared', 'declarations', 'shapes']
  .flatMap((folder) =>
    fs
      .readdirSync(path.join(FIXTURES, folder))
      .filter((n) => n.endsWith('.xlsx'))
      .map((n) => path.join(folder, n)),
  )
  .concat(path.join('..', '..', 'samples', '示例-自评表.xlsx'));

/** Every non-empty cell by absolute address: value, whether it has a formula, its number format. */
function cells(grid: SheetGrid): Map<string, string> {
  const map = new Map<string, string>();
  grid.values.forEach((row, i) =>
    row.forEach((value, j) => {
      if (value === null || value === undefined) return;
      const format = grid.numberFormats?.[i]?.[j] ?? null;
      const formula = grid.formulas?.[i]?.[j] ?? null;
      // `General` and no format read the same; exceljs reports either for LibreOffice's files.
      map.set(
        `${grid.originRow + i},${grid.originCol + j}`,
        JSON.stringify([value, formula !== null, format === 'General' ? null : format]),
      );
    }),
  );
  return map;
}

describe.each(workbooks)('the zip reader on %s', (file) => {
  it('reads the same cells, merges and forms as exceljs', async () => {
    const data = fs.readFileSync(path.join(FIXTURES, file));
    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load(data as unknown as ExcelJS.Buffer);
    const read = readXlsx(new Uint8Array(data));
    expect(read.sheets.map((s) => s.name)).toEqual(reference.worksheets.map((s) => s.name));
    const ours = read.sheets.map((s) => read.grid(s));
    const theirs = reference.worksheets.map(gridFromWorksheet);
    ours.forEach((grid, i) => {
      expect(cells(grid)).toEqual(cells(theirs[i]));
      const sorted = (g: SheetGrid) => (g.merges ?? []).map((m) => `${m.top},${m.left},${m.bottom},${m.right}`).sort();
      expect(sorted(grid)).toEqual(sorted(theirs[i]));
    });
    const summary = (grids: SheetGrid[]) =>
      checkWorkbook(grids, BUILT_IN_PROFILES.national).map((r) => [
        r.kind,
        r.sheet,
        r.range,
        r.findings.map((f) => `${f.rule}@${f.cell}:${f.message}`),
      ]);
    expect(summary(ours)).toEqual(summary(theirs));
  });
});

describe('the zip reader on what exceljs cannot read', () => {
  it('reads an openpyxl workbook with a chart and comments (exceljs 4.4 refuses it)', async () => {
    const data = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'writers', 'openpyxl-chart-comments.xlsx')));
    await expect(new ExcelJS.Workbook().xlsx.load(data as unknown as ExcelJS.Buffer)).rejects.toThrow();
    const host = await FileHost.load(data, 'openpyxl.xlsx');
    const [sheet] = await host.readSheets('all');
    const [result] = checkWorkbook([sheet], BUILT_IN_PROFILES.national);
    // 30 + 18.95 + 30 + 10 + budget 76/80 × 10 = 9.5; the =SUM has no cached value (openpyxl does not calculate).
    expect(result).toMatchObject({
      kind: 'self-evaluation',
      range: 'A1:I15',
      total: { cell: 'H14', declared: null, computed: 98.45 },
    });
    expect(result.findings).toEqual([]);
    const last = sheet.values[15];
    expect(last.slice(0, 6)).toEqual(['填报日期', '2025-03-01', '已审核', true, '核对', '#N/A']);
    expect(sheet.formulas?.[13]?.[7]).toBe('=SUM(H10:H13)+I6');
  });
});

/** A minimal .xlsx from hand-written parts, to pin down what other writers put in theirs. */
function workbook(sheetXml: string, extra: Record<string, string> = {}, workbookPr = ''): Uint8Array {
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${workbookPr}<x:sheets><x:sheet name="表&amp;一" sheetId="1" r:id="rId1"/><x:sheet name="图表" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/strings.xml':
      '<sst><si><t>三级指标</t></si><si><r><t>年度</t></r><r><rPr><b/></rPr><t xml:space="preserve">指标值</t></r><rPh><t>ねんど</t></rPh></si><si/></sst>',
    'xl/styles.xml':
      '<styleSheet><numFmts><numFmt numFmtId="170" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': sheetXml,
    'xl/chartsheets/sheet1.xml': '<chartsheet/>',
    ...extra,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  return zipSync(files);
}

describe('the zip reader on hand-written parts', () => {
  const sheet = (rows: string) =>
    `<worksheet><sheetData>${rows}</sheetData><mergeCells><mergeCell ref="A3:B3"/></mergeCells></worksheet>`;

  it('reads shared, rich and inline strings, shared formulas, styles, dates, booleans, errors and cells without addresses', () => {
    const data = workbook(
      sheet(
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>' +
          '<row><c r="A3" t="inlineStr"><is><r><t>合</t></r><r><t>计 &lt;1&gt;</t></r></is></c><c r="B3"><v>99</v></c>' +
          '<c r="C3" s="1"><f t="shared" ref="C3:C4" si="0">A1*2</f><v>0.955</v></c></row>' +
          '<row r="4"><c r="C4"><f t="shared" si="0"/><v>4</v></c><c r="D4" t="b"><v>1</v></c><c r="E4" t="e"><v>#DIV/0!</v></c>' +
          '<c r="F4" s="2"><v>45717</v></c><c r="G4" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="H4" t="d"><v>2025-03-01T00:00:00</v></c><c r="I4"/></row>',
      ),
    );
    const read = readXlsx(data);
    expect(read.sheets.map((s) => s.name)).toEqual(['表&一']);
    const grid = read.grid(read.sheets[0]);
    expect([grid.originRow, grid.originCol]).toEqual([2, 1]);
    // B3 (99) is covered by the merge A3:B3: a covered cell reads as empty, as Excel shows it.
    expect(grid.values).toEqual([
      [undefined, '三级指标', '年度指标值', ''],
      ['合计 <1>', undefined, 0.955],
      [undefined, undefined, 4, true, '#DIV/0!', '2025-03-01', 'xy', '2025-03-01'],
    ]);
    expect(grid.numberFormats?.[1]?.[2]).toBe('0.0%');
    expect(grid.formulas?.[1]?.[2]).toBe('=A1*2');
    expect(grid.formulas?.[2]?.[2]).toBe('=A1*2');
    expect(grid.formulas?.[2]?.[6]).toBe('="x"&"y"');
    expect(grid.merges).toEqual([{ top: 3, left: 1, bottom: 3, right: 2 }]);
  });

  it('counts dates from 1904 when the workbook says so', () => {
    const read = readXlsx(
      workbook(sheet('<row r="1"><c r="A1" s="2"><v>0</v></c></row>'), {}, '<x:workbookPr date1904="1"/>'),
    );
    expect(read.grid(read.sheets[0]).values[0][0]).toBe('1904-01-01');
  });

  it('refuses damaged files and zip bombs in Chinese', () => {
    const good = workbook(sheet(''));
    expect(() => readXlsx(good.slice(0, good.length - 30))).toThrow('工作簿已损坏');
    const noWorkbook = zipSync({ 'xl/styles.xml': strToU8('<styleSheet/>') });
    expect(() => readXlsx(noWorkbook)).toThrow('工作簿已损坏');
    const saved = LIMITS.partBytes;
    LIMITS.partBytes = 100;
    try {
      expect(() => readXlsx(good)).toThrow(/解压后过大/);
    } finally {
      LIMITS.partBytes = saved;
    }
  });
});

describe('the zip layer', () => {
  it('inflates with the page inflater and with Node’s zlib alike, and refuses an entry that inflates past its stated size', () => {
    const { zipEntries, entryBytes, useRawInflate } = require('../src/xlsx/zip') as typeof import('../src/xlsx/zip');
    const { inflateRawSync } = require('zlib') as typeof import('zlib');
    const data = zipSync({ 'a.xml': strToU8('<a>'.repeat(1000)) });
    const [entry] = zipEntries(data)!;
    const viaFflate = entryBytes(data, entry);
    expect(() => entryBytes(data, { ...entry, originalSize: 10 })).toThrow();
    useRawInflate((c, size) => inflateRawSync(c, { maxOutputLength: Math.max(1, size) }));
    expect(Buffer.from(entryBytes(data, entry)).equals(Buffer.from(viaFflate))).toBe(true);
    // A directory that understates the size (a zip bomb's trick) makes the inflate fail, not grow.
    expect(() => entryBytes(data, { ...entry, originalSize: 10 })).toThrow();
  });
});
