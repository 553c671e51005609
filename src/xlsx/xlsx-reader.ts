import { columnNumber, parseRangeA1, toA1, type CellRange } from '../core/sheet/address';
import type { CellValue, SheetGrid } from '../core/sheet/grid';
import { HostError } from '../hosts/host';
import { firstBody, firstElement, forEachElement } from './xml-elements';
import { entryBytes, zipEntries, type ZipEntry } from './zip';
import { PlainCells } from './plain-cell';

/**
 * Reads an .xlsx straight from its zip into the engine's grids: values, shared and inline strings
 * (rich text flattened, phonetic runs dropped), cached formula results and formulas, number formats,
 * merges, dates (as ISO dates), errors and booleans. Only the parts it needs are inflated, and the
 * sheet XML is scanned once with a few regular expressions: no DOM, no per-cell objects beyond the grid.
 * The same module runs in Node and in the page.
 */

/** One worksheet of the workbook, in tab order. */
export interface SheetEntry {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  /** Zip path of the sheet's XML part. */
  path: string;
}

export interface ReadWorkbook {
  sheets: SheetEntry[];
  /** Index into `sheets` of the tab Excel opens on. */
  activeTab: number;
  /** The grid of one sheet, parsed when first asked for. */
  grid(sheet: SheetEntry): SheetGrid;
}

/**
 * How large a workbook may be once inflated, against zip bombs and files no desk computer could hold (stated in
 * the README): a file over them is refused before it is inflated.
 */
export const LIMITS = { partBytes: 512 * 1024 * 1024, totalBytes: 1024 * 1024 * 1024 };

/**
 * Lower limits where memory is scarcer and cannot be measured: a page's worker (browsers report no worker's
 * memory) holds each file to these, so a file stays far below what a tab may hold.
 */
export function limitReading(limits: typeof LIMITS): void {
  Object.assign(LIMITS, limits);
}

const DAMAGED = '工作簿已损坏或不是有效的 .xlsx 文件，无法读取';

/** The text of a part of the package by its zip path, or null when there is none. */
export type PartText = (path: string) => string | null;

export function readXlsx(data: Uint8Array): ReadWorkbook {
  const parts = new LazyParts(data);
  return readWorkbookParts((path) => parts.text(path));
}

/**
 * The XML parts of a zip, inflated one by one when first asked for (a check needs the workbook, its
 * styles, strings and sheets, not the theme or drawings), within the size limits checked up front.
 */
export class LazyParts {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly data: Uint8Array) {
    for (const entry of entriesWithin(data, isXmlPart)) this.entries.set(entry.name, entry);
  }

  text(path: string): string | null {
    const known = this.texts.get(path);
    if (known !== undefined) return known;
    const entry = this.entries.get(path);
    if (!entry) return null;
    let bytes: Uint8Array;
    try {
      bytes = entryBytes(this.data, entry);
    } catch {
      throw new HostError(DAMAGED);
    }
    const text = utf8(bytes);
    this.texts.set(path, text);
    return text;
  }
}

function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}

/** The workbook of a package's XML parts (as read from a file, or as edited in memory). */
export function readWorkbookParts(text: PartText): ReadWorkbook {
  const workbookXml = text('xl/workbook.xml');
  if (workbookXml === null) throw new HostError(DAMAGED);
  const relations = readRelations(text('xl/_rels/workbook.xml.rels') ?? '', 'xl/');
  const sheets: SheetEntry[] = [];
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^<>]*>/g) ?? []) {
    const attributes = attributesOf(tag);
    const target = relations.get(attributes['r:id'] ?? attributes.id ?? '');
    // Chart sheets and dialog sheets hold no cells.
    if (!target || target.type !== 'worksheet') continue;
    sheets.push({ name: decodeXml(attributes.name ?? ''), state: attributes.state ?? 'visible', path: target.path });
  }
  const activeTab = Number(/<(?:\w+:)?workbookView\b[^>]*\bactiveTab="(\d+)"/.exec(workbookXml)?.[1] ?? 0);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const sharedStrings = readSharedStrings(
    text(firstOfType(relations, 'sharedStrings') ?? 'xl/sharedStrings.xml') ?? '',
  );
  const formats = readCellFormats(text(firstOfType(relations, 'styles') ?? 'xl/styles.xml') ?? '');
  return {
    sheets,
    activeTab,
    grid: (sheet) => readSheet(sheet.name, text(sheet.path) ?? '', { sharedStrings, formats, date1904 }),
  };
}

