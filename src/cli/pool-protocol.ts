import type { CheckedFile, CheckOptions, CheckWay, MarkedCopy } from './check-files';
import type { BatchReports } from '../xlsx/grid-workbook';
import type { ReportFile } from '../core/reports/reports';
import type { Profile } from '../core/rules/profiles';

/**
 * A checking process of the pool (check-pool.ts): it reads and checks files, makes their annotated copies and the
 * batch's reports, one task at a time. Everything that reads a file's data runs here, under the file's budget: a
 * file that needs more memory or time than allowed — or that trips a fatal error in the JavaScript engine itself —
 * ends this process, never the batch.
 */
export type Task =
  /** `way`: whether the batch will ask for the file's copy, writes no copy or report, has no other file (CheckWay). */
  | { kind: 'check'; file: string; options: Pick<CheckOptions, 'profile' | 'layouts'>; way: CheckWay }
  | { kind: 'copy'; file: CheckedFile; options: CheckOptions }
  | { kind: 'reports'; files: ReportFile[]; profile: Profile; date: string };

/** What each kind of task answers; a copy or reports that fail say why (in Chinese) instead. */
export interface TaskValues {
  check: CheckedFile;
  copy: MarkedCopy | { error: string };
  reports: BatchReports | { error: string };
}

export interface TaskRequest {
  id: number;
  task: Task;
}

export interface TaskReply {
  id: number;
  value: TaskValues[Task['kind']];
  /** Resident memory now and at most so far (MB): the pool replaces a process that kept too much. */
  memoryMb: number;
  peakMemoryMb: number;
}

/** The line a process writes to standard error when its resident memory passed the budget (then it ends). */
export const RESIDENT_LIMIT_WORDS = 'JIXIAO resident memory limit';
