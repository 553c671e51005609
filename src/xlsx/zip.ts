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
  readonly name: string;
  readonly method: number;
  compressedSize: number;
  originalSize: number;
  localOffset: number;
}

export class ZipError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const ZIP64_EXTRA = 0x0001;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** What a 32-bit field holds when the real value is in the Zip64 records. */
const IN_ZIP64 = 0xffffffff;
const decoder = new TextDecoder('utf-8');

/** The entries of a zip, from its central directory (Zip64 archives included: no other reader, no other rules). */
export function zipEntries(data: Uint8Array): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('no end of central directory');
  let count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === IN_ZIP64) ({ count, at } = zip64Directory(view, end, { count, at }));
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
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the directory starts and how many entries it has, from the Zip64 end record the locator points to. */
function zip64Directory(
  view: DataView,
  end: number,
  plain: { count: number; at: number },
): { count: number; at: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
    // Exactly 65,535 entries fit the plain record.
    if (plain.at !== IN_ZIP64) return plain;
    throw new ZipError('no zip64 locator');
  }
  const record = uint64(view, locator + 8);
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_END)
    throw new ZipError('damaged zip64 end record');
  return { count: uint64(view, record + 32), at: uint64(view, record + 48) };
}

/** The sizes and offset a directory entry left to its Zip64 extra field, in the order the format fixes. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  const fields = (['originalSize', 'compressedSize', 'localOffset'] as const).filter((key) => entry[key] === IN_ZIP64);
  if (fields.length === 0) return;
  for (let at = start; at + 4 <= start + length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== ZIP64_EXTRA) continue;
    if (at + 4 + fields.length * 8 > view.byteLength) break;
    fields.forEach((key, i) => (entry[key] = uint64(view, at + 4 + i * 8)));
    return;
  }
  throw new ZipError('zip64 sizes missing');
}

/** A little-endian 64-bit count (no BigInt: old webviews); beyond 2^53 is damage to any reader of ours. */
function uint64(view: DataView, at: number): number {
  if (at + 8 > view.byteLength) throw new ZipError('truncated zip64 field');
  const value = view.getUint32(at, true) + view.getUint32(at + 4, true) * 0x100000000;
  if (!Number.isSafeInteger(value)) throw new ZipError('zip64 field out of range');
  return value;
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