// ---- the zip ------------------------------------------------------------------------------------

/** The XML parts only (images and embeddings stay compressed), within the size limits. */
export function unzipXmlParts(data: Uint8Array): Record<string, Uint8Array> {
  return unzipParts(data, isXmlPart);
}

/** The parts whose names pass `want`, within the size limits; damage and zip bombs become HostErrors. */
export function unzipParts(data: Uint8Array, want: (name: string) => boolean): Record<string, Uint8Array> {
  const parts: Record<string, Uint8Array> = {};
  for (const entry of entriesWithin(data, want)) {
    try {
      parts[entry.name] = entryBytes(data, entry);
    } catch {
      throw new HostError(DAMAGED);
    }
  }
  return parts;
}

/**
 * The zip's entries (not folders) whose names pass `want`, checked against the size limits before any is inflated;
 * a damaged zip says so in `damaged`, the words of the format read.
 */
export function entriesWithin(data: Uint8Array, want: (name: string) => boolean, damaged = DAMAGED): ZipEntry[] {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(data);
  } catch {
    throw new HostError(damaged);
  }
  const wanted = entries.filter((entry) => !entry.name.endsWith('/') && want(entry.name));
  let total = 0;
  for (const entry of wanted) {
    total += entry.originalSize;
    refuseOverLimits(entry.originalSize, total);
  }
  return wanted;
}

/**
 * Refuses a part of `size` bytes inflated that brings the parts counted so far to `total`, past the limits in
 * force (the page's are lower), in words that state them.
 */
export function refuseOverLimits(size: number, total: number): void {
  if (size <= LIMITS.partBytes && total <= LIMITS.totalBytes) return;
  throw new HostError(
    `工作簿解压后过大（超过 ${LIMITS.totalBytes / 1024 / 1024} MB，或单个部件超过 ${LIMITS.partBytes / 1024 / 1024} MB），可能已损坏，无法读取`,
  );
}

const decoder = new TextDecoder('utf-8');

export function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export interface Relation {
  type: string;
  path: string;
}

/** `rId → { type, zip path }` of a .rels part; the type is the last word of the relationship URI. */
export function readRelations(xml: string, base: string): Map<string, Relation> {
  const relations = new Map<string, Relation>();
  for (const tag of xml.match(/<(?:\w+:)?Relationship\b[^<>]*>/g) ?? []) {
    const { Id, Type, Target, TargetMode } = attributesOf(tag);
    if (!Id || !Target || TargetMode === 'External') continue;
    const target = decodeXml(Target);
    const path = target.startsWith('/') ? target.slice(1) : normalisePath(base + target);
    relations.set(Id, { type: (Type ?? '').split('/').pop() ?? '', path });
  }
  return relations;
}

export function firstOfType(relations: Map<string, Relation>, type: string): string | null {
  for (const relation of relations.values()) if (relation.type === type) return relation.path;
  return null;
}

function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

// ---- XML scanning ---------------------------------------------------------------------------------

const ATTRIBUTE = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

export function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(tag); match; match = ATTRIBUTE.exec(tag)) attributes[match[1]] = match[3] ?? match[4];
  return attributes;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('_x') < 0) return text;
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
      if (entity[0] !== '#') return ENTITIES[entity] ?? whole;
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      // Past the last code point (`&#x110000;`) or a lone surrogate: the replacement character, never a throw.
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of every `<t>` of a string item, rich-text runs joined, phonetic guides (`<rPh>`) left out. */
function stringItemText(xml: string): string {
  const body = xml.indexOf('<rPh') >= 0 ? withoutElements(xml, 'rPh') : xml;
  let text = '';
  forEachElement(body, 't', (t) => (text += t.body ?? ''));
  return decodeXml(text);
}

/** The text with every element of the name taken out (phonetic runs: 注音 is not the cell's text). */
function withoutElements(xml: string, name: string): string {
  let kept = '';
  let from = 0;
  forEachElement(xml, name, ({ start, end }) => {
    kept += xml.slice(from, start);
    from = end;
  });
  return kept + xml.slice(from);
}

export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  forEachElement(xml, 'si', ({ body }) => strings.push(body === null ? '' : stringItemText(body)));
  return strings;
}

// ---- styles: the number format of each cell style -------------------------------------------------

