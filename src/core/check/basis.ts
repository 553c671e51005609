import { parseRangeA1, toA1, type CellRange } from '../sheet/address';
import type { CellValue, SheetGrid } from '../sheet/grid';

/**
 * What a form's results were computed from: its area and a fingerprint of the values in it. Before
 * writing, a host re-reads the area in the round trip it already makes; a different fingerprint
 * means the user changed the sheet since the check, and the write is refused as stale.
 */
export interface FormBasis {
  range: string;
  fingerprint: string;
}

/** The cell values of an area, null where the grid has none, in the shape of the area. */
export function areaValues(grid: SheetGrid, area: CellRange): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const source = grid.values[r - grid.originRow];
    const row: CellValue[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(source?.[c - grid.originCol] ?? null);
    rows.push(row);
  }
  return rows;
}

export function formBasis(grid: SheetGrid, area: CellRange): FormBasis {
  return {
    range: `${toA1(area.top, area.left)}:${toA1(area.bottom, area.right)}`,
    fingerprint: fingerprintValues(areaValues(grid, area)),
  };
}

/** The size of a basis' area, so a host reads exactly that many rows and columns. */
export function basisArea(basis: { range: string }): CellRange | null {
  return parseRangeA1(basis.range);
}

/**
 * Two 32-bit FNV-1a hashes of the values, typed (the number 5 and the text "5" differ), with empty
 * text the same as an empty cell: every host reports blanks its own way. Each cell is hashed as the text
 * `\u0001type:value` (`\u0001` alone when empty), each row closed by `\u0002`.
 */
export function fingerprintValues(values: ReadonlyArray<ReadonlyArray<CellValue>>): string {
  // The two hashes live in a typed array: kept in variables a closure changes, every step would box a number.
  const hashes = new Uint32Array([0x811c9dc5, 0x01000193 ^ 0x5bd1e995]);
  for (const row of values) {
    for (const value of row) {
      hashText(hashes, '\u0001');
      if (value === null || value === '') continue;
      hashText(hashes, typeof value);
      hashText(hashes, ':');
      hashText(hashes, String(value));
    }
    hashText(hashes, '\u0002');
  }
  return `${hashes[0].toString(16)}${hashes[1].toString(16)}`;
}

function hashText(hashes: Uint32Array, text: string): void {
  let a = hashes[0];
  let b = hashes[1];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x000193a3) >>> 0;
  }
  hashes[0] = a;
  hashes[1] = b;
}
