import { strToU8, zipSync, type Zippable } from 'fflate';
import { columnLetters, parseA1 } from '../core/sheet/address';
import type { CellValue } from '../core/sheet/grid';
import { LINK_COLOUR, type CellLook } from '../core/edits/looks';
import type { PrintFit } from '../core/edits/mark-state';
import { HostError } from '../hosts/host';
import { elementTexts, firstBody, firstElement, forEachElement } from './xml-elements';
import { zipEntries } from './zip';
import {
  attributesOf,
  decodeCellXml,
  decodeXml,
  firstOfType,
  LazyParts,
  readCellFormats,
  readRelations,
  readSharedStrings,
  readWorkbookParts,
  unzipParts,
  type ReadWorkbook,
  type SheetContext,
} from './xlsx-reader';

/**
 * An .xlsx as the zip it is, patched in place: only the parts an edit touches are rewritten (the sheet
 * XML of marked or filled cells, styles for new fills, the comments and VML parts of new notes, the
 * workbook, its relationships and content types for added sheets). Every other part is written back with
 * the very bytes it had, so charts, images, data validation, conditional formats, print setup, defined
 * names, protection, custom properties and the user's comments survive untouched.
 */
export class XlsxPackage {
  /** Parts read or written so far, as text; the rest stay in the original zip until saved. */
  private readonly texts = new Map<string, string>();
  private readonly removed = new Set<string>();
  /** Parts parsed for editing (sheets, styles, comments, VML): they give their text when asked. */
  private readonly docs = new Map<string, PartDocument>();
  private readonly xmlParts: LazyParts;

  constructor(private readonly original: Uint8Array) {
    this.xmlParts = new LazyParts(original);
  }

  /** Bumped by every change that can alter the sheet list, styles or strings: `read()` is cached until then. */
  private version = 0;
  private cachedRead: { version: number; read: ReadWorkbook } | null = null;

  /** The workbook as it reads now, edits included (sheet grids are parsed from the current XML each time). */
  read(): ReadWorkbook {
    if (this.cachedRead?.version !== this.version)
      this.cachedRead = { version: this.version, read: readWorkbookParts((path) => this.text(path)) };
    return this.cachedRead.read;
  }

  text(path: string): string | null {
    if (this.removed.has(path)) return null;
    const doc = this.docs.get(path);
    if (doc) return doc.serialise();
    const known = this.texts.get(path);
    if (known !== undefined) return known;
    return this.xmlParts.text(path);
  }

  setText(path: string, text: string): void {
    this.version++;
    this.removed.delete(path);
    this.docs.delete(path);
    this.texts.set(path, text);
  }

  remove(path: string): void {
    this.version++;
    this.docs.delete(path);
    this.texts.delete(path);
    this.removed.add(path);
  }

  /** A part parsed once for editing; `make` gets its current text (null for a new part). */
  private doc<T extends PartDocument>(path: string, make: (text: string | null) => T): T {
    let doc = this.docs.get(path) as T | undefined;
    if (!doc) {
      doc = make(this.text(path));
      this.removed.delete(path);
      this.texts.delete(path);
      this.docs.set(path, doc);
    }
    return doc;
  }

  /** A worksheet's XML for editing cells. */
  sheet(path: string): SheetXml {
    return this.doc(
      path,
      (text) =>
        new SheetXml(
          (xml) => decodeCellXml(xml, this.cellContext()),
          text ??
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
        ),
    );
  }

  styles(): StylesXml {
    return this.doc(STYLES, (text) => new StylesXml(text ?? EMPTY_STYLES, () => this.version++));
  }

  /** A comments part for adding and removing notes (a new part when there is none yet). */
  comments(path: string): CommentsXml {
    return this.doc(path, (text) => new CommentsXml(text ?? emptyComments()));
  }

  /** A VML drawing for adding and removing note boxes. */
  vml(path: string): VmlXml {
    return this.doc(path, (text) => new VmlXml(text ?? emptyVml()));
  }

  private context: { version: number; context: SheetContext } | null = null;

  /**
   * What decoding a cell needs, as the reader has it: the shared strings (never rewritten: new text goes in as
   * inline strings), the cell formats as they stand now (new ones are appended), the date system.
   */
  private cellContext(): SheetContext {
    if (this.context?.version === this.version) return this.context.context;
    const relations = readRelations(this.text('xl/_rels/workbook.xml.rels') ?? '', 'xl/');
    const context: SheetContext = {
      sharedStrings:
        this.context?.context.sharedStrings ??
        readSharedStrings(this.text(firstOfType(relations, 'sharedStrings') ?? 'xl/sharedStrings.xml') ?? ''),
      formats: readCellFormats(this.text(STYLES) ?? ''),
      date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(this.text('xl/workbook.xml') ?? ''),
    };
    this.context = { version: this.version, context };
    return context;
  }

  /** The package as .xlsx bytes: untouched parts with their original bytes, changed ones rewritten. */
  toBytes(): Uint8Array {
    const all = unzipParts(this.original, () => true);
    const files: Zippable = {};
    const changed = new Set<string>([...this.texts.keys(), ...this.docs.keys()]);
    for (const [name, bytes] of Object.entries(all)) {
      if (this.removed.has(name)) continue;
      files[name] = changed.has(name) ? strToU8(this.text(name) as string) : bytes;
    }
    for (const name of changed)
      if (!(name in files) && !this.removed.has(name)) files[name] = strToU8(this.text(name) as string);
    return zipSync(files, { level: 6 });
  }