/** Built-in number formats (ECMA-376 §18.8.30) that matter for reading: percentages and dates. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export interface CellFormat {
  format: string | null;
  isDate: boolean;
}

export function readCellFormats(xml: string): CellFormat[] {
  const custom = new Map<number, string>();
  // The linear scanner (xml-elements.ts): a tag left open never makes a search run to the end of the part.
  forEachElement(xml, 'numFmt', ({ attributes }) => {
    const { numFmtId, formatCode } = attributesOf(attributes);
    if (numFmtId !== undefined && formatCode !== undefined) custom.set(Number(numFmtId), decodeXml(formatCode));
  });
  const formats: CellFormat[] = [];
  forEachElement(firstBody(xml, 'cellXfs'), 'xf', ({ attributes }) => {
    const id = Number(attributesOf(attributes).numFmtId ?? 0);
    const format = custom.get(id) ?? BUILT_IN_FORMATS[id] ?? null;
    formats.push({ format: format === 'General' ? null : format, isDate: isDateFormat(format) });
  });
  return formats;
}

/** A format that shows a date or time: y m d h s outside quotes and [brackets] (as Excel and exceljs judge). */
function isDateFormat(format: string | null): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

// ---- a worksheet ----------------------------------------------------------------------------------

/** What decoding a cell needs of its workbook: the shared strings, each cell format, the date system. */
export interface SheetContext {
  sharedStrings: string[];
  formats: CellFormat[];
  date1904: boolean;
}

const FORMULA_START = /<(?:\w+:)?f[\s>/]/;

/**
 * The cells read from a sheet, column by column (one array per field, not an object per cell: a large sheet has
 * hundreds of thousands of cells, and each object would be copied by every young-generation collection it lives
 * through until the grid is made).
 */
class ReadCells {
  readonly rows: number[] = [];
  readonly cols: number[] = [];
  readonly values: CellValue[] = [];
  readonly formats: Array<string | null> = [];
  readonly formulas: Array<string | null> = [];

  add(row: number, col: number, value: CellValue, format: string | null, formula: string | null): void {
    this.rows.push(row);
    this.cols.push(col);
    this.values.push(value);
    this.formats.push(format);
    this.formulas.push(formula);
  }

  get count(): number {
    return this.rows.length;
  }
}

/** A sheet's cells and merges; `plainCells` false reads every cell the general way (the tests compare the two). */
export function readSheet(name: string, xml: string, context: SheetContext, plainCells = true): SheetGrid {
  const cells = new ReadCells();
  const sharedFormulas = new Map<string, string>();
  const dataStart = xml.search(/<(?:\w+:)?sheetData\b/);
  if (dataStart < 0) return gridOf(name, cells, readMerges(xml));
  const general = (row: number, col: number, tag: string, body: string) => {
    const style = CELL_STYLE.exec(tag);
    const type = CELL_TYPE.exec(tag);
    const read = cellContent(body, style ? Number(style[1]) : 0, type ? type[1] : undefined, context, sharedFormulas);
    if (read.value !== null || read.formula !== null) cells.add(row, col, read.value, read.format, read.formula);
  };
  const plain = (cell: PlainCells) => {
    const { value, format } = plainContent(cell, context);
    if (value !== null) cells.add(cell.row, cell.col, value, format, null);
  };
  const dataEnd = forEachCell(xml, dataStart, general, plainCells ? plain : null);
  // The merges stand outside the cells (after them, as the schema orders a sheet; before, in a lax writer).
  const outside = dataEnd < 0 ? xml : xml.slice(0, dataStart) + xml.slice(dataEnd);
  return gridOf(name, cells, readMerges(outside));
}

/** A plain cell's value (it has one), as `cellContent` reads the same cell. */
function plainContent(cell: PlainCells, context: SheetContext): { value: CellValue; format: string | null } {
  const raw = cell.raw as string;
  const value = cell.sharedString ? (context.sharedStrings[Number(raw)] ?? null) : numberValue(raw);
  return styled(value, context.formats[cell.style] ?? null, context.date1904);
}

/**
 * Visits every cell with content of the sheet data that begins at `from`, in one pass over the text (it runs once
 * per cell of the workbook): its row, its column, its open tag's attributes and its body. Damage reads as the
 * element scanner (xml-elements.ts) reads it: a row or cell whose close tag is missing ends where the next one
 * begins, cells outside a row are not read. Answers where the sheet data closes (-1: it never does).
 */
