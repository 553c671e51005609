import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { planEdits } from '../src/core/edits/edits';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { builtInTemplates, reasonEdits } from '../src/core/edits/templates';
import { checkWorkbook } from '../src/core/check/workbook';
import { FileHost } from '../src/hosts/file/file-host';
import { notesOf } from '../src/xlsx/notes-xml';

/**
 * An annotated copy keeps every part of the user's workbook (DOMAIN and issue #12): the workbook here has a
 * chart, an image, data validation, conditional formatting, a print area, fit-to-width, workbook- and
 * sheet-level names, custom properties, sheet and workbook protection, unlocked cells and the user's own
 * comments, and cells that share one style with the cells the tool fills (test/fixtures/writers/make-everything.py).
 */
const ORIGINAL = path.join(__dirname, 'fixtures', 'writers', 'openpyxl-everything.xlsx');
const FORM_SHEET = 'xl/worksheets/sheet1.xml';
/** The parts a copy may rewrite; every other part must keep its bytes. */
const MAY_CHANGE = [
  FORM_SHEET,
  'xl/styles.xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  '[Content_Types].xml',
  'xl/worksheets/_rels/sheet1.xml.rels',
  'xl/comments/comment1.xml',
];

const national = BUILT_IN_PROFILES.national;
const text = (parts: Record<string, Uint8Array>, name: string) => strFromU8(parts[name]);
const cellsOf = (sheetXml: string) =>
  new Map((sheetXml.match(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g) ?? []).map((c) => [/\br="([A-Z]+\d+)"/.exec(c)![1], c]));
const outsideCells = (sheetXml: string) => sheetXml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '');

async function annotated(plan: {
  fill: boolean;
  reasons: boolean;
}): Promise<{ copy: Uint8Array; changedCells: Set<string> }> {
  const host = await FileHost.load(new Uint8Array(fs.readFileSync(ORIGINAL)), 'everything.xlsx');
  const results = checkWorkbook(await host.readSheets('all'), national);
  const reasons = plan.reasons ? reasonEdits(results, builtInTemplates()) : [];
  const edits = [...reasons, ...planEdits(results, { mark: true, reviewSheet: true, fill: plan.fill })];
  await host.applyEdits(edits);
  const changedCells = new Set(edits.flatMap((e) => ('cell' in e ? [e.cell] : [])));
  return { copy: await host.toBuffer(), changedCells };
}

