import { isScored, type CheckedForm } from '../core/check/kinds';
import type { Fix } from '../core/edits/fixes';
import type { TaughtLayout } from '../core/recognise/layouts';
import { LayoutStore } from './layout-store';
import {
  basisEdits,
  planEdits,
  undoEdits,
  type CellChange,
  type Edit,
  type NewSheetEdit,
  type SetValueEdit,
} from '../core/edits/edits';
import type { DeclarationResult } from '../core/check/check-declaration';
import type { SheetGrid } from '../core/sheet/grid';
import { scoreEdits } from '../core/edits/score-fill';
import { BUILT_IN_PROFILES, builtInProfile, DEFAULT_PROFILE_ID, type Profile } from '../core/rules/profiles';
import { type ApplyReport, type CellPreview, type SpreadsheetHost } from '../hosts/host';
import { parseA1 } from '../core/sheet/address';
import type { ReasonTemplate } from '../core/edits/templates';
import { PROFILE_KEY, type Preferences } from './preferences';
import { deductedRows, draftFor, reasonEdits, TemplateStore, type ReasonDraft } from './reasons';
import { decidedResults, emptyDecisions, type ReviewDecisions } from '../core/check/decisions';
import { DecisionBook, type DecisionKeeper, type IgnoreDraft } from './decision-book';
import { LayoutTeaching, type TeachDraft } from './teaching';
import { describeError } from './describe-error';
export type { TeachDraft } from './teaching';

export type { Preferences };

export interface PaneMessage {
  kind: 'info' | 'success' | 'error';
  text: string;
}

export interface PaneState {
  /** What the pane is doing now, shown with a progress bar; null when idle. */
  busy: string | null;
  progress: number | null;
  message: PaneMessage | null;
  profileId: string;
  scope: 'active' | 'all' | null;
  results: CheckedForm[] | null;
  /** The indicator row whose 偏差原因 is being written, with suggestions and the previewed text. */
  draft: ReasonDraft | null;
  /** The session's writes, oldest first: 撤销 puts back the cells of the newest one exactly. */
  history: UndoEntry[];
  /** A 替换 waiting for the user's yes: the cell and the text it would replace. */
  confirmReplace: { sheet: string; cell: string; current: string } | null;
  /** When the results were computed (ms since 1970), and whether the sheet changed since. */
  checkedAt: number | null;
  stale: boolean;
  /** The cells around the finding last clicked, where the host cannot show the sheet itself (the page). */
  preview: CellPreview | null;
  customTemplates: ReasonTemplate[];
  /** 手动指定表格 in progress: the sheet, the header row chosen and the role given to each of its labels. */
  teach: TeachDraft | null;
  customLayouts: TaughtLayout[];
  /** The reviewer's decisions on this workbook: ignored findings, each form's 审核结论. */
  decisions: ReviewDecisions;
  /** The finding whose 忽略此问题 waits for its reason. */
  ignoring: IgnoreDraft | null;
}

/** One action's writes, as undo needs them: cells it changed, sheets it added. */
export interface UndoEntry {
  label: string;
  changes: CellChange[];
  sheets: Array<{ name: string; grid: SheetGrid }>;
}

/** The actions that start new 自评表 sheets (a page download holding them is named as a new form). */
export const NEW_FORM_ACTIONS = ['新建自评表', '插入空白自评表'] as const;

/** Sheet changes reported this soon after the pane's own write are its own (Excel below 1.14 cannot tell). */
const OWN_CHANGE_WINDOW_MS = 1500;

/**
 * Everything the task pane does, without any DOM: it talks only to the host interface and the core,
 * so Excel, WPS and the standalone page share it, and it is tested under jsdom.
 */
