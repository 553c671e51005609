import type { CellValue, SheetGrid } from '../sheet/grid';
import type { ReportCell, ReportTable } from '../reports/reports';
import { type NewSheetEdit } from './edits';
import { clampText } from './excel-limits';
import { reviewLinkFormula, reviewSheetLines, REVIEW_COLUMN_WIDTHS, type ReviewSheetEdit } from './review-sheet';
import { stateSheetRows, type MarkState } from './mark-state';
import { STATE_SHEET_NAME } from '../sheet/sheet-names';
import { indicatorHeaderRow } from './new-form';

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
  /** Sheet rows (1-based) set in bold: a form's heading line. */
  boldRows: readonly number[];
  /** A title row above everything, in a larger bold type (a report's name), or null. */
  titleRow: number | null;
  /** The table's header row (bold, shaded, centred, bordered), and whether it carries filter buttons. */
  table: { headerRow: number; filter: boolean } | null;
  /** Every text wraps within its cell (top-aligned), so that nothing is cut off on screen or paper. */
  wrap: boolean;
  /** Thin borders round every cell (of the table, from its header row down, when there is one). */
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
    boldRows: headingRows,
    titleRow: null,
    table: { headerRow: 1, filter: false },
    wrap: true,
    borders: false,
    freezeRows: 1,
    print: { titleRows: '$1:$1', title: REVIEW_PRINT_TITLE, signature: REVIEW_SIGNATURE },
    visibility: 'visible',
  };
}

/** A sheet the engine created (a 自评表 from a 申报表, a blank one): bordered and wrapped as the printed form. */
export function newSheetLayout(edit: NewSheetEdit, name: string): SheetLayout {
  // The indicator header on every printed page: a form of many indicators goes on over two or more.
  const header = indicatorHeaderRow(edit.grid);
  return {
    name,
    grid: { ...edit.grid, name },
    columnWidths: edit.columnWidths ?? [],
    boldRows: [],
    titleRow: null,
    table: null,
    wrap: true,
    borders: true,
    freezeRows: 0,
    print: { titleRows: header === null ? null : `$${header}:$${header}`, title: null, signature: null },
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
    titleRow: null,
    table: null,
    wrap: false,
    borders: false,
    freezeRows: 0,
    print: null,
    visibility: 'veryHidden',
  };
}

/**
 * A report table (汇总表, 按问题类型统计, 复核底稿) as a sheet of its own workbook, printable as it is: its title,
 * a line with the date, the 评分规则 and places for the reviewer and checker to sign, then the table under a shaded,
 * frozen, filterable header row repeated on every printed page; links to the copies, two decimals where a number
 * has them.
 */
export function reportSheetLayout(table: ReportTable, heading: { date: string; profile: string }): SheetLayout {
  const width = Math.max(1, table.columns.length);
  const signature = `审核日期：${heading.date}　　评分规则：${heading.profile}　　审核人：__________　　复核人：__________　　日期：__________`;
  const cells = table.rows.map((row) => row.map(reportValue));
  return {
    name: table.name,
    grid: {
      name: table.name,
      originRow: 1,
      originCol: 1,
      values: [
        [table.title],
        [signature],
        table.columns.map(clampText),
        ...cells.map((row) => row.map((c) => c.value)),
      ],
      formulas: [[null], [null], table.columns.map(() => null), ...cells.map((row) => row.map((c) => c.formula))],
      numberFormats: [[null], [null], table.columns.map(() => null), ...cells.map((row) => row.map((c) => c.format))],
      merges: [1, 2].map((row) => ({ top: row, left: 1, bottom: row, right: width })),
    },
    columnWidths: table.widths,
    boldRows: [],
    titleRow: 1,
    table: { headerRow: 3, filter: true },
    wrap: true,
    borders: true,
    freezeRows: 3,
    print: { titleRows: '$3:$3', title: table.title, signature: '审核人签字：' },
    visibility: 'visible',
  };
}

function reportValue(cell: ReportCell): { value: CellValue; formula: string | null; format: string | null } {
  if (cell === null) return { value: null, formula: null, format: null };
  if (typeof cell === 'number') return { value: cell, formula: null, format: Number.isInteger(cell) ? null : '0.00' };
  if (typeof cell === 'object') {
    const quoted = (text: string) => text.replace(/"/g, '""');
    return { value: cell.text, formula: `=HYPERLINK("${quoted(cell.link)}","${quoted(cell.text)}")`, format: null };
  }
  return { value: clampText(cell), formula: null, format: null };
}

function nonEmpty(value: string | number): string | number | null {
  return value === '' ? null : typeof value === 'string' ? clampText(value) : value;
}
