import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { main } from '../src/cli/command-line';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { findingsCsv, reviewScore } from '../src/core/reports/reports';
import { terminalSafe } from '../src/cli/text-report';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';
import { checkWorkbook, isScored } from '../src/core/check/workbook';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import { readXlsx } from '../src/xlsx/xlsx-reader';

/** The reviewer's desk from the CLI (DOMAIN.md §9): 汇总表 and 复核底稿 re-read and held against the engine's JSON. */
import { overprinted, printWorkbook, wordHeightAt } from './helpers/pdf-words';

const FIXTURES = path.join(__dirname, 'fixtures');

async function runCli(args: string[]): Promise<string> {
  let stdout = '';
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await main(args);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return stdout;
}

const rowsOf = (file: string, sheet = 0) =>
  fs.readFile(file).then((bytes) => {
    const read = readXlsx(new Uint8Array(bytes));
    const grid = read.grid(read.sheets[sheet]);
    return grid.values.slice(4 - grid.originRow).map((row) => row.map((v) => (v === undefined ? null : v)));
  });

describe('汇总表 and 复核底稿', () => {
  let folder: string;
  let doc: {
    files: Array<{
      path: string;
      error: string | null;
      forms: Array<{
        kind: string;
        status: string;
        total?: { computed: number | null };
        findings: Array<{ rule: string }>;
      }>;
    }>;
    summaryWorkbook: string;
    reviewWorkbook: string;
  };

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-desk-'));
    const inbox = path.join(folder, 'inbox');
    await fs.mkdir(inbox);
    // Twenty files as a reviewer receives them: forms of every layout and writer, old formats, a workbook
    // with no form in it, and files that cannot be read at all.
    const received = [
      'shared/seed000-2020-errors.xlsx',
      'shared/seed000-2020.xlsx',
      'shared/seed002-2024.xlsx',
      'shared/seed002-2024-unmerged.xlsx',
      'shapes/anhui-two-row.xlsx',
      'shapes/anhui-two-row-libreoffice.xlsx',
      'shapes/department.xlsx',
      'shapes/hebei-split-header.xlsx',
      'shapes/hubei-header-total.xlsx',
      'shapes/hunan-targets.xlsx',
      'shapes/sichuan-wide.xlsx',
      'shapes/not-forms.xlsx',
      'formats/hubei-header-total.xls',
      'formats/seed002-2024.et',
      'formats/anhui-two-row.ods',
      'formats/department.ods',
      'writers/openpyxl-chart-comments.xlsx',
    ];
    for (const file of received) await fs.copyFile(path.join(FIXTURES, file), path.join(inbox, path.basename(file)));
    const whole = await fs.readFile(path.join(FIXTURES, 'shared/seed002-2024.xlsx'));
    await fs.writeFile(path.join(inbox, '截断的.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    await fs.writeFile(path.join(inbox, '空的.xlsx'), '');
    doc = JSON.parse(await runCli(['--json', '--out', path.join(folder, 'out'), inbox]));
  });

  it('汇总表 has one row per form and per unreadable file, with the engine’s totals and a status', async () => {
    const rows = await rowsOf(doc.summaryWorkbook);
    const expected = doc.files.flatMap((f) =>
      f.error
        ? [[path.basename(f.path), '无法读取']]
        : f.forms.map((form) => [path.basename(f.path), form.total?.computed ?? null]),
    );
    expect(
      rows.map((r) => [r[0], r[15] && String(r[15]).startsWith('无法读取') ? '无法读取' : (r[8] ?? null)]),
    ).toEqual(expected);
    const statuses = rows.map((r) => r[15]);
    expect(statuses).toContain('需修改');
    expect(statuses).toContain('通过');
    // Issue #34: the status is the JSON's, form by form, and no form with a score warning passes.
    const jsonStatuses = doc.files.flatMap((f) => (f.error ? [] : f.forms.map((form) => form.status)));
    expect(
      rows.filter((r) => !String(r[15]).startsWith('无法读取')).map((r) => String(r[15]).replace(/：.*/, '')),
    ).toEqual(jsonStatuses);
    for (const file of doc.files)
      for (const form of file.error ? [] : file.forms) {
        const scoreWarning = form.findings.some((f) =>
          ['target-missed-full-score', 'qualitative-band-mismatch', 'quantitative-score-mismatch'].includes(f.rule),
        );
        if (scoreWarning) expect(form.status).not.toBe('通过');
      }
    // not-forms.xlsx: a 汇总 of results and a staff appraisal, no form read in either: 未识别, never left out.
    const unrecognised = rows.filter((r) => String(r[15]).startsWith('未识别：'));
    expect(unrecognised.map((r) => [r[0], r[1]])).toEqual([
      ['not-forms.xlsx', '汇总'],
      ['not-forms.xlsx', '考核'],
    ]);
    const byRule = await rowsOf(doc.summaryWorkbook, 1);
    const total = doc.files.reduce((n, f) => n + f.forms.reduce((m, form) => m + form.findings.length, 0), 0);
    expect(byRule.reduce((n, r) => n + Number(r[2]), 0)).toBe(total);
    // The rule in words for the reviewer who signs it; ids are for the JSON only.
    expect(byRule.every((r) => /^[\u4e00-\u9fa5]/.test(String(r[0])))).toBe(true);
  });

  it('复核底稿 has every indicator of every scored form, with the profile’s 复核得分', async () => {
    const rows = await rowsOf(doc.reviewWorkbook);
    const expected: Array<[string | null, number | null, number | null]> = [];
    for (const file of doc.files.filter((f) => !f.error)) {
      const host = await openWorkbookFile(file.path);
      for (const result of checkWorkbook(await host.readSheets('all'), BUILT_IN_PROFILES.national)) {
        // A sheet no form was read in has one row, so that the 复核底稿 shows it was not reviewed.
        if (result.kind === 'unrecognised') expected.push([null, null, null]);
        if (!isScored(result)) continue;
        for (const i of result.indicators) expected.push([i.name, i.row, reviewScore(i, BUILT_IN_PROFILES.national)]);
      }
    }
    expect(rows.map((r) => [r[6] ?? null, r[3] ?? null, r[13] ?? null])).toEqual(expected);
    expect(rows.filter((r) => String(r[15] ?? '').startsWith('【未识别】'))).toHaveLength(2);
  });

  it('print one page wide in landscape with the header row on every page', async () => {
    for (const file of [doc.summaryWorkbook, doc.reviewWorkbook]) {
      const parts = unzipSync(new Uint8Array(await fs.readFile(file)));
      const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']);
      expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
      expect(sheet).toContain('state="frozen"');
      expect(sheet).toContain('<autoFilter');
      expect(strFromU8(parts['xl/workbook.xml'])).toContain('_xlnm.Print_Titles');
      // Every row carries the height its wrapped texts need: office suites do not grow rows on opening.
      expect(sheet.match(/<row r="\d+"(?! ht=)/g) ?? []).toEqual(['<row r="1"']);
      // 10 pt at least, and the columns fit landscape A4 at full size (about 130 character widths).
      expect([...strFromU8(parts['xl/styles.xml']).matchAll(/<sz val="(\d+)"/g)].every((m) => Number(m[1]) >= 10)).toBe(
        true,
      );
      const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      expect(widths).toBeLessThanOrEqual(132);
    }
  });

  it('prints with readable type when rendered (LibreOffice to PDF): landscape A4, no word under 9 pt', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'print-'));
    const nine = await wordHeightAt(9, out);
    for (const file of [doc.summaryWorkbook, doc.reviewWorkbook]) {
      const pages = printWorkbook(file, out);
      for (const page of pages) expect(page.width).toBeGreaterThan(page.height);
      const words = pages.flatMap((page) => page.words.map((w) => w.yMax - w.yMin));
      expect(words.length).toBeGreaterThan(50);
      expect(Math.min(...words)).toBeGreaterThanOrEqual(nine - 0.05);
    }
  }, 120000);

  it('the 审核意见 sheet of a copy prints landscape at 9 pt or more, its wrapped texts never overprinted', async () => {
    const copy = doc.files.find((f) => path.basename(f.path) === 'seed000-2020-errors.xlsx') as { output?: string };
    expect(copy.output).toBeDefined();
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'print-review-'));
    const nine = await wordHeightAt(9, out);
    const review = printWorkbook(copy.output!, out).filter((page) => page.words.some((w) => w.text === '序号'));
    expect(review.length).toBeGreaterThan(0);
    for (const page of review) {
      expect(page.width).toBeGreaterThan(page.height);
      expect(Math.min(...page.words.map((w) => w.yMax - w.yMin))).toBeGreaterThanOrEqual(nine - 0.05);
      expect(overprinted(page)).toEqual([]);
      // One page wide: the last column's heading is on the page with the first.
      expect(page.words.some((w) => w.text === '项目')).toBe(true);
    }
  }, 120000);
});

describe('text that a spreadsheet or a terminal could act on', () => {
  const form = (project: string) =>
    sheetGrid('表', [{ rows: buildForm(seed2024Form({ project, total: [100, 1] })).rows, top: 1, left: 1 }]);

  it('问题清单.csv never starts a field with = + - @ or a tab: a formula there stays text', () => {
    const results = checkWorkbook([form('=HYPERLINK("http://x.invalid","点我")')], BUILT_IN_PROFILES.national);
    const csv = findingsCsv([{ path: '@evil.xlsx', error: null, results }]);
    const fields = csv
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((f) => f.replace(/^"|"$/g, '')));
    expect(fields.length).toBeGreaterThan(8);
    for (const field of fields) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`'=HYPERLINK(""http://x.invalid"",""点我"")`);
    expect(csv).toContain("'@evil.xlsx");
  });

  it('drops control characters (escape sequences) from what goes to a terminal, keeping lines', () => {
    expect(terminalSafe('项目\u001b[8m隐藏\u0007\r\n下一行\t制表')).toBe('项目[8m隐藏\n下一行\t制表');
  });
});
