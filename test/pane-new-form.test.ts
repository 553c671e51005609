/**
 * @jest-environment jsdom
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
import type { FormResult } from '../src/core/check/form-result';

/** What a form nobody has filled in yet rightly says of each row: no 实际完成值, no 得分 (issue #32). */
const UNFILLED: string[] = ['actual-missing', 'score-invalid'];

// jsdom has no TextDecoder; reading the declaration fixture (exceljs) and the engine need none, the zip reader does.
Object.assign(globalThis, { TextDecoder, TextEncoder });

const DECLARATION = path.join(__dirname, 'fixtures', 'declarations', 'seed001-2025-declarations.xlsx');

/** 新建自评表, 建议得分 and 插入空白自评表 in the pane, on the Excel fake (current and 1.1) and the WPS fake. */
describe.each([
  ['Excel 1.18', 18],
  ['Excel 1.1', 1],
  ['WPS', 0],
] as const)('新建自评表 in the pane on %s', (_name, minor) => {
  async function desk() {
    const { excelFakeFromXlsx, etFakeFromXlsx } = await import('./helpers/saved-workbook');
    const { ExcelHost } = await import('../src/hosts/excel/excel-host');
    const { WpsHost } = await import('../src/hosts/wps/wps-host');
    const { mount } = await import('./helpers/pane');
    const bytes = new Uint8Array(fs.readFileSync(DECLARATION));
    if (minor > 0) {
      const fake = await excelFakeFromXlsx(bytes, minor);
      const pane = mount(new ExcelHost(fake.api(), fake.supports));
      const type = (sheet: string, cell: string, value: string | number) =>
        void fake.sheet(sheet)!.cells.set(cell, { value, formula: null, numberFormat: 'General', fill: null });
      return {
        pane,
        type,
        sheets: () => fake.sheets.map((s) => s.name),
        syncs: () => fake.syncs,
        resetSyncs: () => (fake.syncs = 0),
      };
    }
    const fake = await etFakeFromXlsx(bytes);
    const pane = mount(new WpsHost(fake.application()));
    const type = (sheet: string, cell: string, value: string | number) =>
      void fake
        .sheet(sheet)!
        .cells.set(cell, { value, formula: null, numberFormat: 'General', fill: null, comment: null });
    return { pane, type, sheets: () => fake.sheets.map((s) => s.name), syncs: () => 0, resetSyncs: () => 0 };
  }

  it('before any check, reads the workbook for its 申报表 first and adds their sheets, shown in the results at once', async () => {
    const { pane, sheets } = await desk();
    const before = sheets();
    await pane.click('new-from-declaration');
    const added = sheets().filter((n) => !before.includes(n));
    expect(added.length).toBeGreaterThan(0);
    expect(pane.controller.state.message?.text).toMatch(/^已新建工作表/);
    const shown = pane.controller.state.results!.filter((r) => added.includes(r.sheet));
    expect(shown.map((r) => r.kind)).toEqual(added.map(() => 'self-evaluation'));
  });

  it('adds one sheet per 申报表 (two round trips in Excel), checks with only each unfilled row’s actual-missing and empty 得分, and 建议得分 then gives 100 and 优', async () => {
    const { pane, type, sheets, syncs, resetSyncs } = await desk();
    await pane.click('check-all');
    const declarations = pane.controller.state.results!.filter((r) => r.kind === 'target-declaration');
    expect(declarations.length).toBeGreaterThan(0);
    const before = sheets();
    resetSyncs();
    await pane.click('new-from-declaration');
    const added = sheets().filter((n) => !before.includes(n));
    expect(added).toHaveLength(declarations.length);
    // One round trip to read, one to write; the re-check and selecting the sheet after are their own.
    if (minor > 0) expect(syncs()).toBeLessThanOrEqual(2 + 2 + 1);
    await pane.click('check-all');
    const forms = pane.controller.state.results!.filter(
      (r): r is FormResult => r.kind === 'self-evaluation' && added.includes(r.sheet),
    );
    expect(forms).toHaveLength(added.length);
    for (const form of forms)
      expect(form.findings.filter((f) => f.severity === 'error' && !UNFILLED.includes(f.rule))).toEqual([]);

    // The filler types each target as reached and the budget as spent, then asks for 建议得分.
    for (const form of forms) {
      for (const row of form.form.indicators) {
        const target = String(row.target?.value ?? '');
        const quantitative = /^[≥≤<>=＝﹦]*\s*[\d.]+/.test(target);
        type(form.sheet, `F${row.row}`, quantitative ? target.replace(/^[≥≤<>=＝﹦]+/, '') : '达成');
      }
      const budget = form.form.budget!.total!;
      if (typeof budget.budget!.value !== 'number') type(form.sheet, `E${budget.row}`, 100);
      type(form.sheet, `F${budget.row}`, typeof budget.budget!.value === 'number' ? budget.budget!.value : 100);
      type(form.sheet, `H${budget.row}`, 1);
      type(form.sheet, `I${budget.row}`, 10);
    }
    await pane.click('check-all');
    await pane.click('suggest-scores');
    expect(pane.message()).toMatch(/已按.*填写 \d+ 个建议得分/);
    const scored = pane.controller.state.results!.filter(
      (r): r is FormResult => r.kind === 'self-evaluation' && added.includes(r.sheet),
    );
    for (const form of scored) {
      const unscored = form.indicators.filter((i) => i.score === null);
      // A row the engine cannot judge is the filler's to score: full marks here.
      for (const row of unscored) type(form.sheet, `H${row.row}`, row.weight ?? 0);
    }
    await pane.click('check-all');
    for (const form of pane.controller.state.results!.filter(
      (r): r is FormResult => r.kind === 'self-evaluation' && added.includes(r.sheet),
    )) {
      expect(form.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(form.total.computed).toBe(100);
      expect(form.grade.computed).toBe('优');
    }
  });

  it('插入空白自评表 adds a blank national form, and 撤销 removes it again', async () => {
    const { pane, sheets } = await desk();
    const before = sheets();
    await pane.click('insert-blank');
    expect(sheets().filter((n) => !before.includes(n))).toEqual(['自评表']);
    await pane.click('undo');
    expect(sheets()).toEqual(before);
    expect(pane.message()).toContain('删除新建的工作表「自评表」');
  });
});