export class TaskpaneController {
  state: PaneState;
  readonly templates: TemplateStore;
  readonly layouts: LayoutStore;
  /** Settles when the user's stored templates are loaded. */
  readonly ready: Promise<void>;
  /** 忽略此问题 and 审核结论: kept in the workbook (and by the keeper, on the page). */
  readonly decisions: DecisionBook;
  /** 手动指定表格: teaching the engine a layout it could not read, and the layouts kept. */
  readonly teaching: LayoutTeaching;

  constructor(
    private readonly host: SpreadsheetHost,
    private readonly preferences: Preferences,
    private onChange: (state: PaneState) => void = () => undefined,
    /** The layouts of the whole desk, when this pane is one of its files (else the pane's own). */
    layouts?: LayoutStore,
    keeper: DecisionKeeper | null = null,
  ) {
    const saved = preferences.get(PROFILE_KEY);
    this.decisions = new DecisionBook(host, keeper, ({ decisions, ignoring, message }) =>
      this.update({ decisions, ignoring, ...(message ? { message } : {}) }),
    );
    this.templates = new TemplateStore(preferences);
    this.layouts = layouts ?? new LayoutStore(preferences);
    this.teaching = new LayoutTeaching(this.layouts, {
      state: () => this.state,
      update: (change) => this.update(change),
      runAction: (label, action) => this.runAction(label, action),
      recheck: () => this.recheck(),
    });
    this.stopListening = this.layouts.subscribe(() => this.update({ customLayouts: [...this.layouts.custom] }));
    // Stored templates arrive once validated; a damaged store is reported and left as it is.
    this.ready = Promise.all([this.templates.ready, this.layouts.ready]).then(() => {
      const problem = this.templates.loadProblem ?? this.layouts.loadProblem;
      this.update({
        customTemplates: [...this.templates.custom],
        customLayouts: [...this.layouts.custom],
        ...(problem
          ? { message: { kind: 'error' as const, text: `${problem}；已保存的内容未加载，也未被改动。` } }
          : {}),
      });
    });
    this.state = {
      busy: null,
      progress: null,
      message: null,
      profileId: saved && BUILT_IN_PROFILES[saved] ? saved : DEFAULT_PROFILE_ID,
      scope: null,
      results: null,
      draft: null,
      history: [],
      confirmReplace: null,
      checkedAt: null,
      stale: false,
      preview: null,
      customTemplates: this.templates.custom,
      teach: null,
      customLayouts: this.layouts.custom,
      decisions: emptyDecisions(),
      ignoring: null,
    };
  }

  private quietUntil = 0;
  private readonly stopListening: () => void;

  /** The pane is gone (its file closed on the desk): the desk's shared layouts no longer tell it of changes. */
  dispose(): void {
    this.stopListening();
  }

  /** The user changed the workbook: results computed before are shown as out of date. */
  sheetChanged(): void {
    if (this.state.busy || Date.now() < this.quietUntil || !this.state.results || this.state.stale) return;
    this.update({ stale: true });
  }

  /** Where state changes go from now on (the standalone page re-mounts a controller's pane). */
  listen(onChange: (state: PaneState) => void): void {
    this.onChange = onChange;
  }

  get profile(): Profile {
    return builtInProfile(this.state.profileId) ?? BUILT_IN_PROFILES[DEFAULT_PROFILE_ID];
  }

  get hostName(): string {
    return this.host.displayName;
  }

  setProfile(id: string): void {
    if (!BUILT_IN_PROFILES[id]) return;
    this.preferences.set(PROFILE_KEY, id);
    this.update({ profileId: id });
    if (this.state.scope) void this.check(this.state.scope);
  }