describe('an annotated copy of a workbook with everything in it', () => {
  const original = unzipSync(new Uint8Array(fs.readFileSync(ORIGINAL)));
  let copy: Record<string, Uint8Array>;
  let copyBytes: Uint8Array;
  let changedCells: Set<string>;

  beforeAll(async () => {
    ({ copy: copyBytes, changedCells } = await annotated({ fill: true, reasons: true }));
    copy = unzipSync(copyBytes);
  });

  it('keeps every part, and every part it had no reason to touch byte for byte', () => {
    for (const name of Object.keys(original)) {
      expect(copy[name]).toBeDefined();
      if (!MAY_CHANGE.includes(name))
        expect([name, Buffer.from(copy[name]).equals(Buffer.from(original[name]))]).toEqual([name, true]);
    }
    // The chart, the image, the drawing and the custom properties among them.
    for (const name of [
      'xl/charts/chart1.xml',
      'xl/media/image1.png',
      'xl/drawings/drawing1.xml',
      'docProps/custom.xml',
      'xl/drawings/commentsDrawing1.vml',
    ])
      expect(copy[name]).toEqual(original[name]);
  });

  it('changes only the cells it marks or fills; protection, validation, formats and print setup stay', () => {
    const before = text(original, FORM_SHEET);
    const after = text(copy, FORM_SHEET);
    expect(outsideCells(after).replace(/<legacyDrawing\b[^>]*\/>/g, '')).toBe(
      outsideCells(before).replace(/<legacyDrawing\b[^>]*\/>/g, ''),
    );
    for (const fragment of [
      '<sheetProtection',
      '<dataValidations',
      '<conditionalFormatting',
      '<pageSetup',
      'fitToPage="1"',
      '<drawing ',
    ]) {
      expect(after).toContain(
        before.slice(before.indexOf(fragment), before.indexOf('>', before.indexOf(fragment)) + 1),
      );
    }
    const cellsBefore = cellsOf(before);
    const cellsAfter = cellsOf(after);
    expect(changedCells.size).toBeGreaterThan(3);
    for (const [ref, xml] of cellsBefore)
      if (!changedCells.has(ref)) expect([ref, cellsAfter.get(ref)]).toEqual([ref, xml]);
  });

  it('fills 总分 without touching the style it shares with the scores, and keeps the names and the workbook protection', async () => {
    const after = text(copy, FORM_SHEET);
    const styleOf = (xml: string, ref: string) => /\bs="(\d+)"/.exec(cellsOf(xml).get(ref) ?? '')?.[1];
    const before = text(original, FORM_SHEET);
    // H10 shares its style with the empty 总分 H14: filling (and marking) H14 gives it a style of its own.
    expect(styleOf(after, 'H10')).toBe(styleOf(before, 'H10'));
    expect(styleOf(after, 'H14')).not.toBe(styleOf(before, 'H14'));
    expect(cellsOf(after).get('H14')).toContain('<v>96.45</v>');
    const [sheet] = await (await FileHost.load(copyBytes, 'copy.xlsx')).readSheets('all');
    expect(sheet.numberFormats?.[13]?.[7]).toBe('0.00');
    const workbook = text(copy, 'xl/workbook.xml');
    const originalWorkbook = text(original, 'xl/workbook.xml');
    expect(workbook).toContain(/<workbookProtection\b[^>]*\/>/.exec(originalWorkbook)![0]);
    // Every name of the user's (sheet-level ones with their sheet) stays as it was; the 审核意见 sheet adds its print titles.
    const names = originalWorkbook.match(/<definedName\b[\s\S]*?<\/definedName>/g)!;
    expect(names.length).toBe(3);
    for (const name of names) expect(workbook).toContain(name);
    expect(workbook).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="2">'审核意见'!\$1:\$1<\/definedName>/,
    );
  });

  it("keeps the user's comments with their authors, and adds its own beside them", () => {
    const notes = notesOf(text(copy, 'xl/comments/comment1.xml'));
    expect(notes.get('D10')).toEqual({ text: '数量按服务台账统计', author: '张会计' });
    expect(notes.get('H12')).toEqual({ text: '得分待复核', author: '李审核' });
    expect([...notes.values()].filter((n) => n.author === '绩效自评助手').length).toBeGreaterThan(0);
  });

  it('re-checks to the same findings as the original when only marked', async () => {
    const { copy: marked } = await annotated({ fill: false, reasons: false });
    const summary = async (bytes: Uint8Array) =>
      checkWorkbook(await (await FileHost.load(bytes, 'x.xlsx')).readSheets('all'), national).map((r) => [
        r.range,
        r.findings.map((f) => `${f.rule}@${f.cell}`),
      ]);
    expect(await summary(marked)).toEqual(await summary(new Uint8Array(fs.readFileSync(ORIGINAL))));
  });

  it('is cleared back to the original look and notes by 清除标记 after reopening', async () => {
    const host = await FileHost.load(copyBytes, 'copy.xlsx');
    expect((await host.clearMarks()).restored).toBeGreaterThan(0);
    const cleared = unzipSync(await host.toBuffer());
    const clearedSheet = text(cleared, FORM_SHEET);
    const before = cellsOf(text(original, FORM_SHEET));
    for (const [ref, xml] of cellsOf(clearedSheet)) {
      const style = (x: string | undefined) => /\bs="(\d+)"/.exec(x ?? '')?.[1];
      if (before.has(ref)) expect([ref, style(xml)]).toEqual([ref, style(before.get(ref))]);
    }
    expect([...notesOf(text(cleared, 'xl/comments/comment1.xml')).values()].map((n) => n.author).sort()).toEqual([
      '张会计',
      '李审核',
    ]);
    expect(
      Object.keys(cleared)
        .filter((n) => /worksheets\/sheet\d+\.xml$/.test(n))
        .sort(),
    ).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
  });

  const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
  // LibreOffice is installed by .ci/run; a machine without it skips this one check.
  (soffice ? it : it.skip)(
    'opens in LibreOffice, and the shared compare-copy tool finds nothing dropped',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-copy-'));
      const file = path.join(dir, 'everything-审核.xlsx');
      fs.writeFileSync(file, copyBytes);
      // CSV in UTF-8 (filter options 44,34,76: comma, quote, UTF-8).
      execFileSync(
        soffice,
        ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file],
        { stdio: 'ignore', timeout: 120000 },
      );
      expect(fs.readFileSync(path.join(dir, 'everything-审核.csv'), 'utf8')).toContain('社区养老服务');
      const tool = path.join(__dirname, '..', '..', 'shared', 'tools', 'compare-copy.py');
      const python = spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
      if (fs.existsSync(tool) && python) {
        const result = spawnSync('/usr/bin/python3', [tool, ORIGINAL, file], { encoding: 'utf8' });
        expect(result.stdout).toContain(': 0 problems');
      }
    },
    180000,
  );
});

/**
 * Relationship Ids are data from the file (issue #37): one that reads as a catastrophic regular expression, or as
 * a broken one, is compared as text when the copy writer retargets or removes a relationship.
 */
