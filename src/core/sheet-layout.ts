import type { SheetGrid } from './grid';
import {
  clampText,
  reviewLinkFormula,
  reviewSheetLines,
  REVIEW_COLUMN_WIDTHS,
  type NewSheetEdit,
  type ReviewSheetEdit,
} from './edits';
import { stateSheetRows, type MarkState } from './mark-state';
import { STATE_SHEET_NAME } from './sheet-names';

/**
 * How a sheet the add-in adds prints: always landscape A4, one page wide and as many long as it takes, centred;
 * `titleRows` repeated on every page, a title above and a signature line below when given.
 */
export interface PrintSetup {
  /** Rows repeated at the top of every printed page, as `$1:$1`, or null. */
  titleRows: string | null;
  /** Centred above every page (`&F`: the file's name). */
  title: string | null;
  /** Left below every page, beside the page numbers. */
  signature: string | null;
}

/**
 * A whole sheet the add-in adds (审核意见, the state sheet, a new 自评表), built in the core and rendered alike by
 * every host: Excel and WPS through their object models, the file host as worksheet XML.
 */
export interface SheetLayout {
  /** The name the sheet is added under (already made unique among the workbook's sheets). */
  name: string;
  /** From A1: values (text stays text), formulas where `grid.formulas` has one (links, sums), merges. */
  grid: SheetGrid;
  /** Column widths in characters, from column A. */
  columnWidths: readonly number[];
  /** Sheet rows (1-based) set in bold: header rows, a form's heading line. */
  boldRows: readonly number[];
  /** Every text wraps within its cell (top-aligned), so that nothing is cut off on screen or paper. */
  wrap: boolean;
  /** Thin borders round every cell, as the printed form has them. */
  borders: boolean;
  /** Rows frozen at the top while scrolling (0: none). */
  freezeRows: number;
  /** Print setup, or null for a sheet nobody prints (the state sheet). */
  print: PrintSetup | null;
  visibility: 'visible' | 'veryHidden';
}

/** The right of every printed page's footer (Excel's codes: &P page, &N pages). */
export const PAGE_NUMBERS = '第 &P 页，共 &N 页';

export const REVIEW_PRINT_TITLE = '审核意见 · &F';
export const REVIEW_SIGNATURE = '审核人：__________　日期：__________';

/** The 审核意见 sheet: a header row, then each form's heading (bold, across the sheet) and its findings, linked. */
export function reviewSheetLayout(edit: ReviewSheetEdit, name: string): SheetLayout {
  const lines = reviewSheetLines(edit);
  const values = [edit.columns.map(clampText), ...lines.map((line) => line.cells.map(nonEmpty))];
  const formulas = [
    edit.columns.map(() => null),
    ...lines.map((line) => line.cells.map((_, c) => (c === 2 && line.link ? reviewLinkFormula(line.link) : null))),
  ];
  const headingRows = lines.flatMap((line, i) => (line.heading ? [i + 2] : []));
  const width = edit.columns.length;
  return {
    name,
    grid: {
      name,
      originRow: 1,
      originCol: 1,
      values,
      formulas,
      merges: headingRows.map((row) => ({ top: row, left: 1, bottom: row, right: width })),
    },
    columnWidths: REVIEW_COLUMN_WIDTHS,
    boldRows: [1, ...headingRows],
    wrap: true,
    borders: false,
    freezeRows: 1,
    print: { titleRows: '$1:$1', title: REVIEW_PRINT_TITLE, signature: REVIEW_SIGNATURE },
    visibility: 'visible',
  };
}

/** A sheet the engine created (a 自评表 from a 申报表, a blank one): bordered and wrapped as the printed form. */
export function newSheetLayout(edit: NewSheetEdit, name: string): SheetLayout {
  return {
    name,
    grid: { ...edit.grid, name },
    columnWidths: edit.columnWidths ?? [],
    boldRows: [],
    wrap: true,
    borders: true,
    freezeRows: 0,
    print: { titleRows: null, title: null, signature: null },
    visibility: 'visible',
  };
}

/** The very hidden sheet that records marks: the state's JSON in column A, in chunks a cell holds. */
export function stateSheetLayout(state: MarkState): SheetLayout {
  const values = stateSheetRows(state).map((chunk) => [chunk]);
  return {
    name: STATE_SHEET_NAME,
    grid: { name: STATE_SHEET_NAME, originRow: 1, originCol: 1, values, formulas: null, merges: null },
    columnWidths: [],
    boldRows: [],
    wrap: false,
    borders: false,
    freezeRows: 0,
    print: null,
    visibility: 'veryHidden',
  };
}

function nonEmpty(value: string | number): string | number | null {
  return value === '' ? null : typeof value === 'string' ? clampText(value) : value;
}
