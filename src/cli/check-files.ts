import * as path from 'path';
import { checkWorkbook } from '../core/check/workbook';
import { planEdits } from '../core/edits/edits';
import type { Profile } from '../core/check/profiles';
import { HostError } from '../hosts/host';
import { writeNewFile, writeProblem } from './safe-write';
import { scoreEdits } from '../core/edits/score-fill';
import type { ReportFile } from '../core/reports/reports';
import type { BatchReports } from '../hosts/file/grid-workbook';
import { formatName } from '../hosts/file/legacy-formats';
import { readWorkbookBytes } from '../hosts/file/open-file';
import { FileHost } from '../hosts/file/file-host';
import { createHash } from 'crypto';
import type { FileOutcome } from './text-report';
import { afterReasonFills, reasonEdits, type ReasonTemplate } from '../core/edits/templates';
import type { TaughtLayout } from '../core/recognise/layouts';
import { isEmptyDecisions } from '../core/check/decisions';
import { copyName } from '../core/edits/copy-name';

export interface CheckOptions {
  profile: Profile;
  outDir: string | null;
  fill: boolean;
  /** Propose the profile's 得分 where 实际完成值 is filled and 得分 is empty (建议得分). */
  fillScores?: boolean;
  /** Every form's sheet in the copy prints one page wide (`--fit-width`: the reviewer asked). */
  fitWidth?: boolean;
  /** Fill every missing 偏差原因 with the best template, from these templates (null: don't). */
  reasonTemplates: ReasonTemplate[] | null;
  /** Layouts a user taught (手动指定表格, `--layout`): header rows that read like them are read in their roles. */
  layouts?: readonly TaughtLayout[];
}

/** A file read and checked. Its bytes are not kept: a copy reads the file again, so a batch of any length fits. */
export type CheckedFile = FileOutcome;

/** Read and check one file; never throws: every failure is the file's `error`, in Chinese. */
export async function readAndCheck(filePath: string, options: CheckOptions): Promise<CheckedFile> {
  const outcome: CheckedFile = { path: filePath, error: null, results: [], output: null, skipped: 0 };
  try {
    const bytes = readWorkbookBytes(filePath);
    outcome.digest = digestOf(bytes);
    const host = await FileHost.load(bytes, filePath);
    if (host.convertedFrom) outcome.convertedFrom = formatName(host.convertedFrom);
    // Cross-checked later, over every file given together.
    outcome.results = checkWorkbook(await host.readSheets('all'), options.profile, {
      crossCheck: false,
      layouts: options.layouts,
    });
    const { decisions } = await host.applyEdits([{ type: 'decisions', record: null }]);
    if (!isEmptyDecisions(decisions)) outcome.decisions = decisions;
  } catch (error) {
    outcome.error = describeFailure(error);
  }
  return outcome;
}

/** An annotated copy made (not yet written), and what making it skipped or filled. */
export interface MarkedCopy {
  bytes: Uint8Array;
  skipped: number;
  scoresFilled?: number;
}

/**
 * The annotated copy of a checked file (after the cross-check across files), as bytes: made in a checking
 * process (check-worker.ts), under the file's own time and memory budget, because it reads the file again.
 */
export async function markedCopy(file: CheckedFile, options: CheckOptions): Promise<MarkedCopy> {
  const bytes = readWorkbookBytes(file.path);
  // The marks were computed on the content checked: a file changed since gets no copy rather than a wrong one.
  if (file.digest && digestOf(bytes) !== file.digest) throw new HostError(CHANGED_SINCE_CHECK);
  const host = await FileHost.load(bytes, file.path);
  let results = file.results;
  let skipped = 0;
  let scoresFilled: number | undefined;
  if (options.fillScores) {
    const scores = scoreEdits(results, options.profile);
    const report = await host.applyEdits(scores);
    skipped += report.skipped.length;
    scoresFilled = report.written;
    // The marks and reasons are planned on the form as it now is, with the proposed scores in it.
    if (scores.length)
      results = checkWorkbook(await host.readSheets('all'), options.profile, {
        crossCheck: false,
        layouts: options.layouts,
      });
  }
  const reasonFills = options.reasonTemplates ? reasonEdits(results, options.reasonTemplates) : [];
  const marked = reasonFills.length ? afterReasonFills(results, reasonFills) : results;
  const plan = {
    mark: true,
    reviewSheet: true,
    fill: options.fill,
    decisions: file.decisions,
    fitWidth: options.fitWidth,
  };
  const edits = [...reasonFills, ...planEdits(marked, plan)];
  const report = await host.applyEdits(edits);
  skipped += report.skipped.length;
  return { bytes: await host.toBuffer(), skipped, ...(scoresFilled === undefined ? {} : { scoresFilled }) };
}