function forEachCell(
  xml: string,
  from: number,
  visit: (row: number, col: number, tag: string, body: string) => void,
  visitPlain: ((cell: PlainCells) => void) | null,
): number {
  const plain = visitPlain ? new PlainCells(xml) : null;
  let inRow = false;
  let rowNumber = 0;
  let col = 0;
  // The cell whose body is being read: its row and column, its open tag and where its body began (-1: none).
  let cellRow = 0;
  let cellCol = 0;
  let cellTag = '';
  let bodyStart = -1;
  const endCell = (at: number) => {
    if (bodyStart >= 0) visit(cellRow, cellCol, cellTag, xml.slice(bodyStart, at));
    bodyStart = -1;
  };
  const tag = new TagScanner(xml, from);
  for (;;) {
    // A plain cell in a row, read whole by its pattern; whatever was open ends where it begins, as at any cell.
    const at = inRow && plain ? tag.nextTagAt() : -1;
    if (at >= 0 && plain?.readAt(at)) {
      endCell(at);
      col = plain.col;
      if (plain.raw !== null) visitPlain?.(plain);
      tag.skipTo(plain.end);
      continue;
    }
    if (!tag.next()) break;
    const name = tag.name;
    if (name === OTHER) continue;
    endCell(tag.start);
    if (name === SHEET_DATA) {
      if (tag.closing || tag.selfClosing) return tag.start;
    } else if (name === ROW) {
      inRow = !tag.closing && !tag.selfClosing;
      if (tag.closing) continue;
      const r = ROW_NUMBER.exec(tag.attributes());
      rowNumber = r ? Number(r[1]) : rowNumber + 1;
      col = 0;
    } else if (inRow && !tag.closing) {
      // A cell without a reference follows the one before it.
      const attributes = tag.attributes();
      const ref = CELL_REF.exec(attributes);
      col = ref ? columnNumber(ref[1]) : col + 1;
      if (tag.selfClosing) continue;
      cellRow = ref ? Number(ref[2]) : rowNumber;
      cellCol = col;
      cellTag = attributes;
      bodyStart = tag.end;
    }
  }
  endCell(xml.length);
  return -1;
}

const OTHER = 0;
const ROW = 1;
const CELL = 2;
const SHEET_DATA = 3;

/**
 * The tags of a sheet's data one after another, read by hand: what `<(\/?)(?:\w+:)?(row|c|sheetData)(?=[\s/>])
 * ([^<>]*?)(\/?)>` finds, without a match object for each of the millions of tags of a large sheet.
 */
class TagScanner {
  start = 0;
  end = 0;
  closing = false;
  selfClosing = false;
  name = OTHER;
  private attributesStart = 0;

  constructor(
    private readonly xml: string,
    private from: number,
  ) {}

  /** Moves to the next tag (false: none is left); its name is OTHER unless it is a row, a cell or the data's end. */
  next(): boolean {
    const xml = this.xml;
    const lt = xml.indexOf('<', this.from);
    if (lt < 0) return false;
    this.start = lt;
    this.from = lt + 1;
    this.name = OTHER;
    let at = lt + 1;
    this.closing = xml.charCodeAt(at) === SLASH;
    if (this.closing) at++;
    let nameStart = at;
    at = afterWord(xml, at);
    // A namespace prefix (`x:c`): the name is the word after it.
    if (at > nameStart && xml.charCodeAt(at) === COLON) {
      nameStart = at + 1;
      at = afterWord(xml, nameStart);
    }
    const name = nameOf(xml, nameStart, at);
    if (name === OTHER || !endsName(xml.charCodeAt(at))) return true;
    const close = closeOfTag(xml, at);
    // No `>` before the next `<`: not a tag; the search goes on from that `<`.
    if (close < 0) return true;
    this.name = name;
    this.attributesStart = at;
    this.selfClosing = xml.charCodeAt(close - 1) === SLASH && close - 1 >= at;
    this.end = close + 1;
    this.from = this.end;
    return true;
  }

  /** The open tag's attribute text (with its leading space; without a self-closing slash). */
  attributes(): string {
    return this.xml.slice(this.attributesStart, this.selfClosing ? this.end - 2 : this.end - 1);
  }

  /** Where the next tag (or `<`) begins: -1, none. */
  nextTagAt(): number {
    return this.xml.indexOf('<', this.from);
  }