  async check(scope: 'active' | 'all'): Promise<void> {
    await this.runAction(scope === 'all' ? '正在读取全部工作表…' : '正在读取当前工作表…', async () => {
      // The decisions the workbook keeps are read beside the check (once per workbook).
      const [results] = await Promise.all([this.checked(scope), this.decisions.load()]);
      const counts = countBySeverity(decidedResults(results, this.state.decisions));
      this.update({
        scope,
        results,
        checkedAt: Date.now(),
        stale: false,
        message:
          results.length === 0
            ? {
                kind: 'info',
                text: `${scope === 'all' ? '工作簿' : '当前工作表'}中没有找到项目支出绩效自评表或绩效目标申报表（需要有“三级指标”等表头）。`,
              }
            : {
                kind: counts.error ? 'error' : 'success',
                text: `${describeForms(results)}：错误 ${counts.error} 项，警告 ${counts.warning} 项，提示 ${counts.info} 项。`,
              },
      });
    });
  }

  /**
   * Marks the findings on the sheets and writes 审核意见 (and, asked for, sets each form's sheet to print one page
   * wide); whether it did (a failure is the pane's message).
   */
  async mark(options: { fitWidth?: boolean } = {}): Promise<boolean> {
    const results = this.requireResults();
    if (!results) return false;
    let marked = false;
    await this.runAction('正在标记问题单元格…', async () => {
      const report = await this.write(
        planEdits(results, {
          mark: true,
          reviewSheet: true,
          decisions: this.state.decisions,
          fitWidth: options.fitWidth,
        }),
      );
      if (!report) return;
      marked = true;
      this.update({
        message: {
          kind: 'success',
          text: `已标记 ${report.marked} 个单元格，并写入“${report.reviewSheet ?? '审核意见'}”工作表。可用“清除标记”恢复原样。`,
        },
      });
    });
    return marked;
  }

  async clear(): Promise<void> {
    await this.runAction('正在清除标记…', async () => {
      const { restored, notesLeft, printsLeft } = await this.host.clearMarks();
      const notes = notesLeft
        ? `另有 ${notesLeft} 条助手写的批注，此版本 Excel 不能由加载项删除，请在“审阅”中手动删除。`
        : '';
      const prints = printsLeft
        ? `另有 ${printsLeft} 张工作表仍按一页宽打印：此版本 Excel 不能恢复打印缩放，请在“页面布局”中改回，或在 WPS、较新的 Excel 或网页中再次“清除标记”。`
        : '';
      const left = notes + prints;
      this.update({
        message: {
          kind: 'success',
          text: (restored ? `已清除 ${restored} 处标记，单元格恢复原来的底色。` : '没有需要清除的标记。') + left,
        },
      });
    });
  }

  /** One click on `改为 X`: the right number written where the engine knows it, undoable like any write. */
  async applyFix(fix: Fix): Promise<void> {
    await this.runAction('正在改正…', async () => {
      const edit: SetValueEdit = {
        type: 'set-value',
        sheet: fix.sheet,
        cell: fix.cell,
        value: fix.value,
        mode: 'replace',
      };
      await this.writeAndRecheck([edit], `${fix.cell} ${fix.label}`, () => `已把 ${fix.cell} ${fix.label}。`);
    });
  }

  async fill(): Promise<void> {
    const results = this.requireResults();
    if (!results) return;
    const edits = planEdits(results, { fill: true });
    if (edits.length === 0) {
      this.update({
        message: {
          kind: 'info',
          text: '没有可以填写的空单元格（总分、评分等级、执行率都已填写，或因得分有误无法计算）。',
        },
      });
      return;
    }
    await this.runAction('正在填写总分与等级…', () =>
      this.writeAndRecheck(edits, '填写总分与等级', (report) => {
        const skipped = report.skipped.length ? `；${report.skipped.length} 处已有内容，未改动` : '';
        return `已填写 ${report.written} 处${skipped}。`;
      }),
    );
  }

  async select(sheet: string, cell: string): Promise<void> {
    try {
      await this.host.selectCell(sheet, cell);
    } catch (error) {
      this.update({ message: { kind: 'error', text: describeError(error) } });
    }
  }

