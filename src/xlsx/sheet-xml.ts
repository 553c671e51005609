import { columnLetters, parseA1 } from '../core/sheet/address';
import type { CellValue } from '../core/sheet/grid';
import type { PrintFit } from '../core/edits/mark-state';
import { HostError } from '../hosts/host';
import { firstElement, forEachElement } from './xml-elements';
import { attributesOf } from './xlsx-reader';
import { editFirstElement, escapeText, withAttribute } from './xml-text';

/** A worksheet's cells as a patched copy writes them: only the rows a write touches are parsed. */

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
