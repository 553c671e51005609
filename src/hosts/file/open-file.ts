import { readFileSync, statSync } from 'fs';
import { inflateRawSync } from 'zlib';
import { FileHost, HostError } from './file-host';
import { useRawInflate } from '../../xlsx/zip';

// In Node, the native zlib inflates workbook parts several times faster than the page's pure-JS inflater;
// the output bound from the zip directory keeps a lying entry from growing without end.
useRawInflate((compressed, originalSize) => inflateRawSync(compressed, { maxOutputLength: Math.max(1, originalSize) }));

/** Open a workbook file read-only; every failure becomes a HostError with a Chinese reason. */
export async function openWorkbookFile(path: string): Promise<FileHost> {
  return FileHost.load(readWorkbookBytes(path), path);
}

/** A workbook file's bytes; every failure becomes a HostError with a Chinese reason. */
export function readWorkbookBytes(path: string): Uint8Array {
  let data: Buffer;
  try {
    // Synchronous on purpose: files are read one at a time, and a batch of small files otherwise spends
    // more time waiting for the thread pool than reading.
    if (statSync(path).isDirectory()) throw new HostError('这是一个文件夹，不是工作簿');
    data = readFileSync(path);
  } catch (error) {
    if (error instanceof HostError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HostError('找不到文件');
    if (code === 'EACCES' || code === 'EPERM') throw new HostError('没有读取该文件的权限');
    throw new HostError('无法读取文件');
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
