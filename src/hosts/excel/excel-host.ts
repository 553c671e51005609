/// <reference types="office-js" />
import { parseA1, parseRangeA1, quoteSheetName, toA1, type CellRange } from '../../core/address';
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
  type CellContent,
  type Edit,
  type ExpectEdit,
  type MarkEdit,
  type NewSheetEdit,
  type RemoveSheetEdit,
  type RestoreEdit,
  type ReviewSheetEdit,
  type SetValueEdit,
  MARK_MESSAGE_PREFIX,
} from '../../core/edits';
import { STATE_SHEET_NAME } from '../../core/sheet-names';
import { isBlank, type CellValue, type SheetGrid } from '../../core/grid';
import {
  emptyMarkState,
  isEmptyMarkState,
  LEGACY_SETTINGS_KEY,
  normaliseRgb,
  parseMarkState,
  rememberMark,
  stateFromColumn,
  stateSheetRows,
  type MarkState,
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

/** What the host needs of Office.js: `Excel.run` and a requirement-set check (injectable for tests). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export type ApiSupport = (version: string) => boolean;

/** A comment was refused (the cell has a thread already): the batch is redone without comments. */
class CommentRefused extends Error {}
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

interface Probe {
  edit: SetValueEdit | MarkEdit | RestoreEdit;
  range: Excel.Range;
  note: Excel.Note | null;
}

interface SavedState {
  state: MarkState;
  /** Rows of the state sheet in use now (emptied when the new state is shorter). */
  rows: number;
  /** Whether the state came from (or is also in) the settings of an earlier version: removed on write. */
  settings: boolean;
}

/**
 * The Excel host: reads every sheet in O(1) round trips and executes the engine's edits in two
 * (one to read the cells' current state, one to write), whatever the number of sheets or edits.
 */
export class ExcelHost implements SpreadsheetHost {
  readonly displayName = 'Excel';
  private readonly features: Features;

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
        targets = worksheets.items.filter((s) => s.visibility === 'Visible' && s.name !== STATE_SHEET_NAME);
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
    for (const edit of edits) {
      const problem = validateEdit(edit);
      if (problem) throw new HostError(problem);
    }
    const removals = edits.filter((e): e is RemoveSheetEdit => e.type === 'remove-sheet');
    const rest = edits.filter((e) => e.type !== 'remove-sheet');
    let report: ApplyReport;
    try {
      report = await this.runEdits(rest, this.features.comments && !this.features.notes);
    } catch (error) {
      if (!(error instanceof CommentRefused)) throw error;
      // A cell that already has a comment thread refuses another: mark without comments.
      report = await this.runEdits(rest, false);
    }
    if (removals.length) await this.removeSheets(removals, report);
    return report;
  }

  /** Undo of new sheets (rare): its own batch, reading each sheet first so a changed one stays. */
  private removeSheets(removals: RemoveSheetEdit[], report: ApplyReport): Promise<void> {
    return this.excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const present = new Set(worksheets.items.map((s) => s.name));
      const reads = removals
        .filter((edit) => present.has(edit.name))
        .map((edit) => ({ edit, sheet: worksheets.getItem(edit.name) }));
      const grids = reads.map(({ sheet }) => this.queueSheetRead(sheet));
      await context.sync();
      for (const edit of removals)
        if (!present.has(edit.name)) report.skipped.push({ sheet: edit.name, cell: '', reason: '工作表已不存在' });
      reads.forEach(({ edit, sheet }, i) => {
        if (!sheetUnchanged(edit.expected, grids[i]()))
          return void report.skipped.push({ sheet: edit.name, cell: '', reason: '工作表在新建后已被修改，保留未动' });
        sheet.delete();
        report.sheetsRemoved.push(edit.name);
      });
      await context.sync();
    });
  }

  /**
   * A sheet the add-in creates: values (text as text) in one write, its few formulas and, from
   * ExcelApi 1.2, merges and column widths.
   */
  private queueNewSheet(
    context: Excel.RequestContext,
    edit: NewSheetEdit,
    sheetNames: Set<string>,
    report: ApplyReport,
  ): void {
    const name = uniqueSheetName(edit.name, (n) => sheetNames.has(n));
    const sheet = context.workbook.worksheets.add(name);
    const { grid } = edit;
    const values = valueMatrix(grid);
    sheet.getRange(`A1:${toA1(values.length, values[0]?.length ?? 1)}`).values = values;
    grid.formulas?.forEach((row, r) =>
      row.forEach((formula, c) => {
        if (formula) sheet.getRange(toA1(r + 1, c + 1)).formulas = [[formula]];
      }),
    );
    if (this.features.mergeCells) {
      for (const m of grid.merges ?? [])
        sheet.getRange(`${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).merge(false);
      (edit.columnWidths ?? []).forEach((w, c) => (sheet.getRange(`${toA1(1, c + 1)}`).format.columnWidth = w * 7));
    }
    this.printLandscapeOnePageWide(sheet, null);
    sheetNames.add(name);
    report.sheetsAdded.push(name);
  }

  private runEdits(edits: readonly Edit[], withComments: boolean): Promise<ApplyReport> {
    return this.excel.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets;
      worksheets.load('items/name');
      const legacy = this.queueLegacySettings(context);
      const probes = this.queueProbes(context, edits);
      const expects = edits
        .filter((e): e is ExpectEdit => e.type === 'expect')
        .map((edit) => {
          const range = this.sheetOf(context, edit.sheet).getRange(edit.range);
          range.load('values');
          return { edit, range };
        });
      // Round trip 1: what the cells hold now (never trust an earlier read: the user may have typed).
      try {
        await context.sync();
      } catch (error) {
        throw new HostError(`无法读取要修改的单元格：${describeOfficeError(error)}`);
      }
      const sheetNames = new Set(worksheets.items.map((s) => s.name));
      const missing = edits.map(targetSheet).find((name) => name !== null && !sheetNames.has(name));
      if (missing) throw new HostError(`找不到工作表「${missing}」`);
      const report = emptyReport();
      report.stale = expects
        .filter(({ edit, range }) => fingerprintValues(cellValues(range.values)) !== edit.fingerprint)
        .map(({ edit }) => ({ sheet: edit.sheet, range: edit.range }));
      if (report.stale.length) return report;
      const needsState = edits.some((e) => e.type === 'mark' || e.type === 'review-sheet');
      const saved = needsState ? await this.readState(context, sheetNames, legacy) : null;
      if (saved) {
        // Office.js batches are not transactions: save the originals first, so that a batch failing
        // half-way still leaves every applied mark clearable.
        for (const probe of probes) {
          const { edit, range } = probe;
          if (edit.type === 'mark')
            rememberMark(saved.state, {
              sheet: edit.sheet,
              cell: edit.cell,
              fill: { rgb: normaliseRgb(range.format.fill.color) },
              addedNote: this.noteTarget(probe, withComments) !== null,
            });
        }
        for (const edit of edits)
          if (edit.type === 'review-sheet') this.writeReviewSheet(context, edit, saved.state, sheetNames, report);
        this.queueStateWrite(context, saved, sheetNames);
      }
      for (const probe of probes) this.queueCellWrite(context, probe, withComments, report);
      for (const edit of edits) if (edit.type === 'new-sheet') this.queueNewSheet(context, edit, sheetNames, report);
      // Round trip 2: every write at once.
      try {
        await context.sync();
      } catch (error) {
        if (withComments) throw new CommentRefused();
        throw new HostError(`写入工作簿失败：${describeOfficeError(error)}`);
      }
      return report;
    });
  }

  /** A sheet by name; with ExcelApi 1.4 one unknown sheet does not fail the whole batch. */
  private sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
    const worksheets = context.workbook.worksheets;
    return this.features.settings ? worksheets.getItemOrNullObject(name) : worksheets.getItem(name);
  }

  /** Queue the reads each cell edit needs: content for writes and undo, fill and note for marks. */
  private queueProbes(context: Excel.RequestContext, edits: readonly Edit[]): Probe[] {
    const workbook = context.workbook;
    return edits
      .filter(
        (e): e is SetValueEdit | MarkEdit | RestoreEdit =>
          e.type === 'set-value' || e.type === 'mark' || e.type === 'restore',
      )
      .map((edit) => {
        const range = this.sheetOf(context, edit.sheet).getRange(edit.cell);
        if (edit.type === 'mark') range.load('format/fill/color');
        else range.load('values,formulas,numberFormat');
        const note =
          edit.type === 'mark' && this.features.notes
            ? workbook.notes.getItemOrNullObject(`${quoteSheetName(edit.sheet)}!${edit.cell}`)
            : null;
        note?.load('content');
        return { edit, range, note };
      });
  }

  private queueCellWrite(
    context: Excel.RequestContext,
    { edit, range, note }: Probe,
    withComments: boolean,
    report: ApplyReport,
  ): void {
    if (edit.type === 'set-value') return writeValue(range, edit, report);
    if (edit.type === 'restore') return restoreValue(range, edit, report);
    const workbook = context.workbook;
    range.format.fill.color = `#${edit.color}`;
    const address = `${quoteSheetName(edit.sheet)}!${edit.cell}`;
    const target = this.noteTarget({ edit, range, note }, withComments);
    if (note && isOurNote(note)) note.delete();
    if (target === 'note') workbook.notes.add(address, edit.message);
    else if (target === 'comment') workbook.comments.add(address, edit.message);
    report.marked++;
  }

  /**
   * A sheet the add-in writes prints as the file host's do: landscape, one page wide, its header row repeated and
   * frozen (ExcelApi 1.9 and 1.7; older Excel keeps its own print defaults, the content is the same).
   */
  private printLandscapeOnePageWide(sheet: Excel.Worksheet, titleRows: string | null): void {
    if (this.features.freezePanes && titleRows) sheet.freezePanes.freezeRows(1);
    if (!this.features.pageLayout) return;
    sheet.pageLayout.orientation = 'Landscape';
    sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (titleRows) sheet.pageLayout.setPrintTitleRows(titleRows);
  }

  /**
   * Where a mark's message goes: a note (ExcelApi 1.18, unless the user has one there: theirs stays untouched), a
   * comment (1.10), or nowhere but the 审核意见 sheet. What is recorded as added is what is written, so that
   * 清除标记 never reports notes left that were never there.
   */
  private noteTarget({ edit, note }: Probe, withComments: boolean): 'note' | 'comment' | null {
    if (edit.type !== 'mark') return null;
    if (this.features.notes && (note?.isNullObject || (note && isOurNote(note)))) return 'note';
    return withComments ? 'comment' : null;
  }

  async clearMarks(): Promise<ClearReport> {
    return this.excel.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets;
      worksheets.load('items/name');
      const legacy = this.queueLegacySettings(context);
      const notes = this.features.notes ? workbook.notes : null;
      notes?.load('items/content');
      const comments = !this.features.notes && this.features.comments ? workbook.comments : null;
      comments?.load('items/content');
      await context.sync();
      const sheetNames = new Set(worksheets.items.map((s) => s.name));
      const saved = await this.readState(context, sheetNames, legacy);
      let restored = 0;
      for (const mark of saved.state.marks) {
        if (!sheetNames.has(mark.sheet)) continue;
        const range = worksheets.getItem(mark.sheet).getRange(mark.cell);
        if (mark.fill.rgb === null) range.format.fill.clear();
        else range.format.fill.color = `#${mark.fill.rgb}`;
        restored++;
      }
      let removed = 0;
      for (const item of [...(notes?.items ?? []), ...(comments?.items ?? [])]) {
        if (typeof item.content === 'string' && item.content.startsWith(MARK_MESSAGE_PREFIX)) {
          item.delete();
          removed++;
        }
      }
      // Without the notes API, notes another host wrote (as every host but Excel 1.10–1.17 does) stay.
      const noted = saved.state.marks.filter((m) => m.addedNote && sheetNames.has(m.sheet)).length;
      const notesLeft = this.features.notes ? 0 : Math.max(0, noted - removed);
      if (saved.state.reviewSheet && sheetNames.has(saved.state.reviewSheet))
        worksheets.getItem(saved.state.reviewSheet).delete();
      this.queueStateWrite(context, { ...saved, state: emptyMarkState() }, sheetNames);
      await context.sync();
      return { restored, notesLeft };
    });
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

  /**
   * The saved state, from the state sheet (its own small read, only when the sheet exists), else from
   * the settings of an earlier version.
   */
  private async readState(
    context: Excel.RequestContext,
    sheetNames: Set<string>,
    legacy: (() => Promise<MarkState | null>) | null,
  ): Promise<SavedState> {
    const fromSettings = legacy ? await legacy() : null;
    if (!sheetNames.has(STATE_SHEET_NAME))
      return { state: fromSettings ?? emptyMarkState(), rows: 0, settings: fromSettings !== null };
    const used = context.workbook.worksheets.getItem(STATE_SHEET_NAME).getUsedRange();
    used.load('values,rowIndex,columnIndex');
    await context.sync();
    const values = used.values;
    const column = used.columnIndex === 0 ? values.map((row) => row[0]) : [];
    return {
      state: (await stateFromColumn(column)).state,
      rows: used.rowIndex + values.length,
      settings: fromSettings !== null,
    };
  }

  /** Writes the state into the state sheet in place (or adds it, or deletes it once empty). */
  private queueStateWrite(context: Excel.RequestContext, saved: SavedState, sheetNames: Set<string>): void {
    if (saved.settings) context.workbook.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY).delete();
    const worksheets = context.workbook.worksheets;
    const exists = sheetNames.has(STATE_SHEET_NAME);
    if (isEmptyMarkState(saved.state)) {
      if (exists) worksheets.getItem(STATE_SHEET_NAME).delete();
      sheetNames.delete(STATE_SHEET_NAME);
      return;
    }
    const sheet = exists ? worksheets.getItem(STATE_SHEET_NAME) : worksheets.add(STATE_SHEET_NAME);
    const rows = stateSheetRows(saved.state).map((chunk) => [textValue(chunk)]);
    // Rows the longer state of before used are emptied.
    while (rows.length < saved.rows) rows.push(['']);
    sheet.getRange(`A1:A${rows.length}`).values = rows;
    if (!exists) sheet.visibility = 'VeryHidden';
    sheetNames.add(STATE_SHEET_NAME);
  }

  private writeReviewSheet(
    context: Excel.RequestContext,
    edit: ReviewSheetEdit,
    state: MarkState,
    sheetNames: Set<string>,
    report: ApplyReport,
  ): void {
    const worksheets = context.workbook.worksheets;
    if (state.reviewSheet && sheetNames.has(state.reviewSheet)) {
      worksheets.getItem(state.reviewSheet).delete();
      sheetNames.delete(state.reviewSheet);
    }
    const name = uniqueSheetName(edit.name, (n) => sheetNames.has(n));
    const sheet = worksheets.add(name);
    const lines = reviewSheetLines(edit);
    const rows = [
      edit.columns,
      ...lines.map((line) => line.cells.map((v) => (typeof v === 'string' && v ? textValue(v) : v))),
    ];
    sheet.getRange(`A1:G${rows.length}`).values = rows;
    // The 单元格 column in one write: links on finding lines, the text as it is elsewhere.
    const links = lines.map((line) => [line.link ? reviewLinkFormula(line.link) : '']);
    sheet.getRange(`C2:C${lines.length + 1}`).formulas = links;
    sheet.getRange('A1:G1').format.font.bold = true;
    // Printable as the file host writes it: texts wrap at the top of their cells, a heading across the sheet.
    const all = sheet.getRange(`A1:G${rows.length}`).format;
    all.wrapText = true;
    all.verticalAlignment = 'Top';
    lines.forEach((line, i) => {
      if (!line.heading) return;
      const heading = sheet.getRange(`A${i + 2}:G${i + 2}`);
      heading.format.font.bold = true;
      if (this.features.mergeCells) heading.merge(false);
    });
    REVIEW_COLUMN_WIDTHS.forEach((w, c) => (sheet.getRange(toA1(1, c + 1)).format.columnWidth = w * 7));
    this.printLandscapeOnePageWide(sheet, '$1:$1');
    state.reviewSheet = name;
    sheetNames.add(name);
    report.reviewSheet = name;
  }
}

