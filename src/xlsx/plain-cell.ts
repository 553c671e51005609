/**
 * The cells of a sheet written as writers nearly always write them — `<c r="C6" s="1" t="s"><v>15</v></c>`, or
 * `<c r="A6"/>`: the address, maybe the style, maybe a shared-string or number type, one space apart, and nothing in
 * the value but text (what `<c r="([A-Z]{1,3})(\d{1,7})"(?: s="(\d{1,9})")?(?: t="([sn])")?(?:\/>|><v>([^<]*)<\/v>
 * <\/c>)` matches). They are read where they stand, character by character without a match object or a substring
 * for each part: a sheet of 2,000 forms has 330,000 cells. Any other cell is read the general way (other attributes
 * or another order, spaces around `=`, single quotes, a prefix, a formula, inline text, other types, white space in
 * the body). Where both can read a cell they read it alike (test/plain-cell.test.ts compares them).
 */
export class PlainCells {
  row = 0;
  col = 0;
  /** The style index (`s`), 0 when there is none. */
  style = 0;
  /** `t="s"`: the value is an index into the shared strings; otherwise a number. */
  sharedString = false;
  /** The text of its `<v>`; null for an empty cell (`<c r="A6"/>`). */
  raw: string | null = null;
  /** Where the cell's XML ends (after `</c>`, or after the `/>` of an empty cell). */
  end = 0;

  constructor(private readonly xml: string) {}

  /** Reads the cell whose `<` is at `at`; false when it is not plain (what was read then means nothing). */
  readAt(at: number): boolean {
    const xml = this.xml;
    // `<c r="`
    if (xml.charCodeAt(at + 1) !== C || xml.charCodeAt(at + 2) !== SPACE || xml.charCodeAt(at + 3) !== R) return false;
    if (xml.charCodeAt(at + 4) !== EQUALS || xml.charCodeAt(at + 5) !== QUOTE) return false;
    let i = at + 6;
    let col = 0;
    for (let code = xml.charCodeAt(i); code >= 65 && code <= 90 && i < at + 9; code = xml.charCodeAt(++i))
      col = col * 26 + code - 64;
    if (col === 0) return false;
    this.col = col;
    this.row = this.digitsAt(i, 7);
    if (this.digitsEnd === i || xml.charCodeAt(this.digitsEnd) !== QUOTE) return false;
    i = this.digitsEnd + 1;
    this.style = 0;
    if (this.attributeAt(i, S)) {
      this.style = this.digitsAt(i + 4, 9);
      if (this.digitsEnd === i + 4 || xml.charCodeAt(this.digitsEnd) !== QUOTE) return false;
      i = this.digitsEnd + 1;
    }
    this.sharedString = false;
    if (this.attributeAt(i, T)) {
      const type = xml.charCodeAt(i + 4);
      if ((type !== S && type !== N) || xml.charCodeAt(i + 5) !== QUOTE) return false;
      this.sharedString = type === S;
      i += 6;
    }
    return this.readBody(i);
  }

  /** ` s="` (or another one-letter attribute) at `at`. */
  private attributeAt(at: number, name: number): boolean {
    const xml = this.xml;
    return (
      xml.charCodeAt(at) === SPACE &&
      xml.charCodeAt(at + 1) === name &&
      xml.charCodeAt(at + 2) === EQUALS &&
      xml.charCodeAt(at + 3) === QUOTE
    );
  }

  /** Where the digits digitsAt read end (where they began: there were none). */
  private digitsEnd = 0;

  /** The number written in at most `most` digits from `at` (its end in digitsEnd). */
  private digitsAt(at: number, most: number): number {
    const xml = this.xml;
    let value = 0;
    let i = at;
    for (let code = xml.charCodeAt(i); code >= 48 && code <= 57 && i < at + most; code = xml.charCodeAt(++i))
      value = value * 10 + code - 48;
    this.digitsEnd = i;
    return value;
  }

  /** `/>`, or `><v>` text `</v></c>`, from `at`. */
  private readBody(at: number): boolean {
    const xml = this.xml;
    const first = xml.charCodeAt(at);
    if (first === SLASH && xml.charCodeAt(at + 1) === GREATER) {
      this.raw = null;
      this.end = at + 2;
      return true;
    }
    if (first !== GREATER || !xml.startsWith('<v>', at + 1)) return false;
    const valueEnd = xml.indexOf('<', at + 4);
    if (valueEnd < 0 || !xml.startsWith('</v></c>', valueEnd)) return false;
    this.raw = xml.slice(at + 4, valueEnd);
    this.end = valueEnd + 8;
    return true;
  }
}

const QUOTE = 34;
const SPACE = 32;
const EQUALS = 61;
const SLASH = 47;
const GREATER = 62;
const C = 99;
const R = 114;
const S = 115;
const T = 116;
const N = 110;
