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
  /** Key `row * 16384 + col` of each non-master cell of a merge → its master cell. */
  private readonly mergeMaster = new Map<number, number>();
  /** Key of each master cell → its merge area. */
  private readonly mergeAreas = new Map<number, CellRange>();

  constructor(grid: SheetGrid) {
    this.grid = grid;
    this.name = grid.name;
    this.firstRow = grid.originRow;
    this.firstCol = grid.originCol;
    this.lastRow = grid.originRow + grid.values.length - 1;
    let width = 0;
    for (const row of grid.values) if (row && row.length > width) width = row.length;
    this.lastCol = grid.originCol + width - 1;
    for (const area of grid.merges ?? []) {
      // Huge merges (whole columns) are never form labels; capping keeps the index small.
      if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > 10000) continue;
      const masterKey = cellKey(area.top, area.left);
      this.mergeAreas.set(masterKey, area);
      for (let r = area.top; r <= area.bottom; r++) {
        for (let c = area.left; c <= area.right; c++) {
          if (r !== area.top || c !== area.left) this.mergeMaster.set(cellKey(r, c), masterKey);
        }
      }
    }
  }

  get hasMerges(): boolean {
    return this.mergeAreas.size > 0;
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
    const master = this.mergeMaster.get(cellKey(row, col));
    if (master === undefined) return this.raw(row, col);
    return this.raw(Math.floor(master / 16384), master % 16384);
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
    return this.mergeMaster.has(cellKey(row, col));
  }

  /** The merge area whose master is this cell, if any. */
  mergeAt(row: number, col: number): CellRange | undefined {
    return this.mergeAreas.get(cellKey(row, col));
  }
}

function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}
