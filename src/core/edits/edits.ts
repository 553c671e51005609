import { SEVERITY_LABEL, SEVERITY_ORDER, type Finding, type Severity } from '../rules/rules';
import { parseA1, parseRangeA1 } from '../sheet/address';
import { isScored, type CheckedForm } from '../check/kinds';
import { isBlank, type CellValue, type SheetGrid } from '../sheet/grid';
import { decidedResults, type ReviewDecisions } from '../check/decisions';
import { ReviewSheetEdit, reviewSheetEdit } from './review-sheet';
import { appendText, clampText, validSheetName } from './excel-limits';
/**
 * What a host is asked to do to a workbook. The core decides every change; hosts only execute
 * them, so Excel, WPS and files behave alike. Cells are A1 addresses in the named sheet.
 */
export type Edit =
  | SetValueEdit
  | MarkEdit
  | ReviewSheetEdit
  | RestoreEdit
  | ExpectEdit
  | NewSheetEdit
  | RemoveSheetEdit
  | DecisionsEdit
  | PrintFitEdit;

/**
 * The sheet printed one page wide (as many pages long as it takes): only where the reviewer asked for it, its print
 * scaling before kept in the state, so that 清除标记 gives it back.
 */
export interface PrintFitEdit {
  type: 'print-fit';
  sheet: string;
}

/**
 * The reviewer's decisions kept with the workbook (in the state sheet, with the saved marks); `record: null` only
 * reads them back, in the report's `decisions`.
 */
export interface DecisionsEdit {
  type: 'decisions';
  record: ReviewDecisions | null;
}

/**
 * A sheet the add-in creates (a 自评表 started from a 申报表, a blank one): added after the last sheet
 * under `name`, or `name(2)`… when taken. Text goes in as text; formulas only where `grid.formulas` has one.
 */
export interface NewSheetEdit {
  type: 'new-sheet';
  name: string;
  /** Rows from A1; merges where the host can merge (Excel from ExcelApi 1.2). */
  grid: SheetGrid;
  /** Column widths in characters, where the host can set them. */
  columnWidths?: number[];
}

/** Undo of a new sheet: removed only while it holds exactly what was written (formula results aside). */
export interface RemoveSheetEdit {
  type: 'remove-sheet';
  name: string;
  expected: SheetGrid;
}

/** What a cell holds, enough to put it back exactly. */
export interface CellContent {
  value: CellValue;
  formula: string | null;
  /** null for the general format. */
  numberFormat: string | null;
  /** What the host that read the cell recorded of it, opaque to the core, put back verbatim when it undoes. */
  hostRecord?: string;
}

/** One cell a write changed: what it held, and the value it holds now (what undo expects to find). */
export interface CellChange {
  sheet: string;
  cell: string;
  before: CellContent;
  after: CellValue;
}

/** Puts a cell back as it was before one of this add-in's writes, unless it no longer holds `expected`. */
export interface RestoreEdit {
  type: 'restore';
  sheet: string;
  cell: string;
  expected: CellValue;
  content: CellContent;
}

/**
 * Writes nothing: the whole batch is carried out only if the area still holds the values the engine
 * checked (the host compares fingerprints in the round trip it makes anyway).
 */
export interface ExpectEdit {
  type: 'expect';
  sheet: string;
  range: string;
  fingerprint: string;
}

export interface SetValueEdit {
  type: 'set-value';
  sheet: string;
  cell: string;
  /**
   * Text is always written as text, never as a formula, whatever it starts with. '' with `replace`
   * empties the cell.
   */
  value: string | number;
  numberFormat?: string;
  /** `if-empty` never touches a non-empty cell or a formula; the host re-checks at write time. */
  mode: 'if-empty' | 'replace' | 'append';
}

export interface MarkEdit {
  type: 'mark';
  sheet: string;
  cell: string;
  severity: Severity;
  /** Fill colour as RRGGBB. */
  color: string;
  message: string;
}

/** First line of every mark's message: how hosts tell their own notes from a user's. */
export const MARK_MESSAGE_PREFIX = '绩效自评助手：';

/** Soft fills that keep the text readable: red for errors, amber for warnings, blue for hints. */
export const SEVERITY_COLORS: Record<Severity, string> = { error: 'FFC7CE', warning: 'FFEB9C', info: 'DDEBF7' };