  /** Goes on from `at` (the end of an element read elsewhere). */
  skipTo(at: number): void {
    this.from = at;
  }
}

const SLASH = 47;
const COLON = 58;
const GREATER = 62;
const LESS = 60;

function afterWord(xml: string, at: number): number {
  for (let code = xml.charCodeAt(at); isWordCode(code); code = xml.charCodeAt(++at));
  return at;
}

/** `\w`: a letter, a digit or `_`. */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** XML white space, `/` or `>`: where a tag's name ends. */
function endsName(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === SLASH || code === GREATER;
}

function nameOf(xml: string, start: number, end: number): number {
  const length = end - start;
  if (length === 1) return xml.charCodeAt(start) === 99 ? CELL : OTHER;
  if (length === 3) return xml.startsWith('row', start) ? ROW : OTHER;
  return length === 9 && xml.startsWith('sheetData', start) ? SHEET_DATA : OTHER;
}

/** Where the tag whose attributes begin at `at` closes (its `>`), or -1 when a `<` comes first or none does. */
function closeOfTag(xml: string, at: number): number {
  for (let code = xml.charCodeAt(at); at < xml.length; code = xml.charCodeAt(++at)) {
    if (code === GREATER) return at;
    if (code === LESS) return -1;
  }
  return -1;
}

const ROW_NUMBER = /\br="(\d+)"/;

/**
 * One cell's `<c …>…</c>` as the reader reads it (shared strings, inline text without phonetic runs, booleans
 * written `true`, ISO dates, date-formatted serials as dates): the one decoding of a cell, used as well when a
 * copy is patched, so that what is compared before a write is what the engine checked.
 */
export function decodeCellXml(xml: string, context: SheetContext): { value: CellValue; formula: string | null } {
  const close = xml.indexOf('>');
  const tag = xml.slice(0, close + 1);
  if (tag.endsWith('/>')) return { value: null, formula: null };
  const body = xml.slice(close + 1).replace(/<\/(?:\w+:)?c>\s*$/, '');
  const style = CELL_STYLE.exec(tag);
  const type = CELL_TYPE.exec(tag);
  const read = cellContent(body, style ? Number(style[1]) : 0, type ? type[1] : undefined, context, new Map());
  return { value: read.value, formula: read.formula };
}

const CELL_REF = /\br="([A-Z]+)(\d+)"/;
const CELL_STYLE = /\bs="(\d+)"/;
const CELL_TYPE = /\bt="(\w+)"/;

function cellContent(
  body: string,
  styleIndex: number,
  type: string | undefined,
  context: SheetContext,
  sharedFormulas: Map<string, string>,
): { value: CellValue; format: string | null; formula: string | null } {
  const style = context.formats[styleIndex] ?? null;
  const raw = valueText(body);
  // Most cells have no formula: a plain search rules them out before the regular expression.
  const formula = body.indexOf('f') >= 0 && FORMULA_START.test(body) ? formulaOf(body, sharedFormulas) : null;
  let value: CellValue = null;
  switch (type) {
    case 's':
      value = raw === undefined ? null : (context.sharedStrings[Number(raw)] ?? null);
      break;
    case 'inlineStr': {
      const inline = firstElement(body, 'is');
      value = inline && inline.body !== null ? stringItemText(inline.body) : null;
      break;
    }
    case 'str':
    case 'e':
      value = raw === undefined ? null : decodeXml(raw);
      break;
    case 'b':
      value = raw === undefined ? null : raw.trim() === '1' || raw.trim() === 'true';
      break;
    case 'd':
      value = raw === undefined ? null : decodeXml(raw).slice(0, 10);
      break;
    default:
      value = raw === undefined ? null : numberValue(raw);
  }
  const shown = styled(value, style, context.date1904);
  return { value: shown.value, format: shown.format, formula };
}

