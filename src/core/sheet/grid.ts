import type { CellRange } from './address';

/** What a host reports for one cell: formulas are represented by their cached result. */
export type CellValue = string | number | boolean | null;

/**
 * One sheet as the engine sees it. `values[i][j]` is the cell at sheet row `originRow + i`,
 * column `originCol + j` (a used range need not start at A1). Number formats and formulas are
 * optional because not every host can report them cheaply; merges are `null` when the host
 * cannot report them at all (the recogniser then relies on repeated or blank-below labels).
 */
export interface SheetGrid {
  name: string;
  originRow: number;
  originCol: number;
  values: CellValue[][];
  numberFormats?: (string | null)[][] | null;
  formulas?: (string | null)[][] | null;
  merges?: CellRange[] | null;
}

/** Read-only access to a sheet by absolute (1-based) coordinates, with merge resolution. */
export class SheetView {
  readonly name: string;
  readonly firstRow: number;
  readonly firstCol: number;
  readonly lastRow: number;
  readonly lastCol: number;
  private readonly grid: SheetGrid;
  /**
   * For each cell of the sheet's area, 0 or 1 + the index of the merge that covers it (not its master); a
   * map by cell key instead when the area is too large for an array (a stray value far from the form).
   */
  private readonly coveredBy: Int32Array | null;
  private readonly coveredSparse = new Map<number, number>();
  private occupiedRows: number[] | null = null;
  private readonly width: number;
  /** Key of each master cell → its merge area. */
  private readonly mergeAreas = new Map<number, CellRange>();
  private readonly areas: CellRange[] = [];

