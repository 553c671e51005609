import * as path from 'path';
import { checkWorkbook } from '../core/workbook';
import { planEdits } from '../core/edits';
import type { Profile } from '../core/profiles';
import { HostError } from '../hosts/host';
import { writeNewFile, writeProblem } from './safe-write';
import { scoreEdits } from '../core/score-fill';
import { findingsCsv, reviewTable, ruleCountTable, summaryTable, type ReportFile } from '../core/reports';
import { reportWorkbook } from '../hosts/file/grid-workbook';
import { formatName } from '../hosts/file/legacy-formats';
import { readWorkbookBytes } from '../hosts/file/open-file';
import { FileHost } from '../hosts/file/file-host';
import { createHash } from 'crypto';
import type { FileOutcome } from './text-report';
import { afterReasonFills, reasonEdits, type ReasonTemplate } from '../core/templates';
import type { TaughtLayout } from '../core/layouts';

export interface CheckOptions {
  profile: Profile;
  outDir: string | null;
  fill: boolean;
  /** Propose the profile's 得分 where 实际完成值 is filled and 得分 is empty (建议得分). */
  fillScores?: boolean;
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
  } catch (error) {
    outcome.error = describeFailure(error);
  }
  return outcome;
}

/** Write the annotated copy of a checked file (after the cross-check across files). */
export async function writeCopy(file: CheckedFile, options: CheckOptions, takenOutputs: Set<string>): Promise<void> {
  if (!options.outDir || file.error) return;
  let target: string | null = null;
  try {
    const bytes = readWorkbookBytes(file.path);
    // The marks were computed on the content checked: a file changed since gets no copy rather than a wrong one.
    if (file.digest && digestOf(bytes) !== file.digest) throw new HostError(CHANGED_SINCE_CHECK);
    const host = await FileHost.load(bytes, file.path);
    let results = file.results;
    if (options.fillScores) {
      const scores = scoreEdits(results, options.profile);
      const report = await host.applyEdits(scores);
      file.skipped += report.skipped.length;
      file.scoresFilled = report.written;
      // The marks and reasons are planned on the form as it now is, with the proposed scores in it.
      if (scores.length)
        results = checkWorkbook(await host.readSheets('all'), options.profile, {
          crossCheck: false,
          layouts: options.layouts,
        });
    }
    const reasonFills = options.reasonTemplates ? reasonEdits(results, options.reasonTemplates) : [];
    const marked = reasonFills.length ? afterReasonFills(results, reasonFills) : results;
    const edits = [...reasonFills, ...planEdits(marked, { mark: true, reviewSheet: true, fill: options.fill })];
    const report = await host.applyEdits(edits);
    file.skipped += report.skipped.length;
    const nameAt = copyName(file.path);
    const wanted = path.resolve(options.outDir, nameAt(1));
    target = wanted;
    file.output = await writeNewFile(options.outDir, nameAt, await host.toBuffer(), takenOutputs);
    if (file.output !== wanted) file.renamedFrom = wanted;
  } catch (error) {
    file.writeError =
      target && !(error instanceof HostError)
        ? `写不出带标记的副本「${target}」：${writeProblem(error)}`
        : describeFailure(error);
  }
}

const CHANGED_SINCE_CHECK = '文件在检查之后被改动过，没有写带标记的副本（副本上的标记会与内容不符）：请重新检查该文件';

/** A fingerprint of a file's bytes, to tell whether it changed between its check and its copy. */
function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `<name>-审核.xlsx`, then `<name>-审核(2).xlsx` and on: never an input, never a file already there. */
function copyName(inputPath: string): (n: number) => string {
  const base = copyBase(inputPath);
  const extension = copyExtension(inputPath);
  return (n) => `${base}-审核${n === 1 ? '' : `(${n})`}${extension}`;
}

/** A macro-enabled workbook keeps its macros, so its copy must stay .xlsm (Excel refuses them as .xlsx). */
export function copyExtension(inputPath: string): '.xlsx' | '.xlsm' {
  return /\.xlsm$/i.test(inputPath) ? '.xlsm' : '.xlsx';
}

/** A copy's name without the input's extension: every other copy is an .xlsx, whatever came in. */
function copyBase(inputPath: string): string {
  return path.basename(inputPath).replace(/\.(xlsx|xlsm|xls|et|ods)$/i, '');
}

function describeFailure(error: unknown): string {
  if (error instanceof HostError) return error.message;
  // V8's answers when a file needs more memory than there is: a Chinese error for this file, the rest go on.
  if (error instanceof RangeError && /allocation|Invalid (string|array) length|Maximum/i.test(error.message)) {
    return '文件过大，超出本机可用内存，无法读取；请拆分工作簿或在内存更大的电脑上检查';
  }
  return `检查时出现意外错误（${error instanceof Error ? error.message : String(error)}），请将该文件反馈给开发者`;
}

/** The findings of every file as `问题清单.csv` in the output folder: UTF-8 with a BOM, so Excel reads the Chinese. */
export async function writeFindingsCsv(
  files: readonly CheckedFile[],
  outDir: string,
  taken: Set<string>,
): Promise<Output> {
  return writeReport(outDir, '问题清单', '.csv', findingsCsv(files), taken);
}

/** A report file written, or why not (in Chinese): a failed report is said, never passed over. */
export type Output = { path: string; error: null } | { path: null; error: string };

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

/**
 * 汇总表.xlsx (a row per form and per unreadable file, and counts by rule) and 复核底稿.xlsx (a row per
 * indicator with the profile's 复核得分) in the output folder, never over an existing file.
 */
export async function writeReviewWorkbooks(
  files: readonly CheckedFile[],
  outDir: string,
  profile: Profile,
  taken: Set<string>,
): Promise<{ summary: Output; review: Output }> {
  const reportFiles: ReportFile[] = files.map((f) => ({
    path: f.path,
    copy: f.output ? path.basename(f.output) : null,
    error: f.error,
    results: f.results,
  }));
  const heading = { date: new Date().toISOString().slice(0, 10), profile: profile.name };
  const write = (name: string, bytes: Uint8Array) => writeReport(outDir, name, '.xlsx', bytes, taken);
  return {
    summary: await write('汇总表', reportWorkbook([summaryTable(reportFiles), ruleCountTable(reportFiles)], heading)),
    review: await write('复核底稿', reportWorkbook([reviewTable(reportFiles, profile)], heading)),
  };
}
