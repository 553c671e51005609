/**
 * The cells of a sheet written as writers nearly always write them — `<c r="C6" s="1" t="s"><v>15</v></c>`, or
 * `<c r="A6"/>`: the address, maybe the style, maybe a shared-string or number type, one space apart, and nothing in
 * the value but text. They are found by one pattern, compiled from the first cell on, rather than by the tag
 * scanner character by character: a sheet of 2,000 forms has 330,000 cells, and a new checking process reads them
 * before its own code is optimised. Any other cell is read the general way (other attributes or another order,
 * spaces around `=`, single quotes, a prefix, a formula, inline text, other types, white space in the body). Where
 * both can read a cell they read it alike (test/plain-cell.test.ts compares them).
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
  /** The next plain cell found, at or after where the reading is (Infinity: none is left). */
  private nextAt = -1;
  private next: RegExpExecArray | null = null;
  private readonly pattern = new RegExp(PLAIN.source, 'g');

  constructor(private readonly xml: string) {}

  /**
   * Reads the cell whose `<` is at `at`; false when it is not plain. Asked at ascending places: each part of the
   * sheet is searched once (a sticky pattern would be simpler, but the page's scripts stay ES5).
   */
  readAt(at: number): boolean {
    if (at > this.nextAt) this.search(at);
    if (at !== this.nextAt || !this.next) return false;
    const [whole, letters, digits, style, type, raw] = this.next;
    let col = 0;
    for (let i = 0; i < letters.length; i++) col = col * 26 + letters.charCodeAt(i) - 64;
    this.col = col;
    this.row = Number(digits);
    this.style = style === undefined ? 0 : Number(style);
    this.sharedString = type === 's';
    this.raw = raw === undefined ? null : raw;
    this.end = at + whole.length;
    return true;
  }

  private search(from: number): void {
    this.pattern.lastIndex = from;
    this.next = this.pattern.exec(this.xml);
    this.nextAt = this.next ? this.next.index : Infinity;
  }
}

const PLAIN = /<c r="([A-Z]{1,3})(\d{1,7})"(?: s="(\d{1,9})")?(?: t="([sn])")?(?:\/>|><v>([^<]*)<\/v><\/c>)/;
