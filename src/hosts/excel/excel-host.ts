/// <reference types="office-js" />
import { parseA1, parseRangeA1, quoteSheetName, rangeToA1, toA1, type CellRange } from '../../core/sheet/address';
import { MARK_MESSAGE_PREFIX, type CellContent, type Edit } from '../../core/edits/edits';
import {
  areaKey,
  cellKey,
  type CellAt,
  type HostOp,
  type MessageSupport,
  type ProbedMark,
  type ProbeRequest,
  type Snapshot,
  type WriteCellOp,
} from '../../core/edits/execute';
import { assertNever } from '../../core/sheet/never';
import { PAGE_NUMBERS, type PrintSetup, type SheetLayout } from '../../core/edits/sheet-layout';
import { layoutLooks, LINK_COLOUR, type LookRun } from '../../core/edits/looks';
import {
  hiddenSheetMessage,
  sheetsToCheck,
  STATE_SHEET_NAME,
  type SheetVisibility,
} from '../../core/sheet/sheet-names';
import { type CellValue, type SheetGrid } from '../../core/sheet/grid';
import {
  emptyMarkState,
  LEGACY_SETTINGS_KEY,
  normaliseRgb,
  parseMarkState,
  stateFromColumn,
  type MarkState,
  type PrintFit,
} from '../../core/edits/mark-state';
import {
  HostError,
  formulaColumns,
  refuseHugeUsedArea,
  textValue,
  valueMatrix,
  type ApplyReport,
  type ClearReport,
  type SpreadsheetHost,
} from '../host';
import { applyThroughPort, clearThroughPort, MessagesRefused, type HostPort } from '../port';

/** What the host needs of Office.js: `Excel.run` and a requirement-set check (injectable for tests). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export type ApiSupport = (version: string) => boolean;

/** Excel on the web refuses request or response payloads over ~5 MB: beyond this, read in blocks. */
const BLOCK_CELLS = 50000;

interface Features {
  /** 1.4: workbook settings, *OrNullObject. */
  settings: boolean;
  /** 1.13: merged areas. */
  merges: boolean;
  /** 1.18: notes; else 1.10: threaded comments; else messages only in the 审核意见 sheet. */
  notes: boolean;
  comments: boolean;
  /** 1.9: selection and change events of the worksheet collection. */
  selectionEvents: boolean;
  /** 1.7: change events of each worksheet. */
  changeEvents: boolean;
  /** 1.2: merging cells and setting column widths. */
  mergeCells: boolean;
  /** 1.9: page layout (orientation, fit to pages, print titles); 1.7: freeze panes. */
  pageLayout: boolean;
  freezePanes: boolean;
}

/**
 * The Excel host: reads every sheet in O(1) round trips and executes the engine's edits in two
 * (one to read the cells' current state, one to write), whatever the number of sheets or edits.
 */
export class ExcelHost implements SpreadsheetHost, HostPort {
  readonly displayName = 'Excel';
  readonly messages: MessageSupport;
  readonly printScaling: boolean;
  private readonly features: Features;
  /** The last probe found marks saved by an earlier version in the document settings: removed at the next save. */
  private legacyState = false;
  /** The sheets not shown as tabs when every sheet was last read. */
  private hiddenSheets = new Set<string>();

  /** `blockCells`: the most cells one round trip may carry when a workbook is read in blocks. */
  constructor(
    private readonly excel: ExcelApi,
    supports: ApiSupport,
    private readonly blockCells = BLOCK_CELLS,
  ) {
    this.features = {
      settings: supports('1.4'),
      merges: supports('1.13'),
      notes: supports('1.18'),
      comments: supports('1.10'),
      selectionEvents: supports('1.9'),
      changeEvents: supports('1.7'),
      mergeCells: supports('1.2'),
      pageLayout: supports('1.9'),
      freezePanes: supports('1.7'),
    };
    this.messages = this.features.notes ? 'notes' : this.features.comments ? 'comments' : 'none';
    this.printScaling = this.features.pageLayout;
  }