describe('a copy of a workbook whose relationship Ids look like patterns', () => {
  const HOSTILE = ['(.*)*(.*)*(.*)*Q', 'rId1(', '$&$1'];

  it.each(HOSTILE)('is marked and cleared with the comments relationship Id %s', async (id) => {
    const parts = unzipSync(new Uint8Array(fs.readFileSync(ORIGINAL)));
    const rels = 'xl/worksheets/_rels/sheet1.xml.rels';
    const escaped = id.replace(/&/g, '&amp;');
    for (const [name, old] of [
      [rels, 'Id="comments"'],
      [rels, 'Id="anysvml"'],
      [FORM_SHEET, 'r:id="anysvml"'],
    ] as const) {
      const replacement = old.startsWith('r:id')
        ? `r:id="${escaped}v"`
        : old === 'Id="anysvml"'
          ? `Id="${escaped}v"`
          : `Id="${escaped}"`;
      parts[name] = strToU8(strFromU8(parts[name]).replace(old, () => replacement));
    }
    const host = await FileHost.load(zipSync(parts), 'hostile-ids.xlsx');
    const results = checkWorkbook(await host.readSheets('all'), national);
    await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
    const marked = await host.toBuffer();
    const again = await FileHost.load(marked, 'marked.xlsx');
    expect((await again.clearMarks()).restored).toBeGreaterThan(0);
    const cleared = unzipSync(await again.toBuffer());
    const clearedRels = strFromU8(cleared[rels]);
    // The user's own comments stay, under their own relationship, whatever its Id says.
    expect(clearedRels).toContain(`Id="${escaped}"`);
    expect(notesOf(text(cleared, 'xl/comments/comment1.xml')).get('D10')?.author).toBe('张会计');
  });
});

/**
 * Parts left damaged by the ten thousand (issue #37): tags the copy writer looks for, opened and never closed.
 * Each is read, marked and written in linear time — a copy, or a Chinese error — never minutes.
 */
describe('a copy of a workbook with damaged parts, written in linear time', () => {
  const COUNT = 40_000;
  const damage: Record<string, [part: string, before: string, repeated: string]> = {
    rows: [FORM_SHEET, '</sheetData>', '<row r="900"><c r="A900"><v>1</v></c>'],
    cells: [FORM_SHEET, '</sheetData>', '<c r="B901"><v>1</v>'],
    fills: ['xl/styles.xml', '</fills>', '<fill><patternFill patternType="solid">'],
    formats: ['xl/styles.xml', '</cellXfs>', '<xf numFmtId="0" '],
    fonts: ['xl/styles.xml', '</fonts>', '<font><sz val="11"/>'],
    comments: ['xl/comments/comment1.xml', '</commentList>', '<comment ref="Z1" authorId="0"><text><t>x'],
    'note boxes': ['xl/drawings/commentsDrawing1.vml', '</xml>', '<v:shape id="_x0000_s9" type="#_x0000_t202">'],
    'sheet views': [FORM_SHEET, '</sheetViews>', '<sheetView workbookViewId="0">'],
    'merged cells': [FORM_SHEET, '</worksheet>', '<mergeCell ref="A1:B1" '],
    'sheet entries': ['xl/workbook.xml', '</sheets>', '<sheet name="x" '],
    names: ['xl/workbook.xml', '</definedNames>', '<definedName name="x" localSheetId="0">A1'],
  };

  it.each(Object.keys(damage))('%s left open: read, marked, written and cleared within seconds', async (kind) => {
    const [part, before, repeated] = damage[kind];
    const parts = unzipSync(new Uint8Array(fs.readFileSync(ORIGINAL)));
    const body = (kind === 'cells' ? '<row r="901">' : '') + repeated.repeat(COUNT);
    parts[part] = strToU8(strFromU8(parts[part]).replace(before, () => body + before));
    const started = Date.now();
    const outcome = await FileHost.load(zipSync(parts), 'damaged.xlsx').then(
      async (host) => {
        const results = checkWorkbook(await host.readSheets('all'), national);
        await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
        // And cleared again: the review sheet removed, its names renumbered, the notes taken back.
        const marked = await FileHost.load(await host.toBuffer(), 'marked.xlsx');
        await marked.clearMarks();
        return marked.toBuffer();
      },
      (error: Error) => error,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    if (outcome instanceof Error) expect(outcome.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a copy of a workbook whose comments part is damaged', () => {
  it.each(['', '<comments>', 'not xml at all', '<comments><commentList><comment ref="D10"'])(
    'gives a Chinese reason, never an English one (%j)',
    async (comments) => {
      const parts = unzipSync(new Uint8Array(fs.readFileSync(ORIGINAL)));
      parts['xl/comments/comment1.xml'] = strToU8(comments);
      const outcome = await FileHost.load(zipSync(parts), 'damaged.xlsx')
        .then(async (host) => {
          const results = checkWorkbook(await host.readSheets('all'), national);
          await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
          return host.toBuffer();
        })
        .catch((error: Error) => error);
      if (outcome instanceof Error) expect(outcome.message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
      else expect(unzipSync(outcome)['xl/worksheets/sheet1.xml']).toBeDefined();
    },
  );
});