  /** A finding was clicked: show its cell, and for a row that lost points, its reason suggestions. */
  async openFinding(sheet: string, cell: string, row: number): Promise<void> {
    await this.select(sheet, cell);
    if (this.host.previewCell) {
      try {
        this.update({ preview: await this.host.previewCell(sheet, cell) });
      } catch (error) {
        this.update({ preview: null, message: { kind: 'error', text: describeError(error) } });
      }
    }
    if (!this.openRow(sheet, row) && this.state.draft) this.update({ draft: null });
  }

  closePreview(): void {
    this.update({ preview: null });
  }

  /** The user selected a cell in the sheet: an indicator row that lost points shows its suggestions. */
  selectionChanged(sheet: string, cell: string): void {
    const ref = parseA1(cell);
    if (!ref || this.state.busy) return;
    const draft = this.state.draft;
    if (draft && draft.sheet === sheet && draft.row.row === ref.row) return;
    this.openRow(sheet, ref.row);
  }

  /** Suggestions for the 偏差原因 of one indicator row (if it lost points). */
  openRow(sheet: string, rowNumber: number): boolean {
    const result = this.state.results?.find(
      (r) => r.sheet === sheet && r.form.range.top <= rowNumber && rowNumber <= r.form.range.bottom,
    );
    const row = result?.kind === 'self-evaluation' ? deductedRows(result).find((r) => r.row === rowNumber) : undefined;
    if (!row) return false;
    this.update({ draft: draftFor(sheet, row, this.templates.all()), confirmReplace: null });
    return true;
  }

  chooseSuggestion(index: number): void {
    const draft = this.state.draft;
    const suggestion = draft?.suggestions[index];
    if (draft && suggestion) this.update({ draft: { ...draft, selected: index, text: suggestion.text } });
  }

  editDraft(text: string): void {
    if (this.state.draft) this.state = { ...this.state, draft: { ...this.state.draft, text } };
  }

  closeDraft(): void {
    this.update({ draft: null });
  }

  /**
   * 插入 into an empty cell; 追加 or 替换 only when the user chose so for a cell that has text. 替换
   * first shows the text it would replace and waits for `confirmReplace`.
   */
  async insertReason(mode: 'if-empty' | 'append' | 'replace'): Promise<void> {
    const draft = this.state.draft;
    if (!draft || !draft.row.reasonCell) return;
    if (draft.text.trim() === '') {
      this.update({ message: { kind: 'info', text: '偏差原因内容为空，未写入。' } });
      return;
    }
    const cell = draft.row.reasonCell;
    if (mode === 'replace') {
      this.update({ confirmReplace: { sheet: draft.sheet, cell, current: draft.row.reason } });
      return;
    }
    await this.writeReason(mode);
  }

  /** The user said yes to the 替换 shown. */
  async confirmReplace(): Promise<void> {
    if (!this.state.confirmReplace) return;
    this.update({ confirmReplace: null });
    await this.writeReason('replace');
  }

  cancelReplace(): void {
    this.update({ confirmReplace: null });
  }

  private async writeReason(mode: 'if-empty' | 'append' | 'replace'): Promise<void> {
    const draft = this.state.draft;
    if (!draft || !draft.row.reasonCell) return;
    const cell = draft.row.reasonCell;
    await this.runAction('正在写入偏差原因…', async () => {
      const report = await this.write(
        [{ type: 'set-value', sheet: draft.sheet, cell, value: draft.text, mode }],
        `写入 ${cell} 的偏差原因`,
      );
      if (!report) return;
      if (report.skipped.length) {
        this.update({
          message: { kind: 'info', text: `${cell} 已有内容（${report.skipped[0].reason}）：请选择“追加”或“替换”。` },
        });
        return;
      }
      this.update({ draft: null, message: { kind: 'success', text: `已写入 ${cell}。如需撤回，点击“撤销”。` } });
      await this.recheck();
    });
  }

