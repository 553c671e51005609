/** A1-style addresses. Rows and columns are 1-based, as in every spreadsheet UI. */

export interface CellRef {
  row: number;
  col: number;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const LETTERS_CACHE: string[] = [];

export function columnLetters(col: number): string {
  // Forms use a few dozen columns; addresses are built for every finding and indicator.
  const cached = LETTERS_CACHE[col];
  if (cached !== undefined) return cached;
  let letters = '';
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 1024) LETTERS_CACHE[col] = letters;
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i);
    // a–z read as A–Z.
    n = n * 26 + ((code >= 97 ? code - 32 : code) - 64);
  }
  return n;
}

export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

const A1_PATTERN = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export function parseA1(address: string): CellRef | null {
  const match = A1_PATTERN.exec(address.trim());
  if (!match) return null;
  return { row: Number(match[2]), col: columnNumber(match[1]) };
}

export function rangeToA1(range: CellRange): string {
  const start = toA1(range.top, range.left);
  const end = toA1(range.bottom, range.right);
  return start === end ? start : `${start}:${end}`;
}

/** `A1:B2` as most ranges are written (no `$`, no spaces, upper case): read without splitting. */
const PLAIN_RANGE = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/;

export function parseRangeA1(address: string): CellRange | null {
  const plain = PLAIN_RANGE.exec(address);
  if (plain)
    return spanning(
      { row: Number(plain[2]), col: columnNumber(plain[1]) },
      { row: Number(plain[4]), col: columnNumber(plain[3]) },
    );
  const [first, second] = address.split(':');
  const start = parseA1(first);
  const end = second === undefined ? start : parseA1(second);
  return start && end ? spanning(start, end) : null;
}

/** The range two corners span, whichever way round they are given. */
function spanning(start: CellRef, end: CellRef): CellRange {
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** A sheet name as it must appear inside a formula or hyperlink target. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
