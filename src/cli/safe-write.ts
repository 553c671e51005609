import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * Writes `data` under the first free name `nameAt(1)`, `nameAt(2)`… in `dir`, and only once it is complete:
 * the bytes go to a hidden temporary file first, which is then linked under the name. A link is never made
 * over an existing file, so a name another run took a moment ago moves on to the next, and a full disk leaves
 * no truncated file under a real name. Returns the path written; throws the OS error otherwise.
 */
export async function writeNewFile(
  dir: string,
  nameAt: (n: number) => string,
  data: Uint8Array | string,
  taken: Set<string>,
): Promise<string> {
  await fs.mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    // A file where the folder should be: not "a file of that name exists", which would read as a name clash.
    throw error.code === 'EEXIST' ? Object.assign(error, { code: 'ENOTDIR' }) : error;
  });
  // Required here: a checking process that writes nothing never loads the crypto module (~12 ms a process).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('crypto') as typeof import('crypto');
  const temporary = path.join(dir, `.~绩效自评助手-${process.pid}-${randomBytes(4).toString('hex')}.part`);
  await fs.writeFile(temporary, data, { flag: 'wx' }).catch(async (error: unknown) => {
    await fs.rm(temporary, { force: true });
    throw error;
  });
  try {
    for (let n = 1; n < 10000; n++) {
      const target = path.resolve(dir, nameAt(n));
      if (taken.has(target)) continue;
      if (await claim(temporary, target)) {
        taken.add(target);
        return target;
      }
    }
    throw Object.assign(new Error('too many files of this name'), { code: 'EEXIST' });
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

/** The temporary file under `target`, unless a file is there already (false then). */
async function claim(temporary: string, target: string): Promise<boolean> {
  try {
    await fs.link(temporary, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some shares and USB disks (FAT, exFAT) have no hard links: a rename, after looking, is the next best.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    if (await exists(target)) return false;
    await fs.rename(temporary, target);
    return true;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** An OS error in a reviewer's words. */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入该文件夹的权限（或文件夹只读）';
  if (code === 'ENOSPC' || code === 'EDQUOT') return '磁盘空间不足，未留下不完整的文件';
  if (code === 'ENAMETOOLONG') return '文件名或路径过长，请把原文件改短名字或换一个较短的输出文件夹';
  if (code === 'ENOTDIR' || code === 'ENOENT') return '输出位置不是可用的文件夹';
  if (code === 'EEXIST') return '同名文件已存在，未覆盖';
  return `写入失败（${code ?? (error instanceof Error ? error.message : String(error))}）`;
}
