import fc from 'fast-check';
import type { SheetGrid } from '../../src/core/sheet/grid';
import type { Profile } from '../../src/core/rules/profiles';
import { checkWorkbook, isScored, type CheckedForm } from '../../src/core/check/workbook';

/** Moves and stacks of real sheets, for the property tests that a form reads the same wherever it stands. */

/** A sheet's grid moved by (rows, cols), merges too. */
export function shifted(grid: SheetGrid, rows: number, cols: number, name = grid.name): SheetGrid {
  return {
    ...grid,
    name,
    originRow: grid.originRow + rows,
    originCol: grid.originCol + cols,
    merges:
      grid.merges?.map((m) => ({
        top: m.top + rows,
        bottom: m.bottom + rows,
        left: m.left + cols,
        right: m.right + cols,
      })) ?? null,
  };
}

/** Several grids stacked into one sheet, each `gap` rows below the previous one. */
export function stacked(grids: SheetGrid[], gaps: number[]): SheetGrid {
  let top = 1;
  const placed = grids.map((grid, i) => {
    top += gaps[i];
    const moved = shifted(grid, top - grid.originRow, 0);
    top += grid.values.length;
    return moved;
  });
  return painted(placed);
}

/** Findings and totals relative to each form's own top-left cell, so placements can be compared. */
export function relative(results: CheckedForm[]): string[][] {
  return results.map((r) => [
    r.kind,
    isScored(r)
      ? `${r.total.computed}|${r.grade.computed}`
      : r.kind === 'target-declaration'
        ? `${r.indicators.length}`
        : '',
    ...r.findings.map((f) => `${f.rule}@${f.row - r.form.range.top},${f.col - r.form.range.left}`),
  ]);
}

/**
 * The two properties every family of shapes keeps, through the product's entry point: a sheet moved anywhere
 * gives the same findings relative to its forms, and sheets stacked in one give each its own.
 */
export function itKeepsShiftAndStack(
  sheets: () => readonly SheetGrid[],
  profile: Profile,
  limits = { rows: 60, cols: 12, stack: 4, runs: 40 },
): void {
  const alone = (grid: SheetGrid) => relative(checkWorkbook([grid], profile));
  it('shifting any shape anywhere keeps its findings', () => {
    const all = sheets();
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.integer({ min: 0, max: limits.rows }),
        fc.integer({ min: 0, max: limits.cols }),
        (index, rows, cols) => {
          expect(alone(shifted(all[index], rows, cols))).toEqual(alone(all[index]));
        },
      ),
      { numRuns: limits.runs },
    );
  });
  it('stacking shapes in one sheet finds each with its own findings', () => {
    const all = sheets();
    fc.assert(
      fc.property(
        fc.array(fc.nat(all.length - 1), { minLength: 2, maxLength: limits.stack }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: limits.stack, maxLength: limits.stack }),
        (indexes, gaps) => {
          const grids = indexes.map((i) => all[i]);
          expect(relative(checkWorkbook([stacked(grids, gaps)], profile))).toEqual(grids.flatMap(alone));
        },
      ),
      { numRuns: limits.runs },
    );
  });
}

/** Grids side by side in one sheet: each starts `gap` empty columns right of the one before, `down` rows lower. */
export function besideEachOther(grids: SheetGrid[], gaps: number[], downs: number[]): SheetGrid {
  const placed: SheetGrid[] = [];
  let left = 1;
  grids.forEach((grid, i) => {
    const width = gridWidth(grid);
    placed.push(shifted(grid, 1 + downs[i] - grid.originRow, left - grid.originCol));
    left += width + gaps[i];
  });
  return painted(placed);
}

/** Grids already placed, painted into one sheet from A1 (cells between them empty). */
function painted(placed: SheetGrid[]): SheetGrid {
  const height = Math.max(...placed.map((grid) => grid.originRow + grid.values.length - 1));
  const width = Math.max(...placed.map((grid) => grid.originCol + Math.max(0, ...lineLengths(grid)) - 1));
  const blank = <T>() => Array.from({ length: height }, () => Array.from({ length: width }, () => null as T | null));
  const values = blank<SheetGrid['values'][number][number]>();
  const formats = blank<string>();
  const formulas = blank<string>();
  for (const grid of placed)
    grid.values.forEach((line, r) =>
      line?.forEach((value, c) => {
        const [row, col] = [grid.originRow - 1 + r, grid.originCol - 1 + c];
        values[row][col] = value ?? null;
        formats[row][col] = grid.numberFormats?.[r]?.[c] ?? null;
        formulas[row][col] = grid.formulas?.[r]?.[c] ?? null;
      }),
    );
  return {
    name: 'S',
    originRow: 1,
    originCol: 1,
    values,
    numberFormats: formats,
    formulas,
    merges: placed.flatMap((grid) => grid.merges ?? []),
  };
}

/** Columns a grid spans, its merges included (a merged cell may reach past the last value). */
export function gridWidth(grid: SheetGrid): number {
  const values = Math.max(1, ...lineLengths(grid));
  return Math.max(values, ...(grid.merges ?? []).map((area) => area.right - grid.originCol + 1));
}

/** Each row's length; a row a reader left out (a hole in the array: a blank row) is 0, never undefined. */
function lineLengths(grid: SheetGrid): number[] {
  return Array.from(grid.values, (line) => line?.length ?? 0);
}
