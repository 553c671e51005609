import type { Edit } from '../../core/edits/edits';
import type { SheetGrid } from '../../core/sheet/grid';
import type { Profile } from '../../core/rules/profiles';
import type { TaughtLayout } from '../../core/recognise/layouts';
import type { CheckedForm } from '../../core/check/workbook';
import type { ApplyReport, CellPreview, ClearReport } from '../host';

/**
 * Messages between the standalone page and the worker that holds its workbooks (`file-worker.ts`):
 * reading, checking and writing run there, so the page stays responsive on a 20 MB workbook.
 */
export type WorkerRequest =
  | { id: number; type: 'open'; file: number; bytes: Uint8Array; name: string }
  | { id: number; type: 'read'; file: number; scope: 'active' | 'all' }
  | { id: number; type: 'check'; file: number; scope: 'active' | 'all'; profile: Profile; layouts: TaughtLayout[] }
  | { id: number; type: 'apply'; file: number; edits: readonly Edit[] }
  | { id: number; type: 'clear'; file: number }
  | { id: number; type: 'select'; file: number; sheet: string; cell: string }
  | { id: number; type: 'bytes'; file: number }
  | { id: number; type: 'preview'; file: number; sheet: string; cell: string }
  | { id: number; type: 'close'; file: number };

export interface WorkerAnswers {
  open: null;
  read: SheetGrid[];
  check: CheckedForm[];
  apply: ApplyReport;
  clear: ClearReport;
  select: null;
  preview: CellPreview;
  bytes: Uint8Array;
  close: null;
}

/**
 * A long list (the results of 4,400 forms) comes in parts before its `done`: each part is unpacked on the page as a
 * task of its own, so the page keeps answering instead of freezing while one large message is unpacked.
 */
export const REPLY_PART_SIZE = 400;

export type WorkerReply =
  | { id: number; type: 'part'; items: unknown[] }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'failed'; message: string; hostError: boolean }
  | { id: number; type: 'progress'; fraction: number; label: string };
