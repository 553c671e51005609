import { readdirSync, realpathSync, statSync } from 'fs';
import * as path from 'path';

/** Extensions of the workbooks the CLI reads (the format itself is judged by content). */
const WORKBOOK = /\.(xlsx|xlsm|xls|et|ods)$/i;

export interface Inputs {
  /** Files to check, each once, in the order given (a folder's files sorted by path). */
  files: string[];
  /** Files found in folders and passed over, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
  /**
   * Workbooks found that cannot be opened at all (a name in another encoding than UTF-8, a file that cannot be
   * read): reported as files that could not be read, never passed over in silence.
   */
  unreadable: Array<{ path: string; reason: string }>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const FOREIGN_NAME =
  '文件名不是 UTF-8 编码（多为 Windows 压缩包或共享文件夹中的 GBK 文件名），无法打开；请把文件改名后再检查';

/** A name as the folder stores it: UTF-8, or (for display only) the GBK a Windows zip or share left it in. */
function decodeName(raw: Buffer): { name: string; readable: boolean } {
  try {
    return { name: utf8.decode(raw), readable: true };
  } catch {
    return { name: new TextDecoder('gb18030').decode(raw), readable: false };
  }
}

/**
 * The files named on the command line, with folders opened recursively: every workbook in them
 * is checked; Office's lock files (`~$…`) and other files are listed as skipped. A path that is
 * neither is kept, so the reader reports it (找不到文件). A folder reached again through a link (a link to
 * its own parent) is walked once, and a file reached by two paths is checked once.
 */
export function collectInputs(paths: readonly string[]): Inputs {
  const inputs: Inputs = { files: [], skipped: [], unreadable: [] };
  const seen = new Set<string>();
  const walked = new Set<string>();
  const add = (file: string) => {
    const key = realKey(file);
    if (seen.has(key)) return;
    seen.add(key);
    inputs.files.push(file);
  };
  const walk = (folder: string) => {
    const key = realKey(folder);
    if (walked.has(key)) return;
    walked.add(key);
    let names: Buffer[];
    try {
      names = readdirSync(folder, { encoding: 'buffer' }).sort(Buffer.compare);
    } catch {
      inputs.skipped.push({ path: folder, reason: '无法打开该文件夹' });
      return;
    }
    if (names.length === 0) inputs.skipped.push({ path: folder, reason: '空文件夹' });
    for (const raw of names) visit(folder, raw);
  };
  const visit = (folder: string, raw: Buffer) => {
    const { name, readable } = decodeName(raw);
    const full = path.join(folder, name);
    if (!readable) {
      if (WORKBOOK.test(name)) inputs.unreadable.push({ path: full, reason: FOREIGN_NAME });
      else inputs.skipped.push({ path: full, reason: '文件名编码无法识别' });
      return;
    }
    let isFolder = false;
    try {
      isFolder = statSync(full).isDirectory();
    } catch {
      if (WORKBOOK.test(name)) inputs.unreadable.push({ path: full, reason: '无法读取该文件（没有权限或链接已失效）' });
      else inputs.skipped.push({ path: full, reason: '无法读取' });
      return;
    }
    if (isFolder) walk(full);
    else if (name.startsWith('~$')) inputs.skipped.push({ path: full, reason: 'Office 打开文件时留下的临时文件' });
    else if (WORKBOOK.test(name)) add(full);
    else inputs.skipped.push({ path: full, reason: '不是工作簿（扩展名不是 .xlsx、.xlsm、.xls、.et、.ods）' });
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
  return inputs;
}

/** The same file or folder by whatever path it was reached. */
function realKey(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
