import { strToU8 } from 'fflate';
import { HostError, refuseHugeUsedArea } from '../hosts/host';
import { checkOdsBounds } from './ods-bounds';

/**
 * Workbooks that are not .xlsx: .xls (BIFF8, as budget systems export), .et (WPS; an .xls inside), .ods
 * (LibreOffice), and the HTML or XML-2003 tables some systems save under an .xls name. Each is converted
 * once, on arrival, into an .xlsx with the same cells, merges, number formats, formulas and cached
 * values, which the zip reader and the patching writer then handle like any other file. The reader is
 * SheetJS (the maintained build on npm, @e965/xlsx 0.20.3 — the `xlsx` package itself is frozen at a
 * release with known flaws for crafted files), loaded only when such a file arrives.
 */
export type WorkbookFormat = 'xlsx' | 'xls' | 'ods' | 'html' | 'xml2003';

/** What the bytes are, by their content (an extension says little: WPS saves .xls inside .et). */
export function workbookFormat(data: Uint8Array): WorkbookFormat | null {
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return isOds(data) ? 'ods' : 'xlsx';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  const head = new TextDecoder('utf-8')
    .decode(data.subarray(0, 2048))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xml2003';
  if (/^(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)/.test(head)) return 'html';
  return null;
}

/** An OpenDocument spreadsheet names its type in the first entry, `mimetype`, stored uncompressed. */
function isOds(data: Uint8Array): boolean {
  const nameLength = data[26] | (data[27] << 8);
  const extraLength = data[28] | (data[29] << 8);
  const name = new TextDecoder().decode(data.subarray(30, 30 + nameLength));
  if (name !== 'mimetype') return false;
  const start = 30 + nameLength + extraLength;
  return new TextDecoder()
    .decode(data.subarray(start, start + 60))
    .startsWith('application/vnd.oasis.opendocument.spreadsheet');
}

const FORMAT_NAMES: Record<Exclude<WorkbookFormat, 'xlsx'>, string> = {
  xls: '.xls（Excel 97–2003）',
  ods: '.ods（OpenDocument）',
  html: '网页表格（以 .xls 保存的 HTML）',
  xml2003: 'XML 电子表格 2003',
};

export function formatName(format: Exclude<WorkbookFormat, 'xlsx'>): string {
  return FORMAT_NAMES[format];
}

/** The workbook as .xlsx bytes: the same sheets, cells, merges, formats, formulas and cached values. */
export async function convertToXlsx(data: Uint8Array, format: Exclude<WorkbookFormat, 'xlsx'>): Promise<Uint8Array> {
  if (format === 'ods') checkOdsBounds(data);
  const XLSX = await import('@e965/xlsx');
  let workbook: import('@e965/xlsx').WorkBook;
  // SheetJS reports what it approximates (ODS conditional number formats) on the console: not the user's business.
  const { error: consoleError, warn: consoleWarn } = console;
  console.error = console.warn = () => undefined;
  try {
    workbook = XLSX.read(format === 'xml2003' ? withEmptyMergesKept(data) : data, {
      type: 'array',
      cellFormula: true,
      cellNF: true,
      cellDates: false,
      cellHTML: false,
      sheetStubs: false,
      WTF: false,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Excel 97–2003 open passwords (RC4 / XOR); not SheetJS's guesses on bytes that are no workbook at all.
    if (/password|EncryptionInfo|RC4|XOR/i.test(message))
      throw new HostError('工作簿设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存一份再检查');
    throw new HostError(`${formatName(format)}文件已损坏或无法识别，无法读取`);
  } finally {
    console.error = consoleError;
    console.warn = consoleWarn;
  }
  if (workbook.SheetNames.length === 0) throw new HostError('工作簿中没有可检查的工作表');
  try {
    refuseHugeAreas(workbook, XLSX.utils.decode_range);
    if (format === 'xml2003') dropPlaceholders(workbook);
    if (format === 'html') keepShownPercentages(workbook);
    const bytes = XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
    return new Uint8Array(bytes);
  } catch (error) {
    // A damaged file SheetJS read without a word (a sheet listed but missing, a range backwards) fails here.
    if (error instanceof HostError) throw error;
    throw new HostError(`${formatName(format)}文件已损坏或无法识别，无法读取`);
  }
}

/**
 * A sheet whose used area is vast (a value at XFD1048576 in an .xls or an XML 2003 `ss:Index`) would keep the
 * converter walking billions of empty addresses (it writes cell by cell); it is refused first.
 */
function refuseHugeAreas(
  workbook: import('@e965/xlsx').WorkBook,
  decodeRange: (ref: string) => { s: { r: number; c: number }; e: { r: number; c: number } },
): void {
  for (const name of workbook.SheetNames) {
    const ref = workbook.Sheets[name]?.['!ref'];
    if (!ref) continue;
    const { s, e } = decodeRange(ref);
    refuseHugeUsedArea(name, ref, (e.r - s.r + 1) * (e.c - s.c + 1));
  }
}

/** What an empty merged cell of an XML 2003 file is given to hold, so the reader keeps it; removed after. */
const EMPTY_MERGE = '\u2063绩效自评助手:空合并单元格\u2063';
const MERGED_CELL =
  /<Cell\b([^>]*\b(?:ss:)?Merge(?:Across|Down)="\d+"[^>]*?)(?:\/>|>((?:(?!<Data\b|<\/Cell>)[\s\S])*)<\/Cell>)/g;

/**
 * SheetJS drops a merged cell of XML Spreadsheet 2003 that holds no <Data> (`<Cell ss:MergeAcross="2"/>`,
 * as budget systems export the blank parts of a form): the merge is lost and every cell after it on the row
 * moves left. Such a cell is given a placeholder value, so it is read with its merge and its place.
 */
function withEmptyMergesKept(data: Uint8Array): Uint8Array {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return data;
  }
  const kept = text.replace(
    MERGED_CELL,
    (_whole, attributes: string, inner: string | undefined) =>
      `<Cell${attributes}>${inner ?? ''}<Data ss:Type="String">${EMPTY_MERGE}</Data></Cell>`,
  );
  return kept === text ? data : strToU8(kept);
}

function dropPlaceholders(workbook: import('@e965/xlsx').WorkBook): void {
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    for (const address of Object.keys(sheet)) {
      if (address.charAt(0) === '!') continue;
      const cell = sheet[address] as { v?: unknown };
      if (cell.v === EMPTY_MERGE) delete sheet[address];
    }
  }
}

/**
 * An HTML table says `95%` as text; SheetJS reads the number 0.95 and forgets the percent sign, so the form
 * would compare 0.95 with a target of 95 %. The number keeps the percent format its text showed.
 */
function keepShownPercentages(workbook: import('@e965/xlsx').WorkBook): void {
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    for (const address of Object.keys(sheet)) {
      if (address.charAt(0) === '!') continue;
      const cell = sheet[address] as { t?: string; w?: string; z?: string };
      const shown =
        cell.t === 'n' && !cell.z && typeof cell.w === 'string'
          ? /^\s*-?[\d,]*(?:\.(\d+))?\s*%\s*$/.exec(cell.w)
          : null;
      if (shown) cell.z = shown[1] ? `0.${'0'.repeat(shown[1].length)}%` : '0%';
    }
  }
}

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, index) => data[index] === byte);
}