/** Writes a copy made by `markedCopy` into the output folder, never over a file; a failure is the file's. */
export async function saveCopy(
  file: CheckedFile,
  made: MarkedCopy | { error: string },
  outDir: string,
  takenOutputs: Set<string>,
): Promise<void> {
  if ('error' in made) {
    file.writeError = made.error;
    return;
  }
  file.skipped += made.skipped;
  if (made.scoresFilled !== undefined) file.scoresFilled = made.scoresFilled;
  const nameAt = (attempt: number) => copyName(file.path, '审核', attempt);
  const wanted = path.resolve(outDir, nameAt(1));
  try {
    file.output = await writeNewFile(outDir, nameAt, made.bytes, takenOutputs);
    if (file.output !== wanted) file.renamedFrom = wanted;
  } catch (error) {
    file.writeError = `写不出带标记的副本「${wanted}」：${writeProblem(error)}`;
  }
}

/** Write the annotated copy of a checked file in this process (tests; the CLI makes it in a checking process). */
export async function writeCopy(file: CheckedFile, options: CheckOptions, takenOutputs: Set<string>): Promise<void> {
  if (!options.outDir || file.error) return;
  const made = await markedCopy(file, options).catch((error: unknown) => ({ error: describeFailure(error) }));
  await saveCopy(file, made, options.outDir, takenOutputs);
}

const CHANGED_SINCE_CHECK = '文件在检查之后被改动过，没有写带标记的副本（副本上的标记会与内容不符）：请重新检查该文件';

/** A fingerprint of a file's bytes, to tell whether it changed between its check and its copy. */
function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function describeFailure(error: unknown): string {
  if (error instanceof HostError) return error.message;
  // V8's answers when a file needs more memory than there is: a Chinese error for this file, the rest go on.
  if (error instanceof RangeError && /allocation|Invalid (string|array) length|Maximum/i.test(error.message)) {
    return '文件过大，超出本机可用内存，无法读取；请拆分工作簿或在内存更大的电脑上检查';
  }
  return `检查时出现意外错误（${error instanceof Error ? error.message : String(error)}），请将该文件反馈给开发者`;
}

/** A report file written, or why not (in Chinese): a failed report is said, never passed over. */
export type Output = { path: string; error: null } | { path: null; error: string };

/** What the reports need of each file: its copy's name (the 汇总表 links to it) and its findings. */
export function reportFilesOf(files: readonly CheckedFile[]): ReportFile[] {
  return files.map((f) => ({
    path: f.path,
    copy: f.output ? path.basename(f.output) : null,
    error: f.error,
    results: f.results,
    decisions: f.decisions ?? null,
  }));
}

/** The reports written into the output folder, never over an existing file; each failure said on its own. */
export async function saveReports(
  reports: BatchReports | { error: string },
  outDir: string,
  taken: Set<string>,
): Promise<{ csv: Output; summary: Output; review: Output }> {
  const write = (name: string, extension: string, data: (r: BatchReports) => Uint8Array | string) =>
    'error' in reports
      ? Promise.resolve<Output>({ path: null, error: `写不出「${name}${extension}」：${reports.error}` })
      : writeReport(outDir, name, extension, data(reports), taken);
  return {
    csv: await write('问题清单', '.csv', (r) => r.findingsCsv),
    summary: await write('汇总表', '.xlsx', (r) => r.summary),
    review: await write('复核底稿', '.xlsx', (r) => r.review),
  };
}

async function writeReport(
  outDir: string,
  name: string,
  extension: string,
  data: Uint8Array | string,
  taken: Set<string>,
): Promise<Output> {
  try {
    const nameAt = (n: number) => `${name}${n === 1 ? '' : `(${n})`}${extension}`;
    return { path: await writeNewFile(outDir, nameAt, data, taken), error: null };
  } catch (error) {
    return { path: null, error: `写不出「${name}${extension}」：${writeProblem(error)}` };
  }
}
