import { parseA1, parseRangeA1, toA1, type CellRange } from '../../core/address';
import { fingerprintValues } from '../../core/basis';
import {
  newCellContent,
  refusalReason,
  restoreRefusal,
  sheetUnchanged,
  targetSheet,
  uniqueSheetName,
  reviewLinkFormula,
  reviewSheetLines,
  REVIEW_COLUMN_WIDTHS,
  validateEdit,
  type CellChange,
  type CellContent,
  type Edit,
  type ExpectEdit,
  type MarkEdit,
  type NewSheetEdit,
  type RemoveSheetEdit,
  type RestoreEdit,
  type ReviewLine,
  type ReviewSheetEdit,
  type SetValueEdit,
  MARK_MESSAGE_PREFIX,
} from '../../core/edits';
import { STATE_SHEET_NAME } from '../../core/sheet-names';
import { isBlank, type CellValue, type SheetGrid } from '../../core/grid';
import {
  bgrToRgb,
  emptyMarkState,
  isEmptyMarkState,
  normaliseRgb,
  rememberMark,
  stateFromColumn,
  stateSheetRows,
  type MarkState,
  type SavedFill,
} from '../../core/mark-state';
import {
  emptyReport,
  HostError,
  refuseHugeUsedArea,
  textValue,
  valueMatrix,
  type ApplyReport,
  type ClearReport,
  type SpreadsheetHost,
} from '../host';
import {
  read,
  rgbToBgr,
  toMatrix,
  XL_COLOR_INDEX_NONE,
  XL_SHEET_VERY_HIDDEN,
  XL_SHEET_VISIBLE,
  XL_LANDSCAPE,
  XL_VALIGN_TOP,
  type EtApplication,
  type EtComment,
  type EtRange,
  type EtWorksheet,
} from './et-model';

/** A multi-area address longer than this is refused by Range(); fills are written in chunks. */
const MAX_ADDRESS_LENGTH = 240;

/**
 * The WPS 表格 host. Reads are whole-range (`UsedRange.Value2`, `Formula`, `NumberFormat`), so the
 * number of bridge calls grows with sheets, not cells. The object model acts at once, so every
 * edit is validated and every cell it touches is read before the first write.
 */
export class WpsHost implements SpreadsheetHost {
  readonly displayName = 'WPS 表格';

  constructor(private readonly app: EtApplication) {}

  private get sheets() {
    const book = this.app.ActiveWorkbook;
    if (!book) throw new HostError('WPS 中没有打开的工作簿');
    return book.Worksheets;
  }

  private sheetList(): EtWorksheet[] {
    const sheets = this.sheets;
    const list: EtWorksheet[] = [];
    for (let i = 1; i <= sheets.Count; i++) list.push(sheets.Item(i));
    return list;
  }

