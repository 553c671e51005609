/**
 * @jest-environment jsdom
 */
import { mount } from './helpers/pane';
import { ExcelHost } from '../src/hosts/excel/excel-host';
import { WpsHost } from '../src/hosts/wps/wps-host';
import type { SpreadsheetHost } from '../src/hosts/host';
import type { CellValue, SheetGrid } from '../src/core/sheet/grid';
import type { FormResult } from '../src/core/check/form-result';
import { FakeExcel } from './fakes/excel-fake';
import { FakeEt } from './fakes/et-fake';
import { contractWorkbook } from './contract/host-contract';
import { buildForm, forEachGridCell, seed2024Form, sheetGrid } from './helpers/form-builder';

/**
 * The pane never loses what the user wrote and never writes results gone stale (issue: 撤销 erased a
 * filler's text; 填写总分 wrote a total from scores changed since the check). Run on the Excel fake
 * (current and ExcelApi 1.1) and the WPS fake.
 */
interface Desk {
  host: SpreadsheetHost;
  value(sheet: string, cell: string): CellValue;
  fill(sheet: string, cell: string): string | null;
  type(sheet: string, cell: string, value: CellValue): void;
}

function excelDesk(grids: SheetGrid[], minor: number): Desk {
  const fake = new FakeExcel(minor);
  for (const grid of grids) {
    const sheet = fake.addSheet(grid.name);
    forEachGridCell(grid, (address, value, formula, numberFormat) =>
      sheet.cells.set(address, { value, formula, numberFormat, fill: null }),
    );
  }
  fake.active = grids[0].name;
  return {
    host: new ExcelHost(fake.api(), fake.supports),
    value: (sheet, cell) => fake.cell(sheet, cell)?.value ?? null,
    fill: (sheet, cell) => fake.cell(sheet, cell)?.fill ?? null,
    type: (sheet, cell, value) =>
      void fake.sheet(sheet)!.cells.set(cell, {
        ...(fake.cell(sheet, cell) ?? { numberFormat: 'General', fill: null }),
        value,
        formula: null,
      }),
  };
}

function wpsDesk(grids: SheetGrid[]): Desk {
  const fake = new FakeEt();
  for (const grid of grids) {
    const sheet = fake.addSheet(grid.name);
    forEachGridCell(grid, (address, value, formula, numberFormat) =>
      sheet.cells.set(address, { value, formula, numberFormat, fill: null, comment: null }),
    );
  }
  fake.active = grids[0].name;
  return {
    host: new WpsHost(fake.application()),
    value: (sheet, cell) => fake.cell(sheet, cell)?.value ?? null,
    fill: (sheet, cell) =>
      (fake.cell(sheet, cell)?.fill ?? null) === null ? null : String(fake.cell(sheet, cell)!.fill),
    type: (sheet, cell, value) =>
      void fake.sheet(sheet)!.cells.set(cell, {
        ...(fake.cell(sheet, cell) ?? { numberFormat: 'General', fill: null, comment: null }),
        value,
        formula: null,
      }),
  };
}

/** 表一: the contract's form with a reason in J18 (满意度 row), at B2. */
const REASON_CELL = 'J18';
const desks: Array<[string, () => Desk]> = [
  ['Excel 1.18', () => excelDesk(contractWorkbook().sheets.slice(1, 2), 18)],
  ['Excel 1.1', () => excelDesk(contractWorkbook().sheets.slice(1, 2), 1)],
  ['WPS', () => wpsDesk(contractWorkbook().sheets.slice(1, 2))],
];

