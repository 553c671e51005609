/// <reference types="office-js" />
import { parseA1, parseRangeA1, quoteSheetName, toA1, type CellRange } from '../../core/address';
import { clampText, newCellContent, refusalReason, reviewRowCells, validateEdit, type Edit, type MarkEdit, type ReviewSheetEdit, type SetValueEdit } from '../../core/edits';
import type { CellValue, SheetGrid } from '../../core/grid';
import { HostError, MARK_STATE_NAME, MESSAGE_PREFIX, type ApplyReport, type SpreadsheetHost } from '../host';
import { chunkText, emptyMarkState, parseMarkState, rememberMark, serialiseMarkState, type MarkState } from '../mark-state';

/** What the host needs of Office.js: `Excel.run` and a requirement-set check (injectable for tests). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export type ApiSupport = (version: string) => boolean;

const SETTINGS_KEY = 'jixiaoMarkState';
const REVIEW_SHEET_PATTERN = /^审核意见(\(\d+\))?$/;

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
  /** 1.9: selection events of the worksheet collection. */
  selectionEvents: boolean;
}

/**
 * The Excel host: reads every sheet in O(1) round trips and executes the engine's edits in two
 * (one to read the cells' current state, one to write), whatever the number of sheets or edits.
 */
export class ExcelHost implements SpreadsheetHost {
  readonly displayName = 'Excel';
  private readonly features: Features;

  /** `blockCells`: the most cells one round trip may carry when a workbook is read in blocks. */
  constructor(private readonly excel: ExcelApi, supports: ApiSupport, private readonly blockCells = BLOCK_CELLS) {
    this.features = {
      settings: supports('1.4'),
      merges: supports('1.13'),
      notes: supports('1.18'),
      comments: supports('1.10'),
      selectionEvents: supports('1.9'),
    };
  }

  async readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    return this.excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      let targets: Excel.Worksheet[];
      if (scope === 'active') {
        const active = worksheets.getActiveWorksheet();
        active.load('name');
        targets = [active];
      } else {
        // Round trip 1: the list of sheets (Office.js cannot enumerate and read them in one batch).
        worksheets.load('items/name,items/visibility');
        const state = this.queueSettingsState(context);
        await context.sync();
        // Our own review sheet is not a form sheet; without settings (ExcelApi < 1.4) go by its name.
        const review = state ? state().reviewSheet : null;
        targets = worksheets.items.filter(
          (s) => s.visibility === 'Visible' && s.name !== MARK_STATE_NAME && s.name !== review && (state !== null || !REVIEW_SHEET_PATTERN.test(s.name)),
        );
      }
      const reads = targets.map((sheet) => this.queueSheetRead(sheet));
      try {
        // Round trip 2: every sheet's used range, values, formulas, formats and merges at once.
        await context.sync();
      } catch (error) {
        if (!isPayloadTooLarge(error)) throw error;
        return this.readInBlocks(context, targets);
      }
      return reads.map((read) => read());
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
      const rowsPerBlock = Math.max(1, Math.floor(this.blockCells / Math.max(1, columnCount)));
      for (let start = 0; start < rowCount; start += rowsPerBlock) {
        const rows = Math.min(rowsPerBlock, rowCount - start);
        if (pendingCells + rows * columnCount > this.blockCells) await flush();
        const part = sheet.getRange(`${toA1(rowIndex + start + 1, columnIndex + 1)}:${toA1(rowIndex + start + rows, columnIndex + columnCount)}`);
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
    try {
      return await this.runEdits(edits, this.features.comments && !this.features.notes);
    } catch (error) {
      if (!(error instanceof CommentRefused)) throw error;
      // A cell that already has a comment thread refuses another: mark without comments.
      return this.runEdits(edits, false);
    }
  }

