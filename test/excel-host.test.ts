import { ExcelHost } from '../src/hosts/excel/excel-host';
import { checkSheets } from './helpers/check';
import { planEdits } from '../src/core/edits/edits';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { describeHostContract } from './contract/host-contract';
import { excelSubject, loadExcel } from './contract/subjects';
import { FakeExcel } from './fakes/excel-fake';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';

// The same contract at each API level the add-in supports differently.
for (const apiMinor of [18, 13, 10, 1]) {
  describeHostContract(`Excel (ExcelApi 1.${apiMinor})`, async (workbook) => excelSubject(apiMinor)(workbook));
}

describe('Excel host round trips', () => {
  function manySheets(count: number): FakeExcel {
    const fake = new FakeExcel(18);
    const form = buildForm(seed2024Form({ total: [100, 95] }));
    const grids = Array.from({ length: count }, (_, i) =>
      sheetGrid(`表${i + 1}`, [
        { rows: form.rows, top: 1, left: 1 },
        { rows: form.rows, top: form.rows.length + 3, left: 1 },
      ]),
    );
    loadExcel(fake, grids);
    return fake;
  }

  it.each([1, 12])(
    'reads %i sheets in two syncs (sheet list, then every used range) and writes in two',
    async (count) => {
      const fake = manySheets(count);
      const host = new ExcelHost(fake.api(), fake.supports);
      const sheets = await host.readSheets('all');
      expect(fake.syncs).toBe(2);
      const results = checkSheets(sheets, BUILT_IN_PROFILES.national);
      expect(results).toHaveLength(count * 2);
      fake.syncs = 0;
      await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true, fill: true }));
      expect(fake.syncs).toBe(2);
      // Marking again reads the saved originals too: one small read of the state sheet more.
      fake.syncs = 0;
      await host.applyEdits(planEdits(results, { mark: true }));
      expect(fake.syncs).toBe(3);
      // Writes that are not marks never need the saved state.
      fake.syncs = 0;
      await host.applyEdits([{ type: 'set-value', sheet: '表1', cell: 'Z1', value: 'x', mode: 'if-empty' }]);
      expect(fake.syncs).toBe(2);
    },
  );

  it.each([
    [1, 'no notes or comments: the messages are only in 审核意见'],
    [12, 'comments'],
    [18, 'notes'],
  ])('after marking with ExcelApi 1.%i (%s), 清除标记 leaves no note behind and reports none', async (minor) => {
    const fake = new FakeExcel(minor);
    loadExcel(fake, [
      sheetGrid('表1', [{ rows: buildForm(seed2024Form({ total: [100, 95] })).rows, top: 1, left: 1 }]),
    ]);
    const host = new ExcelHost(fake.api(), fake.supports);
    const results = checkSheets(await host.readSheets('all'), BUILT_IN_PROFILES.national);
    const report = await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
    expect(report.marked).toBeGreaterThan(0);
    const written = fake.notes.size + fake.comments.size;
    expect(written).toBe(minor >= 10 ? report.marked : 0);
    const cleared = await host.clearMarks();
    expect(cleared.restored).toBe(report.marked);
    // What it wrote it removes; below 1.10 it wrote none, so none are reported left (it used to say one per mark).
    expect(fake.notes.size + fake.comments.size).toBe(0);
    expect(cleared.notesLeft).toBe(0);
  });

  /** A sheet an earlier version marked (A1, yellow before), its state kept in the document settings. */
  function markedByAnEarlierVersion(addedNote: boolean): FakeExcel {
    const fake = manySheets(1);
    fake.sheet('表1')!.cells.set('A1', { ...fake.cell('表1', 'A1')!, fill: '#FFC7CE' });
    const marks = [{ sheet: '表1', cell: 'A1', fill: '"#FFFF00"', addedNote }];
    fake.settings.set('jixiaoMarkState', JSON.stringify({ version: 1, marks, reviewSheet: null }));
    return fake;
  }

  it('carries marks an earlier version kept in document settings over to the state sheet, and clears them', async () => {
    const fake = markedByAnEarlierVersion(true);
    const host = new ExcelHost(fake.api(), fake.supports);
    expect((await host.clearMarks()).restored).toBe(1);
    expect(fake.cell('表1', 'A1')?.fill).toBe('#FFFF00');
    expect(fake.settings.size).toBe(0);
  });

  it('marking again moves marks an earlier version kept in document settings into the state sheet', async () => {
    const fake = markedByAnEarlierVersion(false);
    const host = new ExcelHost(fake.api(), fake.supports);
    const results = checkSheets(await host.readSheets('all'), BUILT_IN_PROFILES.national);
    const marks = planEdits(results, { mark: true }).filter((e) => e.type === 'mark' && e.cell !== 'A1');
    expect(marks.length).toBeGreaterThan(0);
    await host.applyEdits(marks);
    expect(fake.settings.size).toBe(0);
    expect(fake.sheet('_绩效自评助手标记')?.visibility).toBe('VeryHidden');
    // The earlier version's mark and the new ones are cleared alike.
    expect((await host.clearMarks()).restored).toBe(marks.length + 1);
    expect(fake.cell('表1', 'A1')?.fill).toBe('#FFFF00');
  });

  it('reads the active sheet in one sync', async () => {
    const fake = manySheets(5);
    const sheets = await new ExcelHost(fake.api(), fake.supports).readSheets('active');
    expect(sheets.map((s) => s.name)).toEqual(['表1']);
    expect(fake.syncs).toBe(1);
  });

  it('reads in blocks when one response would be too large, with the same result', async () => {
    const fake = manySheets(3);
    const whole = checkSheets(
      await new ExcelHost(fake.api(), fake.supports).readSheets('all'),
      BUILT_IN_PROFILES.national,
    );
    fake.maxCellsPerSync = 300;
    fake.syncs = 0;
    const blocked = checkSheets(
      await new ExcelHost(fake.api(), fake.supports, 300).readSheets('all'),
      BUILT_IN_PROFILES.national,
    );
    expect(blocked.map((r) => [r.sheet, r.range, r.total.computed, r.findings.length])).toEqual(
      whole.map((r) => [r.sheet, r.range, r.total.computed, r.findings.length]),
    );
    // List, the refused attempt, sizes, then blocks of at most 300 cells.
    const cells = fake.sheets.reduce(
      (n, s) => n + 9 * Math.max(...[...s.cells.keys()].map((k) => Number(k.replace(/[A-Z]+/, '')))),
      0,
    );
    expect(fake.syncs).toBeGreaterThanOrEqual(3 + Math.ceil(cells / 300));
    expect(fake.syncs).toBeLessThanOrEqual(3 + Math.ceil(cells / 300) + 3);
  });

  it('reads merged areas only where ExcelApi 1.13 is supported', async () => {
    const grid = sheetGrid(
      '合并',
      [{ rows: buildForm(seed2024Form()).rows, top: 1, left: 1 }],
      [{ top: 1, left: 1, bottom: 1, right: 9 }],
    );
    for (const [minor, expected] of [
      [13, [{ top: 1, left: 1, bottom: 1, right: 9 }]],
      [12, null],
    ] as const) {
      const fake = new FakeExcel(minor);
      loadExcel(fake, [grid]);
      const [sheet] = await new ExcelHost(fake.api(), fake.supports).readSheets('all');
      expect(sheet.merges).toEqual(expected);
    }
  });

  it('writes messages as notes (1.18), threaded comments (1.10), or only in the 审核意见 sheet (1.1)', async () => {
    for (const [minor, where] of [
      [18, 'notes'],
      [10, 'comments'],
      [1, 'none'],
    ] as const) {
      const fake = manySheets(1);
      (fake as { apiMinor: number }).apiMinor = minor;
      const host = new ExcelHost(fake.api(), fake.supports);
      const results = checkSheets(await host.readSheets('all'), BUILT_IN_PROFILES.national);
      await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
      const cell = `表1!${results[0].total.cell}`;
      expect([fake.notes.has(cell), fake.comments.has(cell)]).toEqual([where === 'notes', where === 'comments']);
      expect(fake.sheet('审核意见')).toBeDefined();
      // At every API level the originals live in the very hidden sheet every host uses.
      expect(fake.sheet('_绩效自评助手标记')?.visibility).toBe('VeryHidden');
      expect(fake.settings.size).toBe(0);
    }
  });
});

