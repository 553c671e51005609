import type { CellRange } from '../sheet/address';
import type { SheetLayout } from './sheet-layout';

/**
 * How the cells of a sheet the add-in adds look, resolved here once for every host: Excel and WPS render the runs
 * through their object models, the file host paints them into cell formats. A host decides nothing of a look.
 */
export interface CellLook {
  bold?: boolean;
  /** Font size in points (a title's larger type); none: the workbook's own. */
  size?: number;
  /** A solid fill, RRGGBB. */
  fill?: string;
  /** A link's text: blue and underlined. */
  link?: boolean;
  wrap?: boolean;
  vertical?: 'top' | 'center' | 'bottom';
  horizontal?: 'center';
  /** Thin borders on every edge of each cell. */
  border?: boolean;
}

/** Cells with one look: applied in order, a later run's properties win over an earlier one's on its cells. */
export interface LookRun extends CellRange {
  look: CellLook;
}

/** The shade of a table's header row, as RRGGBB (light blue, legible printed in black and white). */
export const HEADER_SHADE = 'D9E1F2';
/** A link's colour, as Office shows a followed-not-yet hyperlink. */
export const LINK_COLOUR = '0563C1';
export const TITLE_SIZE = 14;

/**
 * The looks of a layout, as runs: everything wrapped (top-aligned, or centred in a form bordered whole), borders
 * round the table from its header down (or round everything), bold rows, the title in a larger bold type, the
 * table's header bold, shaded, centred and bordered, links blue and underlined (never bold).
 */
export function layoutLooks(layout: SheetLayout): LookRun[] {
  const { table } = layout;
  const { top, bottom, left, right } = layoutArea(layout);
  if (right < left) return [];
  const rows = (from: number, to: number, look: CellLook): LookRun => ({ top: from, bottom: to, left, right, look });
  const runs: LookRun[] = [];
  if (layout.wrap) runs.push(rows(top, bottom, { wrap: true, vertical: layout.borders && !table ? 'center' : 'top' }));
  if (layout.borders) runs.push(rows(table?.headerRow ?? top, bottom, { border: true }));
  for (const row of layout.boldRows) runs.push(rows(row, row, { bold: true }));
  if (layout.titleRow !== null)
    runs.push(
      rows(layout.titleRow, layout.titleRow, { bold: true, size: TITLE_SIZE, wrap: false, vertical: 'bottom' }),
    );
  if (table) {
    const header = { bold: true, fill: HEADER_SHADE, wrap: true, vertical: 'center', horizontal: 'center' } as const;
    runs.push(rows(table.headerRow, table.headerRow, { ...header, border: true }));
  }
  runs.push(...linkRuns(layout));
  return runs;
}

/** The cells whose formula is a HYPERLINK, down each column in runs of consecutive rows. */
function linkRuns({ grid }: SheetLayout): LookRun[] {
  const runs: LookRun[] = [];
  const open = new Map<number, LookRun>();
  grid.values.forEach((line, i) => {
    const row = grid.originRow + i;
    for (let j = 0; j < line.length; j++) {
      const col = grid.originCol + j;
      const formula = grid.formulas?.[i]?.[j] ?? null;
      const run = open.get(col);
      if (formula === null || !/^=HYPERLINK\(/i.test(formula)) open.delete(col);
      else if (run && run.bottom === row - 1) run.bottom = row;
      else {
        const started: LookRun = { top: row, bottom: row, left: col, right: col, look: { link: true, bold: false } };
        runs.push(started);
        open.set(col, started);
      }
    }
  });
  return runs;
}

/** The cells a layout's grid covers, from its origin to its last row and its widest line (none: right < left). */
export function layoutArea({ grid }: SheetLayout): CellRange {
  return {
    top: grid.originRow,
    left: grid.originCol,
    bottom: grid.originRow + Math.max(0, grid.values.length - 1),
    right: grid.originCol + Math.max(0, ...grid.values.map((line) => line.length)) - 1,
  };
}

/**
 * Each cell's look once the layout's runs are applied in order (`looks[row - top][col - left]` over `layoutArea`):
 * what a host that writes cell formats one by one (the file host) paints.
 */
export function paintLooks(layout: SheetLayout): CellLook[][] {
  const area = layoutArea(layout);
  const looks = Array.from({ length: area.bottom - area.top + 1 }, () =>
    Array.from({ length: Math.max(0, area.right - area.left + 1) }, (): CellLook => ({})),
  );
  for (const run of layoutLooks(layout))
    for (let row = Math.max(run.top, area.top); row <= Math.min(run.bottom, area.bottom); row++)
      for (let col = Math.max(run.left, area.left); col <= Math.min(run.right, area.right); col++)
        Object.assign(looks[row - area.top][col - area.left], run.look);
  return looks;
}
