import { toA1, type CellRange } from '../../src/core/sheet/address';
import type { SheetLayout } from '../../src/core/edits/sheet-layout';
import { layoutArea, paintLooks, type CellLook } from '../../src/core/edits/looks';

/** How a sheet the add-in added looks, as one host's workbook shows it: what the contract compares. */
export interface SheetLook {
  /** Merged areas as A1:B2, sorted. */
  merges: string[];
  /** Column widths in characters, from column A to the last one set. */
  widths: number[];
  /** Rows frozen at the top. */
  frozenRows: number;
  print: {
    landscape: boolean;
    /** Printed one page wide (as many pages long as it takes). */
    fitWide: boolean;
    titleRows: string | null;
    title: string | null;
    signature: string | null;
  } | null;
  /** Each cell that looks other than plain, as A1 → its look (normalised: only what shows). */
  cells: Record<string, CellLook>;
}

/** What a host can render of a layout: Excel below 1.2 has no merges or widths, below 1.9 no print setup. */
export interface LayoutSupport {
  merges: boolean;
  freeze: boolean;
  widths: boolean;
  print: boolean;
}

export function lookOf(parts: {
  merges: readonly CellRange[];
  widths: Readonly<Record<number, number>>;
  frozenRows: number | undefined;
  print: SheetLook['print'];
  cells: ReadonlyArray<readonly [string, CellLook]>;
}): SheetLook {
  const last = Math.max(0, ...Object.keys(parts.widths).map(Number));
  return {
    merges: parts.merges.map((m) => `${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).sort(),
    widths: Array.from({ length: last }, (_, i) => Math.round((parts.widths[i + 1] ?? 0) * 100) / 100),
    frozenRows: parts.frozenRows ?? 0,
    print: parts.print,
    cells: Object.fromEntries(
      parts.cells.flatMap(([cell, look]) => {
        const shown = normalLook(look);
        return shown ? [[cell, shown]] : [];
      }),
    ),
  };
}

/** What of a look shows: bold, a size of its own, fill, link, wrapping, alignment but the default bottom, borders. */
export function normalLook(look: CellLook): CellLook | null {
  const shown: CellLook = {};
  if (look.bold) shown.bold = true;
  if (look.size !== undefined) shown.size = look.size;
  if (look.fill) shown.fill = look.fill.replace('#', '').toUpperCase();
  if (look.link) shown.link = true;
  if (look.wrap) shown.wrap = true;
  if (look.vertical && look.vertical !== 'bottom') shown.vertical = look.vertical;
  if (look.horizontal) shown.horizontal = look.horizontal;
  if (look.border) shown.border = true;
  return Object.keys(shown).length > 0 ? shown : null;
}

/** The look a layout asks for, as far as the host can render it. */
export function expectedLook(layout: SheetLayout, support: LayoutSupport): SheetLook {
  const print = layout.print;
  return lookOf({
    merges: support.merges ? (layout.grid.merges ?? []) : [],
    widths: support.widths ? Object.fromEntries(layout.columnWidths.map((w, i) => [i + 1, w])) : {},
    frozenRows: support.freeze ? layout.freezeRows : 0,
    print:
      support.print && print
        ? { landscape: true, fitWide: true, titleRows: print.titleRows, title: print.title, signature: print.signature }
        : null,
    cells: expectedCells(layout),
  });
}

/** Each cell's look as the core resolves it (every host renders this). */
function expectedCells(layout: SheetLayout): Array<[string, CellLook]> {
  const area = layoutArea(layout);
  return paintLooks(layout).flatMap((line, r) =>
    line.map((look, c): [string, CellLook] => [toA1(area.top + r, area.left + c), look]),
  );
}
