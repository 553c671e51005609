import { checkSheets } from '../helpers/check';
import { checkWorkbook } from '../../src/core/check/workbook';
import { basisEdits, planEdits, SEVERITY_COLORS, undoEdits, type Edit } from '../../src/core/edits/edits';
import { emptyDecisions, withIgnored, withVerdict } from '../../src/core/check/decisions';
import { sheetsToCheck } from '../../src/core/sheet/sheet-names';
import type { CellValue, SheetGrid } from '../../src/core/sheet/grid';
import { BUILT_IN_PROFILES } from '../../src/core/rules/profiles';
import type { SpreadsheetHost } from '../../src/hosts/host';
import { buildForm, seed2024Form, sheetGrid } from '../helpers/form-builder';
import { selfEvaluationGrid } from '../../src/core/edits/new-form';
import { toA1 } from '../../src/core/sheet/address';
import { newSheetLayout, reviewSheetLayout, type SheetLayout } from '../../src/core/edits/sheet-layout';
import type { NewSheetEdit } from '../../src/core/edits/edits';
import type { ReviewSheetEdit } from '../../src/core/edits/review-sheet';
import { expectedLook, type LayoutSupport, type SheetLook } from './sheet-look';

/** A 自评表 started from a 申报表 with two indicators (its 总分 a =SUM formula). */
export function newFormGrid() {
  const grid = selfEvaluationGrid(
    '新表',
    {
      project: '示例项目',
      department: '某局',
      year: 2025,
      moneyUnit: '万元',
      funds: { total: 100, components: [] },
      indicators: [
        { level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥100人次' },
        { level1: '满意度指标', level2: '服务对象满意度指标', name: '满意度', target: '≥90%' },
      ],
    },
    BUILT_IN_PROFILES.national,
  );
  return { grid, widths: [10, 10, 14, 20, 14, 14, 6, 6, 30] };
}

/** What the contract needs to see of a workbook behind a host, read the host's own way. */
export interface HostUnderTest {
  host: SpreadsheetHost;
  value(sheet: string, cell: string): CellValue;
  formula(sheet: string, cell: string): string | null;
  /** Fill colour as RRGGBB, or null for no fill. */
  fill(sheet: string, cell: string): string | null;
  note(sheet: string, cell: string): string | null;
  sheetNames(): string[];
  activeCell(): { sheet: string; cell: string } | null;
  /** False where the host has no notes or comments to write to (ExcelApi < 1.10). */
  messagesInNotes: boolean;
  /** Merges, widths and print setup of a sheet, read the host's own way. */
  look(sheet: string): SheetLook;
  /** What of a sheet layout the host can render. */
  layoutSupport: LayoutSupport;
  /** Someone else (the user, typing) puts a value in a cell. */
  type(sheet: string, cell: string, value: string | number): Promise<void>;
  /** Save and open again, for hosts that keep state in the workbook. */
  reopen(): Promise<HostUnderTest>;
}

export interface ContractWorkbook {
  sheets: SheetGrid[];
  /** Cells that already have a fill before the add-in touches them: `sheet!A1` → RRGGBB. */
  fills: Record<string, string>;
  notes: Record<string, string>;
  active: string;
  /** Sheets not shown as tabs: hidden (可取消隐藏) or very hidden (only code shows them). */
  hidden?: Record<string, 'hidden' | 'veryHidden'>;
}

export type HostFactory = (workbook: ContractWorkbook) => Promise<HostUnderTest>;

const national = BUILT_IN_PROFILES.national;

/** Two form sheets (one with errors and empty 总分/等级) and a sheet of notes. */
export function contractWorkbook(): ContractWorkbook {
  const broken = buildForm(seed2024Form({ project: '有问题的项目', total: [100, null], grade: null }));
  // The 满意度 row (sheet row 19, reason in J19): 满意度 scored 17 of 20 — remove its reason so reason-missing fires.
  broken.rows[broken.at.firstIndicator + 5][8] = null;
  broken.rows[broken.at.firstIndicator][7] = 12; // score above weight
  const clean = buildForm(seed2024Form());
  return {
    sheets: [
      sheetGrid('说明', [
        { rows: [['填表说明：请按要求填写。', 2]], top: 1, left: 1, formulas: new Map([['0,1', '=1+1']]) },
      ]),
      sheetGrid('表一', [{ rows: broken.rows, top: 2, left: 2 }]),
      sheetGrid('表二', [{ rows: clean.rows, top: 1, left: 1 }]),
    ],
    fills: { '表一!J19': 'FFFF00', '表一!C3': '00B0F0' },
    notes: { '表一!J19': '原有批注' },
    active: '表二',
  };
}

export function describeHostContract(hostName: string, open: HostFactory): void {
  describe(`${hostName} host contract`, () => {
    let subject: HostUnderTest;
    beforeEach(async () => {
      subject = await open(contractWorkbook());
    });

    it('reads every sheet so the engine finds the same forms as in the source grids', async () => {
      const source = checkSheets(contractWorkbook().sheets, national);
      const read = checkSheets(await subject.host.readSheets('all'), national);
      const summary = (results: typeof read) =>
        results.map((r) => [r.sheet, r.range, r.total.computed, r.findings.map((f) => `${f.rule}@${f.cell}`)]);
      expect(summary(read)).toEqual(summary(source));
      expect(read).toHaveLength(2);
    });

    it('reads by the one sheet rule: a hidden sheet’s form is checked, a very hidden sheet is not', async () => {
      const workbook = contractWorkbook();
      const form = buildForm(seed2024Form({ project: '隐藏表中的项目' }));
      workbook.sheets.push(
        sheetGrid('旧稿', [{ rows: form.rows, top: 1, left: 1 }]),
        sheetGrid('插件数据', [{ rows: form.rows, top: 1, left: 1 }]),
      );
      workbook.hidden = { 旧稿: 'hidden', 插件数据: 'veryHidden' };
      const hidden = await open(workbook);
      const names = (await hidden.host.readSheets('all')).map((sheet) => sheet.name);
      expect(names).toEqual(
        sheetsToCheck(
          workbook.sheets.map((sheet) => ({
            name: sheet.name,
            visibility: workbook.hidden?.[sheet.name] ?? 'visible',
          })),
          null,
        ).map((sheet) => sheet.name),
      );
      expect(names).toEqual(['说明', '表一', '表二', '旧稿']);
      // A finding on the hidden sheet cannot be shown in place: a host that previews cells (the page) shows it so,
      // the others say in Chinese how to get to it; a hidden sheet never becomes the active one.
      if (hidden.host.previewCell) {
        await hidden.host.selectCell('旧稿', 'A1');
        expect((await hidden.host.previewCell('旧稿', 'A1')).sheet).toBe('旧稿');
      } else await expect(hidden.host.selectCell('旧稿', 'A1')).rejects.toThrow(/隐藏.*取消隐藏/);
      expect(hidden.activeCell()?.sheet).not.toBe('旧稿');
    });

    it('reads only the active sheet when asked', async () => {
      const sheets = await subject.host.readSheets('active');
      expect(sheets.map((s) => s.name)).toEqual(['表二']);
    });

    it('marks findings and 清除标记 restores every original fill and note', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      const marks = planEdits(results, { mark: true });
      expect(marks.length).toBeGreaterThan(1);
      const before = marks.map(
        (m) => m.type === 'mark' && [m.sheet, m.cell, subject.fill(m.sheet, m.cell), subject.note(m.sheet, m.cell)],
      );
      await subject.host.applyEdits(marks);
      const userNotes = contractWorkbook().notes;
      for (const m of marks) {
        if (m.type !== 'mark') continue;
        expect(subject.fill(m.sheet, m.cell)).toBe(m.color);
        // A user's own note is never replaced; every other marked cell carries the message.
        if (`${m.sheet}!${m.cell}` in userNotes)
          expect(subject.note(m.sheet, m.cell)).toBe(userNotes[`${m.sheet}!${m.cell}`]);
        else if (subject.messagesInNotes) expect(subject.note(m.sheet, m.cell)).toContain(m.message.split('\n')[1]);
      }
      expect(marks.some((m) => m.type === 'mark' && `${m.sheet}!${m.cell}` in userNotes)).toBe(true);
      // Marking twice keeps the first originals.
      await subject.host.applyEdits(marks);
      const { restored } = await subject.host.clearMarks();
      expect(restored).toBe(marks.length);
      const after = marks.map(
        (m) => m.type === 'mark' && [m.sheet, m.cell, subject.fill(m.sheet, m.cell), subject.note(m.sheet, m.cell)],
      );
      expect(after).toEqual(before);
      expect(subject.fill('表一', 'J19')).toBe('FFFF00');
      expect(subject.note('表一', 'J19')).toBe('原有批注');
      expect(subject.fill('表一', 'C3')).toBe('00B0F0');
    });

    it('清除标记 still works after the workbook was saved and reopened', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      await subject.host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
      const reopened = await subject.reopen();
      expect(reopened.fill('表一', 'J19')).not.toBe('FFFF00');
      await reopened.host.clearMarks();
      expect(reopened.fill('表一', 'J19')).toBe('FFFF00');
      expect(reopened.note('表一', 'J19')).toBe('原有批注');
      expect(reopened.sheetNames()).not.toContain('审核意见');
    });

    it('keeps the reviewer’s decisions in the workbook: read back after a reopen, through 清除标记, and then by any host', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      const [form] = results;
      const finding = form.findings[0];
      const decisions = withVerdict(
        withIgnored(emptyDecisions(), form.sheet, finding, '已核实'),
        form,
        '退回',
        '请补充佐证材料',
      );
      const none = await subject.host.applyEdits([{ type: 'decisions', record: null }]);
      expect(none.decisions).toEqual(emptyDecisions());
      await subject.host.applyEdits([
        ...planEdits(results, { mark: true, reviewSheet: true, decisions }),
        { type: 'decisions', record: decisions },
      ]);
      // The ignored finding's cell is not marked (unless another finding shares it).
      const others = form.findings.filter((f) => f !== finding && f.cell === finding.cell);
      if (others.length === 0)
        expect(subject.fill(form.sheet, finding.cell)).not.toBe(SEVERITY_COLORS[finding.severity]);
      const reopened = await subject.reopen();
      await reopened.host.clearMarks();
      const read = await reopened.host.applyEdits([{ type: 'decisions', record: null }]);
      expect(read.decisions).toEqual(decisions);
      // Withdrawn, the state sheet holds nothing more and goes.
      await reopened.host.applyEdits([{ type: 'decisions', record: emptyDecisions() }]);
      expect(reopened.sheetNames().filter((name) => !contractWorkbook().sheets.some((s) => s.name === name))).toEqual(
        [],
      );
    });

    it('prints each form’s sheet one page wide only when asked, and 清除标记 gives its print scaling back', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      const wide = (on: HostUnderTest) => on.look('表一').print?.fitWide ?? false;
      await subject.host.applyEdits(planEdits(results, { mark: true }));
      expect(wide(subject)).toBe(false);
      const report = await subject.host.applyEdits(planEdits(results, { mark: true, fitWidth: true }));
      if (!subject.layoutSupport.print) {
        // Excel below 1.9 can neither read nor set it: said, and the print setup is left alone.
        expect(report.printFitted).toBe(0);
        expect(report.skipped.map((s) => s.reason)).toContain('此版本不能设置打印缩放，打印设置未改动');
        return;
      }
      expect(report.printFitted).toBe(2);
      expect([wide(subject), subject.look('表二').print?.fitWide]).toEqual([true, true]);
      const reopened = await subject.reopen();
      await reopened.host.clearMarks();
      expect(wide(reopened)).toBe(false);
      expect(reopened.sheetNames()).not.toContain('审核意见');
    });

    it('fills computed 总分 and 评分等级 only into empty cells', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      const fills = planEdits(results, { fill: true });
      // The broken form's score exceeds its weight: its total and grade wait for that score's correction.
      expect(fills).toEqual([]);
      const edits: Edit[] = [
        { type: 'set-value', sheet: '表二', cell: 'H19', value: 50, mode: 'if-empty' },
        { type: 'set-value', sheet: '表二', cell: 'I13', value: 'x', mode: 'if-empty' },
      ];
      const report = await subject.host.applyEdits(edits);
      expect(report.written).toBe(1);
      expect(report.skipped).toEqual([{ sheet: '表二', cell: 'H19', reason: expect.any(String) }]);
      expect(subject.value('表二', 'H19')).toBe(93);
      expect(subject.value('表二', 'I13')).toBe('x');
    });

    it('writes text as text, never as a formula', async () => {
      const texts = ['=SUM(A1:A3)', '+1', '-1', '@A1'];
      await subject.host.applyEdits(
        texts.map((value, i) => ({ type: 'set-value', sheet: '表二', cell: `K${i + 1}`, value, mode: 'if-empty' })),
      );
      texts.forEach((text, i) => {
        expect(subject.value('表二', `K${i + 1}`)).toBe(text);
        expect(subject.formula('表二', `K${i + 1}`)).toBeNull();
      });
    });

    it('keeps text within Excel’s 32,767-character cell limit', async () => {
      await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'K1', value: '很长的说明。'.repeat(7000), mode: 'if-empty' },
      ]);
      const written = String(subject.value('表二', 'K1'));
      expect(written.length).toBeLessThanOrEqual(32767);
      expect(written.endsWith('…')).toBe(true);
    });

    it('appends to existing text only when asked', async () => {
      await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'I17', value: '后续加强管理。', mode: 'append' },
      ]);
      expect(subject.value('表二', 'I17')).toBe('长效管理机制需进一步完善，后续加强机制管理。\n后续加强管理。');
    });

    it('writes the 审核意见 sheet once, and replaces it on the next run', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      await subject.host.applyEdits(planEdits(results, { reviewSheet: true }));
      await subject.host.applyEdits(planEdits(results, { reviewSheet: true }));
      expect(subject.sheetNames().filter((n) => n.startsWith('审核意见'))).toEqual(['审核意见']);
      expect(subject.value('审核意见', 'A1')).toBe('序号');
      // Each form opens with a heading line (where it is, its project, totals and grade), then its findings.
      expect(String(subject.value('审核意见', 'A2'))).toMatch(
        /^「表一」B\d+:[A-Z]+\d+ 项目支出绩效自评表　项目：有问题的项目　总分：填报 —，计算 93　等级：填报 —，计算 优/,
      );
      expect(subject.value('审核意见', 'A3')).toBe(1);
      expect(subject.value('审核意见', 'B3')).toBe('表一');
      // The review sheet is not itself checked as a form sheet.
      expect((await subject.host.readSheets('all')).map((s) => s.name)).toEqual(['说明', '表一', '表二']);
    });

    it('rejects a bad edit before writing anything', async () => {
      const edits: Edit[] = [
        { type: 'set-value', sheet: '表二', cell: 'K1', value: 'first', mode: 'if-empty' },
        { type: 'set-value', sheet: '不存在', cell: 'K2', value: 'second', mode: 'if-empty' },
      ];
      await expect(subject.host.applyEdits(edits)).rejects.toThrow(/不存在/);
      expect(subject.value('表二', 'K1')).toBeNull();
      await expect(
        subject.host.applyEdits([
          { type: 'mark', sheet: '表二', cell: 'not-a-cell', severity: 'error', color: 'FFC7CE', message: 'x' },
        ]),
      ).rejects.toThrow(/单元格地址/);
    });

    it('reports what it did with one meaning: cells written, cells marked, the review sheet, what each cell held', async () => {
      const results = checkSheets(await subject.host.readSheets('all'), national);
      const marks = planEdits(results, { mark: true, reviewSheet: true });
      const markCount = marks.filter((m) => m.type === 'mark').length;
      const marked = await subject.host.applyEdits(marks);
      expect(marked).toEqual({
        written: 0,
        marked: markCount,
        reviewSheet: '审核意见',
        skipped: [],
        changes: [],
        stale: [],
        sheetsAdded: [],
        sheetsRemoved: [],
      });
      const filled = await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'K1', value: 50, mode: 'if-empty' },
        { type: 'set-value', sheet: '表二', cell: 'I17', value: '新原因', mode: 'replace' },
        { type: 'set-value', sheet: '表二', cell: 'H19', value: 1, mode: 'if-empty' },
      ]);
      expect(filled.written).toBe(2);
      expect(filled.marked).toBe(0);
      expect(filled.reviewSheet).toBeNull();
      expect(filled.skipped.map((s) => s.cell)).toEqual(['H19']);
      expect(filled.changes.map((c) => [c.cell, c.before.value, c.after])).toEqual([
        ['K1', null, 50],
        ['I17', '长效管理机制需进一步完善，后续加强机制管理。', '新原因'],
      ]);
    });

    it('undoes a replace, an append and a formula overwrite exactly', async () => {
      const original = subject.value('表二', 'I17');
      const replaced = await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'I17', value: '替换的原因', mode: 'replace' },
      ]);
      expect(subject.value('表二', 'I17')).toBe('替换的原因');
      const appended = await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'I17', value: '追加的原因', mode: 'append' },
      ]);
      expect(subject.value('表二', 'I17')).toBe('替换的原因\n追加的原因');
      // Undo back through the history: the last write first.
      expect((await subject.host.applyEdits(undoEdits(appended.changes))).written).toBe(1);
      expect(subject.value('表二', 'I17')).toBe('替换的原因');
      await subject.host.applyEdits(undoEdits(replaced.changes));
      expect(subject.value('表二', 'I17')).toBe(original);
      const overwritten = await subject.host.applyEdits([
        { type: 'set-value', sheet: '说明', cell: 'B1', value: '=不是公式', mode: 'replace' },
      ]);
      expect(subject.formula('说明', 'B1')).toBeNull();
      await subject.host.applyEdits(undoEdits(overwritten.changes));
      expect(subject.formula('说明', 'B1')).toBe('=1+1');
      const emptied = await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'K3', value: '新', mode: 'if-empty' },
      ]);
      await subject.host.applyEdits(undoEdits(emptied.changes));
      expect(subject.value('表二', 'K3')).toBeNull();
    });

    it('undo leaves alone, and names, a cell the user changed after the write', async () => {
      const write = await subject.host.applyEdits([
        { type: 'set-value', sheet: '表二', cell: 'K1', value: '助手写的', mode: 'if-empty' },
        { type: 'set-value', sheet: '表二', cell: 'K2', value: '助手写的', mode: 'if-empty' },
      ]);
      await subject.type('表二', 'K2', '用户改过');
      const undo = await subject.host.applyEdits(undoEdits(write.changes));
      expect(undo.written).toBe(1);
      expect(undo.skipped).toEqual([{ sheet: '表二', cell: 'K2', reason: expect.stringContaining('已被修改') }]);
      expect(subject.value('表二', 'K1')).toBeNull();
      expect(subject.value('表二', 'K2')).toBe('用户改过');
    });

    it('refuses a whole batch, writing nothing, when a form it writes into changed since the check', async () => {
      // As the pane checks: with each form's basis, so that a later write can be refused as stale.
      const results = checkWorkbook(await subject.host.readSheets('all'), national, { basis: true });
      const edits: Edit[] = [
        { type: 'set-value', sheet: '表二', cell: 'I13', value: '原因', mode: 'if-empty' },
        { type: 'mark', sheet: '表一', cell: 'C3', severity: 'error', color: 'FFC7CE', message: '绩效自评助手：\nx' },
      ];
      const fresh = basisEdits(results, edits);
      expect(fresh.map((e) => e.sheet).sort()).toEqual(['表一', '表二']);
      await subject.type('表二', 'H13', 6);
      const report = await subject.host.applyEdits([...fresh, ...edits]);
      expect(report.stale).toEqual([{ sheet: '表二', range: expect.stringMatching(/^[A-Z]+\d+:[A-Z]+\d+$/) }]);
      expect([report.written, report.marked]).toEqual([0, 0]);
      expect(subject.value('表二', 'I13')).toBeNull();
      expect(subject.fill('表一', 'C3')).toBe('00B0F0');
      // Checked again, the same batch goes through.
      const again = checkWorkbook(await subject.host.readSheets('all'), national, { basis: true });
      expect((await subject.host.applyEdits([...basisEdits(again, edits), ...edits])).stale).toEqual([]);
      expect(subject.value('表二', 'I13')).toBe('原因');
    });

    it('adds a sheet the engine reads as a form, and undo removes it only while it is as written', async () => {
      const { grid, widths } = newFormGrid();
      const report = await subject.host.applyEdits([{ type: 'new-sheet', name: '表二', grid, columnWidths: widths }]);
      expect(report.sheetsAdded).toEqual(['表二(2)']);
      expect(subject.sheetNames()).toContain('表二(2)');
      expect(subject.value('表二(2)', 'A3')).toBe('项目名称');
      expect(subject.formula('表二(2)', 'H12')).toMatch(/^=SUM\(/);
      const read = (await subject.host.readSheets('all')).find((s) => s.name === '表二(2)')!;
      const [form] = checkSheets([read], national);
      // Unfilled rows: no 实际完成值 and no 得分 each (issue #32).
      expect(form.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([
        'actual-missing',
        'score-invalid',
        'actual-missing',
        'score-invalid',
      ]);
      const removed = await subject.host.applyEdits(undoEdits([], [{ name: '表二(2)', grid }]));
      expect(removed.sheetsRemoved).toEqual(['表二(2)']);
      expect(subject.sheetNames()).not.toContain('表二(2)');
      // A sheet the user has typed into since is kept, and said so.
      const again = await subject.host.applyEdits([{ type: 'new-sheet', name: '新表', grid }]);
      await subject.type(again.sheetsAdded[0], 'F10', '已完成');
      const kept = await subject.host.applyEdits(undoEdits([], [{ name: again.sheetsAdded[0], grid }]));
      expect(kept.sheetsRemoved).toEqual([]);
      expect(kept.skipped[0].reason).toContain('已被修改');
      expect(subject.sheetNames()).toContain('新表');
    });

    it('adds the sheets the core lays out as laid out: values, links, merges, widths, print setup', async () => {
      const subject = await open(contractWorkbook());
      const results = checkSheets(await subject.host.readSheets('all'), national);
      const { grid, widths } = newFormGrid();
      const review = planEdits(results, { reviewSheet: true })[0] as ReviewSheetEdit;
      const newSheet: NewSheetEdit = { type: 'new-sheet', name: '新表', grid, columnWidths: widths };
      const report = await subject.host.applyEdits([review, newSheet]);
      // Adding sheets leaves the user on the sheet they were on.
      expect((await subject.host.readSheets('active')).map((sheet) => sheet.name)).toEqual(['表二']);
      const layouts: SheetLayout[] = [
        reviewSheetLayout(review, report.reviewSheet as string),
        newSheetLayout(newSheet, report.sheetsAdded[0]),
      ];
      for (const layout of layouts) {
        layout.grid.values.forEach((row, r) =>
          row.forEach((value, c) => {
            const cell = toA1(r + 1, c + 1);
            const formula = layout.grid.formulas?.[r]?.[c] ?? null;
            if (formula) expect([cell, subject.formula(layout.name, cell)]).toEqual([cell, formula]);
            else
              expect([layout.name, cell, subject.value(layout.name, cell)]).toEqual([
                layout.name,
                cell,
                value === '' ? null : value,
              ]);
          }),
        );
        expect(subject.look(layout.name)).toEqual(expectedLook(layout, subject.layoutSupport));
      }
    });

    it('selects a finding’s cell on its sheet', async () => {
      await subject.host.selectCell('表一', 'I19');
      expect(subject.activeCell()).toEqual({ sheet: '表一', cell: 'I19' });
      expect((await subject.host.readSheets('active')).map((s) => s.name)).toEqual(['表一']);
    });
  });
}
