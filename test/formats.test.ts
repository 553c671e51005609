import * as fs from 'fs';
import * as path from 'path';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook, isScored, type CheckedForm } from '../src/core/check/workbook';
import { FileHost } from '../src/hosts/file/file-host';
import { openWorkbookFile } from '../src/hosts/file/open-file';

/**
 * The formats units send besides .xlsx (test/fixtures/formats/, converted by LibreOffice with make-formats.sh):
 * each gives exactly the forms, totals, grades and findings of its .xlsx twin.
 */
const FORMATS = path.join(__dirname, 'fixtures', 'formats');
const TWINS: Record<string, string> = {
  'seed000-2020-errors': 'shared',
  'seed002-2024': 'shared',
  'anhui-two-row': 'shapes',
  'hubei-header-total': 'shapes',
  department: 'shapes',
  'hunan-targets': 'shapes',
};
// Every converted twin of an .xlsx (the other files here are tested on their own).
const files = fs
  .readdirSync(FORMATS)
  .filter((name) => /\.(xls|ods|et)$/.test(name) && name.replace(/\.\w+$/, '') in TWINS);

function summary(results: CheckedForm[]) {
  return results.map((r) => ({
    kind: r.kind,
    sheet: r.sheet,
    range: r.range,
    project: r.form.project,
    total: isScored(r) ? r.total : null,
    grade: isScored(r) ? r.grade : null,
    findings: r.findings.map((f) => `${f.rule}@${f.cell}: ${f.message}`),
  }));
}

describe.each(files)('%s', (file) => {
  it('gives the same forms, totals and findings as its .xlsx twin, and says it came in another format', async () => {
    const name = file.replace(/\.(xls|ods|et)$/, '');
    const twin = await openWorkbookFile(path.join(__dirname, 'fixtures', TWINS[name], `${name}.xlsx`));
    const host = await openWorkbookFile(path.join(FORMATS, file));
    expect(host.convertedFrom).toBe(file.endsWith('.ods') ? 'ods' : 'xls');
    const national = BUILT_IN_PROFILES.national;
    expect(summary(checkWorkbook(await host.readSheets('all'), national))).toEqual(
      summary(checkWorkbook(await twin.readSheets('all'), national)),
    );
  });
});

describe('formats by content, not by name', () => {
  it('reads an HTML table saved as .xls (as some systems export), and refuses a damaged .xls in Chinese', async () => {
    const html =
      '<html><body><table><tr><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr><tr><td>完成数量</td><td>≥10个</td><td>10个</td><td>100</td><td>100</td></tr></table></body></html>';
    const host = await FileHost.load(new TextEncoder().encode(html), '导出.xls');
    expect(host.convertedFrom).toBe('html');
    const [form] = checkWorkbook(await host.readSheets('all'), BUILT_IN_PROFILES.national);
    expect(form).toMatchObject({ kind: 'self-evaluation', total: { computed: 100 } });
    const xls = new Uint8Array(fs.readFileSync(path.join(FORMATS, 'seed002-2024.xls')));
    await expect(FileHost.load(xls.slice(0, 3000), '坏的.xls')).rejects.toThrow(/无法读取/);
  });
});

describe('the CLI on other formats', () => {
  it('checks .xls, .et and .ods files and writes their copies as .xlsx, saying so', async () => {
    const { main } = await import('../src/cli/command-line');
    const out = fs.mkdtempSync(path.join(require('os').tmpdir(), 'zp-formats-'));
    let stdout = '';
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
    try {
      await main([
        '--json',
        '--out',
        out,
        ...['seed002-2024.xls', 'seed002-2024.et', 'seed002-2024.ods'].map((f) => path.join(FORMATS, f)),
      ]);
    } finally {
      spy.mockRestore();
    }
    const files = (
      JSON.parse(stdout) as { files: Array<{ error: string | null; output: string; format: string; forms: unknown[] }> }
    ).files;
    expect(files.map((f) => [f.error, f.format, path.basename(f.output), f.forms.length])).toEqual([
      [null, '.xls（Excel 97–2003）', 'seed002-2024-审核.xlsx', 5],
      [null, '.xls（Excel 97–2003）', 'seed002-2024-审核(2).xlsx', 5],
      [null, '.ods（OpenDocument）', 'seed002-2024-审核(3).xlsx', 5],
    ]);
    const copy = await openWorkbookFile(files[0].output);
    expect(copy.convertedFrom).toBeNull();
    expect(checkWorkbook(await copy.readSheets('all'), BUILT_IN_PROFILES.national)).toHaveLength(5);
  });
});