/** A number cell's text as its value (blank or not a number: none). */
function numberValue(raw: string): number | null {
  if (raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isNaN(value) ? null : value;
}

/** A value as its cell's style shows it (a number in a date format is the date), and a number's format. */
function styled(
  value: CellValue,
  style: CellFormat | null,
  date1904: boolean,
): { value: CellValue; format: string | null } {
  const shown = typeof value === 'number' && style?.isDate ? excelDate(value, date1904) : value;
  return { value: shown, format: typeof shown === 'number' ? (style?.format ?? null) : null };
}

/** The text of a cell's `<v>`; most cells are a lone `<v>…</v>`, read without a search. */
function valueText(body: string): string | undefined {
  if (body.startsWith('<v>')) {
    const end = body.indexOf('<', 3);
    if (body.startsWith('</v>', end)) return body.slice(3, end);
  }
  return body.indexOf('<') < 0 ? undefined : (firstElement(body, 'v')?.body ?? undefined);
}

/** `=` and the formula; a shared formula's followers name their master's text (having one is what counts). */
function formulaOf(body: string, sharedFormulas: Map<string, string>): string | null {
  const element = firstElement(body, 'f');
  if (!element) return null;
  const text = element.body === null ? '' : decodeXml(element.body);
  const attributes = attributesOf(element.attributes);
  if (attributes.t === 'shared' && attributes.si !== undefined) {
    if (text !== '') sharedFormulas.set(attributes.si, text);
    return `=${text || sharedFormulas.get(attributes.si) || ''}`;
  }
  return `=${text}`;
}

/** A serial date as an ISO date, as Excel shows a date cell (the engine never scores one). */
function excelDate(serial: number, date1904: boolean): string | null {
  const milliseconds = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000);
  const date = new Date(milliseconds);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export function readMerges(xml: string): CellRange[] {
  const merges: CellRange[] = [];
  MERGE_TAG.lastIndex = 0;
  // The `ref` read directly: a sheet of 2,000 stacked forms has tens of thousands of merges.
  for (let tag = MERGE_TAG.exec(xml); tag; tag = MERGE_TAG.exec(xml)) {
    const ref = REF_ATTRIBUTE.exec(tag[1]);
    const area = ref ? parseRangeA1(ref[1] ?? ref[2]) : null;
    if (area) merges.push(area);
  }
  return merges;
}

const MERGE_TAG = /<(?:\w+:)?mergeCell\b([^<>]*)>/g;
const REF_ATTRIBUTE = /\sref\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** The cells as a grid from the first used row and column; a merge's covered cells stay empty. */
function gridOf(name: string, cells: ReadCells, merges: CellRange[]): SheetGrid {
  const covered = coveredCells(merges);
  const { rows, cols } = cells;
  let top = Infinity;
  let left = Infinity;
  for (let i = 0; i < cells.count; i++) {
    if (rows[i] < top) top = rows[i];
    if (cols[i] < left) left = cols[i];
  }
  if (top === Infinity)
    return { name, originRow: 1, originCol: 1, values: [], numberFormats: [], formulas: [], merges };
  refuseBeyondExcel(name, cells);
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  // Sparse: a row no cell is in is never stored, so a value at XFD1048576 costs one cell, not the area.
  for (let i = 0; i < cells.count; i++) {
    if (covered.has(rows[i] * 16384 + cols[i])) continue;
    const r = rows[i] - top;
    const c = cols[i] - left;
    (values[r] ??= [])[c] = cells.values[i];
    const format = cells.formats[i];
    if (format !== null) (numberFormats[r] ??= [])[c] = format;
    const formula = cells.formulas[i];
    if (formula !== null) (formulas[r] ??= [])[c] = formula;
  }
  return { name, originRow: top, originCol: left, values, numberFormats, formulas, merges };
}

/** Excel's own limits: a cell beyond them is damage (or a trap), never part of a form. */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A sheet whose cells lie beyond Excel's limits is refused with the cell named. */
function refuseBeyondExcel(name: string, cells: ReadCells): void {
  for (let i = 0; i < cells.count; i++) {
    const row = cells.rows[i];
    const col = cells.cols[i];
    if (row > MAX_ROW || col > MAX_COL)
      throw new HostError(
        `工作表「${name}」的单元格 ${toA1(row, col)} 超出了 Excel 的范围（1,048,576 行 × 16,384 列）：文件已损坏，无法检查`,
      );
  }
}

/** Keys of every non-master cell of a merge (merges are small; whole-column merges are skipped). */
function coveredCells(merges: CellRange[]): Set<number> {
  const covered = new Set<number>();
  for (const area of merges) {
    if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > 10000) continue;
    for (let row = area.top; row <= area.bottom; row++) {
      for (let col = area.left; col <= area.right; col++)
        if (row !== area.top || col !== area.left) covered.add(row * 16384 + col);
    }
  }
  return covered;
}
