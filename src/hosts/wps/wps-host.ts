import { parseA1, parseRangeA1, rangeToA1, toA1, type CellRange } from '../../core/sheet/address';
import type { CellContent, Edit } from '../../core/edits/edits';
import {
  areaKey,
  cellKey,
  type HostOp,
  type ProbedMark,
  type ProbeRequest,
  type Snapshot,
  type WriteCellOp,
} from '../../core/edits/execute';
import {
  hiddenSheetMessage,
  sheetsToCheck,
  STATE_SHEET_NAME,
  type SheetVisibility,
} from '../../core/sheet/sheet-names';
import { PAGE_NUMBERS, type PrintSetup, type SheetLayout } from '../../core/edits/sheet-layout';
import { layoutLooks, LINK_COLOUR, type CellLook } from '../../core/edits/looks';
import { assertNever } from '../../core/sheet/never';
import { type CellValue, type SheetGrid } from '../../core/sheet/grid';
import {
  bgrToRgb,
  emptyMarkState,
  normaliseRgb,
  stateFromColumn,
  type MarkState,
  type PrintFit,
  type SavedFill,
} from '../../core/edits/mark-state';
import {
  HostError,
  refuseHugeUsedArea,
  textValue,
  formulaColumns,
  valueMatrix,
  type ApplyReport,
  type ClearReport,
  type SpreadsheetHost,
} from '../host';
import { applyThroughPort, clearThroughPort, type HostPort } from '../port';
import {
  read,
  rgbToBgr,
  toMatrix,
  XL_COLOR_INDEX_NONE,
  XL_CONTINUOUS,
  XL_UNDERLINE_SINGLE,
  XL_HALIGN_CENTER,
  XL_SHEET_VERY_HIDDEN,
  XL_SHEET_VISIBLE,
  XL_LANDSCAPE,
  XL_VALIGN_BOTTOM,
  XL_VALIGN_CENTER,
  XL_VALIGN_TOP,
  type EtApplication,
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
export class WpsHost implements SpreadsheetHost, HostPort {
  readonly displayName = 'WPS 表格';
  readonly messages = 'notes';
  readonly printScaling = true;

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
    const listed = all.map((sheet, i) => ({ sheet, name: names[i], visibility: visibilityOf(sheet) }));
    return sheetsToCheck(listed, state.reviewSheet).map((listing) => readSheet(listing.sheet));
  }

  async applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    return applyThroughPort(this, edits);
  }

  /** Everything a batch depends on, read before the first write: the object model has no batches. */
  async probe(request: ProbeRequest): Promise<Snapshot> {
    const all = this.sheetList();
    const byName = new Map(all.map((s) => [s.Name, s]));
    const contents = new Map<string, CellContent>();
    const marks = new Map<string, ProbedMark>();
    for (const { sheet, cell } of request.contents) {
      const found = byName.get(sheet);
      if (found) contents.set(cellKey(sheet, cell), contentOf(found.Range(cell)));
    }
    const state = request.state ? await this.readState(all) : emptyMarkState();
    const marked = request.savedMarks ? state.marks.map(({ sheet, cell }) => ({ sheet, cell })) : [];
    for (const { sheet, cell } of [...request.marks, ...marked]) {
      const range = byName.get(sheet)?.Range(cell);
      if (!range) continue;
      const comment = range.Comment;
      marks.set(cellKey(sheet, cell), {
        fill: originalFill(range),
        note: comment ? String(read(comment, 'Text')) : null,
      });
    }
    const areas = new Map<string, CellValue[][]>();
    for (const { sheet, range } of request.areas) {
      const found = byName.get(sheet);
      if (found && parseRangeA1(range)) areas.set(areaKey(sheet, range), readArea(found, range));
    }
    const sheets = new Map<string, SheetGrid>();
    for (const name of request.sheets) {
      const found = byName.get(name);
      if (found) sheets.set(name, readSheet(found));
    }
    const prints = new Map<string, PrintFit>();
    for (const name of request.prints ?? []) {
      const setup = byName.get(name)?.PageSetup;
      if (setup) prints.set(name, fitOf(setup));
    }
    return { sheetNames: [...byName.keys()], contents, marks, areas, sheets, state, prints };
  }

  /** The core's writes in order; fills of one colour on one sheet in one assignment. */
  async commit(ops: readonly HostOp[]): Promise<void> {
    // Sheets by name, looked up across the bridge once (and again after a sheet is added or removed).
    let byName: Map<string, EtWorksheet> | null = null;
    const sheetOf = (name: string) => {
      byName ??= new Map(this.sheetList().map((sheet) => [sheet.Name, sheet]));
      return byName.get(name) as EtWorksheet;
    };
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      switch (op.op) {
        case 'write-cell':
          writeCell(sheetOf(op.sheet).Range(op.cell), op);
          break;
        case 'fill': {
          let end = i;
          while (ops[end + 1]?.op === 'fill') end++;
          writeFills(ops.slice(i, end + 1) as FillOp[], sheetOf);
          i = end;
          break;
        }
        case 'note': {
          const range = sheetOf(op.sheet).Range(op.cell);
          const comment = op.replacesOwn ? range.Comment : null;
          if (comment) comment.Delete();
          range.AddComment(op.text);
          break;
        }
        case 'restore-fill': {
          const interior = sheetOf(op.sheet).Range(op.cell).Interior;
          if (op.original.rgb === null) interior.ColorIndex = XL_COLOR_INDEX_NONE;
          else interior.Color = rgbToBgr(op.original.rgb);
          break;
        }
        case 'remove-note':
          sheetOf(op.sheet).Range(op.cell).Comment?.Delete();
          break;
        case 'add-sheet':
          this.addLayoutSheet(op.layout);
          byName = null;
          break;
        case 'remove-sheet': {
          const sheet = this.sheetList().find((s) => s.Name === op.name);
          this.withoutAlerts(() => sheet?.Delete());
          byName = null;
          break;
        }
        case 'print-fit': {
          const setup = sheetOf(op.sheet).PageSetup;
          if (setup) setFit(setup, op.fit);
          break;
        }
        default:
          assertNever(op);
      }
    }
  }

  async clearMarks(): Promise<ClearReport> {
    return clearThroughPort(this);
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
    if (visibilityOf(sheet) !== 'visible') throw new HostError(hiddenSheetMessage(sheetName, cell));
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

  /**
   * A sheet the core laid out, after the last sheet: its values in one write (text as text), each column's
   * formulas in one more, then merges, widths, bold rows, wrapping, borders, print setup and visibility.
   */
  private addLayoutSheet(layout: SheetLayout): void {
    const sheet = this.addSheet(layout.name);
    const { grid } = layout;
    const values = valueMatrix(grid);
    const width = values[0]?.length ?? 1;
    const rows = (top: number, bottom = top) => sheet.Range(`A${top}:${toA1(bottom, width)}`);
    const whole = rows(1, values.length);
    whole.Value2 = values;
    for (const column of formulaColumns(grid, values)) sheet.Range(column.address).Formula = column.cells;
    // Formats are few (a report's decimals): one call per cell that has one.
    grid.numberFormats?.forEach((line, r) =>
      line?.forEach((format, c) => {
        if (format) sheet.Range(toA1(r + 1, c + 1)).NumberFormat = format;
      }),
    );
    for (const m of grid.merges ?? []) sheet.Range(`${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).Merge?.();
    layout.columnWidths.forEach((w, c) => (sheet.Range(toA1(1, c + 1)).ColumnWidth = w));
    for (const run of layoutLooks(layout)) renderLook(sheet.Range(rangeToA1(run)), run.look);
    const table = layout.table;
    if (table?.filter) rows(table.headerRow, values.length).AutoFilter?.();
    if (layout.freezeRows) this.freezeRows(sheet, layout.freezeRows);
    if (layout.print) printSetup(sheet, layout.print);
    if (layout.visibility === 'veryHidden') sheet.Visible = XL_SHEET_VERY_HIDDEN;
  }

  /**
   * Rows frozen at the top: WPS freezes the active window only, so the new sheet is active for that moment and
   * the user's sheet active again after.
   */
  private freezeRows(sheet: EtWorksheet, rows: number): void {
    const window = this.app.ActiveWindow;
    if (!window) return;
    const before = this.app.ActiveSheet;
    sheet.Activate();
    window.SplitColumn = 0;
    window.SplitRow = rows;
    window.FreezePanes = true;
    before?.Activate();
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

/** WPS's `Visible` (true / -1 shown, 0 / false hidden, 2 very hidden), as the one sheet rule reads it. */
function visibilityOf(sheet: EtWorksheet): SheetVisibility {
  const visible = read(sheet, 'Visible');
  if (visible === true || visible === XL_SHEET_VISIBLE) return 'visible';
  return visible === XL_SHEET_VERY_HIDDEN ? 'veryHidden' : 'hidden';
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

type FillOp = Extract<HostOp, { op: 'fill' }>;

/** One fill assignment per colour and sheet, over multi-area addresses. */
function writeFills(fills: readonly FillOp[], sheetOf: (name: string) => EtWorksheet): void {
  const groups = new Map<string, { sheet: string; color: string; cells: string[] }>();
  for (const fill of fills) {
    const key = `${fill.sheet}\u0000${fill.color}`;
    const group = groups.get(key) ?? { sheet: fill.sheet, color: fill.color, cells: [] };
    group.cells.push(fill.cell);
    groups.set(key, group);
  }
  for (const { sheet, color, cells } of groups.values()) {
    const target = sheetOf(sheet);
    for (const address of joinAddresses(cells)) target.Range(address).Interior.Color = rgbToBgr(color);
  }
}

/** A cell's new content: its formula, else its value (text as text), then its number format when given. */
function writeCell(range: EtRange, op: WriteCellOp): void {
  if (op.formula !== null) range.Formula = op.formula;
  else range.Value2 = op.value === null ? '' : typeof op.value === 'string' ? textValue(op.value) : op.value;
  if (op.numberFormat !== undefined) range.NumberFormat = op.numberFormat ?? 'General';
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

/** A run of the core's looks, property by property (a property the look leaves out stays as it is). */
function renderLook(range: EtRange, look: CellLook): void {
  const font = range.Font;
  if (font && look.bold !== undefined) font.Bold = look.bold;
  if (font && look.size !== undefined) font.Size = look.size;
  if (font && look.link) Object.assign(font, { Color: rgbToBgr(LINK_COLOUR), Underline: XL_UNDERLINE_SINGLE });
  if (look.fill) range.Interior.Color = rgbToBgr(look.fill);
  if (look.wrap !== undefined) range.WrapText = look.wrap;
  if (look.vertical) range.VerticalAlignment = WPS_VERTICAL[look.vertical];
  if (look.horizontal) range.HorizontalAlignment = XL_HALIGN_CENTER;
  if (look.border && range.Borders) range.Borders.LineStyle = XL_CONTINUOUS;
}

const WPS_VERTICAL = { top: XL_VALIGN_TOP, center: XL_VALIGN_CENTER, bottom: XL_VALIGN_BOTTOM } as const;

/** A sheet the add-in adds prints as the file host's do: landscape, one page wide, centred, title and signature. */
function printSetup(sheet: EtWorksheet, print: PrintSetup): void {
  const setup = sheet.PageSetup;
  if (!setup) return;
  setup.Orientation = XL_LANDSCAPE;
  setup.Zoom = false;
  setup.FitToPagesWide = 1;
  setup.FitToPagesTall = false;
  setup.CenterHorizontally = true;
  if (print.titleRows) setup.PrintTitleRows = print.titleRows;
  if (print.title) setup.CenterHeader = print.title;
  if (print.signature !== null) {
    setup.LeftFooter = print.signature;
    setup.RightFooter = PAGE_NUMBERS;
  }
}

type EtPageSetup = NonNullable<EtWorksheet['PageSetup']>;

/** WPS's print scaling (`Zoom` false: fit to `FitToPagesWide` × `FitToPagesTall`, false for as many as it takes). */
function fitOf(setup: EtPageSetup): PrintFit {
  const zoom = read(setup, 'Zoom');
  const pages = (value: unknown) => (typeof value === 'number' ? value : value === false ? 0 : null);
  if (zoom === false)
    return {
      fitToPage: true,
      fitWidth: pages(read(setup, 'FitToPagesWide')),
      fitHeight: pages(read(setup, 'FitToPagesTall')),
      scale: null,
    };
  return { fitToPage: false, fitWidth: null, fitHeight: null, scale: typeof zoom === 'number' ? zoom : null };
}

function setFit(setup: EtPageSetup, fit: PrintFit): void {
  if (!fit.fitToPage) {
    setup.Zoom = fit.scale ?? 100;
    return;
  }
  setup.Zoom = false;
  setup.FitToPagesWide = fit.fitWidth ?? 1;
  setup.FitToPagesTall = fit.fitHeight ? fit.fitHeight : false;
}
