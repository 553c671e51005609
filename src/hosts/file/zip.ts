import { inflateSync } from 'fflate';

/**
 * Reading a zip's entries from its central directory, inflating only those asked for. Inflating is
 * fflate's (pure JS, in the page); Node hosts plug in the native zlib, which is several times faster.
 * Entry sizes come from the directory and bound every inflate, so a zip bomb cannot grow past them.
 */
export type RawInflate = (compressed: Uint8Array, originalSize: number) => Uint8Array;

// One byte of room more than the directory says: an entry that fills it is lying about its size.
let inflateRaw: RawInflate = (compressed, originalSize) =>
  inflateSync(compressed, { out: new Uint8Array(originalSize + 1) });

/** Use another raw-deflate inflater (Node: `zlib.inflateRawSync` with `maxOutputLength`). */
export function useRawInflate(inflate: RawInflate): void {
  inflateRaw = inflate;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  originalSize: number;
  localOffset: number;
}

export class ZipError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const decoder = new TextDecoder('utf-8');

/** The entries of a zip, from its central directory; null for a Zip64 archive (the caller falls back). */
export function zipEntries(data: Uint8Array): ZipEntry[] | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw new ZipError('damaged central directory');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(data.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      originalSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    if (entry.compressedSize === 0xffffffff || entry.originalSize === 0xffffffff || entry.localOffset === 0xffffffff)
      return null;
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one entry, inflated (stored and deflated entries; anything else is damage to us). */
export function entryBytes(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = entry.localOffset;
  if (at + 30 > data.length || view.getUint32(at, true) !== LOCAL_HEADER) throw new ZipError('damaged local header');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const compressed = data.subarray(start, start + entry.compressedSize);
  if (compressed.length !== entry.compressedSize) throw new ZipError('truncated entry');
  if (entry.method === 0) return compressed.slice();
  if (entry.method !== 8) throw new ZipError('unsupported compression');
  const bytes = inflateRaw(compressed, entry.originalSize);
  if (bytes.length !== entry.originalSize) throw new ZipError('entry size does not match its directory');
  return bytes;
}