  async readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    if (scope === 'active') {
      const active = this.app.ActiveSheet;
      if (!active) throw new HostError('WPS 中没有活动工作表');
      return [readSheet(active)];
    }
    const all = this.sheetList();
    const names = all.map((s) => s.Name);
    const state = await this.readState(all);
    return all
      .filter((sheet, i) => names[i] !== STATE_SHEET_NAME && names[i] !== state.reviewSheet && isVisible(sheet))
      .map(readSheet);
  }

  async applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    // Everything is checked and read before the first write: the object model has no batches.
    for (const edit of edits) {
      const problem = validateEdit(edit);
      if (problem) throw new HostError(problem);
    }
    const all = this.sheetList();
    const byName = new Map(all.map((s) => [s.Name, s]));
    for (const edit of edits) {
      const sheet = targetSheet(edit);
      if (sheet !== null && !byName.has(sheet)) throw new HostError(`找不到工作表「${sheet}」`);
    }
    const sheetOf = (name: string) => byName.get(name) as EtWorksheet;
    const report = emptyReport();
    report.stale = edits
      .filter((e): e is ExpectEdit => e.type === 'expect')
      .filter((e) => fingerprintValues(readArea(sheetOf(e.sheet), e.range)) !== e.fingerprint)
      .map((e) => ({ sheet: e.sheet, range: e.range }));
    if (report.stale.length) return report;
    const writes = planWrites(edits, sheetOf, report);
    const marks = edits.filter((e): e is MarkEdit => e.type === 'mark').map((mark) => probeMark(mark, sheetOf));
    if (marks.length > 0 || edits.some((e) => e.type === 'review-sheet')) {
      // Writes: the saved originals first, so that whatever follows can always be cleared.
      const state = await this.readState(all);
      for (const { mark, fill, userComment } of marks) {
        rememberMark(state, { sheet: mark.sheet, cell: mark.cell, fill, addedNote: !userComment });
      }
      for (const edit of edits) if (edit.type === 'review-sheet') this.writeReviewSheet(edit, state, byName, report);
      this.writeState(state);
    }
    for (const write of writes) executeWrite(write, report);
    this.writeMarks(
      marks.map((m) => m.mark),
      byName,
    );
    for (const edit of edits) {
      if (edit.type === 'new-sheet') this.addGridSheet(edit, report);
      if (edit.type === 'remove-sheet') this.removeGridSheet(edit, report);
    }
    for (const probe of marks) writeMarkNote(probe, report);
    return report;
  }

  /** One fill assignment per colour and sheet, over a multi-area address. */
  private writeMarks(marks: MarkEdit[], byName: Map<string, EtWorksheet>): void {
    const groups = new Map<string, { sheet: EtWorksheet; color: string; cells: string[] }>();
    for (const mark of marks) {
      const key = `${mark.sheet}\u0000${mark.color}`;
      const group = groups.get(key) ?? { sheet: byName.get(mark.sheet) as EtWorksheet, color: mark.color, cells: [] };
      group.cells.push(mark.cell);
      groups.set(key, group);
    }
    for (const { sheet, color, cells } of groups.values()) {
      for (const address of joinAddresses(cells)) sheet.Range(address).Interior.Color = rgbToBgr(color);
    }
  }

  async clearMarks(): Promise<ClearReport> {
    const all = this.sheetList();
    const byName = new Map(all.map((s) => [s.Name, s]));
    const state = await this.readState(all);
    let restored = 0;
    for (const mark of state.marks) {
      const sheet = byName.get(mark.sheet);
      if (!sheet) continue;
      const range = sheet.Range(mark.cell);
      if (mark.fill.rgb === null) range.Interior.ColorIndex = XL_COLOR_INDEX_NONE;
      else range.Interior.Color = rgbToBgr(mark.fill.rgb);
      const comment = range.Comment;
      if (mark.addedNote && comment && String(read(comment, 'Text')).startsWith(MARK_MESSAGE_PREFIX)) comment.Delete();
      restored++;
    }
    this.withoutAlerts(() => {
      if (state.reviewSheet) byName.get(state.reviewSheet)?.Delete();
      byName.get(STATE_SHEET_NAME)?.Delete();
    });
    return { restored, notesLeft: 0 };
  }

  async watchChanges(listener: () => void): Promise<boolean> {
    const events = this.app.ApiEvent;
    if (!events) return false;
    events.AddApiEventListener('SheetChange', () => listener());
    return true;
  }

  async watchSelection(listener: (sheet: string, cell: string) => void): Promise<boolean> {
    const events = this.app.ApiEvent;
    if (!events) return false;
    events.AddApiEventListener('SheetSelectionChange', (sheet: unknown, target: unknown) => {
      const name = (sheet as EtWorksheet | null)?.Name;
      const range = target as EtRange | null;
      if (!name || !range) return;
      listener(name, toA1(range.Row, range.Column));
    });
    return true;
  }

  async selectCell(sheetName: string, cell: string): Promise<void> {
    if (!parseA1(cell)) throw new HostError(`单元格地址「${cell}」无效`);
    const sheet = this.sheetList().find((s) => s.Name === sheetName);
    if (!sheet) throw new HostError(`找不到工作表「${sheetName}」`);
    sheet.Activate();
    sheet.Range(cell).Select();
  }

  // ---- saved marks: a very hidden sheet, as WPS has no document settings for add-ins -------------

  private async readState(all: EtWorksheet[]): Promise<MarkState> {
    const sheet = all.find((s) => s.Name === STATE_SHEET_NAME);
    if (!sheet) return emptyMarkState();
    const used = sheet.UsedRange;
    if (used.Column !== 1) return emptyMarkState();
    return (
      await stateFromColumn(toMatrix(read(used, 'Value2'), used.Rows.Count, used.Columns.Count).map((row) => row[0]))
    ).state;
  }

  private writeState(state: MarkState): void {
    const existing = this.sheetList().find((s) => s.Name === STATE_SHEET_NAME);
    this.withoutAlerts(() => existing?.Delete());
    if (isEmptyMarkState(state)) return;
    const sheet = this.addSheet(STATE_SHEET_NAME);
    const rows = stateSheetRows(state);
    sheet.Range(`A1:A${rows.length}`).Value2 = rows.map((chunk) => [textValue(chunk)]);
    sheet.Visible = XL_SHEET_VERY_HIDDEN;
  }

  private writeReviewSheet(
    edit: ReviewSheetEdit,
    state: MarkState,
    byName: Map<string, EtWorksheet>,
    report: ApplyReport,
  ): void {
    if (state.reviewSheet && byName.has(state.reviewSheet)) {
      this.withoutAlerts(() => byName.get(state.reviewSheet as string)?.Delete());
      byName.delete(state.reviewSheet);
    }
    const name = uniqueSheetName(edit.name, (n) => byName.has(n));
    const sheet = this.addSheet(name);
    const lines = reviewSheetLines(edit);
    const cells = lines.map((line) => line.cells.map((v) => (typeof v === 'string' && v ? textValue(v) : v)));
    sheet.Range(`A1:G${lines.length + 1}`).Value2 = [edit.columns.map(textValue), ...cells];
    // The 单元格 column in one write: links on finding lines, the text as it is elsewhere.
    const links = lines.map((line) => [line.link ? reviewLinkFormula(line.link) : '']);
    sheet.Range(`C2:C${lines.length + 1}`).Formula = links;
    // Printable as the file host writes it: texts wrap at the top of their cells, a heading across the sheet.
    reviewLayout(sheet, lines);
    state.reviewSheet = name;
    byName.set(name, sheet);
    report.reviewSheet = name;
  }

  /** A sheet the add-in creates: all values in one write (text as text), then its few formulas and merges. */
  private addGridSheet(edit: NewSheetEdit, report: ApplyReport): void {
    const names = new Set(this.sheetList().map((s) => s.Name));
    const name = uniqueSheetName(edit.name, (n) => names.has(n));
    const sheet = this.addSheet(name);
    const { grid } = edit;
    const values = valueMatrix(grid);
    sheet.Range(`A1:${toA1(values.length, values[0]?.length ?? 1)}`).Value2 = values;
    grid.formulas?.forEach((row, r) =>
      row.forEach((formula, c) => {
        if (formula) sheet.Range(toA1(r + 1, c + 1)).Formula = formula;
      }),
    );
    for (const m of grid.merges ?? []) sheet.Range(`${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).Merge?.();
    (edit.columnWidths ?? []).forEach((width, c) => (sheet.Range(toA1(1, c + 1)).ColumnWidth = width));
    sheet.Range(`A1:${toA1(values.length, values[0]?.length ?? 1)}`).WrapText = true;
    printLandscapeOnePageWide(sheet, null);
    report.sheetsAdded.push(name);
  }

  private removeGridSheet(edit: RemoveSheetEdit, report: ApplyReport): void {
    const sheet = this.sheetList().find((s) => s.Name === edit.name);
    if (!sheet) return void report.skipped.push({ sheet: edit.name, cell: '', reason: '工作表已不存在' });
    if (!sheetUnchanged(edit.expected, readSheet(sheet)))
      return void report.skipped.push({ sheet: edit.name, cell: '', reason: '工作表在新建后已被修改，保留未动' });
    this.withoutAlerts(() => sheet.Delete());
    report.sheetsRemoved.push(edit.name);
  }

  private addSheet(name: string): EtWorksheet {
    const all = this.sheetList();
    const sheet = this.sheets.Add(null, all[all.length - 1]);
    sheet.Name = name;
    return sheet;
  }

  /** Deleting a sheet asks the user to confirm unless alerts are off. */
  private withoutAlerts(action: () => void): void {
    const app = this.app as EtApplication & { DisplayAlerts?: boolean };
    const before = app.DisplayAlerts;
    if (before !== undefined) app.DisplayAlerts = false;
    try {
      action();
    } finally {
      if (before !== undefined) app.DisplayAlerts = before;
    }
  }
}

function isVisible(sheet: EtWorksheet): boolean {
  const visible = read(sheet, 'Visible');
  return visible === true || visible === XL_SHEET_VISIBLE;
}

/** One sheet as a grid, from whole-range reads. */
export function readSheet(sheet: EtWorksheet): SheetGrid {
  const used = sheet.UsedRange;
  const top = used.Row;
  const left = used.Column;
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  refuseHugeUsedArea(sheet.Name, `${toA1(top, left)}:${toA1(top + rows - 1, left + cols - 1)}`, rows * cols);
  const rawValues = toMatrix(read(used, 'Value2'), rows, cols);
  const rawFormulas = toMatrix(read(used, 'Formula'), rows, cols);
  const values: CellValue[][] = rawValues.map((row) => row.map(cellValue));
  const formulas = rawFormulas.map((row) => row.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
  const numberFormats = readNumberFormats(sheet, used, { top, left, rows, cols }, values);
  const merges: CellRange[] = [];
  findMerges(sheet, { top, left, bottom: top + rows - 1, right: left + cols - 1 }, merges, new Set());
  return { name: sheet.Name, originRow: top, originCol: left, values, formulas, numberFormats, merges };
}

function cellValue(value: unknown): CellValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/**
 * NumberFormat of a range is an array in some WPS versions, one string when uniform, and null when
 * mixed. Mixed ranges are read per column, and a mixed column only for the cells whose number
 * could be a fraction shown as a percentage: formats never need a call per cell otherwise.
 */
function readNumberFormats(
  sheet: EtWorksheet,
  used: EtRange,
  area: { top: number; left: number; rows: number; cols: number },
  values: CellValue[][],
): (string | null)[][] {
  const clean = (f: unknown) => (typeof f === 'string' && f !== 'General' && f !== 'G/通用格式' ? f : null);
  const whole = read(used, 'NumberFormat');
  if (whole !== null && whole !== undefined) return toMatrix(whole, area.rows, area.cols).map((row) => row.map(clean));
  const formats: (string | null)[][] = values.map((row) => row.map(() => null));
  for (let c = 0; c < area.cols; c++) {
    const column = sheet.Range(`${toA1(area.top, area.left + c)}:${toA1(area.top + area.rows - 1, area.left + c)}`);
    const columnFormat = read(column, 'NumberFormat');
    if (columnFormat !== null && columnFormat !== undefined) {
      toMatrix(columnFormat, area.rows, 1).forEach((row, r) => (formats[r][c] = clean(row[0])));
      continue;
    }
    for (let r = 0; r < area.rows; r++) {
      const value = values[r]?.[c];
      if (typeof value === 'number' && Math.abs(value) <= 1.5)
        formats[r][c] = clean(read(sheet.Range(toA1(area.top + r, area.left + c)), 'NumberFormat'));
    }
  }
  return formats;
}

/**
 * Merged areas by bisection (rows first): a range without merges costs one call whatever its size;
 * each merged area costs a few calls per halving, never one per cell.
 */
function findMerges(sheet: EtWorksheet, area: CellRange, out: CellRange[], seen: Set<string>): void {
  const address = `${toA1(area.top, area.left)}:${toA1(area.bottom, area.right)}`;
  const range = sheet.Range(address);
  const merged = read(range, 'MergeCells');
  if (merged === false || merged === 0) return;
  const single = area.top === area.bottom && area.left === area.right;
  // Only a wholly merged range can be one merge area; a mixed one is split without asking.
  const mergeArea = merged === true ? parseRangeA1(String(read(range.MergeArea, 'Address')).replace(/\$/g, '')) : null;
  if (mergeArea && (single || sameArea(mergeArea, area))) {
    const key = `${mergeArea.top}:${mergeArea.left}`;
    if (!seen.has(key) && (mergeArea.top !== mergeArea.bottom || mergeArea.left !== mergeArea.right)) {
      seen.add(key);
      out.push(mergeArea);
    }
    return;
  }
  if (single) return;
  // Rows first, down to one row: a merge spanning a row's width is then found whole.
  if (area.bottom > area.top) {
    const middle = Math.floor((area.top + area.bottom) / 2);
    findMerges(sheet, { ...area, bottom: middle }, out, seen);
    findMerges(sheet, { ...area, top: middle + 1 }, out, seen);
  } else {
    const middle = Math.floor((area.left + area.right) / 2);
    findMerges(sheet, { ...area, right: middle }, out, seen);
    findMerges(sheet, { ...area, left: middle + 1 }, out, seen);
  }
}

function sameArea(a: CellRange, b: CellRange): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

/** The cell writes of set-value and restore edits, each read first; refusals go to the report. */
function planWrites(edits: readonly Edit[], sheetOf: (name: string) => EtWorksheet, report: ApplyReport): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const edit of edits) {
    if (edit.type !== 'set-value' && edit.type !== 'restore') continue;
    const planned = planWrite(sheetOf(edit.sheet).Range(edit.cell), edit);
    if (typeof planned === 'string') report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: planned });
    else writes.push(planned);
  }
  return writes;
}

function executeWrite(write: CellWrite, report: ApplyReport): void {
  if (write.formula !== undefined) write.range.Formula = write.formula;
  else write.range.Value2 = write.value;
  if (write.numberFormat) write.range.NumberFormat = write.numberFormat;
  report.written++;
  report.changes.push(write.change);
}

interface MarkProbe {
  mark: MarkEdit;
  range: EtRange;
  comment: EtComment | null | undefined;
  ours: boolean;
  userComment: boolean;
  fill: SavedFill;
}

/** A cell to mark, with its original fill and whether the comment on it is the user's or this add-in's. */
function probeMark(mark: MarkEdit, sheetOf: (name: string) => EtWorksheet): MarkProbe {
  const range = sheetOf(mark.sheet).Range(mark.cell);
  const comment = range.Comment;
  const text = comment ? String(read(comment, 'Text')) : null;
  const ours = text !== null && text.startsWith(MARK_MESSAGE_PREFIX);
  return { mark, range, comment, ours, userComment: text !== null && !ours, fill: originalFill(range) };
}

/** The mark's message as the cell's comment; a user's own comment stays as it is. */
function writeMarkNote({ mark, range, comment, ours, userComment }: MarkProbe, report: ApplyReport): void {
  report.marked++;
  if (userComment) return;
  if (ours && comment) comment.Delete();
  range.AddComment(mark.message);
}

interface CellWrite {
  range: EtRange;
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  change: CellChange;
}

/** The write a set-value or restore edit will make, or why it must not. */
function planWrite(range: EtRange, edit: SetValueEdit | RestoreEdit): CellWrite | string {
  const before = contentOf(range);
  if (edit.type === 'restore') {
    const refusal = restoreRefusal(edit, before.value, before.formula !== null);
    if (refusal) return refusal;
    const { value, formula, numberFormat } = edit.content;
    const change = { sheet: edit.sheet, cell: edit.cell, before, after: value };
    const shown = value === null ? '' : typeof value === 'string' ? textValue(value) : value;
    return { range, value: shown, formula: formula ?? undefined, numberFormat: numberFormat ?? 'General', change };
  }
  const refusal = refusalReason(edit, { empty: isBlank(before.value), hasFormula: before.formula !== null });
  if (refusal) return refusal;
  const content = newCellContent(edit, before.value);
  const change = { sheet: edit.sheet, cell: edit.cell, before, after: content };
  if (content === null) return { range, value: '', change };
  return typeof content === 'number'
    ? { range, value: content, numberFormat: edit.numberFormat, change }
    : { range, value: textValue(content), change };
}

/** What one cell holds, as undo needs it (three reads: writes are few, never a whole sheet). */
function contentOf(range: EtRange): CellContent {
  const formula = read(range, 'Formula');
  const format = read(range, 'NumberFormat');
  const value = cellValue(read(range, 'Value2'));
  return {
    value,
    // Text that starts with "=" (written as text) is reported as its own "formula": it is none.
    formula: typeof formula === 'string' && formula.startsWith('=') && formula !== value ? formula : null,
    numberFormat: typeof format === 'string' && format !== 'General' && format !== 'G/通用格式' ? format : null,
  };
}

/** An area's values as the engine's grid holds them, for comparing with what was checked. */
function readArea(sheet: EtWorksheet, address: string): CellValue[][] {
  const area = parseRangeA1(address) as CellRange;
  const rows = area.bottom - area.top + 1;
  const cols = area.right - area.left + 1;
  return toMatrix(read(sheet.Range(address), 'Value2'), rows, cols).map((row) => row.map(cellValue));
}

function originalFill(range: EtRange): SavedFill {
  const interior = range.Interior;
  if (read(interior, 'ColorIndex') === XL_COLOR_INDEX_NONE) return { rgb: null };
  const color = read(interior, 'Color');
  return { rgb: typeof color === 'number' ? normaliseRgb(bgrToRgb(color)) : null };
}

/** Cell addresses joined into multi-area addresses that Range() accepts. */
function joinAddresses(cells: string[]): string[] {
  const parts: string[] = [];
  let current = '';
  for (const cell of cells) {
    if (current && current.length + cell.length + 1 > MAX_ADDRESS_LENGTH) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current},${cell}` : cell;
  }
  if (current) parts.push(current);
  return parts;
}

