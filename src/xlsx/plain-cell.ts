/**
 * A cell as writers nearly always write it — `<c r="C6" s="1" t="s"><v>15</v></c>`, or `<c r="A6"/>` — read in
 * place: no slice of its tag or body, no pattern matched over them (a sheet of 2,000 forms has 330,000 cells).
 * Anything else is not plain and is read the general way: spaces around `=`, single quotes, a prefixed or
 * repeated attribute, an address that is not `[A-Z]+[0-9]+`, a type other than a number or a shared string, a
 * formula, inline text, white space in the body. Where both can read a cell they read it alike
 * (test/plain-cell.test.ts compares them).
 */
export class PlainCell {
  /** Whether the tag gives its address (`r`); without one the cell follows the one before it. */
  hasRef = false;
  row = 0;
  col = 0;
  /** The style index (`s`), 0 when there is none. */
  style = 0;
  /** `t="s"`: the value is an index into the shared strings; otherwise a number. */
  sharedString = false;
  /** Where the text of its `<v>` begins and ends in the sheet's XML (both -1 for an empty cell). */
  valueStart = -1;
  valueEnd = -1;
  /** Where the cell's XML ends (after `</c>`, or after the `/>` of an empty cell). */
  end = 0;

  /**
   * Reads the cell whose open tag's attributes run from `from` to `attributesEnd` (its `/` or `>`) and whose tag
   * closes at `tagEnd` (after its `>`). False: the cell is not plain.
   */
  read(xml: string, from: number, attributesEnd: number, tagEnd: number, selfClosing: boolean): boolean {
    if (!this.readAttributes(xml, from, attributesEnd)) return false;
    this.valueStart = -1;
    this.valueEnd = -1;
    if (selfClosing) {
      this.end = tagEnd;
      return true;
    }
    // `<v>…</v></c>`, nothing else.
    if (!(
      xml.charCodeAt(tagEnd) === LESS &&
      xml.charCodeAt(tagEnd + 1) === V &&
      xml.charCodeAt(tagEnd + 2) === GREATER
    ))
      return false;
    const close = xml.indexOf('<', tagEnd + 3);
    if (close < 0 || !xml.startsWith('</v></c>', close)) return false;
    this.valueStart = tagEnd + 3;
    this.valueEnd = close;
    this.end = close + 8;
    return true;
  }

  private readAttributes(xml: string, from: number, end: number): boolean {
    this.hasRef = false;
    this.style = 0;
    this.sharedString = false;
    let seenStyle = false;
    let seenType = false;
    let at = skipSpace(xml, from, end);
    while (at < end) {
      const nameStart = at;
      while (isWordCode(xml.charCodeAt(at))) at++;
      if (at === nameStart || xml.charCodeAt(at) !== EQUALS || xml.charCodeAt(at + 1) !== QUOTE) return false;
      const valueStart = at + 2;
      const valueEnd = xml.indexOf('"', valueStart);
      if (valueEnd < 0 || valueEnd >= end) return false;
      if (at - nameStart === 1) {
        const name = xml.charCodeAt(nameStart);
        if (name === R) {
          if (this.hasRef || !this.readRef(xml, valueStart, valueEnd)) return false;
        } else if (name === S) {
          if (seenStyle || !isDigits(xml, valueStart, valueEnd)) return false;
          seenStyle = true;
          this.style = digitsValue(xml, valueStart, valueEnd);
        } else if (name === T) {
          if (seenType || !this.readType(xml, valueStart, valueEnd)) return false;
          seenType = true;
        }
      }
      at = valueEnd + 1;
      if (at < end && !isSpace(xml.charCodeAt(at))) return false;
      at = skipSpace(xml, at, end);
    }
    return true;
  }

  /** `[A-Z]+[0-9]+`, as `\br="([A-Z]+)(\d+)"` reads an address. */
  private readRef(xml: string, start: number, end: number): boolean {
    let at = start;
    let col = 0;
    for (let code = xml.charCodeAt(at); code >= 65 && code <= 90 && at < end; code = xml.charCodeAt(++at))
      col = col * 26 + code - 64;
    if (at === start || !isDigits(xml, at, end) || end - at > 9 || at - start > 7) return false;
    this.hasRef = true;
    this.col = col;
    this.row = digitsValue(xml, at, end);
    return true;
  }

  /** A shared string (`s`) or a number (`n`); any other type is read the general way. */
  private readType(xml: string, start: number, end: number): boolean {
    if (end - start !== 1) return false;
    const code = xml.charCodeAt(start);
    this.sharedString = code === S;
    return code === S || code === N;
  }
}

const LESS = 60;
const GREATER = 62;
const EQUALS = 61;
const QUOTE = 34;
const R = 114;
const S = 115;
const T = 116;
const N = 110;
const V = 118;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function skipSpace(xml: string, at: number, end: number): number {
  while (at < end && isSpace(xml.charCodeAt(at))) at++;
  return at;
}

/** `\w`: a letter, a digit or `_`. */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** One digit or more, and only digits (at most 9: the value stays an exact small integer). */
export function isDigits(xml: string, start: number, end: number): boolean {
  if (end <= start || end - start > 9) return false;
  for (let at = start; at < end; at++) {
    const code = xml.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

export function digitsValue(xml: string, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at++) value = value * 10 + xml.charCodeAt(at) - 48;
  return value;
}