  constructor(grid: SheetGrid) {
    this.grid = grid;
    this.name = grid.name;
    this.firstRow = grid.originRow;
    this.firstCol = grid.originCol;
    this.lastRow = grid.originRow + grid.values.length - 1;
    let width = 0;
    for (const row of grid.values) if (row && row.length > width) width = row.length;
    this.lastCol = grid.originCol + width - 1;
    this.width = Math.max(width, 1);
    const height = Math.max(grid.values.length, 1);
    const merges = grid.merges ?? [];
    // A typed array indexes covered cells far faster than a map; cells outside the data need none.
    this.coveredBy =
      merges.length > 0 && height * this.width <= 20_000_000 ? new Int32Array(height * this.width) : null;
    for (const area of merges) {
      // Huge merges (whole columns) are never form labels; capping keeps the index small.
      if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > 10000) continue;
      this.areas.push(area);
      this.mergeAreas.set(cellKey(area.top, area.left), area);
      if (!this.coveredBy) continue;
      this.cover(area, this.areas.length);
    }
  }

  private cover(area: CellRange, index: number): void {
    for (let r = Math.max(area.top, this.firstRow); r <= Math.min(area.bottom, this.lastRow); r++) {
      for (let c = Math.max(area.left, this.firstCol); c <= Math.min(area.right, this.lastCol); c++) {
        if (r === area.top && c === area.left) continue;
        if (this.coveredBy) this.coveredBy[(r - this.firstRow) * this.width + (c - this.firstCol)] = index;
        else this.coveredSparse.set(cellKey(r, c), index);
      }
    }
  }

  /**
   * The rows holding a value, top to bottom. Walks go through these, so their cost follows the cells that
   * exist, never the area between the first and the last (a sheet may hold one value at XFD1048576).
   */
  rowsWithValues(): readonly number[] {
    if (this.occupiedRows) return this.occupiedRows;
    const rows: number[] = [];
    forEachStored(this.grid.values, (line, i) => {
      if (line && this.firstValueColumn(line) >= 0) rows.push(this.firstRow + i);
    });
    return (this.occupiedRows = rows);
  }

  private firstValueColumn(line: readonly CellValue[]): number {
    let found = -1;
    forEachStored(line, (value, j) => {
      if (found < 0 && !isBlank(value)) found = j;
    });
    return found;
  }

  /** The last column of a row that may hold a value or a formula (the sheet's last column at most). */
  rowEnd(row: number): number {
    const stored = Math.max(
      this.grid.values[row - this.firstRow]?.length ?? 0,
      this.grid.formulas?.[row - this.firstRow]?.length ?? 0,
    );
    return Math.min(this.lastCol, this.firstCol + stored - 1);
  }

  /** Each value of a row that is not blank, with its column, left to right: no list made (every row is walked). */
  forEachValueIn(row: number, visit: (value: CellValue, col: number) => void): void {
    const line = this.grid.values[row - this.firstRow];
    if (line)
      forEachStored(line, (value, j) => {
        if (!isBlank(value)) visit(value, this.firstCol + j);
      });
  }

  /** Whether some value of a row passes the test (asked of none after the first that does). */
  someValueIn(row: number, test: (value: CellValue, col: number) => boolean): boolean {
    let found = false;
    this.forEachValueIn(row, (value, col) => {
      if (!found) found = test(value, col);
    });
    return found;
  }

  /** The merge covering (row, col) when the cell is not its master. */
  private coveringArea(row: number, col: number): CellRange | undefined {
    if (row < this.firstRow || row > this.lastRow || col < this.firstCol || col > this.lastCol) return undefined;
    const index = this.coveredBy
      ? this.coveredBy[(row - this.firstRow) * this.width + (col - this.firstCol)]
      : (this.coveredSparse.get(cellKey(row, col)) ?? 0);
    return index === 0 ? undefined : this.areas[index - 1];
  }

  /** The raw value stored in this very cell (null for covered cells of a merge). */
  raw(row: number, col: number): CellValue {
    const line = this.grid.values[row - this.firstRow];
    if (!line) return null;
    const value = line[col - this.firstCol];
    return value === undefined ? null : value;
  }

  /** The value the user sees in this cell: for a covered cell of a merge, its master's value. */
  shown(row: number, col: number): CellValue {
    const area = this.coveringArea(row, col);
    return area ? this.raw(area.top, area.left) : this.raw(row, col);
  }

  /** The master cell of the merge covering (row, col), or the cell itself. */
  masterOf(row: number, col: number): { row: number; col: number } {
    const area = this.coveringArea(row, col);
    return area ? { row: area.top, col: area.left } : { row, col };
  }

  numberFormat(row: number, col: number): string | null {
    const line = this.grid.numberFormats?.[row - this.firstRow];
    const format = line?.[col - this.firstCol];
    return format ?? null;
  }

  formula(row: number, col: number): string | null {
    const line = this.grid.formulas?.[row - this.firstRow];
    const formula = line?.[col - this.firstCol];
    return formula ?? null;
  }

  /** True when the cell is the covered (non-master) part of a merge. */
  isCovered(row: number, col: number): boolean {
    return this.coveringArea(row, col) !== undefined;
  }

  /** The merge area whose master is this cell, if any. */
  mergeAt(row: number, col: number): CellRange | undefined {
    return this.mergeAreas.get(cellKey(row, col));
  }
}

/**
 * Each value an array holds, with its index, ascending. Walked by index while it is mostly full; an array found
 * mostly empty past its first 64 places (one value at row 1,048,576 or at column XFD) is walked by its own keys
 * from there, so the cost follows what it holds, never its length (a sheet may hold thousands of rows whose one
 * value stands at column XFD: each walked 4,096 places deep, they took seconds).
 */
export function forEachStored<T>(array: readonly T[], visit: (value: T, index: number) => unknown): void {
  let held = 0;
  let holes = 0;
  for (let i = 0; i < array.length; i++) {
    if (array[i] !== undefined) {
      held++;
      visit(array[i], i);
    } else if (++holes > SPARSE_AFTER && holes > held) {
      for (const key of Object.keys(array)) {
        const index = Number(key);
        if (index > i && array[index] !== undefined) visit(array[index], index);
      }
      return;
    }
  }
}

/** Empty places an array may have before it is walked by its keys rather than by index. */
const SPARSE_AFTER = 64;

function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