function writeValue(range: Excel.Range, edit: SetValueEdit, report: ApplyReport): void {
  const before = contentOf(range);
  const refusal = refusalReason(edit, { empty: isBlank(before.value), hasFormula: before.formula !== null });
  if (refusal) {
    report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
    return;
  }
  if (edit.numberFormat) range.numberFormat = [[edit.numberFormat]];
  const content = newCellContent(edit, range.values?.[0]?.[0]);
  range.values = [[content === null ? '' : typeof content === 'number' ? content : textValue(content)]];
  report.written++;
  report.changes.push({ sheet: edit.sheet, cell: edit.cell, before, after: content });
}

/** Undo of one write: the formula, value and number format the cell had, unless it was changed since. */
function restoreValue(range: Excel.Range, edit: RestoreEdit, report: ApplyReport): void {
  const now = contentOf(range);
  const refusal = restoreRefusal(edit, now.value, now.formula !== null);
  if (refusal) {
    report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
    return;
  }
  const { value, formula, numberFormat } = edit.content;
  range.numberFormat = [[numberFormat ?? 'General']];
  if (formula !== null) range.formulas = [[formula]];
  else range.values = [[value === null ? '' : typeof value === 'string' ? textValue(value) : value]];
  report.written++;
  report.changes.push({ sheet: edit.sheet, cell: edit.cell, before: now, after: value });
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

/** A note this add-in wrote (its text starts with the marker), as opposed to a user's own. */
function isOurNote(note: { isNullObject: boolean; content?: unknown }): boolean {
  return !note.isNullObject && typeof note.content === 'string' && note.content.startsWith(MARK_MESSAGE_PREFIX);
}
