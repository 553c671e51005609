import type { SheetGrid } from './grid';
import { isBlank } from './grid';

/**
 * Forms side by side in one sheet (a unit copies each project's form to the right of the last): the column
 * ranges between empty columns that no merge crosses. A sheet with one such range gives one band.
 */
export function columnBands(grid: SheetGrid): Array<[number, number]> {
  let width = 0;
  for (const line of grid.values) if (line && line.length > width) width = line.length;
  const used = new Uint8Array(width);
  for (const line of grid.values) {
    if (!line) continue;
    for (let j = 0; j < line.length; j++) if (used[j] === 0 && !isBlank(line[j])) used[j] = 1;
  }
  // A merge keeps every column it covers in one band (a title over the whole form, a label over a spacer).
  for (const area of grid.merges ?? [])
    for (let c = Math.max(area.left, grid.originCol); c <= area.right && c - grid.originCol < width; c++)
      if (used[c - grid.originCol] === 0) used[c - grid.originCol] = 2;
  const bands: Array<[number, number]> = [];
  let start = -1;
  for (let j = 0; j <= width; j++) {
    const occupied = j < width && used[j] !== 0;
    if (occupied && start < 0) start = j;
    if (!occupied && start >= 0) {
      bands.push([grid.originCol + start, grid.originCol + j - 1]);
      start = -1;
    }
  }
  return bands;
}

/** The part of a sheet in columns `left`..`right`, at the same coordinates. */
export function bandGrid(grid: SheetGrid, left: number, right: number): SheetGrid {
  const from = left - grid.originCol;
  const to = right - grid.originCol + 1;
  const slice = <T>(rows: T[][] | null | undefined) => rows?.map((line) => line?.slice(from, to)) ?? null;
  return {
    name: grid.name,
    originRow: grid.originRow,
    originCol: left,
    values: slice(grid.values) ?? [],
    numberFormats: slice(grid.numberFormats),
    formulas: slice(grid.formulas),
    merges: grid.merges?.filter((area) => area.left >= left && area.right <= right) ?? null,
  };
}
