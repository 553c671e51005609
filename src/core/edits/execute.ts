import { fingerprintValues } from '../check/basis';
import {
  newCellContent,
  refusalReason,
  restoreRefusal,
  sheetUnchanged,
  targetSheet,
  MARK_MESSAGE_PREFIX,
  type CellChange,
  type CellContent,
  type Edit,
  type MarkEdit,
  type RestoreEdit,
  type SetValueEdit,
} from './edits';
import { uniqueSheetName } from './excel-limits';
import { isBlank, type CellValue, type SheetGrid } from '../sheet/grid';
import {
  isEmptyMarkState,
  ONE_PAGE_WIDE,
  rememberMark,
  savedMarkOf,
  type MarkState,
  type PrintFit,
  type SavedFill,
} from './mark-state';
import { assertNever } from '../sheet/never';
import { newSheetLayout, reviewSheetLayout, stateSheetLayout, type SheetLayout } from './sheet-layout';
import { STATE_SHEET_NAME } from '../sheet/sheet-names';
import { emptyDecisions, type ReviewDecisions } from '../check/decisions';
/**
 * The two-phase port between the core and a host. The core asks what it needs read (`probeRequest`), the host
 * reads it in one go (Excel: one round trip) into a `Snapshot`, the core decides every write (`executeEdits`:
 * refusals, undo records, the saved marks, sheet names, layouts) and the host commits the `HostOp`s in order.
 * A host holds no policy: it only reads and writes cells, fills, notes and whole sheets.
 */
export interface CellAt {
  sheet: string;
  cell: string;
}

/** What a batch of edits needs read before the first write. */
export interface ProbeRequest {
  /** Content (value, formula, number format) of the cells set-value and restore edits write. */
  contents: CellAt[];
  /** Fill and note of the cells marks colour. */
  marks: CellAt[];
  /** Areas whose values `expect` edits fingerprint. */
  areas: Array<{ sheet: string; range: string }>;
  /** Whole sheets `remove-sheet` edits compare with what was written. */
  sheets: string[];
  /** Whether the saved marks are needed (marks and the 审核意见 sheet update them). */
  state: boolean;
  /** The fill and note of every cell the saved marks list, too (清除标记: the host reads the state first). */
  savedMarks?: boolean;
  /** Sheets whose print scaling is read (set to one page wide: the state keeps what it was). */
  prints?: string[];
}

export interface ProbedMark {
  fill: SavedFill;
  /** The text of the note (or comment) on the cell, null when there is none or the host cannot tell. */
  note: string | null;
}

/** What the host read for a request, keyed by `cellKey` / `areaKey`. */
export interface Snapshot {
  /** Every sheet of the workbook, in tab order (hidden ones too). */
  sheetNames: readonly string[];
  contents: ReadonlyMap<string, CellContent>;
  marks: ReadonlyMap<string, ProbedMark>;
  areas: ReadonlyMap<string, CellValue[][]>;
  /** Sheets asked for that exist. */
  sheets: ReadonlyMap<string, SheetGrid>;
  /** The saved marks (empty when not asked for or none). */
  state: MarkState;
  /** The print scaling of the sheets asked for, where the host can read and set it (ExcelApi 1.9). */
  prints?: ReadonlyMap<string, PrintFit>;
}

/**
 * Where a host can put a mark's message: `notes` (it can tell a user's note from its own and replace its own),
 * `comments` (it can add one, not read them: Excel 1.10–1.17), `none` (only the 审核意见 sheet has it).
 */
export type MessageSupport = 'notes' | 'comments' | 'none';

/** One primitive write, in the order the host must commit them. */
export type HostOp =
  | WriteCellOp
  | { op: 'fill'; sheet: string; cell: string; color: string; original: SavedFill }
  /** The fill a cell had before this add-in marked it (no fill when `original.rgb` is null). */
  | { op: 'restore-fill'; sheet: string; cell: string; original: SavedFill }
  /** Removes this add-in's note on the cell (the probe read it there, starting with the marker). */
  | { op: 'remove-note'; sheet: string; cell: string }
  | { op: 'note'; sheet: string; cell: string; text: string; replacesOwn: boolean }
  | { op: 'add-sheet'; layout: SheetLayout }
  | { op: 'remove-sheet'; name: string }
  /** The sheet's print scaling set (one page wide, or back to what it was). */
  | { op: 'print-fit'; sheet: string; fit: PrintFit };

