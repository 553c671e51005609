import { columnLetters, parseA1, parseRangeA1 } from '../../core/sheet/address';
import { areaValues } from '../../core/check/basis';
import type { CellContent, Edit } from '../../core/edits/edits';
import {
  areaKey,
  cellKey,
  type CellAt,
  type HostOp,
  type ProbedMark,
  type ProbeRequest,
  type Snapshot,
  type WriteCellOp,
} from '../../core/edits/execute';
import { sheetsToCheck, STATE_SHEET_NAME, type SheetVisibility } from '../../core/sheet/sheet-names';
import { replaceElements } from '../../xlsx/xml-elements';
import type { SheetLayout } from '../../core/edits/sheet-layout';
import type { CellValue, SheetGrid } from '../../core/sheet/grid';
import { emptyMarkState, stateFromColumn, type MarkState, type PrintFit } from '../../core/edits/mark-state';
import { MARK_MESSAGE_PREFIX } from '../../core/edits/edits';
import { HostError, type ApplyReport, type CellPreview, type ClearReport, type SpreadsheetHost } from '../host';
import { applyThroughPort, clearThroughPort, type HostPort } from '../port';
import { convertToXlsx, workbookFormat, type WorkbookFormat } from '../../xlsx/legacy-formats';
import { assertNever } from '../../core/sheet/never';
import { layoutSheetXml } from '../../xlsx/grid-workbook';
import { describeUnreadableWorkbook } from '../../xlsx/unreadable';
import { WORKBOOK, XlsxPackage } from '../../xlsx/xlsx-package';
import { elementsAfter } from '../../xlsx/sheet-xml';
import { escapeXml } from '../../xlsx/xml-text';
import { attributesOf, decodeXml, readCellFormats, readMerges, type SheetEntry } from '../../xlsx/xlsx-reader';

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook file: the host behind the CLI and the standalone page. It reads grids straight from the
 * zip and writes an annotated copy by patching the zip (`xlsx-package.ts`): only the cells it marks or
 * fills change, and every part it does not touch keeps its bytes. It never writes back to where it was
 * read from; callers save a copy with `toBuffer`.
 */
