import type { SheetGrid } from '../../src/core/grid';
import { isScored, type CheckedForm } from '../../src/core/workbook';

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
  const values: SheetGrid['values'] = [];
  const formats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  const merges: NonNullable<SheetGrid['merges']> = [];
  let top = 1;
  grids.forEach((grid, i) => {
    top += gaps[i];
    const rowShift = top - grid.originRow;
    grid.values.forEach((line, r) => {
      const target = top - 1 + r;
      while (values.length <= target) {
        values.push([]);
        formats.push([]);
        formulas.push([]);
      }
      line.forEach((value, c) => {
        const at = grid.originCol - 1 + c;
        values[target][at] = value;
        formats[target][at] = grid.numberFormats?.[r]?.[c] ?? null;
        formulas[target][at] = grid.formulas?.[r]?.[c] ?? null;
      });
    });
    for (const m of grid.merges ?? []) merges.push({ ...m, top: m.top + rowShift, bottom: m.bottom + rowShift });
    top += grid.values.length;
  });
  const width = Math.max(...values.map((line) => line.length));
  for (const line of [...values, ...formats, ...formulas])
    for (let c = 0; c < width; c++) if (line[c] === undefined) line[c] = null;
  return { name: 'S', originRow: 1, originCol: 1, values, numberFormats: formats, formulas, merges };
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
