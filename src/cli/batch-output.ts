import * as path from 'path';
import { writeNewFile, writeProblem } from './safe-write';
import { copyName } from '../core/edits/copy-name';
import type { ReportFile } from '../core/reports/reports';
import type { BatchReports } from '../xlsx/grid-workbook';
import type { CheckedFile, MarkedCopy } from './check-files';

/**
 * What the CLI's own process writes of a batch: the copies and reports the checking processes made, into the output
 * folder, never over a file. Nothing here reads a workbook or loads the engine.
 */

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

/** A report file written, or why not (in Chinese): a failed report is said, never passed over. */
export type Output = { path: string; error: null } | { path: null; error: string };

/** What the reports need of each file: its copy's name (the 汇总表 links to it) and its findings. */
export function reportFilesOf(files: readonly CheckedFile[]): ReportFile[] {
  if (files.some((f) => f.brief)) throw new Error('reportFilesOf: a file checked brief has no indicators to report');
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
