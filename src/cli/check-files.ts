import { promises as fs } from 'fs';
import * as path from 'path';
import { checkSheets } from '../core/check';
import { planEdits } from '../core/edits';
import type { Profile } from '../core/profiles';
import { HostError } from '../hosts/host';
import { openWorkbookFile } from '../hosts/file/open-file';
import type { FileHost } from '../hosts/file/file-host';
import type { FileOutcome } from './text-report';
import { afterReasonFills, reasonEdits, type ReasonTemplate } from '../core/templates';

export interface CheckOptions {
  profile: Profile;
  outDir: string | null;
  fill: boolean;
  /** Fill every missing 偏差原因 with the best template, from these templates (null: don't). */
  reasonTemplates: ReasonTemplate[] | null;
}

/** Check one file; never throws: every failure is the file's `error`, in Chinese. */
export async function checkFile(filePath: string, options: CheckOptions, takenOutputs: Set<string>): Promise<FileOutcome> {
  const outcome: FileOutcome = { path: filePath, error: null, results: [], output: null, skipped: 0 };
  try {
    let host: FileHost | null = await openWorkbookFile(filePath);
    const sheets = await host.readSheets('all');
    // Without a copy to write, let the workbook model go before checking: the engine's work then
    // does not pay for garbage-collecting a heap full of exceljs objects.
    if (!options.outDir) host = null;
    outcome.results = checkSheets(sheets, options.profile);
    if (options.outDir && host) {
      const reasonFills = options.reasonTemplates ? reasonEdits(outcome.results, options.reasonTemplates) : [];
      const marked = reasonFills.length ? afterReasonFills(outcome.results, reasonFills) : outcome.results;
      const edits = [...reasonFills, ...planEdits(marked, { mark: true, reviewSheet: true, fill: options.fill })];
      const report = await host.applyEdits(edits);
      outcome.skipped = report.skipped.length;
      const target = outputPath(filePath, options.outDir, takenOutputs);
      await fs.mkdir(options.outDir, { recursive: true });
      await fs.writeFile(target, await host.toBuffer());
      outcome.output = target;
    }
  } catch (error) {
    outcome.error = error instanceof HostError ? error.message : `检查时出现意外错误（${error instanceof Error ? error.message : String(error)}），请将该文件反馈给开发者`;
  }
  return outcome;
}

/** `<out>/<name>-审核.xlsx`, never an input file, never the same copy twice in one run. */
export function outputPath(inputPath: string, outDir: string, taken: Set<string>): string {
  const base = path.basename(inputPath).replace(/\.xlsx$/i, '');
  let candidate = path.resolve(outDir, `${base}-审核.xlsx`);
  for (let i = 2; taken.has(candidate); i++) candidate = path.resolve(outDir, `${base}-审核(${i}).xlsx`);
  taken.add(candidate);
  return candidate;
}