  /** 一键填写全部缺失原因: the best suggestion for every empty deviation cell, in one write. */
  async fillAllReasons(): Promise<void> {
    const results = this.requireResults();
    if (!results) return;
    const edits = reasonEdits(results, this.templates.all());
    if (edits.length === 0) {
      this.update({ message: { kind: 'info', text: '没有缺少偏差原因的扣分指标。' } });
      return;
    }
    await this.runAction('正在填写偏差原因…', () =>
      this.writeAndRecheck(
        edits.map(({ template: _template, ...edit }) => edit),
        '一键填写偏差原因',
        (report) => `已为 ${report.written} 个扣分指标填写偏差原因，请逐条核对；`,
        { draft: null },
      ),
    );
  }

  /** 建议得分: the profile's score for every filled-in 实际完成值 whose 得分 is empty (undoable like every write). */
  async suggestScores(): Promise<void> {
    const results = this.requireResults();
    if (!results) return;
    const proposals = scoreEdits(results, this.profile);
    if (proposals.length === 0) {
      this.update({ message: { kind: 'info', text: '没有可以建议得分的指标（需要已填写实际完成值、得分为空）。' } });
      return;
    }
    await this.runAction('正在填写建议得分…', () =>
      this.writeAndRecheck(
        proposals.map(({ confirm: _confirm, ...edit }) => edit),
        '建议得分',
        (report) => {
          const toConfirm = proposals
            .filter((p) => p.confirm && !report.skipped.some((s) => s.sheet === p.sheet && s.cell === p.cell))
            .map((p) => p.cell);
          const confirm = toConfirm.length
            ? `其中 ${toConfirm.join('、')} 为定性指标，按档次上限给分，请逐一确认。`
            : '';
          return `已按“${this.profile.name}”填写 ${report.written} 个建议得分。${confirm}`;
        },
      ),
    );
  }

  /** 新建自评表: a 自评表 in a new sheet for every 申报表 checked, its targets copied exactly. */
  async newFormsFromDeclarations(): Promise<void> {
    // Before any check the 申报表 are not known yet: the whole workbook is read for them first.
    if (!this.state.results) await this.check('all');
    if (!this.state.results) return;
    const declarations = this.state.results.filter((r): r is DeclarationResult => r.kind === 'target-declaration');
    if (declarations.length === 0) {
      this.update({
        message: { kind: 'info', text: '没有找到绩效目标申报表：请先检查含申报表的工作表，或用“插入空白自评表”。' },
      });
      return;
    }
    // Only fillers who start a form need this code: its own chunk.
    const { newFormSheets } = await import(/* webpackChunkName: "new-form" */ '../core/edits/new-form');
    const edits = newFormSheets(
      declarations.map((declaration) => declaration.form),
      this.profile,
    );
    await this.addForms(edits, NEW_FORM_ACTIONS[0]);
  }

  /** 插入空白自评表: the national layout in a new sheet, for a unit without a 申报表 file. */
  async insertBlankForm(): Promise<void> {
    const { blankSeed, NEW_FORM_COLUMN_WIDTHS, selfEvaluationGrid } = await import(
      /* webpackChunkName: "new-form" */ '../core/edits/new-form'
    );
    const year = new Date().getFullYear() - 1;
    const edit: NewSheetEdit = {
      type: 'new-sheet',
      name: '自评表',
      grid: selfEvaluationGrid('自评表', blankSeed(year), this.profile),
      columnWidths: NEW_FORM_COLUMN_WIDTHS,
    };
    await this.addForms([edit], NEW_FORM_ACTIONS[1]);
  }