describe.each(desks)('the pane on %s', (_name, open) => {
  async function openReasonRow(desk: Desk) {
    const pane = mount(desk.host);
    await pane.click('check-all');
    const row = [...pane.root.querySelectorAll('.group.deducted .finding')].find((b) =>
      b.textContent!.includes('原因：'),
    ) as HTMLButtonElement;
    row.focus();
    row.click();
    await pane.idle();
    return pane;
  }

  it('替换 shows the text it will replace and asks; 撤销 then restores the filler’s text exactly', async () => {
    const desk = open();
    const original = desk.value('表一', REASON_CELL);
    expect(original).toMatch(/长效管理机制/);
    const pane = await openReasonRow(desk);
    await pane.click('replace-reason');
    // Nothing is written before the user says yes; the current text is on screen.
    expect(desk.value('表一', REASON_CELL)).toBe(original);
    expect(pane.root.querySelector('.confirm')!.textContent).toContain(String(original));
    expect(document.activeElement?.id).toBe('confirm-replace');
    await pane.click('confirm-replace');
    expect(desk.value('表一', REASON_CELL)).toBe(pane.controller.state.history[0].changes[0].after);
    expect(pane.root.querySelector('#undo')!.textContent).toContain(REASON_CELL);
    await pane.click('undo');
    expect(desk.value('表一', REASON_CELL)).toBe(original);
    expect(pane.message()).toMatch(/已撤销.*恢复 1 处/);
    expect(
      pane.controller.state
        .results!.flatMap((r) => r.findings)
        .some((f) => f.rule === 'reason-missing' && f.cell === REASON_CELL),
    ).toBe(false);
  });

  it('追加 then 撤销 takes the addition away again', async () => {
    const desk = open();
    const original = desk.value('表一', REASON_CELL);
    const pane = await openReasonRow(desk);
    await pane.click('append-reason');
    expect(String(desk.value('表一', REASON_CELL))).toContain(`${original}\n`);
    await pane.click('undo');
    expect(desk.value('表一', REASON_CELL)).toBe(original);
  });

  it('撤销 goes back through the session, and leaves alone (naming it) a cell the user changed since', async () => {
    const desk = open();
    const pane = mount(desk.host);
    await pane.click('check-all');
    await pane.click('fill-reasons');
    const filled = pane.controller.state.history[0].changes.map((c) => c.cell);
    expect(filled.length).toBeGreaterThan(0);
    const [first] = filled;
    desk.type('表一', first, '我自己改过的原因');
    await pane.click('undo');
    expect(desk.value('表一', first)).toBe('我自己改过的原因');
    expect(pane.message()).toContain(`${first} 在填写后已被修改，保留未动`);
    expect(pane.controller.state.history).toEqual([]);
  });

  it('标记问题 after the user fixed a cell re-checks instead of marking it, and says so', async () => {
    const desk = open();
    const pane = mount(desk.host);
    await pane.click('check-all');
    const over = pane.controller.state.results![0].findings.find((f) => f.rule === 'score-exceeds-weight')!;
    expect(over).toBeDefined();
    desk.type('表一', over.cell, 10);
    pane.controller.sheetChanged();
    await pane.idle();
    expect(pane.root.querySelector('#freshness')!.textContent).toContain('可能已过时');
    await pane.click('mark');
    expect(pane.message()).toContain('已按现在的内容重新检查，未写入任何内容');
    expect(desk.fill('表一', over.cell)).toBeNull();
    expect(pane.controller.state.stale).toBe(false);
    await pane.click('mark');
    expect(pane.message()).toMatch(/已标记 \d+ 个单元格/);
    expect(desk.fill('表一', over.cell)).toBeNull();
  });
});

describe.each([
  ['Excel 1.18', (grids: SheetGrid[]) => excelDesk(grids, 18)],
  ['Excel 1.1', (grids: SheetGrid[]) => excelDesk(grids, 1)],
  ['WPS', (grids: SheetGrid[]) => wpsDesk(grids)],
] as const)('填写总分与等级 on %s', (_name, open) => {
  it('after a score changed since the check, re-checks and then writes the right total', async () => {
    const form = buildForm(seed2024Form({ total: [100, null], grade: null }));
    const desk = open([sheetGrid('表一', [{ rows: form.rows, top: 1, left: 1 }])]);
    const pane = mount(desk.host);
    await pane.click('check-all');
    const result = pane.controller.state.results![0] as FormResult;
    expect(result.total.computed).toBe(93);
    const firstScore = result.kind === 'self-evaluation' ? result.indicators[0] : null;
    const scoreCell = `H${firstScore!.row}`;
    expect(desk.value('表一', scoreCell)).toBe(10);
    desk.type('表一', scoreCell, 5);
    await pane.click('fill');
    expect(desk.value('表一', result.total.cell!)).toBeNull();
    expect(pane.message()).toContain('重新检查');
    await pane.click('fill');
    expect(desk.value('表一', result.total.cell!)).toBe(88);
    // And the fill is undone exactly: the cells are empty again.
    await pane.click('undo');
    expect(desk.value('表一', result.total.cell!)).toBeNull();
  });
});