/**
 * A cell's new content: `formula` when not null, else `value` (text as text; null empties the cell).
 * `numberFormat`: undefined keeps the cell's, null sets the general format. `hostRecord`: what the host that read the
 * cell recorded of it, opaque to the core, given back verbatim to that host (the file host: the cell's XML).
 */
export interface WriteCellOp {
  op: 'write-cell';
  sheet: string;
  cell: string;
  value: CellValue;
  formula: string | null;
  numberFormat?: string | null;
  hostRecord?: string;
}

/** What a batch did, with the same meaning in every host (the contract suite holds each host to it). */
export interface ExecutionReport {
  /** Cells whose content was written: set-value and restore edits carried out. */
  written: number;
  /** Cells marked: each now has its mark's fill, and its message as a note unless the user had one there. */
  marked: number;
  /** The name the 审核意见 sheet was written under, or null when the batch wrote none. */
  reviewSheet: string | null;
  /** Edits not carried out, with a Chinese reason (an `if-empty` fill on a cell that has a value, …). */
  skipped: Array<{ sheet: string; cell: string; reason: string }>;
  /** Every written cell, in edit order: what it held before and what it holds now (undo restores these). */
  changes: CellChange[];
  /** Areas of `expect` edits the user changed since the check. When any is listed, nothing was written. */
  stale: Array<{ sheet: string; range: string }>;
  /** Sheets `new-sheet` edits added, under the names they got; sheets `remove-sheet` edits removed. */
  sheetsAdded: string[];
  sheetsRemoved: string[];
  /** The reviewer's decisions the workbook keeps, after the batch (only when it had a `decisions` edit). */
  decisions?: ReviewDecisions;
  /** Sheets set to print one page wide (only when the batch had `print-fit` edits). */
  printFitted?: number;
}

/** An edit names a sheet the workbook does not have: the whole batch is refused. */
export class MissingSheet extends Error {
  constructor(readonly sheet: string) {
    super(`找不到工作表「${sheet}」`);
  }
}

