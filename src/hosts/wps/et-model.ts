/**
 * The part of WPS 表格's object model (ET, like Excel VBA's) the host uses, typed loosely on purpose:
 * WPS versions differ, some expose `Address` or `Value` as methods, and multi-cell values come back as
 * 2-D arrays, 1-D arrays (one row) or a scalar (one cell).
 */
export interface EtApplication {
  ActiveWorkbook: EtWorkbook | null;
  ActiveSheet?: EtWorksheet | null;
  CreateTaskPane?(url: string): unknown;
  /** The window of the active sheet: freezing panes acts on it (absent in a fake or an old build). */
  ActiveWindow?: { SplitRow?: number; SplitColumn?: number; FreezePanes?: boolean } | null;
  /** WPS's event hub for add-ins (not in every version). */
  ApiEvent?: { AddApiEventListener(event: string, handler: (...args: unknown[]) => void): void };
}

export interface EtWorkbook {
  Worksheets: EtSheets;
}

export interface EtSheets {
  Count: number;
  Item(index: number | string): EtWorksheet;
  Add(before?: unknown, after?: unknown): EtWorksheet;
}

export interface EtWorksheet {
  Name: string;
  /** -1 visible, 0 hidden, 2 very hidden (xlSheetVeryHidden). */
  Visible: number | boolean;
  UsedRange: EtRange;
  Range(address: string): EtRange;
  Activate(): void;
  Delete(): void;
  /** Print setup (set only; an old build or a fake may lack it). */
  PageSetup?: {
    Orientation?: number;
    Zoom?: unknown;
    FitToPagesWide?: number;
    FitToPagesTall?: unknown;
    PrintTitleRows?: string;
    CenterHorizontally?: boolean;
    /** Header and footer texts, with Excel's codes (&F file name, &P page, &N pages). */
    CenterHeader?: string;
    LeftFooter?: string;
    RightFooter?: string;
  };
}

/** PageSetup.Orientation of landscape (xlLandscape). */
export const XL_LANDSCAPE = 2;

export interface EtRange {
  Value2: unknown;
  Formula: unknown;
  NumberFormat: unknown;
  Row: number;
  Column: number;
  Rows: { Count: number };
  Columns: { Count: number };
  MergeCells: unknown;
  MergeArea: EtRange;
  Address: unknown;
  Interior: { Color: unknown; ColorIndex?: unknown; Pattern?: unknown };
  Comment: EtComment | null | undefined;
  AddComment(text?: string): EtComment;
  Select(): void;
  /** Merges the range (absent in the oldest builds: the form then stays unmerged). */
  Merge?(): void;
  /** Layout of sheets the add-in writes (set only; a fake or an old build may lack them). */
  WrapText?: boolean;
  VerticalAlignment?: number;
  HorizontalAlignment?: number;
  ColumnWidth?: number;
  Font?: { Bold?: boolean; Size?: number; Color?: number; Underline?: number };
  /** Filter buttons on the range's first row (absent in a fake). */
  AutoFilter?(): unknown;
  /** All borders of the range at once (LineStyle 1: a thin continuous line). */
  Borders?: { LineStyle?: number };
}

/** VerticalAlignment values of "top", "center" and "bottom" (xlVAlignTop, xlVAlignCenter, xlVAlignBottom). */
export const XL_VALIGN_TOP = -4160;
export const XL_VALIGN_CENTER = -4108;
export const XL_VALIGN_BOTTOM = -4107;
/** HorizontalAlignment value of "center" (xlHAlignCenter). */
export const XL_HALIGN_CENTER = -4108;
/** Font.Underline value of a single underline (xlUnderlineStyleSingle). */
export const XL_UNDERLINE_SINGLE = 2;
/** Borders.LineStyle of a continuous line (xlContinuous). */
export const XL_CONTINUOUS = 1;

export interface EtComment {
  Text(text?: string): string;
  Delete(): void;
}

export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_VERY_HIDDEN = 2;
/** Interior.ColorIndex value of "no fill" (xlColorIndexNone). */
export const XL_COLOR_INDEX_NONE = -4142;

/**
 * A property some WPS versions expose as a method (`Address`, `Value`). The bridge needs a method
 * called on its owner — taken off the object and called alone, it fails — so it is read here by name.
 */
export function read<T extends object, K extends keyof T>(owner: T, key: K): unknown {
  const value = owner[key];
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).call(owner) : value;
}

/** A range's value in the shape of its area: scalar for one cell, 1-D for one row, 2-D otherwise. */
export function toMatrix(value: unknown, rows: number, cols: number): unknown[][] {
  if (Array.isArray(value)) {
    if (value.length > 0 && Array.isArray(value[0])) return value as unknown[][];
    // One row comes back as a flat array in some versions; one column as a flat array in others.
    if (rows === 1) return [value as unknown[]];
    return (value as unknown[]).map((v) => [v]);
  }
  // A scalar: one cell, or the same value for every cell (NumberFormat of a uniform range).
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

export { bgrToRgb, rgbToBgr } from '../../core/edits/mark-state';
