import { LINK_COLOUR, type CellLook } from '../core/edits/looks';
import { HostError } from '../hosts/host';
import { elementTexts, firstBody, firstElement, forEachElement } from './xml-elements';
import { decodeXml } from './xlsx-reader';
import { escapeRegExp, escapeXml } from './xml-text';

/** Styles: new cell formats for fills, looks and number formats, never an edit of a shared one. */

/** A cell's look (resolved in the core) and its number format, as one cell format of the workbook. */
export type StyleLook = CellLook & { numberFormat?: string };

/** The styles part of a workbook that has none: one font, the two fills every workbook has, one format. */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

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

/** A look's alignment element: wrapping, and where it sits in the cell (bottom, unwrapped, is the default). */
function alignmentXml(look: CellLook): string {
  const vertical = look.vertical && look.vertical !== 'bottom' ? ` vertical="${look.vertical}"` : '';
  const horizontal = look.horizontal ? ` horizontal="${look.horizontal}"` : '';
  const wrap = look.wrap ? ' wrapText="1"' : '';
  return wrap || vertical || horizontal ? `<alignment${wrap}${vertical}${horizontal}/>` : '';
}
