import { workbookFormat } from './legacy-formats';

/**
 * Why some bytes are not a readable .xlsx, in words a finance officer understands, or null when
 * they look like one. Checked before the zip is opened, so a wrong format gets the right words.
 */
export function describeUnreadableWorkbook(data: Uint8Array): string | null {
  if (data.length === 0) return '文件是空的（0 字节）';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE container is either an old .xls or an .xlsx encrypted with an open password.
    // An OLE container is an .xls / .et (read through the legacy reader) or an .xlsx with an open password.
    return hasDirectoryEntry(data, 'EncryptedPackage')
      ? '工作簿设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存一份再检查'
      : null;
  }
  if (workbookFormat(data) === null) {
    return '不是 Excel 工作簿：文件内容不是 .xlsx、.xls、.et 或 .ods 格式，可能已损坏或扩展名有误';
  }
  return null;
}

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, index) => data[index] === byte);
}

/**
 * Whether the OLE container has a stream of this name: a directory entry, 128 bytes aligned, with the name in
 * UTF-16, its length (with the terminator) at byte 64 and type 2 (stream) at byte 66. The same text in a cell of
 * an ordinary .xls is never such an entry.
 */
function hasDirectoryEntry(data: Uint8Array, name: string): boolean {
  const needle: number[] = [];
  for (const ch of name) needle.push(ch.charCodeAt(0), 0);
  const nameBytes = (name.length + 1) * 2;
  outer: for (let i = 0; i + 128 <= data.length; i += 128) {
    for (let j = 0; j < needle.length; j++) if (data[i + j] !== needle[j]) continue outer;
    if ((data[i + 64] | (data[i + 65] << 8)) === nameBytes && data[i + 66] === 2) return true;
  }
  return false;
}