  async readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    return this.excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      let targets: Excel.Worksheet[];
      let stateColumn: Excel.Range | null = null;
      let legacy: (() => Promise<MarkState | null>) | null = null;
      if (scope === 'active') {
        const active = worksheets.getActiveWorksheet();
        active.load('name');
        targets = [active];
      } else {
        // Round trip 1: the list of sheets (Office.js cannot enumerate and read them in one batch).
        worksheets.load('items/name,items/visibility');
        legacy = this.queueLegacySettings(context);
        await context.sync();
        // The review sheet is known once the state is read: it is left out below, as in every host.
        const listed = worksheets.items.map((sheet) => ({ sheet, name: sheet.name, visibility: visibilityOf(sheet) }));
        this.hiddenSheets = new Set(listed.filter((l) => l.visibility !== 'visible').map((l) => l.name));
        targets = sheetsToCheck(listed, null).map((listing) => listing.sheet);
        if (worksheets.items.some((s) => s.name === STATE_SHEET_NAME)) {
          stateColumn = worksheets.getItem(STATE_SHEET_NAME).getUsedRange();
          stateColumn.load('values,columnIndex');
        }
      }
      const reads = targets.map((sheet) => this.queueSheetRead(sheet));
      let grids: SheetGrid[];
      try {
        // Round trip 2: every sheet's used range, values, formulas, formats and merges at once.
        await context.sync();
        grids = reads.map((read) => read());
      } catch (error) {
        if (!isPayloadTooLarge(error)) throw error;
        stateColumn?.load('values,columnIndex');
        grids = await this.readInBlocks(context, targets);
      }
      // Our own review sheet is not a form sheet.
      const saved = stateColumn ? await stateFromColumn(firstColumn(stateColumn)) : null;
      const state = saved ? saved.state : legacy ? await legacy() : null;
      return grids.filter((grid) => grid.name !== state?.reviewSheet);
    });
  }

  /** Queue the loads for one sheet; the returned function builds its grid after the sync. */
  private queueSheetRead(sheet: Excel.Worksheet): () => SheetGrid {
    const used = sheet.getUsedRange();
    used.load('address,rowIndex,columnIndex,values,formulas,numberFormat');
    const merged = this.features.merges ? used.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    return () => gridFromRange(sheet.name, used, merged);
  }

  /** The fallback for sheets too large for one response: sizes first, then row blocks, a few per round trip. */
  private async readInBlocks(context: Excel.RequestContext, sheets: Excel.Worksheet[]): Promise<SheetGrid[]> {
    const used = sheets.map((sheet) => {
      const range = sheet.getUsedRange();
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      return range;
    });
    const merged = sheets.map((_, i) => (this.features.merges ? used[i].getMergedAreasOrNullObject() : null));
    for (const m of merged) m?.load('address');
    await context.sync();
    const grids: SheetGrid[][] = sheets.map(() => []);
    let pending: Array<() => void> = [];
    let pendingCells = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      await context.sync();
      for (const collect of pending) collect();
      pending = [];
      pendingCells = 0;
    };
    for (const [i, sheet] of sheets.entries()) {
      const { rowIndex, columnIndex, rowCount, columnCount } = used[i];
      const area = `${toA1(rowIndex + 1, columnIndex + 1)}:${toA1(rowIndex + rowCount, columnIndex + columnCount)}`;
      refuseHugeUsedArea(sheet.name, area, rowCount * columnCount);
      const rowsPerBlock = Math.max(1, Math.floor(this.blockCells / Math.max(1, columnCount)));
      for (let start = 0; start < rowCount; start += rowsPerBlock) {
        const rows = Math.min(rowsPerBlock, rowCount - start);
        if (pendingCells + rows * columnCount > this.blockCells) await flush();
        const part = sheet.getRange(
          `${toA1(rowIndex + start + 1, columnIndex + 1)}:${toA1(rowIndex + start + rows, columnIndex + columnCount)}`,
        );
        part.load('rowIndex,columnIndex,values,formulas,numberFormat');
        pending.push(() => grids[i].push(gridFromRange(sheet.name, part, null)));
        pendingCells += rows * columnCount;
      }
    }
    await flush();
    return sheets.map((sheet, i) => {
      const parts = grids[i];
      const first = parts[0] ?? { name: sheet.name, originRow: 1, originCol: 1, values: [] };
      return {
        ...first,
        values: parts.flatMap((g) => g.values),
        formulas: parts.flatMap((g) => g.formulas ?? []),
        numberFormats: parts.flatMap((g) => g.numberFormats ?? []),
        merges: mergesOf(merged[i]),
      };
    });
  }

  async applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    return applyThroughPort(this, edits);
  }

  /**
   * What a batch depends on, in one round trip (never trust an earlier read: the user may have typed); a second
   * only for the saved marks when the state sheet exists, or for sheets an undo would remove.
   */
  async probe(request: ProbeRequest): Promise<Snapshot> {
    return this.excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      const legacy = request.state ? this.queueLegacySettings(context) : null;
      const contents = request.contents.map((at) => {
        const range = this.sheetOf(context, at.sheet).getRange(at.cell);
        range.load('values,formulas,numberFormat');
        return { at, range };
      });
      const marks = request.marks.map((at) => this.queueMarkProbe(context, at));
      const areas = request.areas.map((at) => {
        const range = this.sheetOf(context, at.sheet).getRange(at.range);
        range.load('values');
        return { at, range };
      });
      const zooms = this.queueZooms(context, request.prints ?? []);
      await context.sync().catch((error: unknown) => {
        throw new HostError(`无法读取要修改的单元格：${describeOfficeError(error)}`);
      });
      const sheetNames = worksheets.items.map((s) => s.name);
      const names = new Set(sheetNames);
      const exists = ({ at }: { at: { sheet: string } }) => names.has(at.sheet);
      const stateUsed =
        request.state && names.has(STATE_SHEET_NAME) ? worksheets.getItem(STATE_SHEET_NAME).getUsedRange() : null;
      stateUsed?.load('values,columnIndex');
      const removals = request.sheets
        .filter((name) => names.has(name))
        .map((name) => ({ name, grid: this.queueSheetRead(worksheets.getItem(name)) }));
      if (stateUsed || removals.length) await context.sync();
      const fromSettings = legacy ? await legacy() : null;
      this.legacyState = fromSettings !== null;
      const state = stateUsed
        ? (await stateFromColumn(firstColumn(stateUsed))).state
        : (fromSettings ?? emptyMarkState());
      const saved = request.savedMarks ? await this.probeSavedMarks(context, state, names) : [];
      return {
        sheetNames,
        contents: new Map(
          contents.filter(exists).map(({ at, range }) => [cellKey(at.sheet, at.cell), contentOf(range)]),
        ),
        marks: new Map([
          ...marks
            .filter(exists)
            .map(({ at, range, note }): [string, ProbedMark] => [
              cellKey(at.sheet, at.cell),
              { fill: { rgb: normaliseRgb(range.format.fill.color) }, note: noteText(note) },
            ]),
          ...saved,
        ]),
        areas: new Map(
          areas.filter(exists).map(({ at, range }) => [areaKey(at.sheet, at.range), cellValues(range.values)]),
        ),
        sheets: new Map(removals.map(({ name, grid }) => [name, grid()])),
        state,
        prints: zooms(names),
      };
    });
  }

  /** Print scaling from ExcelApi 1.9 only: below, a sheet is left as it prints (the core says so). */
  private queueZooms(
    context: Excel.RequestContext,
    sheets: readonly string[],
  ): (names: Set<string>) => Map<string, PrintFit> {
    const zooms = (this.features.pageLayout ? sheets : []).map((name) => {
      const layout = this.sheetOf(context, name).pageLayout;
      layout.load('zoom');
      return { name, layout };
    });
    return (names) =>
      new Map(zooms.filter(({ name }) => names.has(name)).map(({ name, layout }) => [name, fitOf(layout.zoom)]));
  }

  /**
   * The note on each cell the saved marks list (their fills are in the state): from ExcelApi 1.18 each cell's note,
   * in one more round trip; from 1.10 this add-in's threaded comments, found by their text and located in another;
   * below, none can be read.
   */
  private async probeSavedMarks(
    context: Excel.RequestContext,
    state: MarkState,
    names: Set<string>,
  ): Promise<Array<[string, ProbedMark]>> {
    const marks = state.marks.filter((mark) => names.has(mark.sheet));
    const noteAt = new Map<string, string>();
    if (this.messages === 'notes') {
      const notes = marks.map((mark) => {
        const note = context.workbook.notes.getItemOrNullObject(addressOf(mark.sheet, mark.cell));
        note.load('content');
        return { key: cellKey(mark.sheet, mark.cell), note };
      });
      await context.sync();
      for (const { key, note } of notes) {
        const text = noteText(note);
        if (text !== null) noteAt.set(key, text);
      }
    } else if (this.messages === 'comments') {
      const comments = context.workbook.comments;
      comments.load('items/content');
      await context.sync();
      const ours = comments.items
        .filter((item) => typeof item.content === 'string' && item.content.startsWith(MARK_MESSAGE_PREFIX))
        .map((item) => ({ content: item.content, at: item.getLocation().load('address') }));
      await context.sync();
      for (const { content, at } of ours) {
        const place = splitAddress(at.address);
        if (place) noteAt.set(cellKey(place.sheet, place.cell), content);
      }
    }
    return marks.map((mark) => {
      const key = cellKey(mark.sheet, mark.cell);
      return [key, { fill: mark.fill, note: noteAt.get(key) ?? null }];
    });
  }

  /** A cell to mark: its fill, and from ExcelApi 1.18 the note on it. */
  private queueMarkProbe(context: Excel.RequestContext, at: CellAt) {
    const range = this.sheetOf(context, at.sheet).getRange(at.cell);
    range.load('format/fill/color');
    const note = this.features.notes ? context.workbook.notes.getItemOrNullObject(addressOf(at.sheet, at.cell)) : null;
    note?.load('content');
    return { at, range, note };
  }

  /** Every write of a batch in one round trip, in the core's order. */
  async commit(ops: readonly HostOp[]): Promise<void> {
    await this.excel.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets;
      for (const op of ops) {
        switch (op.op) {
          case 'write-cell':
            writeCell(worksheets.getItem(op.sheet).getRange(op.cell), op);
            break;
          case 'fill':
            worksheets.getItem(op.sheet).getRange(op.cell).format.fill.color = `#${op.color}`;
            break;
          case 'note': {
            const address = addressOf(op.sheet, op.cell);
            if (op.replacesOwn && this.features.notes) workbook.notes.getItemOrNullObject(address).delete();
            if (this.features.notes) workbook.notes.add(address, op.text);
            else workbook.comments.add(address, op.text);
            break;
          }
          case 'restore-fill': {
            const fill = worksheets.getItem(op.sheet).getRange(op.cell).format.fill;
            if (op.original.rgb === null) fill.clear();
            else fill.color = `#${op.original.rgb}`;
            break;
          }
          case 'remove-note': {
            const address = addressOf(op.sheet, op.cell);
            if (this.features.notes) workbook.notes.getItemOrNullObject(address).delete();
            else workbook.comments.getItemByCell(address).delete();
            break;
          }
          case 'add-sheet':
            this.queueLayout(context, op.layout);
            break;
          case 'remove-sheet':
            worksheets.getItem(op.name).delete();
            break;
          case 'print-fit':
            if (this.features.pageLayout) worksheets.getItem(op.sheet).pageLayout.zoom = zoomOf(op.fit);
            break;
          default:
            assertNever(op);
        }
      }
      // A batch that read marks an earlier version kept in the settings writes them anew (or clears them): the
      // settings go.
      if (this.legacyState) workbook.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY).delete();
      try {
        await context.sync();
      } catch (error) {
        // A cell that already has a comment thread refuses another: the batch is redone without comments.
        if (this.messages === 'comments' && ops.some((op) => op.op === 'note')) throw new MessagesRefused();
        throw new HostError(`写入工作簿失败：${describeOfficeError(error)}`);
      }
    });
  }

  /**
   * A sheet the core laid out, after the last sheet: values (text as text) in one write, each column's formulas
   * in one more; from ExcelApi 1.2 merges and widths, 1.7 frozen rows, 1.9 print setup (older Excel keeps its
   * own print defaults: the content is the same).
   */
  private queueLayout(context: Excel.RequestContext, layout: SheetLayout): void {
    const sheet = context.workbook.worksheets.add(layout.name);
    const { grid } = layout;
    const values = valueMatrix(grid);
    const width = values[0]?.length ?? 1;
    const rows = (top: number, bottom = top) => sheet.getRange(`A${top}:${toA1(bottom, width)}`);
    const whole = rows(1, values.length);
    whole.values = values;
    for (const column of formulaColumns(grid, values)) sheet.getRange(column.address).formulas = column.cells;
    if (grid.numberFormats?.some((line) => line?.some(Boolean)))
      whole.numberFormat = values.map((line, r) => line.map((_, c) => grid.numberFormats?.[r]?.[c] ?? 'General'));
    if (this.features.mergeCells) {
      for (const m of grid.merges ?? [])
        sheet.getRange(`${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).merge(false);
      layout.columnWidths.forEach((w, c) => (sheet.getRange(toA1(1, c + 1)).format.columnWidth = w * 7));
    }
    for (const run of layoutLooks(layout)) renderLook(sheet.getRange(rangeToA1(run)), run);
    const table = layout.table;
    if (table?.filter && this.features.pageLayout) sheet.autoFilter.apply(rows(table.headerRow, values.length));
    if (layout.freezeRows && this.features.freezePanes) sheet.freezePanes.freezeRows(layout.freezeRows);
    if (layout.print && this.features.pageLayout) queuePrintSetup(sheet.pageLayout, layout.print);
    if (layout.visibility === 'veryHidden') sheet.visibility = 'VeryHidden';
  }

  /** A sheet by name; with ExcelApi 1.4 one unknown sheet does not fail the whole batch. */
  private sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
    const worksheets = context.workbook.worksheets;
    return this.features.settings ? worksheets.getItemOrNullObject(name) : worksheets.getItem(name);
  }

  async clearMarks(): Promise<ClearReport> {
    return clearThroughPort(this);
  }

  async watchChanges(listener: () => void): Promise<boolean> {
    if (!this.features.changeEvents) return false;
    await this.excel.run(async (context) => {
      const handler = async (event: Excel.WorksheetChangedEventArgs) => {
        // ExcelApi 1.14 tells this add-in's own writes apart; below, the pane ignores changes while it writes.
        if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
        listener();
      };
      const worksheets = context.workbook.worksheets;
      if (this.features.selectionEvents) worksheets.onChanged.add(handler);
      else {
        worksheets.load('items/name');
        await context.sync();
        for (const sheet of worksheets.items) sheet.onChanged.add(handler);
      }
      await context.sync();
    });
    return true;
  }

  async watchSelection(listener: (sheet: string, cell: string) => void): Promise<boolean> {
    if (!this.features.selectionEvents) return false;
    await this.excel.run(async (context) => {
      context.workbook.worksheets.onSelectionChanged.add(async (event) => {
        // The event names the sheet by id; one more small batch turns it into its name.
        await this.excel.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem(event.worksheetId);
          sheet.load('name');
          await context.sync();
          listener(sheet.name, event.address.split(':')[0]);
        });
      });
      await context.sync();
    });
    return true;
  }

  async selectCell(sheetName: string, cell: string): Promise<void> {
    if (!parseA1(cell)) throw new HostError(`单元格地址「${cell}」无效`);
    // Known from the last reading of every sheet (no round trip of its own): Excel cannot activate a hidden sheet.
    if (this.hiddenSheets.has(sheetName)) throw new HostError(hiddenSheetMessage(sheetName, cell));
    await this.excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(cell).select();
      try {
        await context.sync();
      } catch (error) {
        throw new HostError(`无法定位到「${sheetName}」${cell}：${describeOfficeError(error)}`);
      }
    });
  }

  // ---- saved marks: the very hidden state sheet, as in every host --------------------------------

  /** ExcelApi 1.4+ kept the state in document settings before: read it along, to carry it over once. */
  private queueLegacySettings(context: Excel.RequestContext): (() => Promise<MarkState | null>) | null {
    if (!this.features.settings) return null;
    const item = context.workbook.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY);
    item.load('value');
    // Read by the caller after the batch's sync (the rule cannot follow the returned function).
    // eslint-disable-next-line office-addins/call-sync-before-read
    return async () => (item.isNullObject ? null : (await parseMarkState(String(item.value))).state);
  }
}

/** A cell's new content: its number format when given, then its formula or value (text as text). */
function writeCell(range: Excel.Range, op: WriteCellOp): void {
  if (op.numberFormat !== undefined) range.numberFormat = [[op.numberFormat ?? 'General']];
  if (op.formula !== null) range.formulas = [[op.formula]];
  else range.values = [[op.value === null ? '' : typeof op.value === 'string' ? textValue(op.value) : op.value]];
}

/** Thin borders round every cell of a range of `rows` × `columns`. */
/** A run of the core's looks, property by property (a property the look leaves out stays as it is). */
function renderLook(range: Excel.Range, run: LookRun): void {
  const { look } = run;
  const { format } = range;
  if (look.bold !== undefined) format.font.bold = look.bold;
  if (look.size !== undefined) format.font.size = look.size;
  if (look.link) Object.assign(format.font, { color: `#${LINK_COLOUR}`, underline: 'Single' });
  if (look.fill) format.fill.color = `#${look.fill}`;
  if (look.wrap !== undefined) format.wrapText = look.wrap;
  if (look.vertical) format.verticalAlignment = EXCEL_VERTICAL[look.vertical];
  if (look.horizontal) format.horizontalAlignment = 'Center';
  if (look.border) drawBorders(range, run.bottom - run.top + 1, run.right - run.left + 1);
}

const EXCEL_VERTICAL = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

function drawBorders(range: Excel.Range, rows: number, columns: number): void {
  const edges = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (rows > 1) edges.push('InsideHorizontal');
  if (columns > 1) edges.push('InsideVertical');
  for (const edge of edges) range.format.borders.getItem(edge as Excel.BorderIndex).style = 'Continuous';
}

/** ExcelApi 1.9's page layout: landscape, one page wide, centred, title rows, title, signature and page numbers. */
function queuePrintSetup(page: Excel.PageLayout, print: PrintSetup): void {
  page.orientation = 'Landscape';
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.centerHorizontally = true;
  if (print.titleRows) page.setPrintTitleRows(print.titleRows);
  const every = page.headersFooters.defaultForAllPages;
  if (print.title) every.centerHeader = print.title;
  if (print.signature !== null) {
    every.leftFooter = print.signature;
    every.rightFooter = PAGE_NUMBERS;
  }
}

/** `'表 一'!$A$1` → its sheet and cell; null for an address of an area. */
function splitAddress(address: string): { sheet: string; cell: string } | null {
  const bang = address.lastIndexOf('!');
  const sheet = address
    .slice(0, bang)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  const cell = address.slice(bang + 1).replace(/\$/g, '');
  return bang > 0 && parseA1(cell) ? { sheet, cell } : null;
}

function addressOf(sheet: string, cell: string): string {
  return `${quoteSheetName(sheet)}!${cell}`;
}

/** The text of a loaded note, or null when the cell has none. */
function noteText(note: Excel.Note | null): string | null {
  return note && !note.isNullObject && typeof note.content === 'string' ? note.content : null;
}

/** What a loaded one-cell range holds, as undo needs it. */
function contentOf(range: Excel.Range): CellContent {
  const grid = gridFromRange('', range, null);
  const value = grid.values[0]?.[0] ?? null;
  const formula = grid.formulas?.[0]?.[0] ?? null;
  // Text that starts with "=" (written as text) is reported as its own "formula": it is none.
  return { value, formula: formula === value ? null : formula, numberFormat: grid.numberFormats?.[0]?.[0] ?? null };
}

/** Office.js range data → the engine's grid (Excel reports empty cells as ""). */
export function gridFromRange(name: string, range: Excel.Range, merged: Excel.RangeAreas | null): SheetGrid {
  const values = cellValues(range.values);
  const formulas = (range.formulas ?? []).map((row) =>
    row.map((f: unknown) => (typeof f === 'string' && f.startsWith('=') ? f : null)),
  );
  const numberFormats = (range.numberFormat ?? []).map((row) =>
    row.map((f: unknown) => (typeof f === 'string' && f !== 'General' ? f : null)),
  );
  return {
    name,
    originRow: range.rowIndex + 1,
    originCol: range.columnIndex + 1,
    values,
    formulas,
    numberFormats,
    merges: merged ? mergesOf(merged) : null,
  };
}

/** Column A of a loaded range (`values` and `columnIndex`), or nothing when the range starts elsewhere. */
function firstColumn(range: Excel.Range): unknown[] {
  const values = range.values;
  return range.columnIndex === 0 ? values.map((row) => row[0]) : [];
}

/** Office.js values → the engine's (Excel reports empty cells as ""). */
function cellValues(values: unknown[][] | undefined): CellValue[][] {
  return (values ?? []).map((row) =>
    row.map((value: unknown) =>
      value === '' || value === undefined
        ? null
        : typeof value === 'number' || typeof value === 'boolean'
          ? value
          : String(value),
    ),
  );
}

function mergesOf(merged: Excel.RangeAreas | null): CellRange[] | null {
  if (!merged || merged.isNullObject) return merged ? [] : null;
  const areas: CellRange[] = [];
  for (const part of String(merged.address ?? '').split(',')) {
    const address = part.includes('!') ? part.slice(part.lastIndexOf('!') + 1) : part;
    const area = parseRangeA1(address.replace(/\$/g, ''));
    if (area) areas.push(area);
  }
  return areas;
}

function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return /PayloadSizeLimitExceeded|ResponsePayloadSizeLimit|RequestPayloadSizeLimit/i.test(code);
}

function describeOfficeError(error: unknown): string {
  const info = error as { code?: string; message?: string } | null;
  if (info?.code === 'ItemNotFound') return '工作表或单元格不存在';
  if (info?.code === 'InvalidArgument') return '参数无效';
  if (info?.code === 'AccessDenied' || info?.code === 'InsertDeleteConflict') return '工作簿受保护或正在编辑单元格';
  return info?.message ? info.message.slice(0, 120) : '未知原因';
}

/** Excel's sheet visibility, as the one sheet rule reads it. */
function visibilityOf(sheet: Excel.Worksheet): SheetVisibility {
  const visibility = String(sheet.visibility);
  return visibility === 'VeryHidden' ? 'veryHidden' : visibility === 'Hidden' ? 'hidden' : 'visible';
}

/** Excel's print zoom as the core's print scaling: fit to pages when either count is set, else a percentage. */
function fitOf(zoom: Excel.PageLayoutZoomOptions | null | undefined): PrintFit {
  const wide = zoom?.horizontalFitToPages ?? null;
  const tall = zoom?.verticalFitToPages ?? null;
  return { fitToPage: wide !== null || tall !== null, fitWidth: wide, fitHeight: tall, scale: zoom?.scale ?? null };
}

function zoomOf(fit: PrintFit): Excel.PageLayoutZoomOptions {
  if (fit.fitToPage) return { horizontalFitToPages: fit.fitWidth ?? 1, verticalFitToPages: fit.fitHeight ?? 0 };
  return { scale: fit.scale ?? 100 };
}