export function cellKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell}`;
}

export function areaKey(sheet: string, range: string): string {
  return `${sheet}\u0000${range}`;
}

export function probeRequest(edits: readonly Edit[]): ProbeRequest {
  const request: ProbeRequest = { contents: [], marks: [], areas: [], sheets: [], state: false };
  for (const edit of edits) {
    switch (edit.type) {
      case 'set-value':
      case 'restore':
        request.contents.push({ sheet: edit.sheet, cell: edit.cell });
        break;
      case 'mark':
        request.marks.push({ sheet: edit.sheet, cell: edit.cell });
        request.state = true;
        break;
      case 'expect':
        request.areas.push({ sheet: edit.sheet, range: edit.range });
        break;
      case 'remove-sheet':
        request.sheets.push(edit.name);
        break;
      case 'review-sheet':
      case 'decisions':
        request.state = true;
        break;
      case 'print-fit':
        (request.prints ??= []).push(edit.sheet);
        request.state = true;
        break;
      case 'new-sheet':
        break;
      default:
        assertNever(edit);
    }
  }
  return request;
}

/**
 * Every write a batch makes, decided from what the host read: nothing at all when an `expect` area changed; the
 * saved marks first (so that a batch failing half-way leaves every applied mark clearable), then the 审核意见
 * sheet, cell writes, marks, new sheets and removed ones.
 */
export function executeEdits(
  edits: readonly Edit[],
  snapshot: Snapshot,
  messages: MessageSupport,
): { ops: HostOp[]; report: ExecutionReport } {
  const names = new Set(snapshot.sheetNames);
  const missing = edits.map(targetSheet).find((name) => name !== null && !names.has(name));
  if (missing) throw new MissingSheet(missing);
  const report: ExecutionReport = {
    written: 0,
    marked: 0,
    reviewSheet: null,
    skipped: [],
    changes: [],
    stale: staleAreas(edits, snapshot),
    sheetsAdded: [],
    sheetsRemoved: [],
  };
  if (report.stale.length) return { ops: [], report };
  const ops: HostOp[] = [];
  const marks = edits.filter((e): e is MarkEdit => e.type === 'mark').map((mark) => markPlan(mark, snapshot, messages));
  const recorded = recordedDecisions(edits);
  if (marks.length > 0 || recorded || edits.some((e) => e.type === 'review-sheet' || e.type === 'print-fit'))
    ops.push(...stateOps(edits, marks, snapshot, names, report));
  if (edits.some((e) => e.type === 'decisions'))
    report.decisions = recorded ?? snapshot.state.decisions ?? emptyDecisions();
  for (const edit of edits) {
    if (edit.type === 'set-value' || edit.type === 'restore') ops.push(...cellWrite(edit, snapshot, report));
  }
  // Fills before notes: a host fills many cells of one colour at once.
  for (const { mark, base } of marks) {
    ops.push({ op: 'fill', sheet: mark.sheet, cell: mark.cell, color: mark.color, original: base });
    report.marked++;
  }
  for (const { mark, note, ownNote } of marks)
    if (note) ops.push({ op: 'note', sheet: mark.sheet, cell: mark.cell, text: mark.message, replacesOwn: ownNote });
  for (const edit of edits) ops.push(...sheetChanges(edit, snapshot, names, report));
  return { ops, report };
}

/**
 * The sheets an edit adds or removes. Every type of edit is named here — the others are executed above — so that a
 * new type does not compile until it has its place (none is ever dropped in silence).
 */
function sheetChanges(edit: Edit, snapshot: Snapshot, names: Set<string>, report: ExecutionReport): HostOp[] {
  switch (edit.type) {
    case 'new-sheet': {
      const name = uniqueSheetName(edit.name, (n) => names.has(n));
      names.add(name);
      report.sheetsAdded.push(name);
      return [{ op: 'add-sheet', layout: newSheetLayout(edit, name) }];
    }
    case 'remove-sheet': {
      const sheet = snapshot.sheets.get(edit.name);
      const refusal =
        !names.has(edit.name) || !sheet
          ? '工作表已不存在'
          : !sheetUnchanged(edit.expected, sheet)
            ? '工作表在新建后已被修改，保留未动'
            : null;
      if (refusal) {
        report.skipped.push({ sheet: edit.name, cell: '', reason: refusal });
        return [];
      }
      names.delete(edit.name);
      report.sheetsRemoved.push(edit.name);
      return [{ op: 'remove-sheet', name: edit.name }];
    }
    case 'set-value':
    case 'restore':
    case 'mark':
    case 'expect':
    case 'review-sheet':
    case 'decisions':
    case 'print-fit':
      return [];
    default:
      return assertNever(edit);
  }
}

function staleAreas(edits: readonly Edit[], snapshot: Snapshot): ExecutionReport['stale'] {
  const stale: ExecutionReport['stale'] = [];
  for (const edit of edits) {
    if (edit.type !== 'expect') continue;
    const values = snapshot.areas.get(areaKey(edit.sheet, edit.range)) ?? [];
    if (fingerprintValues(values) !== edit.fingerprint) stale.push({ sheet: edit.sheet, range: edit.range });
  }
  return stale;
}

interface MarkPlan {
  mark: MarkEdit;
  /** The fill the cell had before this add-in's first mark on it. */
  base: SavedFill;
  /** Whether the message goes into a note (never over a user's own). */
  note: boolean;
  ownNote: boolean;
}

function markPlan(mark: MarkEdit, snapshot: Snapshot, messages: MessageSupport): MarkPlan {
  const probed = snapshot.marks.get(cellKey(mark.sheet, mark.cell)) ?? { fill: { rgb: null }, note: null };
  const ownNote = probed.note !== null && probed.note.startsWith(MARK_MESSAGE_PREFIX);
  const userNote = probed.note !== null && !ownNote;
  const saved = savedMarkOf(snapshot.state, mark.sheet, mark.cell);
  return { mark, base: saved?.fill ?? probed.fill, note: messages !== 'none' && !userNote, ownNote };
}

/**
 * The saved marks with this batch's (each cell's original fill, whether a note was added) and the new 审核意见
 * sheet in place of the last one: removed, added, and the state sheet rewritten (or removed once empty).
 */
function stateOps(
  edits: readonly Edit[],
  marks: readonly MarkPlan[],
  snapshot: Snapshot,
  names: Set<string>,
  report: ExecutionReport,
): HostOp[] {
  const state: MarkState = { ...snapshot.state, marks: [...snapshot.state.marks] };
  const recorded = recordedDecisions(edits);
  if (recorded) state.decisions = recorded;
  const prints = printOps(edits, snapshot, state, report);
  for (const { mark, base, note } of marks)
    rememberMark(state, { sheet: mark.sheet, cell: mark.cell, fill: base, addedNote: note });
  const ops: HostOp[] = [];
  for (const edit of edits) {
    if (edit.type !== 'review-sheet') continue;
    if (state.reviewSheet && names.has(state.reviewSheet)) {
      ops.push({ op: 'remove-sheet', name: state.reviewSheet });
      names.delete(state.reviewSheet);
    }
    const name = uniqueSheetName(edit.name, (n) => names.has(n));
    names.add(name);
    ops.push({ op: 'add-sheet', layout: reviewSheetLayout(edit, name) });
    state.reviewSheet = name;
    report.reviewSheet = name;
  }
  return [...ops, ...saveStateOps(state, names), ...prints];
}

/**
 * One page wide for each `print-fit` edit's sheet, its print scaling before kept in the state (the first one: a
 * second run keeps the true original); a host that cannot read it (Excel below 1.9) leaves the sheet as it was.
 */
function printOps(edits: readonly Edit[], snapshot: Snapshot, state: MarkState, report: ExecutionReport): HostOp[] {
  const ops: HostOp[] = [];
  for (const edit of edits) {
    if (edit.type !== 'print-fit') continue;
    const original = snapshot.prints?.get(edit.sheet);
    report.printFitted ??= 0;
    if (!original) {
      report.skipped.push({ sheet: edit.sheet, cell: '', reason: '此版本不能设置打印缩放，打印设置未改动' });
      continue;
    }
    if (!state.prints?.some((saved) => saved.sheet === edit.sheet))
      state.prints = [...(state.prints ?? []), { sheet: edit.sheet, original }];
    ops.push({ op: 'print-fit', sheet: edit.sheet, fit: ONE_PAGE_WIDE });
    report.printFitted++;
  }
  return ops;
}

/** The decisions the batch's last `decisions` edit records (null: none records any). */
function recordedDecisions(edits: readonly Edit[]): ReviewDecisions | null {
  let recorded: ReviewDecisions | null = null;
  for (const edit of edits) if (edit.type === 'decisions' && edit.record) recorded = edit.record;
  return recorded;
}

/** The state sheet replaced by one holding `state`, or removed when it holds nothing. */
export function saveStateOps(state: MarkState, names: Set<string>): HostOp[] {
  const ops: HostOp[] = [];
  if (names.has(STATE_SHEET_NAME)) ops.push({ op: 'remove-sheet', name: STATE_SHEET_NAME });
  names.delete(STATE_SHEET_NAME);
  if (!isEmptyMarkState(state)) {
    ops.push({ op: 'add-sheet', layout: stateSheetLayout(state) });
    names.add(STATE_SHEET_NAME);
  }
  return ops;
}

/** A set-value or restore edit's write, or its refusal in the report. */
function cellWrite(edit: SetValueEdit | RestoreEdit, snapshot: Snapshot, report: ExecutionReport): HostOp[] {
  const before = snapshot.contents.get(cellKey(edit.sheet, edit.cell)) ?? {
    value: null,
    formula: null,
    numberFormat: null,
  };
  const refusal =
    edit.type === 'restore'
      ? restoreRefusal(edit, before.value, before.formula !== null)
      : refusalReason(edit, { empty: isBlank(before.value), hasFormula: before.formula !== null });
  if (refusal) {
    report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
    return [];
  }
  const at = { op: 'write-cell' as const, sheet: edit.sheet, cell: edit.cell };
  let op: WriteCellOp;
  if (edit.type === 'restore') {
    const { value, formula, numberFormat, hostRecord } = edit.content;
    op = { ...at, value, formula, numberFormat, ...(hostRecord !== undefined ? { hostRecord } : {}) };
  } else {
    const content = newCellContent(edit, before.value);
    op = { ...at, value: content, formula: null };
    if (typeof content === 'number' && edit.numberFormat) op.numberFormat = edit.numberFormat;
  }
  report.written++;
  report.changes.push({ sheet: edit.sheet, cell: edit.cell, before, after: op.value });
  return [op];
}