  private async addForms(edits: NewSheetEdit[], label: string): Promise<void> {
    await this.runAction(`正在${label}…`, async () => {
      const report = await this.write(edits, label);
      if (!report) return;
      const names = report.sheetsAdded.map((n) => `「${n}」`).join('');
      // The new forms join the results (and the page's desk) at once.
      if (!this.state.scope) this.update({ scope: 'all' });
      await this.recheck();
      // A file in the page cannot be typed into: the forms are filled after downloading.
      const next = this.host.previewCell
        ? '点击“下载副本”保存后，在 Excel 或 WPS 中打开，填写实际完成值，再用“建议得分”。'
        : '请填写实际完成值，再点“建议得分”。';
      this.update({
        message: { kind: 'success', text: `已新建工作表${names}：${next}如需撤回，点击“撤销”。` },
      });
      if (report.sheetsAdded[0]) await this.select(report.sheetsAdded[0], 'F3');
    });
  }

  /** 撤销: the newest action's cells back as they were, except those the user changed since (named). */
  async undo(): Promise<void> {
    const entry = this.state.history[this.state.history.length - 1];
    if (!entry) return;
    await this.runAction(`正在撤销：${entry.label}…`, async () => {
      const report = await this.host.applyEdits(undoEdits(entry.changes, entry.sheets));
      this.quietUntil = Date.now() + OWN_CHANGE_WINDOW_MS;
      this.update({ history: this.state.history.slice(0, -1) });
      const kept = report.skipped.map((s) => s.cell || `工作表「${s.sheet}」`);
      const keptText = kept.length ? `；${kept.join('、')} 在填写后已被修改，保留未动` : '';
      const removed = report.sheetsRemoved.length ? `，删除新建的工作表「${report.sheetsRemoved.join('」「')}」` : '';
      // Said once the restored cells are checked again: the cards then show what the message says.
      await this.recheck();
      this.update({
        message: {
          kind: kept.length ? 'info' : 'success',
          text: `已撤销“${entry.label}”：恢复 ${report.written} 处原内容${removed}${keptText}。`,
        },
      });
    });
  }

  /**
   * Writes edits only if the forms they touch still hold what was checked (the host compares in the
   * round trip it makes anyway); otherwise re-checks and says so. Writes that change cells join the
   * undo history under `label`.
   */
  private async write(edits: Edit[], label?: string): Promise<ApplyReport | null> {
    const report = await this.host.applyEdits([...basisEdits(this.state.results ?? [], edits), ...edits]);
    this.quietUntil = Date.now() + OWN_CHANGE_WINDOW_MS;
    if (report.stale.length) {
      await this.recheck();
      const where = report.stale.map((s) => `「${s.sheet}」${s.range}`).join('、');
      this.update({
        message: {
          kind: 'info',
          text: `检查之后表格有改动（${where}），已按现在的内容重新检查，未写入任何内容。请核对结果后再操作一次。`,
        },
      });
      return null;
    }
    const grids = edits.filter((e): e is NewSheetEdit => e.type === 'new-sheet').map((e) => e.grid);
    const sheets = report.sheetsAdded.map((name, i) => ({ name, grid: grids[i] }));
    if (label && (report.changes.length || sheets.length))
      this.update({ history: [...this.state.history, { label, changes: report.changes, sheets }] });
    return report;
  }

  /** Writes, says what was written (and that 撤销 takes it back), and checks again: the pane's one-click writes. */
  private async writeAndRecheck(
    edits: Edit[],
    label: string,
    said: (report: ApplyReport) => string,
    change: Partial<PaneState> = {},
  ): Promise<void> {
    const report = await this.write(edits, label);
    if (!report) return;
    this.update({ ...change, message: { kind: 'success', text: `${said(report)}如需撤回，点击“撤销”。` } });
    await this.recheck();
  }

  async saveTemplate(template: ReasonTemplate): Promise<boolean> {
    try {
      await this.templates.save(template);
      this.update({
        customTemplates: [...this.templates.custom],
        message: { kind: 'success', text: `模板「${template.title}」已保存。` },
      });
      return true;
    } catch (error) {
      this.update({ message: { kind: 'error', text: describeError(error) } });
      return false;
    }
  }