export interface EditPlan {
  mark?: boolean;
  fill?: boolean;
  reviewSheet?: boolean;
  /** The reviewer's decisions: ignored findings are neither marked nor listed; 审核结论 heads each form. */
  decisions?: ReviewDecisions;
  /** Every sheet with a form read prints one page wide (the reviewer asked: it changes the print setup). */
  fitWidth?: boolean;
}

export function planEdits(results: readonly CheckedForm[], plan: EditPlan): Edit[] {
  const edits: Edit[] = [];
  const decided = decidedResults(results, plan.decisions);
  if (plan.fill) edits.push(...fillEdits(results));
  if (plan.mark) edits.push(...markEdits(decided));
  if (plan.reviewSheet) edits.push(reviewSheetEdit(results, plan.decisions));
  if (plan.fitWidth) edits.push(...printFitEdits(results));
  return edits;
}

/** A sheet of each form read (not a sheet left unread), once. */
function printFitEdits(results: readonly CheckedForm[]): PrintFitEdit[] {
  const sheets = new Set(results.filter((r) => r.kind !== 'unrecognised').map((r) => r.sheet));
  return [...sheets].map((sheet) => ({ type: 'print-fit', sheet }));
}

/** One mark per cell: the most severe finding's colour and every message on that cell. */
export function markEdits(results: readonly CheckedForm[]): MarkEdit[] {
  const byCell = new Map<string, { sheet: string; cell: string; findings: Finding[] }>();
  for (const result of results) {
    for (const finding of result.findings) {
      const key = `${result.sheet}\u0000${finding.cell}`;
      const entry = byCell.get(key) ?? { sheet: result.sheet, cell: finding.cell, findings: [] };
      entry.findings.push(finding);
      byCell.set(key, entry);
    }
  }
  return [...byCell.values()].map(({ sheet, cell, findings }) => {
    const ordered = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const severity = ordered[0].severity;
    const message = ordered.map((f) => `【${SEVERITY_LABEL[f.severity]}】${f.message}`).join('\n');
    return {
      type: 'mark',
      sheet,
      cell,
      severity,
      color: SEVERITY_COLORS[severity],
      message: clampText(`${MARK_MESSAGE_PREFIX}\n${message}`),
    };
  });
}

/** Computed 总分, 评分等级 and 执行率 for the cells a form leaves empty. */
export function fillEdits(results: readonly CheckedForm[]): SetValueEdit[] {
  const edits: SetValueEdit[] = [];
  for (const result of results) {
    // 部门整体支出 forms have a 总分 and 评分等级 too; only 申报表 have none.
    if (!isScored(result)) continue;
    for (const { fill } of result.findings)
      if (fill) edits.push({ type: 'set-value', sheet: result.sheet, ...fill, mode: 'if-empty' });
  }
  return edits;
}

/**
 * Why a set-value edit must not touch a cell, or null when it may: a formula is kept unless the user
 * asked to replace it, and `if-empty` never writes over content. Every host asks this before writing.
 */
export function refusalReason(edit: SetValueEdit, cell: { empty: boolean; hasFormula: boolean }): string | null {
  if (cell.hasFormula && edit.mode !== 'replace') return '单元格是公式，未改动';
  if (!cell.empty && !cell.hasFormula && edit.mode === 'if-empty') return '单元格已有内容，未改动';
  return null;
}

/**
 * What a set-value edit leaves in the cell: a number, text (cut to the cell limit; after the
 * current text when appending), or null to empty it. Hosts only encode it their way.
 */
export function newCellContent(edit: SetValueEdit, current: unknown): string | number | null {
  if (typeof edit.value === 'number') return edit.value;
  if (edit.value === '' && edit.mode === 'replace') return null;
  return edit.mode === 'append' && typeof current === 'string'
    ? appendText(current, edit.value)
    : clampText(edit.value);
}