describe('focus and the keyboard', () => {
  it('a finding opens the 偏差原因 panel with the focus in it; Escape closes it and gives the focus back', async () => {
    const desk = excelDesk(contractWorkbook().sheets.slice(1, 2), 18);
    const pane = mount(desk.host);
    await pane.click('check-all');
    const finding = [...pane.root.querySelectorAll('.group.error .finding')].find((b) =>
      b.textContent!.includes('须填写偏差原因'),
    ) as HTMLButtonElement;
    finding.focus();
    finding.click();
    await pane.idle();
    expect(document.activeElement?.closest('#draft')).not.toBeNull();
    expect((document.activeElement as HTMLInputElement).type).toBe('radio');
    // Choosing another suggestion (the arrow keys do this) re-renders; the focus stays on the choice.
    const next = pane.root.querySelector('#suggestion-1') as HTMLInputElement;
    next.focus();
    next.click();
    expect(document.activeElement?.id).toBe('suggestion-1');
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(pane.controller.state.draft).toBeNull();
    expect(document.activeElement).toBe(document.getElementById(finding.id));
    // IE11, where Excel 2016/2019 run the pane, names the key 'Esc'.
    finding.click();
    await pane.idle();
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Esc', bubbles: true }));
    expect(pane.controller.state.draft).toBeNull();
  });

  it('no action drops the focus to the page: buttons say aria-disabled while the pane works', async () => {
    const pane = mount(excelDesk(contractWorkbook().sheets.slice(1, 2), 18).host);
    const button = pane.root.querySelector('#check-all') as HTMLButtonElement;
    button.focus();
    button.click();
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.disabled).toBe(false);
    await pane.idle();
    expect(document.activeElement).toBe(pane.root.querySelector('#check-all'));
  });

  it('shows the engine’s verdict on the grade, not its own comparison', async () => {
    const form = buildForm(seed2024Form({ grade: '优秀' }));
    const pane = mount(excelDesk([sheetGrid('表一', [{ rows: form.rows, top: 1, left: 1 }])], 18).host);
    await pane.click('check-all');
    const accepted = !pane.controller.state.results![0].findings.some((f) => f.rule === 'grade-mismatch');
    expect(pane.root.querySelectorAll('dd.bad').length).toBe(accepted ? 0 : 1);
  });
});

describe('我的模板', () => {
  it('keeps what was typed through a failed save and re-renders, shows the problem next to the field, and confirms 删除', async () => {
    const pane = mount(excelDesk(contractWorkbook().sheets.slice(1, 2), 18).host);
    const title = pane.root.querySelector('#tpl-title') as HTMLInputElement;
    const text = pane.root.querySelector('#tpl-text') as HTMLTextAreaElement;
    title.value = '本单位说明';
    text.value = '{项目}进度滞后';
    await pane.click('tpl-save');
    expect(pane.root.querySelector('#tpl-text-problem')!.textContent).toContain('不认识的占位符 {项目}');
    expect(document.activeElement).toBe(text);
    // A re-render (a check) keeps the half-typed template.
    await pane.click('check-all');
    expect((pane.root.querySelector('#tpl-title') as HTMLInputElement).value).toBe('本单位说明');
    expect((pane.root.querySelector('#tpl-text') as HTMLTextAreaElement).value).toBe('{项目}进度滞后');
    text.value = '{指标}进度滞后，后续加快。';
    await pane.click('tpl-save');
    expect(pane.controller.state.customTemplates.map((t) => t.title)).toEqual(['本单位说明']);
    expect(title.value).toBe('');
    const id = pane.controller.state.customTemplates[0].id;
    // 编辑 fills the fields; saving keeps the template's id.
    await pane.click(`[id="tpl-edit-${id}"]`);
    expect(title.value).toBe('本单位说明');
    expect(document.activeElement).toBe(title);
    title.value = '本单位说明（修订）';
    await pane.click('tpl-save');
    expect(pane.controller.state.customTemplates.map((t) => [t.id, t.title])).toEqual([[id, '本单位说明（修订）']]);
    await pane.click(`[id="tpl-delete-${id}"]`);
    expect(pane.controller.state.customTemplates).toHaveLength(1);
    expect(pane.root.querySelector('.template-list')!.textContent).toContain('删除「本单位说明（修订）」？');
    await pane.click(`[id="tpl-delete-yes-${id}"]`);
    expect(pane.controller.state.customTemplates).toHaveLength(0);
  });
});

describe('when Excel refuses', () => {
  it('a write on a protected sheet gives a Chinese message naming why, writes nothing, and the pane stays usable', async () => {
    const fake = new FakeExcel(18);
    const grid = contractWorkbook().sheets[1];
    const sheet = fake.addSheet(grid.name);
    forEachGridCell(grid, (address, value, formula, numberFormat) =>
      sheet.cells.set(address, { value, formula, numberFormat, fill: null }),
    );
    const pane = mount(new ExcelHost(fake.api(), fake.supports));
    await pane.click('check-all');
    // The read round trip passes; the write is refused.
    fake.refuseSync('AccessDenied', 2);
    await pane.click('mark');
    expect(pane.message()).toBe('写入工作簿失败：工作簿受保护或正在编辑单元格');
    expect([...sheet.cells.values()].every((c) => c.fill === null)).toBe(true);
    fake.refuseSync('InvalidOperationInCellEditMode', 1);
    await pane.click('check-all');
    expect(pane.message()).toBe('请先结束单元格编辑（按 Enter 或 Esc），再重试。');
    await pane.click('check-all');
    expect(pane.message()).toMatch(/共 1 张自评表/);
  });
});
