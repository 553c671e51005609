import { promises as fs } from 'fs';
import * as path from 'path';
import { checkWorkbook } from '../core/workbook';
import { planEdits } from '../core/edits';
import type { Profile } from '../core/profiles';
import { HostError } from '../hosts/host';
import { openWorkbookFile } from '../hosts/file/open-file';
import type { FileHost } from '../hosts/file/file-host';
import type { SheetGrid } from '../core/grid';
import type { FileOutcome } from './text-report';
import { afterReasonFills, reasonEdits, type ReasonTemplate } from '../core/templates';

export interface CheckOptions {
  profile: Profile;
  outDir: string | null;
  fill: boolean;
  /** Fill every missing 偏差原因 with the best template, from these templates (null: don't). */
  reasonTemplates: ReasonTemplate[] | null;
}

/** A file read and checked, with its workbook kept while a copy is still to be written. */
export interface CheckedFile extends FileOutcome {
  host: FileHost | null;
}

/** Read and check one file; never throws: every failure is the file's `error`, in Chinese. */
export async function readAndCheck(filePath: string, options: CheckOptions): Promise<CheckedFile> {
  const outcome: CheckedFile = { path: filePath, error: null, results: [], output: null, skipped: 0, host: null };
  try {
    const { sheets, host } = await readGrids(filePath, options.outDir !== null);
    outcome.host = host;
    // Cross-checked later, over every file given together.
    outcome.results = checkWorkbook(sheets, options.profile, { crossCheck: false });
  } catch (error) {
    outcome.error = describeFailure(error);
  }
  return outcome;
}

/**
 * The sheets of a file, and its host only when a copy will be written: otherwise the file's bytes are
 * garbage before the engine runs, and checking does not pay for keeping them.
 */
async function readGrids(filePath: string, keepWorkbook: boolean): Promise<{ sheets: SheetGrid[]; host: FileHost | null }> {
  const host = await openWorkbookFile(filePath);
  return { sheets: await host.readSheets('all'), host: keepWorkbook ? host : null };
}

/** Write the annotated copy of a checked file (after the cross-check across files). */
export async function writeCopy(file: CheckedFile, options: CheckOptions, takenOutputs: Set<string>): Promise<void> {
  if (!options.outDir || !file.host) return;
  try {
    const reasonFills = options.reasonTemplates ? reasonEdits(file.results, options.reasonTemplates) : [];
    const marked = reasonFills.length ? afterReasonFills(file.results, reasonFills) : file.results;
    const edits = [...reasonFills, ...planEdits(marked, { mark: true, reviewSheet: true, fill: options.fill })];
    const report = await file.host.applyEdits(edits);
    file.skipped = report.skipped.length;
    const target = outputPath(file.path, options.outDir, takenOutputs);
    await fs.mkdir(options.outDir, { recursive: true });
    await fs.writeFile(target, await file.host.toBuffer());
    file.output = target;
  } catch (error) {
    file.error = describeFailure(error);
  } finally {
    file.host = null;
  }
}

function describeFailure(error: unknown): string {
  return error instanceof HostError ? error.message : `检查时出现意外错误（${error instanceof Error ? error.message : String(error)}），请将该文件反馈给开发者`;
}

/** `<out>/<name>-审核.xlsx`, never an input file, never the same copy twice in one run. */
export function outputPath(inputPath: string, outDir: string, taken: Set<string>): string {
  const base = path.basename(inputPath).replace(/\.xlsx$/i, '');
  let candidate = path.resolve(outDir, `${base}-审核.xlsx`);
  for (let i = 2; taken.has(candidate); i++) candidate = path.resolve(outDir, `${base}-审核(${i}).xlsx`);
  taken.add(candidate);
  return candidate;
}
