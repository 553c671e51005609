import { readdirSync, statSync } from 'fs';
import * as path from 'path';

/** Extensions of the workbooks the CLI reads (the format itself is judged by content). */
const WORKBOOK = /\.(xlsx|xlsm|xls|et|ods)$/i;

export interface Inputs {
  /** Files to check, each once, in the order given (a folder's files sorted by path). */
  files: string[];
  /** Files found in folders and passed over, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
}

/**
 * The files named on the command line, with folders opened recursively: every workbook in them
 * is checked; Office's lock files (`~$…`) and other files are listed as skipped. A path that is
 * neither is kept, so the reader reports it (找不到文件).
 */
export function collectInputs(paths: readonly string[]): Inputs {
  const files: string[] = [];
  const seen = new Set<string>();
  const skipped: Inputs['skipped'] = [];
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  const walk = (folder: string) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      skipped.push({ path: folder, reason: '无法打开该文件夹' });
      return;
    }
    let found = 0;
    for (const name of names) {
      const full = path.join(folder, name);
      let isFolder = false;
      try {
        isFolder = statSync(full).isDirectory();
      } catch {
        skipped.push({ path: full, reason: '无法读取' });
        continue;
      }
      if (isFolder) walk(full);
      else if (name.startsWith('~$')) skipped.push({ path: full, reason: 'Office 打开文件时留下的临时文件' });
      else if (WORKBOOK.test(name)) {
        add(full);
        found++;
      } else skipped.push({ path: full, reason: '不是工作簿（扩展名不是 .xlsx、.xlsm、.xls、.et、.ods）' });
    }
    if (found === 0 && names.length === 0) skipped.push({ path: folder, reason: '空文件夹' });
  };
  for (const given of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(given).isDirectory();
    } catch {
      // Not there: the reader says so for this file.
    }
    if (isFolder) walk(given);
    else add(given);
  }
  return { files, skipped };
}