/** The 审核意见 sheet's widths, wrapping, bold header and merged headings (a handful of calls, not one per cell). */
function reviewLayout(sheet: EtWorksheet, lines: readonly ReviewLine[]): void {
  const whole = sheet.Range(`A1:G${lines.length + 1}`);
  whole.WrapText = true;
  whole.VerticalAlignment = XL_VALIGN_TOP;
  REVIEW_COLUMN_WIDTHS.forEach((width, c) => (sheet.Range(toA1(1, c + 1)).ColumnWidth = width));
  const bold = (range: EtRange) => {
    if (range.Font) range.Font.Bold = true;
  };
  bold(sheet.Range('A1:G1'));
  lines.forEach((line, i) => {
    if (!line.heading) return;
    const heading = sheet.Range(`A${i + 2}:G${i + 2}`);
    bold(heading);
    heading.Merge?.();
  });
  printLandscapeOnePageWide(sheet, '$1:$1');
}

/** A sheet the add-in writes prints as the file host's do: landscape, one page wide, its header row repeated. */
function printLandscapeOnePageWide(sheet: EtWorksheet, titleRows: string | null): void {
  const setup = sheet.PageSetup;
  if (!setup) return;
  setup.Orientation = XL_LANDSCAPE;
  setup.Zoom = false;
  setup.FitToPagesWide = 1;
  setup.FitToPagesTall = false;
  if (titleRows) setup.PrintTitleRows = titleRows;
}
