import type ExcelJS from 'exceljs';
import { quoteSheetName } from '../../core/address';
import { clampText, newCellContent, refusalReason, reviewRowCells, validateEdit, type Edit, type MarkEdit, type ReviewSheetEdit, type SetValueEdit } from '../../core/edits';
import type { SheetGrid } from '../../core/grid';
import { HostError, MARK_STATE_NAME, MESSAGE_PREFIX, type ApplyReport, type SpreadsheetHost } from '../host';
import { chunkText, emptyMarkState, parseMarkState, rememberMark, serialiseMarkState, type MarkState } from '../mark-state';
import { gridFromWorksheet } from './grid-from-exceljs';
import { describeUnreadableWorkbook } from './unreadable';
import { readXlsx, type ReadWorkbook, type SheetEntry } from './xlsx-reader';

/**
 * A workbook file: the host behind the CLI and the standalone page. Grids are read straight from the
 * zip (`xlsx-reader.ts`); exceljs is loaded only when edits are asked for, to write the annotated copy.
 * It never writes back to where it was read from; callers save a copy with `toBuffer`.
 */
export class FileHost implements SpreadsheetHost {
  readonly displayName = '文件';
  private activeSheet: string;
  private editable: ExcelJS.Workbook | null = null;
  private selection: { sheet: string; cell: string } | null = null;
  /** Whether edits or 清除标记 changed the workbook since it was read. */
  private edited = false;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly read: ReadWorkbook,
    readonly fileName: string,
  ) {
    const sheets = this.readSheetEntries();
    this.activeSheet = (sheets[read.activeTab] ?? sheets[0])?.name ?? '';
  }

  /** Load a workbook from its bytes; unreadable input becomes a HostError with a Chinese reason. */
  static async load(data: Uint8Array, fileName: string): Promise<FileHost> {
    const problem = describeUnreadableWorkbook(data);
    if (problem) throw new HostError(problem);
    const host = new FileHost(data, readXlsx(data), fileName);
    if (host.readSheetEntries().length === 0) throw new HostError('工作簿中没有可检查的工作表');
    return host;
  }

  /** The exceljs workbook, once edits were made (tests look into it). */
  get workbook(): ExcelJS.Workbook {
    if (!this.editable) throw new HostError('工作簿尚未修改');
    return this.editable;
  }

  async readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    // After edits the exceljs model is the truth; before, the file as read.
    if (this.editable && this.edited) {
      const sheets = this.formSheets(this.editable).filter((sheet) => scope === 'all' || sheet.name === this.activeSheet);
      return sheets.map(gridFromWorksheet);
    }
    return this.readSheetEntries()
      .filter((sheet) => scope === 'all' || sheet.name === this.activeSheet)
      .map((sheet) => this.read.grid(sheet));
  }

  /** Sheets a user would check, as read from the file: not the state sheet, not the 审核意见 sheet. */
  private readSheetEntries(): SheetEntry[] {
    const stateSheet = this.read.sheets.find((sheet) => sheet.name === MARK_STATE_NAME);
    let reviewSheet: string | null = null;
    if (stateSheet) {
      const grid = this.read.grid(stateSheet);
      const text = grid.values.map((row) => (grid.originCol === 1 && typeof row[0] === 'string' ? row[0] : '')).join('');
      reviewSheet = parseMarkState(text).state.reviewSheet;
    }
    return this.read.sheets.filter((sheet) => sheet.name !== MARK_STATE_NAME && sheet.name !== reviewSheet);
  }

  /** The workbook as exceljs sees it (the copy being written), loaded on the first edit. */
  async editableWorkbook(): Promise<ExcelJS.Workbook> {
    if (this.editable) return this.editable;
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    try {
      // exceljs' typings want a Node Buffer; a Uint8Array view over the same bytes works in both worlds.
      await workbook.xlsx.load(this.bytes as unknown as ExcelJS.Buffer);
    } catch {
      throw new HostError('工作簿可以检查，但其中有本程序无法改写的部分，写不出带标记的副本');
    }
    this.editable = workbook;
    return workbook;
  }

  async applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    const workbook = await this.editableWorkbook();
    for (const edit of edits) {
      const problem = validateEdit(edit);
      if (problem) throw new HostError(problem);
      if (edit.type !== 'review-sheet' && !workbook.getWorksheet(edit.sheet)) throw new HostError(`找不到工作表「${edit.sheet}」`);
    }
    const report: ApplyReport = { written: 0, skipped: [] };
    this.edited = true;
    const state = this.readState();
    for (const edit of edits) {
      if (edit.type === 'set-value') this.setValue(edit, report);
      else if (edit.type === 'mark') this.mark(edit, state, report);
      else this.writeReviewSheet(edit, state, report);
    }
    this.writeState(state);
    return report;
  }

  async clearMarks(): Promise<number> {
    await this.editableWorkbook();
    this.edited = true;
    const state = this.readState();
    let restored = 0;
    for (const mark of state.marks) {
      const sheet = this.workbook.getWorksheet(mark.sheet);
      if (!sheet) continue;
      const cell = masterOf(sheet.getCell(mark.cell));
      const fill = JSON.parse(mark.fill) as ExcelJS.Fill | null;
      const { fill: _ignored, ...rest } = cell.style;
      cell.style = fill ? { ...rest, fill } : rest;
      if (mark.addedNote) removeNote(cell);
      restored++;
    }
    if (state.reviewSheet) {
      const review = this.workbook.getWorksheet(state.reviewSheet);
      if (review) this.workbook.removeWorksheet(review.id);
    }
    const stateSheet = this.workbook.getWorksheet(MARK_STATE_NAME);
    if (stateSheet) this.workbook.removeWorksheet(stateSheet.id);
    return restored;
  }

  async selectCell(sheetName: string, cell: string): Promise<void> {
    if (!this.read.sheets.some((sheet) => sheet.name === sheetName)) throw new HostError(`找不到工作表「${sheetName}」`);
    this.activeSheet = sheetName;
    this.selection = { sheet: sheetName, cell };
    if (this.editable) this.applySelection(this.editable);
  }

  /** The copy opens on the cell selected last. */
  private applySelection(workbook: ExcelJS.Workbook): void {
    const sheet = this.selection && workbook.getWorksheet(this.selection.sheet);
    if (!this.selection || !sheet) return;
    const index = workbook.worksheets.indexOf(sheet);
    workbook.views = [{ ...(workbook.views?.[0] ?? {}), activeTab: index, firstSheet: 0, visibility: 'visible' } as ExcelJS.WorkbookView];
    sheet.views = [{ ...(sheet.views?.[0] ?? {}), state: 'normal', activeCell: this.selection.cell } as ExcelJS.WorksheetView];
  }

  /** The workbook as .xlsx bytes, to be saved as a copy. */
  async toBuffer(): Promise<Uint8Array> {
    if (!this.editable && !this.selection) return this.bytes;
    const workbook = await this.editableWorkbook();
    this.applySelection(workbook);
    const buffer = await workbook.xlsx.writeBuffer();
    return new Uint8Array(buffer as ArrayBuffer);
  }

  /** Sheets a user would check: not ours, not chart sheets. */
  private formSheets(workbook: ExcelJS.Workbook): ExcelJS.Worksheet[] {
    return workbook.worksheets.filter((sheet) => sheet.name !== MARK_STATE_NAME && sheet.name !== this.reviewSheetName());
  }

  private reviewSheetName(): string | null {
    return this.readState().reviewSheet;
  }

  private setValue(edit: SetValueEdit, report: ApplyReport): void {
    const sheet = this.workbook.getWorksheet(edit.sheet) as ExcelJS.Worksheet;
    const cell = masterOf(sheet.getCell(edit.cell));
    const existing = cell.value;
    const hasFormula = typeof existing === 'object' && existing !== null && ('formula' in existing || 'sharedFormula' in existing);
    const empty = existing === null || existing === undefined || (typeof existing === 'string' && existing.trim() === '');
    const refusal = refusalReason(edit, { empty, hasFormula });
    if (refusal) {
      report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
      return;
    }
    // Strings go in as plain text: exceljs only makes a formula from a { formula } object.
    cell.value = newCellContent(edit, existing);
    if (edit.numberFormat) cell.numFmt = edit.numberFormat;
    report.written++;
  }

  private mark(edit: MarkEdit, state: MarkState, report: ApplyReport): void {
    const sheet = this.workbook.getWorksheet(edit.sheet) as ExcelJS.Worksheet;
    const cell = masterOf(sheet.getCell(edit.cell));
    const userNote = cell.note !== undefined && !isOurNote(cell.note);
    rememberMark(state, { sheet: edit.sheet, cell: cell.address, fill: JSON.stringify(cell.style?.fill ?? null), addedNote: !userNote });
    // A fresh style object: exceljs may share one style object between cells read from a file.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${edit.color}` } } };
    // A user's own note is never replaced; the message is in the 审核意见 sheet as well.
    if (!userNote) cell.note = edit.message;
    report.written++;
  }

  private writeReviewSheet(edit: ReviewSheetEdit, state: MarkState, report: ApplyReport): void {
    if (state.reviewSheet) {
      const previous = this.workbook.getWorksheet(state.reviewSheet);
      if (previous) this.workbook.removeWorksheet(previous.id);
    }
    const name = uniqueSheetName(this.workbook, edit.name);
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [{ width: 6 }, { width: 24 }, { width: 8 }, { width: 6 }, { width: 18 }, { width: 70 }, { width: 30 }];
    const header = sheet.addRow(edit.columns);
    header.font = { bold: true };
    edit.rows.forEach((row, index) => {
      const values = reviewRowCells(row, index);
      const added = sheet.addRow(values.map((v) => (typeof v === 'string' ? clampText(v) : v)));
      const link = added.getCell(3);
      const target = `#${quoteSheetName(row.sheet)}!${row.cell}`;
      link.value = { formula: `HYPERLINK("${target.replace(/"/g, '""')}","${row.cell}")`, result: row.cell };
      link.font = { color: { argb: 'FF0563C1' }, underline: true };
      added.getCell(6).alignment = { wrapText: true, vertical: 'top' };
    });
    if (edit.rows.length === 0) sheet.addRow(['', '', '', '', '', '未发现问题']);
    state.reviewSheet = name;
    report.written++;
  }

  private readState(): MarkState {
    const sheet = this.workbook.getWorksheet(MARK_STATE_NAME);
    if (!sheet) return emptyMarkState();
    let text = '';
    for (let row = 1; row <= sheet.rowCount; row++) {
      const value = sheet.getCell(row, 1).value;
      if (typeof value === 'string') text += value;
    }
    return parseMarkState(text).state;
  }

  private writeState(state: MarkState): void {
    const existing = this.workbook.getWorksheet(MARK_STATE_NAME);
    if (existing) this.workbook.removeWorksheet(existing.id);
    if (state.marks.length === 0 && state.reviewSheet === null) return;
    const sheet = this.workbook.addWorksheet(MARK_STATE_NAME, { state: 'veryHidden' });
    chunkText(serialiseMarkState(state)).forEach((chunk, index) => {
      sheet.getCell(index + 1, 1).value = chunk;
    });
  }
}

function masterOf(cell: ExcelJS.Cell): ExcelJS.Cell {
  return cell.isMerged ? cell.master : cell;
}

/** exceljs has no public way to remove a note; an undefined comment is what a fresh cell has. */
function removeNote(cell: ExcelJS.Cell): void {
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

function isOurNote(note: string | ExcelJS.Comment): boolean {
  return typeof note === 'string' && note.startsWith(MESSAGE_PREFIX);
}

function uniqueSheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  let name = wanted;
  for (let i = 2; workbook.getWorksheet(name); i++) name = `${wanted}(${i})`;
  return name;
}

export { HostError };
