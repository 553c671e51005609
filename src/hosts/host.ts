import { toA1 } from '../core/sheet/address';
import type { CellValue, SheetGrid } from '../core/sheet/grid';
import { type Edit } from '../core/edits/edits';
import { clampText } from '../core/edits/excel-limits';
import type { ExecutionReport } from '../core/edits/execute';
import type { ClearReport } from '../core/edits/clear';
import type { Profile } from '../core/rules/profiles';
import type { TaughtLayout } from '../core/recognise/layouts';
import type { CheckedForm } from '../core/check/workbook';

/**
 * What every host (file, Excel, WPS) offers the task pane and the CLI: read grids, execute the
 * core's edits, undo its marks, and show a cell. Hosts hold no rules: they only read and write.
 */
export interface SpreadsheetHost {
  /** Shown to the user: 文件 / Excel / WPS 表格. */
  readonly displayName: string;
  /** The active sheet only, or every sheet of the workbook, in tab order. */
  readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]>;
  /**
   * Executes the edits, validating them all and reading every cell they depend on before the first
   * write; `expect` edits that no longer hold make it write nothing and report the areas as stale.
   */
  applyEdits(edits: readonly Edit[]): Promise<ApplyReport>;
  /** Restores every cell this add-in marked (by any host) to its original fill and removes its notes. */
  clearMarks(): Promise<ClearReport>;
  /** Makes the cell the active one, switching to its sheet. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Calls back when the user selects a cell in the workbook (hosts that can tell: Excel with
   * ExcelApi 1.9, WPS). Returns false when the host cannot watch the selection.
   */
  watchSelection?(listener: (sheet: string, cell: string) => void): Promise<boolean>;
  /**
   * Reads and runs the engine where the workbook lives (the page's Web Worker), reporting progress,
   * so the grids never cross to the pane. Hosts without it are read with `readSheets` and checked here.
   */
  /**
   * The cells around one cell, read-only, for hosts the user cannot look into themselves (a file in
   * the standalone page): the pane shows them with the cell highlighted.
   */
  previewCell?(sheet: string, cell: string): Promise<CellPreview>;
  /**
   * Calls back when the user changes the workbook (Excel with ExcelApi 1.7, WPS with events), so the
   * pane can show its results as out of date. Returns false when the host cannot tell.
   */
  watchChanges?(listener: () => void): Promise<boolean>;
  /** Read and check where the workbook lives (the page's worker), with the layouts the user taught. */
  checkInPlace?(
    scope: 'active' | 'all',
    profile: Profile,
    progress: (fraction: number, label: string) => void,
    layouts?: readonly TaughtLayout[],
  ): Promise<CheckedForm[]>;
}

/** What one `applyEdits` call did, with the same meaning in every host: the core's report of the batch. */
export type ApplyReport = ExecutionReport;

export type { ClearReport };

/** A few rows and columns of a sheet around one cell, as the sheet shows them. */
export interface CellPreview {
  sheet: string;
  cell: string;
  /** The sheet row and column of `values[0][0]`. */
  top: number;
  left: number;
  values: CellValue[][];
}

/**
 * Text for the value APIs of Excel (`range.values`) and WPS (`Value2`): a leading apostrophe makes both
 * keep it as text, never a formula or a number.
 */
export function textValue(text: string): string {
  return `'${clampText(text)}`;
}

/** A new sheet's values from A1 as one rectangular write: text as text, empty cells as ''. */
export function valueMatrix(grid: SheetGrid): Array<Array<string | number | boolean>> {
  const width = Math.max(1, ...grid.values.map((row) => row.length));
  return grid.values.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const value = row[c] ?? null;
      return value === null || value === '' ? '' : typeof value === 'string' ? textValue(value) : value;
    }),
  );
}

/**
 * Each column's formulas of a new sheet as one write over the rows they span (the cells between keep their
 * values, as `valueMatrix` gives them), so that a 审核意见 sheet's links cost one call, not one per line.
 */
export function formulaColumns(
  grid: SheetGrid,
  values: ReadonlyArray<ReadonlyArray<string | number | boolean>>,
): Array<{ address: string; cells: Array<Array<string | number | boolean>> }> {
  const columns: Array<{ address: string; cells: Array<Array<string | number | boolean>> }> = [];
  const width = values[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const rows = (grid.formulas ?? []).flatMap((line, r) => (line?.[c] ? [r] : []));
    if (rows.length === 0) continue;
    const first = rows[0];
    const last = rows[rows.length - 1];
    const cells = [];
    for (let r = first; r <= last; r++) cells.push([grid.formulas?.[r]?.[c] ?? values[r][c]]);
    columns.push({ address: `${toA1(first + 1, c + 1)}:${toA1(last + 1, c + 1)}`, cells });
  }
  return columns;
}

export class HostError extends Error {}

/** The most cells a host reads as one sheet's used area (a dense read: values, formulas, formats of each). */
export const MAX_USED_AREA = 30_000_000;

/**
 * A sheet whose used area runs to a stray value far away (XFD1048576): reading every address between would
 * take minutes and gigabytes. Refused with the area named and the way to fix it.
 */
export function refuseHugeUsedArea(sheetName: string, area: string, cells: number): void {
  if (cells > MAX_USED_AREA)
    throw new HostError(
      `工作表「${sheetName}」已用区域过大（${area}，约 ${Math.round(cells / 1e6)} 百万个单元格，多为空白）：请删除表格以外远处的内容（按 Ctrl+End 可找到最后一个单元格）后再检查`,
    );
}