describe('Excel selection events', () => {
  it('from ExcelApi 1.9, reports the first cell of what the user selects', async () => {
    const fake = new FakeExcel(9);
    fake.addSheet('表一');
    const seen: Array<[string, string]> = [];
    expect(
      await new ExcelHost(fake.api(), fake.supports).watchSelection((sheet, cell) => seen.push([sheet, cell])),
    ).toBe(true);
    await fake.userSelects('表一', 'E19:G19');
    expect(seen).toEqual([['表一', 'E19']]);
    expect(await new ExcelHost(new FakeExcel(8).api(), new FakeExcel(8).supports).watchSelection(() => undefined)).toBe(
      false,
    );
  });
});

describe('Excel change events', () => {
  it('from ExcelApi 1.9, reports the user’s changes and not this add-in’s own; below 1.7 says it cannot tell', async () => {
    const fake = new FakeExcel(14);
    fake.addSheet('表一');
    let changes = 0;
    expect(await new ExcelHost(fake.api(), fake.supports).watchChanges(() => changes++)).toBe(true);
    await fake.someoneChanges('表一');
    await fake.someoneChanges('表一', 'ThisLocalAddin');
    expect(changes).toBe(1);
    const old = new FakeExcel(6);
    expect(await new ExcelHost(old.api(), old.supports).watchChanges(() => changes++)).toBe(false);
  });
});

describe('Excel host and a stray value far away', () => {
  it('refuses a used area of billions of cells by its size, before reading a block of it', async () => {
    const fake = new FakeExcel(18);
    fake.maxCellsPerSync = 1_000_000;
    const sheet = fake.addSheet('自评表');
    for (const address of ['A1', 'XFD1048576'])
      sheet.cells.set(address, { value: '项目支出绩效自评表', formula: null, numberFormat: 'General', fill: null });
    const host = new ExcelHost(fake.api(), fake.supports);
    await expect(host.readSheets('all')).rejects.toThrow(
      /^工作表「自评表」已用区域过大（A1:XFD1048576，约 17180 百万个单元格/,
    );
    expect(fake.syncs).toBeLessThanOrEqual(3);
  });
});
