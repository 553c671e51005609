import { columnLetters, parseA1 } from '../../core/address';
import type { CellRange } from '../../core/address';
import { areaValues, basisArea, fingerprintValues } from '../../core/basis';
import {
  clampText,
  newCellContent,
  refusalReason,
  restoreRefusal,
  reviewLinkFormula,
  reviewSheetLines,
  REVIEW_COLUMN_WIDTHS,
  sheetUnchanged,
  targetSheet,
  uniqueSheetName,
  validateEdit,
  type Edit,
  type MarkEdit,
  type NewSheetEdit,
  type RemoveSheetEdit,
  type RestoreEdit,
  type ReviewSheetEdit,
  type SetValueEdit,
  MARK_MESSAGE_PREFIX,
} from '../../core/edits';
import { STATE_SHEET_NAME } from '../../core/sheet-names';
import type { SheetGrid } from '../../core/grid';
import {
  emptyMarkState,
  isEmptyMarkState,
  rememberMark,
  savedMarkOf,
  stateFromColumn,
  stateSheetRows,
  type MarkState,
} from '../../core/mark-state';
import {
  emptyReport,
  HostError,
  type ApplyReport,
  type CellPreview,
  type ClearReport,
  type SpreadsheetHost,
} from '../host';
import { convertToXlsx, workbookFormat, type WorkbookFormat } from './legacy-formats';
import { assertNever } from '../../core/never';
import { colsXml, FIT_TO_PAGE_XML, gridSheetXml, heightOfLines, printSetupXml, wrappedLines } from './grid-workbook';
import { describeUnreadableWorkbook } from './unreadable';
import { escapeXml, WORKBOOK, writtenRowXml, XlsxPackage, type WrittenCell } from './xlsx-package';
import { attributesOf, decodeXml, readMerges, type SheetEntry } from './xlsx-reader';

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Elements a worksheet may have after `<legacyDrawing>`, in schema order: a new one goes before them. */
const AFTER_LEGACY_DRAWING = [
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/**
 * A workbook file: the host behind the CLI and the standalone page. It reads grids straight from the
 * zip and writes an annotated copy by patching the zip (`xlsx-package.ts`): only the cells it marks or
 * fills change, and every part it does not touch keeps its bytes. It never writes back to where it was
 * read from; callers save a copy with `toBuffer`.
 */
export class FileHost implements SpreadsheetHost {
  readonly displayName = '文件';
  private activeSheet: string;
  private selection: { sheet: string; cell: string } | null = null;
  private changed = false;

  private constructor(
    private readonly original: Uint8Array,
    /** The package as edited so far (tests and tools inspect its parts). */
    readonly workbookPackage: XlsxPackage,
    readonly fileName: string,
    /** The format the file came in when it was not .xlsx: its copy is an .xlsx all the same. */
    readonly convertedFrom: Exclude<WorkbookFormat, 'xlsx'> | null,
    /** The saved state as read when the file was opened, then as this host changes it. */
    private markState: MarkState,
  ) {
    const sheets = this.formSheets();
    const activeTab = workbookPackage.read().activeTab;
    this.activeSheet = (sheets[activeTab] ?? sheets[0])?.name ?? '';
  }

  /** Load a workbook from its bytes; unreadable input becomes a HostError with a Chinese reason. */
  static async load(data: Uint8Array, fileName: string): Promise<FileHost> {
    const problem = describeUnreadableWorkbook(data);
    if (problem) throw new HostError(problem);
    const format = workbookFormat(data);
    const convertedFrom = format === null || format === 'xlsx' ? null : format;
    const bytes = convertedFrom ? await convertToXlsx(data, convertedFrom) : data;
    const pkg = new XlsxPackage(bytes);
    const host = new FileHost(bytes, pkg, fileName, convertedFrom, await readSavedState(pkg));
    if (host.formSheets().length === 0) throw new HostError('工作簿中没有可检查的工作表');
    return host;
  }

  async readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    return this.readSheetsTelling(scope, () => undefined);
  }

  /** The sheets, telling before each which one is read (a sheet of thousands of forms takes seconds). */
  readSheetsTelling(
    scope: 'active' | 'all',
    onSheet: (name: string, index: number, count: number) => void,
  ): SheetGrid[] {
    const read = this.workbookPackage.read();
    const sheets = this.formSheets().filter((sheet) => scope === 'all' || sheet.name === this.activeSheet);
    return sheets.map((sheet, index) => {
      onSheet(sheet.name, index, sheets.length);
      return read.grid(sheet);
    });
  }

  async applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    for (const edit of edits) {
      const problem = validateEdit(edit);
      if (problem) throw new HostError(problem);
      const sheet = targetSheet(edit);
      if (sheet !== null && !this.sheetEntry(sheet)) throw new HostError(`找不到工作表「${sheet}」`);
    }
    const report = emptyReport();
    report.stale = this.staleAreas(edits);
    if (report.stale.length) return report;
    const state = this.readState();
    for (const edit of edits) {
      switch (edit.type) {
        case 'set-value':
          this.setValue(edit, report);
          break;
        case 'restore':
          this.restore(edit, report);
          break;
        case 'mark':
          this.mark(edit, state, report);
          break;
        case 'review-sheet':
          this.writeReviewSheet(edit, state, report);
          break;
        case 'new-sheet':
          this.addGridSheet(edit, report);
          break;
        case 'remove-sheet':
          this.removeGridSheet(edit, report);
          break;
        case 'expect':
          // Checked before any write (staleAreas).
          break;
        default:
          assertNever(edit);
      }
    }
    this.writeState(state);
    this.changed = true;
    return report;
  }

  /** The `expect` areas whose values are no longer those the engine checked. */
  private staleAreas(edits: readonly Edit[]): ApplyReport['stale'] {
    const read = this.workbookPackage.read();
    const stale: ApplyReport['stale'] = [];
    for (const edit of edits) {
      if (edit.type !== 'expect') continue;
      const area = basisArea(edit) as CellRange;
      const grid = read.grid(this.sheetEntry(edit.sheet) as SheetEntry);
      if (fingerprintValues(areaValues(grid, area)) !== edit.fingerprint)
        stale.push({ sheet: edit.sheet, range: edit.range });
    }
    return stale;
  }

  async clearMarks(): Promise<ClearReport> {
    const state = this.readState();
    let restored = 0;
    for (const mark of state.marks) {
      const sheet = this.sheetEntry(mark.sheet);
      if (!sheet) continue;
      const xml = this.workbookPackage.sheet(sheet.path);
      // This host's own record restores the cell's format exactly; another host's gives the colour back.
      const style = mark.fill.style ?? this.workbookPackage.styles().withFill(xml.cell(mark.cell).style, mark.fill.rgb);
      xml.restyle(mark.cell, style);
      if (mark.addedNote) this.removeOwnNote(sheet.path, mark.cell);
      restored++;
    }
    if (state.reviewSheet) this.removeSheet(state.reviewSheet);
    this.writeState(emptyMarkState());
    this.changed = true;
    return { restored, notesLeft: 0 };
  }

  async selectCell(sheetName: string, cell: string): Promise<void> {
    if (!this.sheetEntry(sheetName)) throw new HostError(`找不到工作表「${sheetName}」`);
    this.activeSheet = sheetName;
    this.selection = { sheet: sheetName, cell };
    this.applySelection();
  }

  /** Seven rows and five columns either side of the cell (less at the sheet's edges). */
  async previewCell(sheetName: string, cell: string): Promise<CellPreview> {
    const entry = this.sheetEntry(sheetName);
    const at = parseA1(cell);
    if (!entry || !at) throw new HostError(`找不到工作表「${sheetName}」的 ${cell}`);
    const grid = this.workbookPackage.read().grid(entry);
    const top = Math.max(1, at.row - 7);
    const left = Math.max(1, at.col - 5);
    return {
      sheet: sheetName,
      cell,
      top,
      left,
      values: areaValues(grid, { top, left, bottom: at.row + 7, right: at.col + 5 }),
    };
  }

  /** The workbook as .xlsx bytes, to be saved as a copy: the original bytes when nothing changed. */
  async toBuffer(): Promise<Uint8Array> {
    return this.changed ? this.workbookPackage.toBytes() : this.original;
  }

  // ---- sheets ------------------------------------------------------------------------------------

  private sheetEntry(name: string): SheetEntry | undefined {
    return this.workbookPackage.read().sheets.find((sheet) => sheet.name === name);
  }

  /** Sheets a user would check: not the state sheet, not the 审核意见 sheet. */
  private formSheets(): SheetEntry[] {
    const review = this.readState().reviewSheet;
    return this.workbookPackage
      .read()
      .sheets.filter((sheet) => sheet.name !== STATE_SHEET_NAME && sheet.name !== review);
  }

  private addSheet(
    name: string,
    xml: string,
    state: 'visible' | 'veryHidden',
    printTitles: string | null = null,
  ): void {
    const pkg = this.workbookPackage;
    const path = pkg.freePartName('xl/worksheets/sheet', 'xml');
    pkg.setText(path, xml);
    pkg.declareContentType(path, WORKSHEET_TYPE);
    const id = pkg.addRelation(WORKBOOK, 'worksheet', path);
    const workbook = pkg.text(WORKBOOK) as string;
    const ids = (workbook.match(/\bsheetId="(\d+)"/g) ?? []).map((m) => Number(m.slice(9, -1)));
    const tag = `<sheet xmlns:r="${REL_NS}" name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}"${state === 'visible' ? '' : ` state="${state}"`} r:id="${id}"/>`;
    let next = workbook.replace(/<\/((?:\w+:)?sheets)>/, `${tag}</$1>`);
    if (printTitles) {
      // Rows repeated on every printed page: a sheet-level name, at the new sheet's index.
      const index = (next.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []).length - 1;
      const defined = `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'${escapeXml(name.replace(/'/g, "''"))}'!${printTitles}</definedName>`;
      // Function replacements: the name's own `$1:$1` must not read as a group reference.
      next = /<\/(?:\w+:)?definedNames>/.test(next)
        ? next.replace(/<\/((?:\w+:)?definedNames)>/, (_whole, close: string) => `${defined}</${close}>`)
        : next.replace(/(<\/(?:\w+:)?sheets>)/, (sheets: string) => `${sheets}<definedNames>${defined}</definedNames>`);
    }
    pkg.setText(WORKBOOK, next);
  }

  /** Removes one of this host's sheets, keeping sheet-level names of the others pointing right. */
  private removeSheet(name: string): void {
    const pkg = this.workbookPackage;
    const workbook = pkg.text(WORKBOOK) as string;
    const tags = workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? [];
    const index = tags.findIndex((tag) => decodeXml(attributesOf(tag).name ?? '') === name);
    if (index < 0) return;
    const attributes = attributesOf(tags[index]);
    const id = attributes['r:id'] ?? '';
    const entry = this.sheetEntry(name);
    let next = workbook.replace(tags[index], '');
    next = next.replace(
      /<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g,
      (whole, attrs: string) => {
        const local = /localSheetId="(\d+)"/.exec(attrs);
        if (!local) return whole;
        const sheet = Number(local[1]);
        if (sheet === index) return '';
        return sheet > index ? whole.replace(/localSheetId="\d+"/, `localSheetId="${sheet - 1}"`) : whole;
      },
    );
    next = next.replace(/\bactiveTab="(\d+)"/, (whole, tab: string) =>
      Number(tab) >= tags.length - 1 ? `activeTab="0"` : whole,
    );
    pkg.setText(WORKBOOK, next);
    pkg.removeRelation(WORKBOOK, id);
    if (entry) {
      pkg.undeclareContentType(entry.path);
      pkg.remove(entry.path);
      pkg.remove(XlsxPackage.relsPath(entry.path));
    }
  }

  /** A sheet the add-in creates, in the user's workbook: bordered cells, merges, column widths. */
  private addGridSheet(edit: NewSheetEdit, report: ApplyReport): void {
    const name = uniqueSheetName(edit.name, (n) => !!this.sheetEntry(n));
    const body = gridSheetXml(edit.grid, edit.columnWidths ?? [], this.workbookPackage.styles().withBorders());
    this.addSheet(
      name,
      body.replace(
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
      ),
      'visible',
    );
    report.sheetsAdded.push(name);
  }

  private removeGridSheet(edit: RemoveSheetEdit, report: ApplyReport): void {
    const entry = this.sheetEntry(edit.name);
    if (!entry) return void report.skipped.push({ sheet: edit.name, cell: '', reason: '工作表已不存在' });
    if (!sheetUnchanged(edit.expected, this.workbookPackage.read().grid(entry))) {
      return void report.skipped.push({ sheet: edit.name, cell: '', reason: '工作表在新建后已被修改，保留未动' });
    }
    this.removeSheet(edit.name);
    report.sheetsRemoved.push(edit.name);
  }

  // ---- cells -------------------------------------------------------------------------------------

  /** Each sheet's merges by the cells they cover (edits never change merges), built once per sheet. */
  private readonly mergeMasters = new Map<string, Map<number, string>>();

  /** The master cell of the merge covering `ref`, or `ref` itself. */
  private masterRef(sheet: SheetEntry, ref: string): string {
    let masters = this.mergeMasters.get(sheet.path);
    if (!masters) {
      masters = new Map();
      for (const area of readMerges(this.workbookPackage.text(sheet.path) ?? '')) {
        if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > 10000) continue;
        const master = `${columnLetters(area.left)}${area.top}`;
        for (let row = area.top; row <= area.bottom; row++)
          for (let col = area.left; col <= area.right; col++) masters.set(row * 16384 + col, master);
      }
      this.mergeMasters.set(sheet.path, masters);
    }
    const at = parseA1(ref) as { row: number; col: number };
    return masters.get(at.row * 16384 + at.col) ?? ref;
  }

  private setValue(edit: SetValueEdit, report: ApplyReport): void {
    const sheet = this.sheetEntry(edit.sheet) as SheetEntry;
    const ref = this.masterRef(sheet, edit.cell);
    const xml = this.workbookPackage.sheet(sheet.path);
    const current = xml.cell(ref);
    const refusal = refusalReason(edit, current);
    if (refusal) {
      report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
      return;
    }
    const before = { value: current.value, formula: current.formula, numberFormat: null, raw: xml.cellXml(ref) ?? '' };
    // A new format is a new cell style: the cell's own style is shared with others and stays as it is.
    const style = edit.numberFormat
      ? this.workbookPackage.styles().withNumberFormat(current.style, edit.numberFormat)
      : current.style;
    const content = newCellContent(edit, current.text);
    xml.writeCell(ref, content, style);
    report.written++;
    report.changes.push({ sheet: edit.sheet, cell: edit.cell, before, after: content });
  }

  /** Undo of one write: the cell's XML as it was, unless the cell no longer holds what was written. */
  private restore(edit: RestoreEdit, report: ApplyReport): void {
    const sheet = this.sheetEntry(edit.sheet) as SheetEntry;
    const ref = this.masterRef(sheet, edit.cell);
    const xml = this.workbookPackage.sheet(sheet.path);
    const current = xml.cell(ref);
    const refusal = restoreRefusal(edit, current.value, current.hasFormula);
    if (refusal) {
      report.skipped.push({ sheet: edit.sheet, cell: edit.cell, reason: refusal });
      return;
    }
    const before = { value: current.value, formula: current.formula, numberFormat: null, raw: xml.cellXml(ref) ?? '' };
    if (edit.content.raw !== undefined) xml.putCellXml(ref, edit.content.raw === '' ? null : edit.content.raw);
    else
      xml.writeCell(
        ref,
        typeof edit.content.value === 'boolean' ? String(edit.content.value) : edit.content.value,
        current.style,
      );
    report.written++;
    report.changes.push({ sheet: edit.sheet, cell: edit.cell, before, after: edit.content.value });
  }

  private mark(edit: MarkEdit, state: MarkState, report: ApplyReport): void {
    const sheet = this.sheetEntry(edit.sheet) as SheetEntry;
    const ref = this.masterRef(sheet, edit.cell);
    const xml = this.workbookPackage.sheet(sheet.path);
    const current = xml.cell(ref);
    const note = this.noteAt(sheet.path, ref);
    const userNote = note !== null && !note.text.startsWith(MARK_MESSAGE_PREFIX);
    const styles = this.workbookPackage.styles();
    rememberMark(state, {
      sheet: edit.sheet,
      cell: ref,
      fill: { rgb: styles.fillOf(current.style), style: current.style },
      addedNote: !userNote,
    });
    // A cell marked before keeps its first original: the new fill goes on that format, not on the old mark's.
    const base = savedMarkOf(state, edit.sheet, ref)?.fill.style ?? current.style;
    xml.restyle(ref, styles.withFill(base, edit.color));
    // A user's own note is never replaced; the message is in the 审核意见 sheet as well.
    if (!userNote) this.writeOwnNote(sheet.path, ref, edit.message);
    report.marked++;
  }

  // ---- notes -------------------------------------------------------------------------------------

  /** The note on a cell (text and author), or null. */
  private noteAt(sheetPath: string, ref: string): { text: string; author: string } | null {
    const part = this.workbookPackage.relations(sheetPath).find((r) => r.type === 'comments');
    return part ? this.workbookPackage.comments(part.path).note(ref) : null;
  }

  private writeOwnNote(sheetPath: string, ref: string, message: string): void {
    const pkg = this.workbookPackage;
    const relations = pkg.relations(sheetPath);
    let comments = relations.find((r) => r.type === 'comments')?.path;
    if (!comments) {
      comments = pkg.freePartName('xl/comments', 'xml');
      pkg.comments(comments);
      pkg.declareContentType(comments, COMMENTS_TYPE);
      pkg.addRelation(sheetPath, 'comments', comments);
    }
    const existingVml = relations.find((r) => r.type === 'vmlDrawing');
    let vml = existingVml?.path;
    if (existingVml && !/\/vmlDrawing[^/]*$/.test(existingVml.path)) {
      // A drawing another writer named its own way (openpyxl: commentsDrawing1.vml) stays as it was;
      // the sheet's notes go on in a copy under the name Excel gives its own.
      vml = pkg.freePartName('xl/drawings/vmlDrawing', 'vml');
      pkg.vml(vml).copyFrom(pkg.text(existingVml.path) ?? '');
      pkg.retarget(sheetPath, existingVml.id, vml);
    }
    if (!vml) {
      vml = pkg.freePartName('xl/drawings/vmlDrawing', 'vml');
      pkg.vml(vml);
      pkg.declareContentType(vml, VML_TYPE, true);
      const id = pkg.addRelation(sheetPath, 'vmlDrawing', vml);
      pkg.sheet(sheetPath).insertAfterData(`<legacyDrawing xmlns:r="${REL_NS}" r:id="${id}"/>`, AFTER_LEGACY_DRAWING);
    }
    pkg.comments(comments).set(ref, message);
    const boxes = pkg.vml(vml);
    if (!boxes.has(ref)) boxes.add(ref);
  }

  /** Removes this host's note at `ref` (never a user's), and the note parts once they are empty. */
  private removeOwnNote(sheetPath: string, ref: string): void {
    const pkg = this.workbookPackage;
    const relations = pkg.relations(sheetPath);
    const commentsPart = relations.find((r) => r.type === 'comments');
    if (!commentsPart || !pkg.comments(commentsPart.path).note(ref)?.text.startsWith(MARK_MESSAGE_PREFIX)) return;
    const comments = pkg.comments(commentsPart.path);
    comments.remove(ref);
    const vmlPart = relations.find((r) => r.type === 'vmlDrawing');
    const boxes = vmlPart ? pkg.vml(vmlPart.path) : null;
    boxes?.remove(ref);
    if (comments.size > 0) return;
    pkg.remove(commentsPart.path);
    pkg.undeclareContentType(commentsPart.path);
    pkg.removeRelation(sheetPath, commentsPart.id);
    if (vmlPart && boxes && boxes.noteCount === 0 && !/<v:shape\b/.test(boxes.serialise())) {
      pkg.remove(vmlPart.path);
      pkg.removeRelation(sheetPath, vmlPart.id);
      pkg.sheet(sheetPath).removeAfterData(new RegExp(`<(?:\\w+:)?legacyDrawing\\b[^>]*r:id="${vmlPart.id}"[^>]*/>`));
    }
  }

  // ---- the 审核意见 sheet and the saved state --------------------------------------------------------

  private writeReviewSheet(edit: ReviewSheetEdit, state: MarkState, report: ApplyReport): void {
    if (state.reviewSheet) this.removeSheet(state.reviewSheet);
    const name = uniqueSheetName(edit.name, (n) => !!this.sheetEntry(n));
    const styles = this.workbookPackage.styles();
    const bold = styles.withFont('bold', true);
    const link = styles.withFont('link', true);
    const wrap = styles.withWrap();
    const widths = REVIEW_COLUMN_WIDTHS;
    // Texts in the workbook's own font, headings in 11 pt bold: rows as tall as the larger needs.
    const fontSize = Math.max(11, styles.defaultFontSize());
    const fullWidth = widths.reduce((sum, w) => sum + w, 0);
    const rows = [
      writtenRowXml(
        1,
        edit.columns.map((text) => ({ text, style: bold })),
      ),
    ];
    const merges: string[] = [];
    reviewSheetLines(edit).forEach((line, index) => {
      const row = index + 2;
      // A form's heading spans the sheet and wraps there; a finding wraps in its own columns.
      if (line.heading) merges.push(`<mergeCell ref="A${row}:G${row}"/>`);
      let lines = 1;
      const cells = line.cells.map((value, i): WrittenCell => {
        if (i === 2 && line.link)
          return { formula: reviewLinkFormula(line.link).slice(1), text: line.link.cell, style: link };
        if (typeof value === 'number') return { number: value, style: wrap };
        if (value === '') return {};
        const text = clampText(value);
        lines = Math.max(lines, wrappedLines(text, line.heading ? fullWidth : widths[i]));
        return { text, style: line.heading ? bold : wrap };
      });
      const xml = writtenRowXml(row, cells);
      rows.push(
        lines > 1
          ? xml.replace(/^<row r="(\d+)"/, `<row r="$1" ht="${heightOfLines(lines, fontSize)}" customHeight="1"`)
          : xml,
      );
    });
    const mergeXml = merges.length ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` : '';
    this.addSheet(
      name,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${FIT_TO_PAGE_XML}` +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
        `${colsXml(widths)}<sheetData>${rows.join('')}</sheetData>${mergeXml}` +
        printSetupXml({
          title: `审核意见 · ${this.fileName.split(/[\\/]/).pop() ?? ''}`,
          signature: '审核人：__________　日期：__________',
        }) +
        '</worksheet>',
      'visible',
      '$1:$1',
    );
    state.reviewSheet = name;
    report.reviewSheet = name;
  }

  /** A copy to change: `writeState` makes it the host's once the sheet is written. */
  private readState(): MarkState {
    return { ...this.markState, marks: [...this.markState.marks] };
  }

  private writeState(state: MarkState): void {
    this.markState = state;
    this.removeSheet(STATE_SHEET_NAME);
    if (isEmptyMarkState(state)) return;
    const rows = stateSheetRows(state).map((chunk, i) => writtenRowXml(i + 1, [{ text: chunk }]));
    this.addSheet(
      STATE_SHEET_NAME,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`,
      'veryHidden',
    );
  }

  /** The copy opens on the selected cell's sheet, with that cell active. */
  private applySelection(): void {
    const selection = this.selection;
    const pkg = this.workbookPackage;
    const sheets = pkg.read().sheets;
    const index = sheets.findIndex((s) => s.name === selection?.sheet);
    if (!selection || index < 0) return;
    const workbook = pkg.text(WORKBOOK) as string;
    const withTab = /<(?:\w+:)?workbookView\b[^>]*\bactiveTab="/.test(workbook)
      ? workbook.replace(/(<(?:\w+:)?workbookView\b[^>]*\bactiveTab=")\d+"/, `$1${index}"`)
      : workbook.replace(/<((?:\w+:)?workbookView)\b/, `<$1 activeTab="${index}"`);
    pkg.setText(WORKBOOK, withTab);
    for (const sheet of sheets) {
      const xml = pkg.text(sheet.path);
      if (xml === null) continue;
      const selected = sheet.name === selection.sheet;
      if (!selected && !/tabSelected="(1|true)"/.test(xml)) continue;
      pkg.sheet(sheet.path).setSelection(selected ? selection.cell : null);
    }
    this.changed = true;
  }
}

/** The state sheet of a workbook as opened (every host writes the same one). */
async function readSavedState(pkg: XlsxPackage): Promise<MarkState> {
  const read = pkg.read();
  const sheet = read.sheets.find((s) => s.name === STATE_SHEET_NAME);
  if (!sheet) return emptyMarkState();
  const grid = read.grid(sheet);
  return (await stateFromColumn(grid.values.map((row) => (grid.originCol === 1 ? row[0] : null)))).state;
}

export { HostError };