export class FileHost implements SpreadsheetHost, HostPort {
  readonly messages = 'notes';
  readonly printScaling = true;
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
    return applyThroughPort(this, edits);
  }

  /** What a batch needs read, from the package as edited so far (a merged cell reads as its merge's first). */
  async probe(request: ProbeRequest): Promise<Snapshot> {
    const read = this.workbookPackage.read();
    const styles = this.workbookPackage.styles();
    const contents = new Map<string, CellContent>();
    const marks = new Map<string, ProbedMark>();
    const areas = new Map<string, CellValue[][]>();
    const sheets = new Map<string, SheetGrid>();
    const at = ({ sheet, cell }: CellAt) => {
      const entry = this.sheetEntry(sheet);
      if (!entry) return null;
      const ref = this.masterRef(entry, cell);
      const xml = this.workbookPackage.sheet(entry.path);
      return { entry, ref, xml, current: xml.cell(ref) };
    };
    // Each cell format's number format, read once for the batch (its style may be shared by thousands of cells).
    const formats = request.contents.length ? readCellFormats(styles.serialise()) : [];
    for (const cell of request.contents) {
      const found = at(cell);
      if (found)
        contents.set(cellKey(cell.sheet, cell.cell), {
          value: found.current.value,
          formula: found.current.formula,
          numberFormat: formats[found.current.style]?.format ?? null,
          hostRecord: found.xml.cellXml(found.ref) ?? '',
        });
    }
    const state = this.readState();
    const marked = request.savedMarks ? state.marks.map(({ sheet, cell }) => ({ sheet, cell })) : [];
    for (const cell of [...request.marks, ...marked]) {
      const found = at(cell);
      if (found)
        marks.set(cellKey(cell.sheet, cell.cell), {
          fill: { rgb: styles.fillOf(found.current.style), style: found.current.style },
          note: this.noteAt(found.entry.path, found.ref)?.text ?? null,
        });
    }
    for (const { sheet, range } of request.areas) {
      const entry = this.sheetEntry(sheet);
      const area = parseRangeA1(range);
      if (entry && area) areas.set(areaKey(sheet, range), areaValues(read.grid(entry), area));
    }
    for (const name of request.sheets) {
      const entry = this.sheetEntry(name);
      if (entry) sheets.set(name, read.grid(entry));
    }
    const prints = new Map<string, PrintFit>();
    for (const name of request.prints ?? []) {
      const entry = this.sheetEntry(name);
      if (entry) prints.set(name, this.workbookPackage.sheet(entry.path).printFit());
    }
    return {
      sheetNames: read.sheets.map((sheet) => sheet.name),
      contents,
      marks,
      areas,
      sheets,
      state,
      prints,
    };
  }

  /** The core's writes, in order, into the package. */
  async commit(ops: readonly HostOp[]): Promise<void> {
    let stateChanged = false;
    for (const op of ops) {
      switch (op.op) {
        case 'write-cell':
          this.writeCell(op);
          break;
        case 'fill': {
          const { ref, xml } = this.cellAt(op.sheet, op.cell);
          xml.restyle(ref, this.workbookPackage.styles().withFill(op.original.style ?? xml.cell(ref).style, op.color));
          break;
        }
        case 'note': {
          const { ref, entry } = this.cellAt(op.sheet, op.cell);
          this.writeOwnNote(entry.path, ref, op.text);
          break;
        }
        case 'restore-fill': {
          // This host's own record restores the cell's format exactly; another host's gives the colour back.
          const { ref, xml } = this.cellAt(op.sheet, op.cell);
          xml.restyle(
            ref,
            op.original.style ?? this.workbookPackage.styles().withFill(xml.cell(ref).style, op.original.rgb),
          );
          break;
        }
        case 'remove-note': {
          const { ref, entry } = this.cellAt(op.sheet, op.cell);
          this.removeOwnNote(entry.path, ref);
          break;
        }
        case 'add-sheet':
          this.addLayoutSheet(op.layout);
          stateChanged ||= op.layout.name === STATE_SHEET_NAME;
          break;
        case 'remove-sheet':
          this.removeSheet(op.name);
          stateChanged ||= op.name === STATE_SHEET_NAME;
          break;
        case 'print-fit': {
          const entry = this.sheetEntry(op.sheet);
          if (entry) this.workbookPackage.sheet(entry.path).setPrintFit(op.fit);
          break;
        }
        default:
          assertNever(op);
      }
    }
    if (stateChanged) this.markState = await readSavedState(this.workbookPackage);
    this.changed = true;
  }

  async clearMarks(): Promise<ClearReport> {
    return clearThroughPort(this);
  }

  async selectCell(sheetName: string, cell: string): Promise<void> {
    const entry = this.sheetEntry(sheetName);
    if (!entry) throw new HostError(`找不到工作表「${sheetName}」`);
    // A hidden sheet is never made the active one (Excel cannot show it): the page previews its cells instead.
    if (visibilityOf(entry) !== 'visible') return;
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
    const listed = this.workbookPackage.read().sheets.map((sheet) => ({ ...sheet, visibility: visibilityOf(sheet) }));
    return sheetsToCheck(listed, this.readState().reviewSheet);
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
      const index = (next.match(/<(?:\w+:)?sheet\b[^<>]*>/g) ?? []).length - 1;
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
    const tags = workbook.match(/<(?:\w+:)?sheet\b[^<>]*>/g) ?? [];
    const index = tags.findIndex((tag) => decodeXml(attributesOf(tag).name ?? '') === name);
    if (index < 0) return;
    const attributes = attributesOf(tags[index]);
    const id = attributes['r:id'] ?? '';
    const entry = this.sheetEntry(name);
    let next = workbook.replace(tags[index], '');
    next = replaceElements(next, 'definedName', (whole, { attributes }) => {
      const local = /localSheetId="(\d+)"/.exec(attributes);
      if (!local) return whole;
      const sheet = Number(local[1]);
      if (sheet === index) return '';
      return sheet > index ? whole.replace(/localSheetId="\d+"/, `localSheetId="${sheet - 1}"`) : whole;
    });
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

  /** A sheet the core laid out (审核意见, the state sheet, a new 自评表), after the last sheet. */
  private addLayoutSheet(layout: SheetLayout): void {
    const styles = this.workbookPackage.styles();
    const xml = layoutSheetXml(layout, (look) => styles.withLook(look), Math.max(11, styles.defaultFontSize()));
    this.addSheet(layout.name, xml, layout.visibility, layout.print?.titleRows ?? null);
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

  /** A cell an op names, at its merge's first cell (the sheet exists: the core checked it against the probe). */
  private cellAt(sheetName: string, cell: string) {
    const entry = this.sheetEntry(sheetName) as SheetEntry;
    const ref = this.masterRef(entry, cell);
    return { entry, ref, xml: this.workbookPackage.sheet(entry.path) };
  }

  /**
   * New content for a cell: this host's own record of it put back verbatim (undo), else the value in the cell's
   * own format (a new number format is a new cell style: the cell's own is shared with others and stays).
   */
  private writeCell(op: WriteCellOp): void {
    const { ref, xml } = this.cellAt(op.sheet, op.cell);
    if (op.hostRecord !== undefined) return xml.putCellXml(ref, op.hostRecord === '' ? null : op.hostRecord);
    const style = xml.cell(ref).style;
    xml.writeCell(
      ref,
      op.value,
      op.numberFormat ? this.workbookPackage.styles().withNumberFormat(style, op.numberFormat) : style,
    );
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
      pkg
        .sheet(sheetPath)
        .insertAfterData(`<legacyDrawing xmlns:r="${REL_NS}" r:id="${id}"/>`, elementsAfter('legacyDrawing'));
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
      const id = vmlPart.id;
      pkg
        .sheet(sheetPath)
        .removeAfterData('legacyDrawing', (attributes) =>
          Object.keys(attributes).some((key) => /(^|:)id$/.test(key) && attributes[key] === id),
        );
    }
  }

  // ---- the saved state ------------------------------------------------------------------------------

  /** A copy of the saved marks. */
  private readState(): MarkState {
    return { ...this.markState, marks: [...this.markState.marks] };
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

/** A sheet's `state` attribute in workbook.xml, as the one sheet rule reads it. */
function visibilityOf(sheet: SheetEntry): SheetVisibility {
  return sheet.state === 'veryHidden' ? 'veryHidden' : sheet.state === 'hidden' ? 'hidden' : 'visible';
}

export { HostError };