describe.each(['anhui-two-row', 'sichuan-wide'])('%s as XML Spreadsheet 2003 (make-spreadsheetml.ts)', (name) => {
  /** Every cell's value and every merge, as a sheet shows them: what LibreOffice reads must be what we read. */
  const shown = async (file: string) =>
    (await (await openWorkbookFile(path.join(FORMATS, file))).readSheets('all')).map((grid) => {
      const cells: string[] = [];
      grid.values.forEach((line, r) =>
        line.forEach((value, c) => {
          if (value !== null && value !== '')
            cells.push(`${r + grid.originRow},${c + grid.originCol}=${String(value)}`);
        }),
      );
      const merges = (grid.merges ?? []).map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort();
      return { name: grid.name, cells, merges };
    });

  it('puts every value in the column LibreOffice reads it in, and keeps every merge, blank ones included', async () => {
    const ours = await shown(`${name}.xml`);
    // LibreOffice places each cell right (a blank merge still takes its columns) but drops the blank merges.
    const libreOffice = await shown(`${name}-xml-libreoffice.xlsx`);
    expect(ours.map(({ name: sheet, cells }) => ({ sheet, cells }))).toEqual(
      libreOffice.map(({ name: sheet, cells }) => ({ sheet, cells })),
    );
    const source = await (
      await openWorkbookFile(path.join(__dirname, 'fixtures', 'shapes', `${name}.xlsx`))
    ).readSheets('all');
    expect(ours.map((sheet) => sheet.merges)).toEqual(
      source.map((grid) => (grid.merges ?? []).map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort()),
    );
    expect(ours[0].merges.length).toBeGreaterThan(5);
  });

  it('gives the forms, totals and findings of the .xlsx it was written from', async () => {
    const national = BUILT_IN_PROFILES.national;
    const host = await openWorkbookFile(path.join(FORMATS, `${name}.xml`));
    expect(host.convertedFrom).toBe('xml2003');
    const twin = await openWorkbookFile(path.join(__dirname, 'fixtures', 'shapes', `${name}.xlsx`));
    expect(summary(checkWorkbook(await host.readSheets('all'), national))).toEqual(
      summary(checkWorkbook(await twin.readSheets('all'), national)),
    );
  });
});

describe('an HTML table saved as .xls by another program (LibreOffice)', () => {
  it('reads 95% written as text as 95 %, and gives the findings of its .xlsx twin (an HTML table has no sheet names)', async () => {
    const national = BUILT_IN_PROFILES.national;
    const host = await openWorkbookFile(path.join(FORMATS, 'anhui-two-row-html.xls'));
    expect(host.convertedFrom).toBe('html');
    const twin = await openWorkbookFile(path.join(__dirname, 'fixtures', 'shapes', 'anhui-two-row.xlsx'));
    const unnamed = (results: CheckedForm[]) => summary(results).map(({ sheet: _sheet, ...rest }) => rest);
    const ours = checkWorkbook(await host.readSheets('all'), national);
    expect(unnamed(ours)).toEqual(unnamed(checkWorkbook(await twin.readSheets('all'), national)));
    expect(ours.filter(isScored)[0].indicators[1]).toMatchObject({
      name: '工程验收合格率',
      actual: '100%',
      status: 'met',
    });
  });
});
