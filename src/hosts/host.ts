import type { SheetGrid } from '../core/grid';
import type { Edit } from '../core/edits';
import type { Profile } from '../core/profiles';
import type { CheckedForm } from '../core/workbook';

/**
 * What every host (file, Excel, WPS) offers the task pane and the CLI: read grids, execute the
 * core's edits, undo its marks, and show a cell. Hosts hold no rules: they only read and write.
 */
export interface SpreadsheetHost {
  /** Shown to the user: 文件 / Excel / WPS 表格. */
  readonly displayName: string;
  /** The active sheet only, or every sheet of the workbook, in tab order. */
  readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]>;
  /** Executes the edits, validating them all before the first write. */
  applyEdits(edits: readonly Edit[]): Promise<ApplyReport>;
  /** Restores every cell this add-in marked to its original fill and removes its notes; returns how many. */
  clearMarks(): Promise<number>;
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
  checkInPlace?(scope: 'active' | 'all', profile: Profile, progress: (fraction: number, label: string) => void): Promise<CheckedForm[]>;
}

export interface ApplyReport {
  written: number;
  /** Edits not executed, with a Chinese reason (e.g. an `if-empty` fill on a cell that has a value). */
  skipped: Array<{ sheet: string; cell: string; reason: string }>;
}

/** A saved original of a marked cell, kept in the workbook so 清除标记 works after reopening. */
export interface SavedMark {
  sheet: string;
  cell: string;
  /** Host-specific serialised original fill (JSON text), restored verbatim. */
  fill: string;
  /**
   * Whether this add-in put a note (or comment) on the cell. A cell that already had one keeps it
   * untouched: the message is then only in the 审核意见 sheet.
   */
  addedNote: boolean;
}

export class HostError extends Error {}

/** Name of the sheet (or settings key) where hosts keep the saved originals. */
export const MARK_STATE_NAME = '_绩效自评助手标记';

/** Every note or comment this add-in writes starts so; 清除标记 removes only those. */
export const MESSAGE_PREFIX = '绩效自评助手：';
