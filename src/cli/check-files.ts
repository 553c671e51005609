import { checkWorkbook } from '../core/check/workbook';
import { planEdits } from '../core/edits/edits';
import type { Profile } from '../core/rules/profiles';
import { HostError } from '../hosts/host';
import { scoreEdits } from '../core/edits/score-fill';
import { formatName } from '../xlsx/legacy-formats';
import { readWorkbookBytes } from '../hosts/file/open-file';
import { FileHost } from '../hosts/file/file-host';
import { fileReport, needsLook, tallyOf, type FileOutcome, type RenderedReport } from './text-report';
import { formsJson } from './json-report';
import { afterReasonFills, reasonEdits, type ReasonTemplate } from '../core/edits/templates';
import type { TaughtLayout } from '../core/recognise/layouts';
import { isEmptyDecisions } from '../core/check/decisions';
import { outlineOf, withoutCrossCheckFields, type CheckedForm } from '../core/check/kinds';
import { crossCheck } from '../core/check/cross-check';
import { saveCopy } from './batch-output';

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

/**
 * How a file is checked for the batch. `keep`: the checking process keeps the whole results for the file's copy
 * (markedCopy), which then need not check it again. `brief`: for a run that writes no copy and no report, the 自评表
 * come back without their assessed indicators (outlineOf). `alone`, with `brief`: the run's only file — it is
 * cross-checked where it is checked (there is no other file to cross-check it against), and its 自评表 come back
 * without what only the cross-check compares either (most of what a brief outline still weighs).
 */
export interface CheckWay {
  keep?: boolean;
  brief?: boolean;
  alone?: boolean;
  /** With `brief` and `alone`: the file's report in this format is made where it is checked (RenderedReport). */
  render?: RenderedReport['format'];
}

/**
 * A file read and checked, its forms in outline (FormOutline): what the batch's own process needs to report,
 * cross-check and decide. Its bytes are not kept: a copy reads the file again, so a batch of any length fits.
 */
export type CheckedFile = FileOutcome;

/** Read and check one file (as `way` says); never throws: every failure is the file's `error`, in Chinese. */
export async function readAndCheck(
  filePath: string,
  options: CheckOptions,
  { keep = false, brief = false, alone = false, render }: CheckWay = {},
): Promise<CheckedFile> {
  const outcome: CheckedFile = { path: filePath, error: null, results: [], output: null, skipped: 0 };
  try {
    const bytes = readWorkbookBytes(filePath);
    // Only a copy is compared with what was checked: a run that writes none needs no digest.
    if (!brief) outcome.digest = digestOf(bytes);
    const host = await FileHost.load(bytes, filePath);
    if (host.convertedFrom) outcome.convertedFrom = formatName(host.convertedFrom);
    const results = await checkFile(host, options);
    if (keep && outcome.digest) keptResults.keep(filePath, outcome.digest, results);
    if (brief && alone) {
      // The cross-check the batch would make, on the same outlines: then what it compared need not travel (nor do
      // the outlines at all when the report is made here).
      const crossChecked = crossCheck(results.map((result) => outlineOf(result, true)));
      outcome.results = render ? crossChecked : crossChecked.map(withoutCrossCheckFields);
      outcome.crossChecked = true;
    } else outcome.results = results.map((result) => outlineOf(result, brief));
    if (brief) outcome.brief = true;
    const { decisions } = await host.applyEdits([{ type: 'decisions', record: null }]);
    if (!isEmptyDecisions(decisions)) outcome.decisions = decisions;
    if (brief && alone && render) renderReport(outcome, render);
  } catch (error) {
    outcome.error = describeFailure(error);
  }
  return outcome;
}

/** The file's report made here (RenderedReport): its outlines stay. */
function renderReport(outcome: CheckedFile, format: RenderedReport['format']): void {
  const report = format === 'json' ? formsJson(outcome.results, outcome.decisions) : fileReport(outcome);
  outcome.rendered = { format, report, needsLook: outcome.results.some(needsLook), tally: tallyOf(outcome.results) };
  outcome.results = [];
}

/** Every form of the file checked, on its own: the cross-check comes later, over every file given together. */
async function checkFile(host: FileHost, options: Pick<CheckOptions, 'profile' | 'layouts'>): Promise<CheckedForm[]> {
  return checkWorkbook(await host.readSheets('all'), options.profile, { crossCheck: false, layouts: options.layouts });
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
  const digest = digestOf(bytes);
  if (file.digest && digest !== file.digest) throw new HostError(CHANGED_SINCE_CHECK);
  const host = await FileHost.load(bytes, file.path);
  let results = withBatchFindings(keptResults.take(file.path, digest) ?? (await checkFile(host, options)), file);
  let skipped = 0;
  let scoresFilled: number | undefined;
  if (options.fillScores) {
    const scores = scoreEdits(results, options.profile);
    const report = await host.applyEdits(scores);
    skipped += report.skipped.length;
    scoresFilled = report.written;
    // The marks and reasons are planned on the form as it now is, with the proposed scores in it.
    if (scores.length) results = await checkFile(host, options);
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

/**
 * The whole results of a file with the findings the batch settled on (its own and the cross-check's). The same
 * content (the digests agree) reads as the same forms, in the same order.
 */
function withBatchFindings(results: CheckedForm[], file: CheckedFile): CheckedForm[] {
  if (results.length !== file.results.length) throw new HostError(CHANGED_SINCE_CHECK);
  return results.map((result, index) => ({ ...result, findings: file.results[index].findings }) as CheckedForm);
}

/**
 * The whole results of the files this process checked for a copy, until the copy is made: the batch's own
 * process gets only their outlines. At most a few forms' worth: past it, a copy checks its file again.
 */
class KeptResults {
  private readonly kept = new Map<string, { digest: string; results: CheckedForm[] }>();
  private forms = 0;

  keep(file: string, digest: string, results: CheckedForm[]): void {
    this.take(file, digest);
    while (this.forms + results.length > KEPT_FORMS && this.kept.size > 0) this.dropOldest();
    if (results.length > KEPT_FORMS) return;
    this.kept.set(file, { digest, results });
    this.forms += results.length;
  }

  /** The results kept for this file's content, forgotten here (a copy is made once). */
  take(file: string, digest: string): CheckedForm[] | null {
    const entry = this.kept.get(file);
    if (!entry) return null;
    this.kept.delete(file);
    this.forms -= entry.results.length;
    return entry.digest === digest ? entry.results : null;
  }

  private dropOldest(): void {
    const [file, entry] = this.kept.entries().next().value as [string, { results: CheckedForm[] }];
    this.kept.delete(file);
    this.forms -= entry.results.length;
  }
}

/** About 100 MB of results at most (2,000 forms take ~40 MB). */
const KEPT_FORMS = 5000;
const keptResults = new KeptResults();

/** Write the annotated copy of a checked file in this process (tests; the CLI makes it in a checking process). */
export async function writeCopy(file: CheckedFile, options: CheckOptions, takenOutputs: Set<string>): Promise<void> {
  if (!options.outDir || file.error) return;
  const made = await markedCopy(file, options).catch((error: unknown) => ({ error: describeFailure(error) }));
  await saveCopy(file, made, options.outDir, takenOutputs);
}

const CHANGED_SINCE_CHECK = '文件在检查之后被改动过，没有写带标记的副本（副本上的标记会与内容不符）：请重新检查该文件';

/** A fingerprint of a file's bytes, to tell whether it changed between its check and its copy. */
function digestOf(bytes: Uint8Array): string {
  // Required here: a checking process that writes no copy never loads the crypto module (~12 ms).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof import('crypto');
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