  private runEdits(edits: readonly Edit[], withComments: boolean): Promise<ApplyReport> {
    return this.excel.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets;
      const saved = await this.queueMarkState(context);
      const cellEdits = edits.filter((e): e is SetValueEdit | MarkEdit => e.type !== 'review-sheet');
      const sheetNames = new Set(saved.names ?? []);
      if (saved.names) {
        const missing = cellEdits.find((e) => !sheetNames.has(e.sheet));
        if (missing) throw new HostError(`找不到工作表「${missing.sheet}」`);
      }
      const probes = cellEdits.map((edit) => {
        // getItemOrNullObject keeps one unknown sheet from failing the whole batch (ExcelApi 1.4).
        const sheet = this.features.settings ? worksheets.getItemOrNullObject(edit.sheet) : worksheets.getItem(edit.sheet);
        const range = sheet.getRange(edit.cell);
        range.load(edit.type === 'mark' ? 'format/fill/color' : 'values,formulas');
        const note = edit.type === 'mark' && this.features.notes ? workbook.notes.getItemOrNullObject(`${quoteSheetName(edit.sheet)}!${edit.cell}`) : null;
        note?.load('content');
        return { edit, range, note };
      });
      // Round trip 1: what the cells hold now (never trust an earlier read: the user may have typed).
      try {
        await context.sync();
      } catch (error) {
        throw new HostError(`无法读取要修改的单元格：${describeOfficeError(error)}`);
      }
      for (const name of worksheets.items.map((s) => s.name)) sheetNames.add(name);
      const missing = cellEdits.find((e) => !sheetNames.has(e.sheet));
      if (missing) throw new HostError(`找不到工作表「${missing.sheet}」`);

      const markState = saved.state();
      const report: ApplyReport = { written: 0, skipped: [] };
      // Office.js batches are not transactions: save the originals first, so that a batch failing
      // half-way still leaves every applied mark clearable.
      for (const { edit, range } of probes) {
        if (edit.type === 'mark') rememberMark(markState, { sheet: edit.sheet, cell: edit.cell, fill: JSON.stringify(range.format.fill.color ?? null), addedNote: true });
      }
      for (const edit of edits) if (edit.type === 'review-sheet') this.writeReviewSheet(context, edit, markState, sheetNames, report);
      this.queueStateWrite(context, markState, sheetNames);
      for (const { edit, range, note } of probes) {
        if (edit.type === 'set-value') {
          writeValue(range, edit, report);
          continue;
        }
        range.format.fill.color = `#${edit.color}`;
        const address = `${quoteSheetName(edit.sheet)}!${edit.cell}`;
        // A user's own note stays untouched; the message is then in the 审核意见 sheet only.
        const ours = !!note && !note.isNullObject && typeof note.content === 'string' && note.content.startsWith(MESSAGE_PREFIX);
        if (ours) note.delete();
        if (this.features.notes && (note?.isNullObject || ours)) workbook.notes.add(address, edit.message);
        else if (withComments) workbook.comments.add(address, edit.message);
        report.written++;
      }
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

  async clearMarks(): Promise<number> {
    return this.excel.run(async (context) => {
      const workbook = context.workbook;
      const worksheets = workbook.worksheets;
      const saved = await this.queueMarkState(context);
      const notes = this.features.notes ? workbook.notes : null;
      notes?.load('items/content');
      const comments = !this.features.notes && this.features.comments ? workbook.comments : null;
      comments?.load('items/content');
      await context.sync();
      const markState = saved.state();
      const sheetNames = new Set(worksheets.items.map((s) => s.name));
      let restored = 0;
      for (const mark of markState.marks) {
        if (!sheetNames.has(mark.sheet)) continue;
        const range = worksheets.getItem(mark.sheet).getRange(mark.cell);
        const original = JSON.parse(mark.fill) as string | null;
        // Excel reports "no fill" as white: clearing restores it exactly.
        if (original === null || /^#?FFFFFF$/i.test(original)) range.format.fill.clear();
        else range.format.fill.color = original;
        restored++;
      }
      for (const item of [...(notes?.items ?? []), ...(comments?.items ?? [])]) {
        if (typeof item.content === 'string' && item.content.startsWith(MESSAGE_PREFIX)) item.delete();
      }
      if (markState.reviewSheet && sheetNames.has(markState.reviewSheet)) worksheets.getItem(markState.reviewSheet).delete();
      this.queueStateWrite(context, emptyMarkState(), sheetNames);
      await context.sync();
      return restored;
    });
  }

  async watchSelection(listener: (sheet: string, cell: string) => void): Promise<boolean> {
    if (!this.features.selectionEvents) return false;
    await this.excel.run(async (context) => {
      context.workbook.worksheets.onSelectionChanged.add(async (event) => {
        // The event names the sheet by id; one more small batch turns it into its name.
        await this.excel.run(async (inner) => {
          const sheet = inner.workbook.worksheets.getItem(event.worksheetId);
          sheet.load('name');
          await inner.sync();
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

  // ---- saved marks: document settings (ExcelApi 1.4), else a very hidden sheet ----------------------

  /**
   * Queue the sheet list and the saved state into the batch being built. With settings (ExcelApi 1.4)
   * the state rides along; below, the hidden sheet is read at once in its own round trip(s), and
   * `names` is the sheet list known already.
   */
  private async queueMarkState(context: Excel.RequestContext): Promise<{ names: string[] | null; state: () => MarkState }> {
    context.workbook.worksheets.load('items/name');
    if (!this.features.settings) {
      const legacy = await this.readLegacyState(context);
      return { names: legacy.names, state: () => legacy.state };
    }
    const settings = this.queueSettingsState(context);
    return { names: null, state: () => (settings ? settings() : emptyMarkState()) };
  }

  /** ExcelApi 1.4+: the saved state rides along in the batch being built. */
  private queueSettingsState(context: Excel.RequestContext): (() => MarkState) | null {
    if (!this.features.settings) return null;
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
    item.load('value');
    return () => (item.isNullObject ? emptyMarkState() : parseMarkState(String(item.value)).state);
  }

  /** ExcelApi < 1.4 keeps state in a very hidden sheet, read in its own round trip(s). */
  private async readLegacyState(context: Excel.RequestContext): Promise<{ state: MarkState; names: string[] }> {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const names = worksheets.items.map((s) => s.name);
    if (!names.includes(MARK_STATE_NAME)) return { state: emptyMarkState(), names };
    const used = worksheets.getItem(MARK_STATE_NAME).getUsedRange();
    used.load('values');
    await context.sync();
    return { state: parseMarkState(used.values.map((row) => String(row[0] ?? '')).join('')).state, names };
  }

  private queueStateWrite(context: Excel.RequestContext, state: MarkState, sheetNames: Set<string>): void {
    const text = state.marks.length === 0 && state.reviewSheet === null ? null : serialiseMarkState(state);
    if (this.features.settings) {
      if (text === null) context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).delete();
      else context.workbook.settings.add(SETTINGS_KEY, text);
      return;
    }
    const worksheets = context.workbook.worksheets;
    if (sheetNames.has(MARK_STATE_NAME)) worksheets.getItem(MARK_STATE_NAME).delete();
    if (text === null) return;
    const sheet = worksheets.add(MARK_STATE_NAME);
    const chunks = chunkText(text);
    sheet.getRange(`A1:A${chunks.length}`).values = chunks.map((chunk) => [`'${chunk}`]);
    sheet.visibility = 'VeryHidden';
  }

  private writeReviewSheet(context: Excel.RequestContext, edit: ReviewSheetEdit, state: MarkState, sheetNames: Set<string>, report: ApplyReport): void {
    const worksheets = context.workbook.worksheets;
    if (state.reviewSheet && sheetNames.has(state.reviewSheet)) {
      worksheets.getItem(state.reviewSheet).delete();
      sheetNames.delete(state.reviewSheet);
    }
    let name = edit.name;
    for (let i = 2; sheetNames.has(name); i++) name = `${edit.name}(${i})`;
    const sheet = worksheets.add(name);
    const rows: Array<Array<string | number>> = [edit.columns];
    const formulas: string[][] = [];
    edit.rows.forEach((row, index) => {
      const cells = reviewRowCells(row, index).map((v) => (typeof v === 'string' ? textCell(v) : v));
      rows.push(cells);
      formulas.push([`=HYPERLINK("${`#${quoteSheetName(row.sheet)}!${row.cell}`.replace(/"/g, '""')}","${row.cell}")`]);
    });
    if (edit.rows.length === 0) rows.push(['', '', '', '', '', textCell('未发现问题'), '']);
    sheet.getRange(`A1:G${rows.length}`).values = rows;
    if (formulas.length) sheet.getRange(`C2:C${formulas.length + 1}`).formulas = formulas;
    sheet.getRange('A1:G1').format.font.bold = true;
    sheet.getRange('F:F').format.columnWidth = 420;
    state.reviewSheet = name;
    sheetNames.add(name);
    report.written++;
  }
}

/** Text for `range.values`: a leading apostrophe makes Excel keep it as text, never a formula. */
function textCell(text: string): string {
  return `'${clampText(text)}`;
}

function writeValue(range: Excel.Range, edit: SetValueEdit, report: ApplyReport): void {
  const current = range.values?.[0]?.[0];
  const formula = range.formulas?.[0]?.[0];
  const hasFormula = typeof formula === 'string' && formula.startsWith('=');
  const empty = current === '' || current === null || current === undefined || (typeof current === 'string' && current.trim() === '');
  const refusal = refusalReason(edit, { empty, hasFormula });
  if (refusal) {
    report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
    return;
  }
  if (edit.numberFormat) range.numberFormat = [[edit.numberFormat]];
  const content = newCellContent(edit, current);
  range.values = [[content === null ? '' : typeof content === 'number' ? content : textCell(content)]];
  report.written++;
}

/** Office.js range data → the engine's grid (Excel reports empty cells as ""). */
export function gridFromRange(name: string, range: Excel.Range, merged: Excel.RangeAreas | null): SheetGrid {
  const values: CellValue[][] = (range.values ?? []).map((row) =>
    row.map((value: unknown) => (value === '' || value === undefined ? null : typeof value === 'number' || typeof value === 'boolean' ? value : String(value))),
  );
  const formulas = (range.formulas ?? []).map((row) => row.map((f: unknown) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
  const numberFormats = (range.numberFormat ?? []).map((row) => row.map((f: unknown) => (typeof f === 'string' && f !== 'General' ? f : null)));
  return { name, originRow: range.rowIndex + 1, originCol: range.columnIndex + 1, values, formulas, numberFormats, merges: merged ? mergesOf(merged) : null };
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