/** Whether an edit's cell address is well-formed; hosts validate every edit before the first write. */
export function validateEdit(edit: Edit): string | null {
  if (edit.type === 'review-sheet') return edit.name.trim() === '' ? '审核意见工作表名称为空' : null;
  if (edit.type === 'decisions') return null;
  if (edit.type === 'print-fit') return edit.sheet.trim() === '' ? '工作表名称为空' : null;
  if (edit.type === 'expect') return parseRangeA1(edit.range) ? null : `区域「${edit.range}」无效`;
  if (edit.type === 'new-sheet' || edit.type === 'remove-sheet')
    return validSheetName(edit.name) ? null : `工作表名称「${edit.name}」无效`;
  if (!parseA1(edit.cell)) return `单元格地址「${edit.cell}」无效`;
  if (edit.sheet.trim() === '') return '工作表名称为空';
  return null;
}

/**
 * The freshness checks for a batch: the basis of every form an edit writes into. Run with the batch,
 * they make the host refuse it whole if the user changed one of those forms since the check.
 */
export function basisEdits(results: readonly CheckedForm[], edits: readonly Edit[]): ExpectEdit[] {
  const expects: ExpectEdit[] = [];
  for (const result of results) {
    const basis = result.basis;
    if (!basis) continue;
    const { top, left, bottom, right } = result.form.range;
    const touches = edits.some((edit) => {
      if (!('cell' in edit) || edit.sheet !== result.sheet) return false;
      const at = parseA1(edit.cell);
      return !!at && at.row >= top && at.row <= bottom && at.col >= left && at.col <= right;
    });
    if (touches)
      expects.push({ type: 'expect', sheet: result.sheet, range: basis.range, fingerprint: basis.fingerprint });
  }
  return expects;
}

/** The edits that undo a write: each changed cell back to what it held, newest change first; added sheets removed. */
export function undoEdits(
  changes: readonly CellChange[],
  sheetsAdded: ReadonlyArray<{ name: string; grid: SheetGrid }> = [],
): Array<RestoreEdit | RemoveSheetEdit> {
  const cells = [...changes].reverse().map((change): RestoreEdit => ({
    type: 'restore',
    sheet: change.sheet,
    cell: change.cell,
    expected: change.after,
    content: change.before,
  }));
  return [
    ...cells,
    ...sheetsAdded.map((sheet): RemoveSheetEdit => ({ type: 'remove-sheet', name: sheet.name, expected: sheet.grid })),
  ];
}

/** The existing sheet a cell edit or an `expect` works in; null for edits that add or remove whole sheets. */
export function targetSheet(edit: Edit): string | null {
  return 'sheet' in edit ? edit.sheet : null;
}

/**
 * Whether a sheet still holds only what was written to it: the same value in every written cell (a
 * formula's result is not compared) and nothing anywhere else.
 */
export function sheetUnchanged(expected: SheetGrid, actual: SheetGrid): boolean {
  const at = (grid: SheetGrid, row: number, col: number) =>
    grid.values[row - grid.originRow]?.[col - grid.originCol] ?? null;
  const formulaAt = (row: number, col: number) =>
    expected.formulas?.[row - expected.originRow]?.[col - expected.originCol] ?? null;
  // Each grid's stored cells against the other (a read grid is sparse: no walk over its blank area).
  const differsFrom = (grid: SheetGrid, other: SheetGrid) =>
    grid.values.some((line, i) =>
      line?.some((value, j) => {
        const row = grid.originRow + i;
        const col = grid.originCol + j;
        return formulaAt(row, col) === null && !sameCellValue(at(other, row, col), value);
      }),
    );
  return !differsFrom(expected, actual) && !differsFrom(actual, expected);
}

/** Whether a cell still holds what this add-in wrote there (blank text and empty are the same). */
export function sameCellValue(current: CellValue | undefined, expected: CellValue): boolean {
  const blank = (v: CellValue | undefined) => isBlank(v ?? null);
  if (blank(current) || blank(expected)) return blank(current) && blank(expected);
  if (typeof current === 'number' && typeof expected === 'number') return Math.abs(current - expected) < 1e-9;
  return String(current) === String(expected);
}

/** Why a cell may not be restored: the user changed it after this add-in wrote it. */
export function restoreRefusal(edit: RestoreEdit, current: CellValue | undefined, hasFormula: boolean): string | null {
  return !hasFormula && sameCellValue(current, edit.expected) ? null : '写入后已被修改，保留未动';
}