  // ---- relationships and content types ----------------------------------------------------------

  /** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
  static relsPath(part: string): string {
    const slash = part.lastIndexOf('/');
    return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  }

  /** The parts a part points at, with their ids and types. */
  relations(part: string): Array<{ id: string; type: string; path: string }> {
    const base = part.slice(0, part.lastIndexOf('/') + 1);
    return [...readRelations(this.text(XlsxPackage.relsPath(part)) ?? '', base)].map(([id, r]) => ({ id, ...r }));
  }

  /** Adds a relationship from `part` to `target` (a zip path); returns its id. */
  addRelation(part: string, type: string, target: string): string {
    const relsPath = XlsxPackage.relsPath(part);
    const xml =
      this.text(relsPath) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const used = new Set((xml.match(/\bId="([^"]+)"/g) ?? []).map((m) => m.slice(4, -1)));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const relation = `<Relationship Id="${id}" Type="${RELATION_TYPES[type] ?? type}" Target="${escapeXml(relativePath(part, target))}"/>`;
    this.setText(
      relsPath,
      xml.replace(/<\/(\w+:)?Relationships>/, (end) => `${relation}${end}`),
    );
    return id;
  }

  /** Points relationship `id` of `part` at another target (a zip path). */
  retarget(part: string, id: string, target: string): void {
    const relsPath = XlsxPackage.relsPath(part);
    const xml = this.text(relsPath) ?? '';
    const relative = escapeXml(relativePath(part, target));
    this.setText(
      relsPath,
      editRelation(xml, id, (element) => element.replace(/(\bTarget\s*=\s*)("[^"]*"|'[^']*')/, `$1"${relative}"`)),
    );
  }

  removeRelation(part: string, id: string): void {
    const relsPath = XlsxPackage.relsPath(part);
    const xml = this.text(relsPath);
    if (xml === null) return;
    this.setText(
      relsPath,
      editRelation(xml, id, () => ''),
    );
  }

  /** Declares the content type of a part (an Override), or of an extension (a Default). */
  declareContentType(part: string, contentType: string, byExtension = false): void {
    const xml =
      this.text(CONTENT_TYPES) ??
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';
    if (byExtension) {
      const extension = part.slice(part.lastIndexOf('.') + 1);
      if (new RegExp(`<Default\\b[^>]*Extension="${escapeRegExp(extension)}"`, 'i').test(xml)) return;
      this.setText(
        CONTENT_TYPES,
        xml.replace(/<\/Types>/, `<Default Extension="${extension}" ContentType="${contentType}"/></Types>`),
      );
      return;
    }
    if (xml.includes(`PartName="/${part}"`)) return;
    this.setText(
      CONTENT_TYPES,
      xml.replace(/<\/Types>/, `<Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/></Types>`),
    );
  }

  undeclareContentType(part: string): void {
    const xml = this.text(CONTENT_TYPES);
    if (xml === null) return;
    this.setText(
      CONTENT_TYPES,
      xml.replace(new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(part)}"[^>]*/>`), ''),
    );
  }

  /** A part name not taken yet: `xl/worksheets/sheet7.xml`. */
  freePartName(prefix: string, extension: string): string {
    for (let n = 1; ; n++) {
      const name = `${prefix}${n}.${extension}`;
      if (this.text(name) === null && !this.hasBinary(name)) return name;
    }
  }

  private hasBinary(name: string): boolean {
    // Names only: the central directory is read, nothing is inflated.
    this.names ??= new Set(zipNames(this.original));
    return !this.removed.has(name) && this.names.has(name);
  }

  private names: Set<string> | null = null;
}

/** The entry names of a zip from its central directory (nothing is inflated). */
function zipNames(data: Uint8Array): string[] {
  try {
    return zipEntries(data).map((entry) => entry.name);
  } catch {
    return [];
  }
}

/** A part held parsed while it is edited. */
interface PartDocument {
  serialise(): string;
}

export const STYLES = 'xl/styles.xml';
export const CONTENT_TYPES = '[Content_Types].xml';
export const WORKBOOK = 'xl/workbook.xml';

const RELATION_TYPES: Record<string, string> = {
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
};

const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

function relativePath(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  while (fromParts.length && toParts.length > 1 && fromParts[0] === toParts[0]) {
    fromParts.shift();
    toParts.shift();
  }
  return [...fromParts.map(() => '..'), ...toParts].join('/');
}

/**
 * The text with every character XML 1.0 cannot hold (control characters but tab and line breaks, U+FFFE, U+FFFF,
 * a lone surrogate) given by `replace`: read from a file, one would make the part the tool writes unreadable to
 * every office suite. A scan of char codes, not a pattern: the page's scripts stay ES5.
 */
function xmlSafe(text: string, replace: (code: number) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let bad = (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (code >= 0xdc00 && code <= 0xdfff) bad = true;
    if (!bad) continue;
    out += text.slice(from, i) + replace(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The four characters markup gives a meaning, as entities. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text for an attribute or a header: XML-escaped, and what XML cannot hold replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return escapeMarkup(xmlSafe(text, () => '\uFFFD'));
}

/**
 * Text as a cell or comment may hold it, as Excel writes it: XML-escaped; what XML cannot hold as an OOXML
 * `_xHHHH_` escape, and a literal `_xHHHH_` in the text guarded as `_x005F_xHHHH_` so it reads back as written.
 */
export function escapeText(text: string): string {
  const hex = (code: number) => `_x${code.toString(16).padStart(4, '0').toUpperCase()}_`;
  const guarded = text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
  return xmlSafe(escapeMarkup(guarded), hex);
}

/** A cell of a sheet this tool writes itself (审核意见, state, reports): text, a number or a formula with its value. */
/** How a cell of a sheet the add-in adds looks (`SheetLayout`). */
/** A cell's look (resolved in the core) and its number format, as one cell format of the workbook. */
export type StyleLook = CellLook & { numberFormat?: string };

/**
 * The relationships part with the one whose Id is `id` rewritten by `edit` (to '' to remove it). Found by the
 * linear element scanner and compared as text: an Id read from a file never becomes a pattern.
 */
function editRelation(xml: string, id: string, edit: (element: string) => string): string {
  return editFirstElement(xml, 'Relationship', (attributes) => decodeXml(attributes.Id ?? '') === id, edit);
}

/** The text with the first element of the name whose attributes match rewritten by `edit` ('' removes it). */
function editFirstElement(
  xml: string,
  name: string,
  matches: (attributes: Record<string, string>) => boolean,
  edit: (element: string) => string,
): string {
  let found: { start: number; end: number } | null = null;
  forEachElement(xml, name, (element) => {
    if (!found && matches(attributesOf(element.attributes))) found = element;
  });
  if (!found) return xml;
  const { start, end } = found as { start: number; end: number };
  return `${xml.slice(0, start)}${edit(xml.slice(start, end))}${xml.slice(end)}`;
}

/**
 * The one encoder of a cell's value, for a patched sheet and a sheet this tool writes whole: a number, a boolean
 * (`t="b"`), text as inline text (never a formula, whatever it starts with), or an empty cell keeping its style.
 */
export function valueCellXml(address: string, value: CellValue, style: number, p = ''): string {
  const at = `<${p}c r="${address}"${style ? ` s="${style}"` : ''}`;
  if (typeof value === 'number') return `${at}><${p}v>${value}</${p}v></${p}c>`;
  if (typeof value === 'boolean') return `${at} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (value === null || value === '') return `${at}/>`;
  return `${at} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeText(value)}</${p}t></${p}is></${p}c>`;
}

/** A worksheet's elements after `sheetData`'s neighbours, from `pageSetup` on, in the schema's order. */
const WORKSHEET_TAIL = [
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** The elements a worksheet may have after `name`: a new `name` goes before the first of them it has. */
export function elementsAfter(name: string): string[] {
  return WORKSHEET_TAIL.slice(WORKSHEET_TAIL.indexOf(name) + 1);
}

/** An element's open tag (or whole empty element) with one attribute set, or removed when `value` is null. */
function withAttribute(element: string, name: string, value: string | null): string {
  const end = element.search(/\/?>/);
  const tag = element.slice(0, end).replace(new RegExp(`\\s${name}="[^"]*"`), '');
  return `${tag}${value === null ? '' : ` ${name}="${value}"`}${element.slice(end)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- a worksheet's cells --------------------------------------------------------------------------

/** What a cell holds, as far as writing over it is concerned. */
export interface CellState {
  /** The cell's style index (`s`), 0 when it has none. */
  style: number;
  empty: boolean;
  hasFormula: boolean;
  /** The cell's text, for appending; null when it is not text. */
  text: string | null;
  /** The value as the engine reads it (a formula's cached result). */
  value: string | number | boolean | null;
  formula: string | null;
}

interface RowXml {
  number: number;
  /** The row's opening tag, attributes kept (height, hidden, outline…). */
  open: string;
  cells: Array<{ col: number; xml: string }>;
}

/**
 * A worksheet XML split into what stands before, inside and after `<sheetData>`. Only rows a write
 * touches are parsed into cells; every other row keeps its exact text.
 */
export class SheetXml {
  private before: string;
  private after: string;
  private readonly rows: Array<RowXml | string> = [];
  private readonly rowIndex = new Map<number, number>();
  /** The namespace prefix the sheet writes its elements with (`x:` in some generators' files), or ''. */
  private readonly prefix: string;

  constructor(
    private readonly decode: (cellXml: string) => { value: CellValue; formula: string | null },
    xml: string,
  ) {
    const open = /<((?:\w+:)?)sheetData\b[^>]*?(\/>|>)/.exec(xml);
    if (!open) throw new HostError('工作表的内容无法识别，写不出带标记的副本');
    this.prefix = open[1];
    const bodyStart = open.index + open[0].length;
    let body = '';
    if (open[2] === '/>') {
      this.before = `${xml.slice(0, bodyStart - 2)}>`;
      this.after = `</${this.prefix}sheetData>${xml.slice(bodyStart)}`;
    } else {
      const closeAt = bodyStart + xml.slice(bodyStart).search(/<\/(?:\w+:)?sheetData>/);
      body = xml.slice(bodyStart, closeAt);
      this.before = xml.slice(0, bodyStart);
      this.after = xml.slice(closeAt);
    }
    // The reader's linear scanner: a row left open ends where the next begins, never a search to the end.
    forEachElement(body, 'row', ({ attributes, start, end }) => {
      const number = /\br="(\d+)"/.exec(attributes);
      if (!number) throw new HostError('工作表的行没有编号，写不出带标记的副本');
      this.rowIndex.set(Number(number[1]), this.rows.length);
      this.rows.push(body.slice(start, end));
    });
  }

  serialise(): string {
    let body = '';
    for (const row of this.rows) body += typeof row === 'string' ? row : serialiseRow(row);
    return this.before + body + this.after;
  }

  /** The style and content of a cell (a missing cell is empty, with the row's or no style). */
  cell(ref: string): CellState {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    const found = this.findCell(row, col, false);
    if (!found) return { style: 0, empty: true, hasFormula: false, text: null, value: null, formula: null };
    return cellState(found.cell.xml, this.decode);
  }

  /** A cell's XML exactly as it stands, or null when the sheet has no element for it. */
  cellXml(ref: string): string | null {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    return this.findCell(row, col, false)?.cell.xml ?? null;
  }

  /** Puts back a cell's XML as `cellXml` gave it (null: no element, as before a first write). */
  putCellXml(ref: string, xml: string | null): void {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    const found = this.findCell(row, col, xml !== null);
    if (!found) return;
    if (xml !== null) found.cell.xml = xml;
    else found.row.cells.splice(found.row.cells.indexOf(found.cell), 1);
  }

  /** Writes a cell's content with a style; `content` null empties it (keeping the style). */
  writeCell(ref: string, content: CellValue, style: number): void {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    const found = this.findCell(row, col, true) as { row: RowXml; cell: { col: number; xml: string } };
    found.cell.xml = valueCellXml(`${columnLetters(col)}${row}`, content, style, this.prefix);
  }

  /** Gives a cell another style, its content untouched. */
  restyle(ref: string, style: number): void {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    const found = this.findCell(row, col, true) as { row: RowXml; cell: { col: number; xml: string } };
    const tag = /^<(?:\w+:)?c\b[^>]*?(\/?)>/.exec(found.cell.xml) as RegExpExecArray;
    let open = tag[0].replace(/\ss="\d*"/, '');
    open = open.replace(/^(<(?:\w+:)?c\b)/, `$1${style ? ` s="${style}"` : ''}`);
    found.cell.xml = open + found.cell.xml.slice(tag[0].length);
  }

  /** Makes `cell` the sheet's active cell on a selected tab; null unselects the tab. */
  setSelection(cell: string | null): void {
    const view = firstElement(this.before, 'sheetView');
    if (!view) {
      if (cell === null) return;
      const p = this.prefix;
      const views = `<${p}sheetViews><${p}sheetView tabSelected="1" workbookViewId="0"><${p}selection activeCell="${cell}" sqref="${cell}"/></${p}sheetView></${p}sheetViews>`;
      const at = this.before.search(/<(?:\w+:)?(sheetFormatPr|cols|sheetData)\b/);
      this.before = this.before.slice(0, at) + views + this.before.slice(at);
      return;
    }
    const whole = this.before.slice(view.start, view.end);
    const p = (/^<(\w+:)?/.exec(whole) as RegExpExecArray)[1] ?? '';
    const attributes = view.attributes;
    const body = view.body ?? '';
    const cleaned = attributes.replace(/\stabSelected="[^"]*"/, '');
    const around = (replacement: string) =>
      this.before.slice(0, view.start) + replacement + this.before.slice(view.end);
    if (cell === null) {
      this.before = around(whole.replace(attributes, cleaned));
      return;
    }
    const pane =
      /<(?:\w+:)?pane\b[^>]*\bactivePane="([^"]+)"/.exec(body)?.[1] ??
      (/<(?:\w+:)?pane\b[^>]*state="frozen"/.test(body) ? 'bottomLeft' : null);
    const keep = body.replace(/<(?:\w+:)?selection\b[^>]*\/>/g, '');
    const selection = `<${p}selection${pane ? ` pane="${pane}"` : ''} activeCell="${cell}" sqref="${cell}"/>`;
    this.before = around(`<${p}sheetView tabSelected="1"${cleaned}>${keep}${selection}</${p}sheetView>`);
  }

  /** The sheet's print scaling: `sheetPr`'s `pageSetUpPr fitToPage`, and `pageSetup`'s fit and scale. */
  printFit(): PrintFit {
    const sheetPr = firstElement(this.before, 'sheetPr');
    const setUp = sheetPr?.body ? firstElement(sheetPr.body, 'pageSetUpPr') : null;
    const setup = attributesOf(firstElement(this.after, 'pageSetup')?.attributes ?? '');
    const number = (name: string) => (/^\d+$/.test(setup[name] ?? '') ? Number(setup[name]) : null);
    return {
      fitToPage: /^(1|true)$/.test(attributesOf(setUp?.attributes ?? '').fitToPage ?? ''),
      fitWidth: number('fitToWidth'),
      fitHeight: number('fitToHeight'),
      scale: number('scale'),
    };
  }

  /** Sets the print scaling (an attribute null is removed: the workbook's default again). */
  setPrintFit(fit: PrintFit): void {
    const p = this.prefix;
    const flag = fit.fitToPage ? '1' : null;
    const sheetPr = firstElement(this.before, 'sheetPr');
    if (!sheetPr) {
      if (flag) {
        const open = /<(?:\w+:)?worksheet\b[^>]*>/.exec(this.before) as RegExpExecArray;
        const at = open.index + open[0].length;
        const fragment = `<${p}sheetPr><${p}pageSetUpPr fitToPage="1"/></${p}sheetPr>`;
        this.before = this.before.slice(0, at) + fragment + this.before.slice(at);
      }
    } else {
      const body = sheetPr.body ?? '';
      const setUp = firstElement(body, 'pageSetUpPr');
      const newBody = setUp
        ? body.slice(0, setUp.start) +
          withAttribute(body.slice(setUp.start, setUp.end), 'fitToPage', flag) +
          body.slice(setUp.end)
        : flag
          ? `${body}<${p}pageSetUpPr fitToPage="1"/>`
          : body;
      // An element left saying nothing goes (a sheet that had none gets none back when cleared).
      const kept = newBody.replace(/<(?:\w+:)?pageSetUpPr\s*\/>/, '');
      const whole =
        kept === '' && sheetPr.attributes.trim() === ''
          ? ''
          : `<${p}sheetPr${sheetPr.attributes}>${kept}</${p}sheetPr>`;
      if (kept !== body) this.before = this.before.slice(0, sheetPr.start) + whole + this.before.slice(sheetPr.end);
    }
    const values = { fitToWidth: fit.fitWidth, fitToHeight: fit.fitHeight, scale: fit.scale };
    const setup = firstElement(this.after, 'pageSetup');
    if (setup) {
      let tag = this.after.slice(setup.start, setup.end);
      for (const [name, value] of Object.entries(values))
        tag = withAttribute(tag, name, value === null ? null : String(value));
      this.after = this.after.slice(0, setup.start) + tag + this.after.slice(setup.end);
      return;
    }
    const set = Object.entries(values).filter(([, value]) => value !== null);
    if (set.length === 0) return;
    const attributes = set.map(([name, value]) => ` ${name}="${value}"`).join('');
    this.insertAfterData(`<${p}pageSetup${attributes}/>`, elementsAfter('pageSetup'));
  }

  /** Puts a fragment (e.g. `<legacyDrawing r:id="…"/>`) where the schema's element order wants it. */
  insertAfterData(fragment: string, beforeAny: string[]): void {
    for (const name of beforeAny) {
      const at = this.after.search(new RegExp(`<(?:\\w+:)?${name}\\b`));
      if (at >= 0) {
        this.after = this.after.slice(0, at) + fragment + this.after.slice(at);
        return;
      }
    }
    const end = this.after.search(/<\/(?:\w+:)?worksheet>/);
    this.after = this.after.slice(0, end) + fragment + this.after.slice(end);
  }

  /** Removes the first element of the name after the cell data whose attributes `matches` (linear, no pattern). */
  removeAfterData(name: string, matches: (attributes: Record<string, string>) => boolean): void {
    this.after = editFirstElement(this.after, name, matches, () => '');
  }

  afterData(): string {
    return this.after;
  }

  private findCell(
    row: number,
    col: number,
    create: boolean,
  ): { row: RowXml; cell: { col: number; xml: string } } | null {
    let index = this.rowIndex.get(row);
    if (index === undefined) {
      if (!create) return null;
      index = this.insertRow(row);
    }
    let entry = this.rows[index];
    if (typeof entry === 'string') {
      entry = parseRow(entry, row);
      this.rows[index] = entry;
    }
    let position = entry.cells.findIndex((c) => c.col >= col);
    if (position >= 0 && entry.cells[position].col === col) return { row: entry, cell: entry.cells[position] };
    if (!create) return null;
    // A new cell takes the row's own style, as Excel does for a typed-in cell.
    const rowStyle = /\bs="(\d+)"/.exec(entry.open)?.[1];
    const cell = {
      col,
      xml: `<${this.prefix}c r="${columnLetters(col)}${row}"${rowStyle && /customFormat="(1|true)"/.test(entry.open) ? ` s="${rowStyle}"` : ''}/>`,
    };
    if (position < 0) position = entry.cells.length;
    entry.cells.splice(position, 0, cell);
    return { row: entry, cell };
  }

  private insertRow(row: number): number {
    let position = this.rows.length;
    for (const [number, index] of this.rowIndex) if (number > row && index < position) position = index;
    this.rows.splice(position, 0, { number: row, open: `<${this.prefix}row r="${row}">`, cells: [] });
    for (const [number, index] of this.rowIndex) if (index >= position) this.rowIndex.set(number, index + 1);
    this.rowIndex.set(row, position);
    return position;
  }
}

function parseRow(xml: string, number: number): RowXml {
  const openEnd = xml.indexOf('>') + 1;
  const selfClosing = xml[openEnd - 2] === '/';
  const open = selfClosing ? `${xml.slice(0, openEnd - 2)}>` : xml.slice(0, openEnd);
  const cells: RowXml['cells'] = [];
  if (!selfClosing) {
    const body = xml.slice(openEnd, xml.lastIndexOf('</'));
    let col = 0;
    forEachElement(body, 'c', ({ attributes, start, end }) => {
      const cell = body.slice(start, end);
      const ref = /\br="([A-Z]+\d+)"/.exec(attributes);
      col = ref ? (parseA1(ref[1]) as { col: number }).col : col + 1;
      cells.push({ col, xml: ref ? cell : cell.replace(/^<((?:\w+:)?c)\b/, `<$1 r="${columnLetters(col)}${number}"`) });
    });
  }
  return { number, open, cells };
}

function serialiseRow(row: RowXml): string {
  const close = /^<((?:\w+:)?row)\b/.exec(row.open)?.[1] ?? 'row';
  return `${row.open}${row.cells.map((c) => c.xml).join('')}</${close}>`;
}

/** A cell as a write sees it: its style, and its content decoded exactly as the reader decodes it. */
function cellState(xml: string, decode: (cellXml: string) => { value: CellValue; formula: string | null }): CellState {
  const open = xml.slice(0, xml.indexOf('>') + 1);
  const attributes = attributesOf(open);
  const style = Number(attributes.s ?? 0);
  const { value, formula } = decode(xml);
  // Text, for appending to: what the cell holds as a string (a date or an error is not text).
  const isText = attributes.t === 's' || attributes.t === 'str' || attributes.t === 'inlineStr';
  const text = isText && typeof value === 'string' ? value : null;
  const empty = value === null || (typeof value === 'string' && value.trim() === '');
  return { style, empty, hasFormula: formula !== null, text: isText ? (text ?? '') : null, value, formula };
}

// ---- styles: new cell formats for fills and number formats, never an edit of a shared one ----------

const BUILT_IN_NUMBER_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
};

export class StylesXml {
  private xml: string;
  private readonly fillCache = new Map<string, number>();
  private readonly formatCache = new Map<string, number>();

  constructor(
    xml: string,
    private readonly changed: () => void,
  ) {
    this.xml = xml;
  }

  serialise(): string {
    return this.xml;
  }

  /** The number of cell formats (`cellXfs`), i.e. the first index a new one gets. */
  /** The size in points of the workbook's default font (font 0), 11 when it does not say. */
  defaultFontSize(): number {
    const first = this.firstFont();
    const size = Number(/<(?:\w+:)?sz\b[^>]*\bval="([\d.]+)"/.exec(first)?.[1]);
    return size > 0 ? size : 11;
  }

  /** The body of font 0, the workbook's default. */
  private firstFont(): string {
    return firstBody(firstBody(this.xml, 'fonts'), 'font');
  }

  private cellFormats(): string[] {
    return elementTexts(firstBody(this.xml, 'cellXfs'), 'xf');
  }

  /**
   * A copy of cell format `base` with a solid fill of colour RRGGBB (null: no fill); the same pair
   * gives the same index.
   */
  withFill(base: number, rgb: string | null): number {
    const key = `${base}|${rgb}`;
    const cached = this.fillCache.get(key);
    if (cached !== undefined) return cached;
    // Fill 0 is "none" in every workbook (the format requires it first).
    const fillId =
      rgb === null
        ? 0
        : this.appendToList(
            'fills',
            'fill',
            `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`,
          );
    const index = this.appendFormat(base, { fillId: String(fillId), applyFill: '1' });
    this.fillCache.set(key, index);
    return index;
  }

  /** The solid fill colour of cell format `style` as RRGGBB, or null for none (or a colour not given as RGB). */
  fillOf(style: number): string | null {
    const xf = this.cellFormats()[style];
    const fillId = Number(/\bfillId="(\d+)"/.exec(xf ?? '')?.[1] ?? 0);
    const fill = elementTexts(firstBody(this.xml, 'fills'), 'fill')[fillId] ?? '';
    if (!/patternType="solid"/.test(fill)) return null;
    const rgb = /<(?:\w+:)?fgColor\b[^>]*\brgb="([0-9A-Fa-f]{6,8})"/.exec(fill)?.[1];
    return rgb ? rgb.slice(-6).toUpperCase() : null;
  }

  /** A copy of cell format `base` with a number format. */
  withNumberFormat(base: number, code: string): number {
    const key = `${base}|${code}`;
    const cached = this.formatCache.get(key);
    if (cached !== undefined) return cached;
    const index = this.appendFormat(base, { numFmtId: String(this.numberFormatId(code)), applyNumberFormat: '1' });
    this.formatCache.set(key, index);
    return index;
  }

  /** A copy of cell format 0 with a look the core resolved, in the workbook's own typeface; and a number format. */
  withLook(look: StyleLook): number {
    const { name, size } = this.defaultFont();
    const face = `<sz val="${look.size ?? Math.max(10, size)}"/>${look.link ? `<color rgb="FF${LINK_COLOUR}"/>` : ''}<name val="${escapeXml(name)}"/>`;
    const styled = look.bold || look.link || look.size !== undefined;
    const font = styled ? `<font>${look.bold ? '<b/>' : ''}${look.link ? '<u/>' : ''}${face}</font>` : null;
    const fontId = font ? this.appendToList('fonts', 'font', font) : 0;
    const fillId = look.fill
      ? this.appendToList(
          'fills',
          'fill',
          `<fill><patternFill patternType="solid"><fgColor rgb="FF${look.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const borderId = look.border
      ? this.appendToList(
          'borders',
          'border',
          '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>',
        )
      : 0;
    const numFmtId = look.numberFormat ? this.numberFormatId(look.numberFormat) : 0;
    const alignment = alignmentXml(look);
    const applied =
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (font ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (look.border ? ' applyBorder="1"' : '') +
      (alignment ? ' applyAlignment="1"' : '');
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return this.appendToList('cellXfs', 'xf', alignment ? `${open}>${alignment}</xf>` : `${open}/>`);
  }

  /** The workbook's default typeface (font 0) and its size (Calibri, 11 pt, when it does not say). */
  private defaultFont(): { name: string; size: number } {
    const first = this.firstFont();
    const name = decodeXml(/<(?:\w+:)?name\b[^>]*\bval="([^"]*)"/.exec(first)?.[1] ?? '') || 'Calibri';
    return { name, size: this.defaultFontSize() };
  }

  private numberFormatId(code: string): number {
    if (code in BUILT_IN_NUMBER_FORMATS) return BUILT_IN_NUMBER_FORMATS[code];
    this.changed();
    const existing = new RegExp(
      `<(?:\\w+:)?numFmt\\b[^>]*numFmtId="(\\d+)"[^>]*formatCode="${escapeRegExp(escapeXml(code))}"`,
    ).exec(this.xml);
    if (existing) return Number(existing[1]);
    const ids = (this.xml.match(/numFmtId="(\d+)"/g) ?? []).map((m) => Number(m.slice(10, -1)));
    const id = Math.max(163, ...ids) + 1;
    const numFmt = `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`;
    if (/<(?:\w+:)?numFmts\b/.test(this.xml)) this.appendToList('numFmts', 'numFmt', numFmt);
    else this.xml = this.xml.replace(/(<(?:\w+:)?styleSheet\b[^>]*>)/, `$1<numFmts count="1">${numFmt}</numFmts>`);
    return id;
  }

  private appendFormat(base: number, changes: Record<string, string>): number {
    const formats = this.cellFormats();
    const source = formats[base] ?? formats[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    let xf = source;
    for (const [name, value] of Object.entries(changes)) {
      xf = new RegExp(`\\s${name}="[^"]*"`).test(xf)
        ? xf.replace(new RegExp(`\\s${name}="[^"]*"`), ` ${name}="${value}"`)
        : xf.replace(/^<((?:\w+:)?xf)\b/, `<$1 ${name}="${value}"`);
    }
    return this.appendToList('cellXfs', 'xf', xf);
  }

  /** Appends an element to a counted list (`<fills count="n">`), creating the list if missing; returns its index. */
  private appendToList(list: string, item: string, xml: string): number {
    const found = firstElement(this.xml, list);
    if (!found) throw new HostError('工作簿的样式无法识别，写不出带标记的副本');
    const body = found.body ?? '';
    let count = 0;
    forEachElement(body, item, () => count++);
    const tag = /^<((?:\w+:)?\w+)/.exec(this.xml.slice(found.start)) as RegExpExecArray;
    const attributes = found.attributes.replace(/\scount="\d*"/, '');
    const replaced = `<${tag[1]} count="${count + 1}"${attributes}>${body}${xml}</${tag[1]}>`;
    this.xml = this.xml.slice(0, found.start) + replaced + this.xml.slice(found.end);
    this.changed();
    return count;
  }
}

// ---- notes: the legacy comments part and its VML shapes ---------------------------------------------

export const NOTE_AUTHOR = '绩效自评助手';

/** A note's text and author from a comments part. */
export function notesOf(xml: string | null): Map<string, { text: string; author: string }> {
  const notes = new Map<string, { text: string; author: string }>();
  if (!xml) return notes;
  const doc = new CommentsXml(xml);
  for (const ref of doc.refs()) notes.set(ref, doc.note(ref) as { text: string; author: string });
  return notes;
}

function emptyComments(): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
}

/** A comments part split into its authors and its notes by cell, so many notes cost one parse. */
export class CommentsXml {
  private readonly head: string;
  private readonly tail: string;
  private readonly authors: string[];
  private readonly notes = new Map<string, string>();

  constructor(xml: string) {
    let text = xml;
    if (!/<(?:\w+:)?commentList\b/.test(text))
      text = text.replace(/<\/((?:\w+:)?comments)>/, '<commentList></commentList></$1>');
    text = text.replace(/<((?:\w+:)?commentList)\/>/, '<$1></$1>');
    const list = firstElement(text, 'commentList');
    if (!list) throw new HostError('批注部件无法识别，写不出带标记的副本');
    const before = text.slice(0, list.start);
    const authors = firstElement(before, 'authors');
    this.authors = elementTexts(authors?.body ?? '', 'author').map((a) => decodeXml(a.replace(/<[^>]+>/g, '')));
    this.head = authors ? before.slice(0, authors.start) : before;
    this.listOpen = text.slice(list.start, text.indexOf('>', list.start) + 1);
    this.tail = text.slice(list.end);
    this.afterAuthors = authors ? before.slice(authors.end) : '';
    const comments = list.body ?? '';
    forEachElement(comments, 'comment', ({ attributes, start, end }) => {
      const ref = attributesOf(attributes).ref;
      if (ref) this.notes.set(ref, comments.slice(start, end));
    });
  }

  private readonly listOpen: string;
  private readonly afterAuthors: string;

  refs(): string[] {
    return [...this.notes.keys()];
  }

  get size(): number {
    return this.notes.size;
  }

  note(ref: string): { text: string; author: string } | null {
    const comment = this.notes.get(ref);
    if (!comment) return null;
    const authorId = Number(attributesOf(comment.slice(0, comment.indexOf('>'))).authorId ?? 0);
    const texts: string[] = [];
    forEachElement(comment, 't', ({ body }) => texts.push(body ?? ''));
    return {
      text: decodeXml(texts.join('').replace(/<[^>]+>/g, '')),
      author: this.authors[authorId] ?? '',
    };
  }

  /** Sets the note at `ref` with this add-in as author (replacing a note already there). */
  set(ref: string, text: string): void {
    let authorId = this.authors.indexOf(NOTE_AUTHOR);
    if (authorId < 0) authorId = this.authors.push(NOTE_AUTHOR) - 1;
    this.notes.set(
      ref,
      `<comment ref="${ref}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeText(text)}</t></r></text></comment>`,
    );
  }

  remove(ref: string): void {
    this.notes.delete(ref);
  }

  serialise(): string {
    const authors = `<authors>${this.authors.map((a) => `<author>${escapeXml(a)}</author>`).join('')}</authors>`;
    const close = /^<((?:\w+:)?commentList)/.exec(this.listOpen)?.[1] ?? 'commentList';
    return `${this.head}${authors}${this.afterAuthors}${this.listOpen}${[...this.notes.values()].join('')}</${close}>${this.tail}`;
  }
}

const NOTE_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function emptyVml(): string {
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>${NOTE_SHAPE_TYPE}</xml>`;
}

/** A VML drawing split into its shapes; note boxes are found by the cell they belong to. */
export class VmlXml {
  private head = '';
  private tail = '';
  /** Every shape in order; note boxes keyed by `row,col` (0-based, as VML writes them). */
  private shapes: Array<{ key: string | null; xml: string }> = [];
  private nextId = 1025;

  constructor(xml: string) {
    this.copyFrom(xml);
  }

  /** Takes the drawing of another part as this one's content. */
  copyFrom(xml: string): void {
    this.shapes = [];
    let text = xml.includes('_x0000_t202') ? xml : xml.replace(/(<\/o:shapelayout>)/, `$1${NOTE_SHAPE_TYPE}`);
    if (!text.includes('_x0000_t202')) text = text.replace(/<\/xml>\s*$/, `${NOTE_SHAPE_TYPE}</xml>`);
    const first = text.search(/<v:shape\b/);
    const end = text.search(/<\/xml>\s*$/);
    this.head = first < 0 ? text.slice(0, end) : text.slice(0, first);
    this.tail = text.slice(end);
    const body = first < 0 ? '' : text.slice(first, end);
    let max = 1024;
    // Anything between shapes that is not a shape (rare) stays before them.
    const between: string[] = [];
    let last = 0;
    forEachElement(body, 'shape', ({ start, end }) => {
      between.push(body.slice(last, start));
      last = end;
      const match = body.slice(start, end);
      const id = /id="_x0000_s(\d+)"/.exec(match);
      if (id) max = Math.max(max, Number(id[1]));
      const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(match)?.[1];
      const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(match)?.[1];
      const note = /ObjectType="Note"/.test(match) && row !== undefined && col !== undefined;
      this.shapes.push({ key: note ? `${row},${col}` : null, xml: match });
    });
    this.head += between.join('') + body.slice(last);
    this.nextId = max + 1;
  }

  get noteCount(): number {
    return this.shapes.filter((s) => s.key !== null).length;
  }

  has(ref: string): boolean {
    const key = vmlKey(ref);
    return this.shapes.some((s) => s.key === key);
  }

  /** Adds the box Excel draws a note in, anchored next to its cell. */
  add(ref: string): void {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    const id = this.nextId++;
    const xml =
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${row - 1}, 2, ${col + 2}, 15, ${row + 3}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`;
    this.shapes.push({ key: vmlKey(ref), xml });
  }

  remove(ref: string): void {
    const key = vmlKey(ref);
    const index = this.shapes.findIndex((s) => s.key === key);
    if (index >= 0) this.shapes.splice(index, 1);
  }

  serialise(): string {
    return `${this.head}${this.shapes.map((s) => s.xml).join('')}${this.tail}`;
  }
}

function vmlKey(ref: string): string {
  const { row, col } = parseA1(ref) as { row: number; col: number };
  return `${row - 1},${col - 1}`;
}

/** A look's alignment element: wrapping, and where it sits in the cell (bottom, unwrapped, is the default). */
function alignmentXml(look: CellLook): string {
  const vertical = look.vertical && look.vertical !== 'bottom' ? ` vertical="${look.vertical}"` : '';
  const horizontal = look.horizontal ? ` horizontal="${look.horizontal}"` : '';
  const wrap = look.wrap ? ' wrapText="1"' : '';
  return wrap || vertical || horizontal ? `<alignment${wrap}${vertical}${horizontal}/>` : '';
}