  async removeTemplate(id: string): Promise<void> {
    await this.templates.remove(id);
    this.update({ customTemplates: [...this.templates.custom], message: { kind: 'success', text: '模板已删除。' } });
  }

  async importTemplates(text: string, fileName: string): Promise<void> {
    try {
      const count = await this.templates.importText(text, fileName);
      this.update({
        customTemplates: [...this.templates.custom],
        message: { kind: 'success', text: `已导入 ${count} 个模板。` },
      });
    } catch (error) {
      this.update({ message: { kind: 'error', text: `${describeError(error)}；原有模板未受影响。` } });
    }
  }

  exportTemplates(): string {
    return this.templates.exportText();
  }

  /** 手动指定表格 for a sheet the engine could not read, starting from its best guess at the header. */
  private async recheck(): Promise<void> {
    const scope = this.state.scope;
    if (!scope) return;
    const results = await this.checked(scope);
    this.update({ results, checkedAt: Date.now(), stale: false, draft: this.refreshedDraft(results) });
  }

  /** The open 偏差原因 panel follows its row through a re-check (closed if the row no longer lost points). */
  private refreshedDraft(results: readonly CheckedForm[]): ReasonDraft | null {
    const draft = this.state.draft;
    if (!draft) return null;
    const result = results.find(
      (r) => r.sheet === draft.sheet && r.form.range.top <= draft.row.row && draft.row.row <= r.form.range.bottom,
    );
    const row =
      result?.kind === 'self-evaluation' ? deductedRows(result).find((r) => r.row === draft.row.row) : undefined;
    return row ? { ...draft, row } : null;
  }

  /** The engine's results for the scope: where the workbook lives if the host can, else read and checked here. */
  private async checked(scope: 'active' | 'all'): Promise<CheckedForm[]> {
    // Saved layouts arrive asynchronously: the first check of a new page or pane waits for them.
    await this.layouts.ready;
    const layouts = this.layouts.custom;
    if (this.host.checkInPlace)
      return this.host.checkInPlace(scope, this.profile, (progress, busy) => this.update({ busy, progress }), layouts);
    const sheets = await this.host.readSheets(scope);
    this.update({ busy: '正在检查…', progress: 0.5 });
    // Yield once so the progress is painted before the engine runs.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The engine is a chunk of its own, loaded at the first check: the pane opens without it.
    const { checkWorkbook } = await import(/* webpackChunkName: "engine" */ '../core/check/workbook');
    return checkWorkbook(sheets, this.profile, { basis: true, layouts });
  }

  private requireResults(): CheckedForm[] | null {
    if (this.state.results && this.state.results.length > 0) return this.state.results;
    this.update({ message: { kind: 'info', text: '请先点击“检查当前工作表”或“检查全部工作表”。' } });
    return null;
  }

  /** Runs one action: progress while it runs, a Chinese message if it fails, never a thrown error. */
  private async runAction(label: string, action: () => Promise<void>): Promise<void> {
    if (this.state.busy) return;
    this.update({ busy: label, progress: 0.1, message: null });
    try {
      await action();
    } catch (error) {
      this.update({ message: { kind: 'error', text: describeError(error) } });
    } finally {
      this.update({ busy: null, progress: null });
    }
  }

  private update(change: Partial<PaneState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
  }
}

function describeForms(results: readonly CheckedForm[]): string {
  const count = (kind: CheckedForm['kind']) => results.filter((r) => r.kind === kind).length;
  const parts = [
    [results.filter(isScored).length, '张自评表'],
    [count('target-declaration'), '张绩效目标申报表'],
    [count('monitoring'), '张绩效运行监控表'],
    [count('unrecognised'), '张表格未识别（未检查，可“手动指定表格”）'],
  ] as const;
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join('、');
  return `共 ${text}`;
}

export function countBySeverity(results: readonly CheckedForm[]): Record<'error' | 'warning' | 'info', number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const result of results) for (const finding of result.findings) counts[finding.severity]++;
  return counts;
}
