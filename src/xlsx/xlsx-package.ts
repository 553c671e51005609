import { strToU8, zipSync, type Zippable } from 'fflate';
import { zipEntries } from './zip';
import {
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
import { editFirstElement, escapeRegExp, escapeXml } from './xml-text';
import { SheetXml } from './sheet-xml';
import { EMPTY_STYLES, StylesXml } from './styles-xml';
import { CommentsXml, emptyComments, emptyVml, VmlXml } from './notes-xml';

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
 * The relationships part with the one whose Id is `id` rewritten by `edit` (to '' to remove it). Found by the
 * linear element scanner and compared as text: an Id read from a file never becomes a pattern.
 */
function editRelation(xml: string, id: string, edit: (element: string) => string): string {
  return editFirstElement(xml, 'Relationship', (attributes) => decodeXml(attributes.Id ?? '') === id, edit);
}
