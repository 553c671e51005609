import type { CellValue } from './grid';

/**
 * Label text as a recogniser compares it: no white space or line breaks (forms wrap words
 * anywhere: `年度\n指标值`, `三级 指标`), full-width ASCII folded to half-width, colons dropped.
 */
export function normaliseLabel(value: CellValue): string {
  if (value === null || typeof value === 'boolean') return '';
  const text = typeof value === 'number' ? String(value) : value;
  // Hand-written: this runs on every text cell of every sheet; most labels need no change at all.
  let i = 0;
  while (i < text.length && !needsFolding(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  const codes: number[] = [];
  for (let j = 0; j < i; j++) codes.push(text.charCodeAt(j));
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpaceOrColon(code)) continue;
    codes.push(code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code);
  }
  return String.fromCharCode(...codes);
}

function needsFolding(code: number): boolean {
  return isSpaceOrColon(code) || (code >= 0xff01 && code <= 0xff5e);
}

function isSpaceOrColon(code: number): boolean {
  return (
    code <= 32 ||
    code === 58 ||
    code === 0xff1a ||
    code === 0x3000 ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

/** Full-width ASCII forms (！…～) to their half-width twins; keeps CJK punctuation. */
export function foldWidth(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
    }
  }
  return text;
}

/** Display text of a cell for messages: trimmed, with inner line breaks removed. */
export function displayText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value.replace(/\s*\n\s*/g, '').trim();
}

/** A number as a person writes it: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A weight, score or amount: a number, or text that is only a number (`"15"`, `"100.00"`,
 * `"1,234.5"`, `"10分"`). Dashes and blanks mean "no value". Returns undefined when the cell holds
 * something that is not a number at all (a real error for a score).
 */
export function readNumber(value: CellValue): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return undefined;
  const text = foldWidth(value).replace(/[\s,，]/g, '').replace(/分$/, '');
  if (text === '' || /^[-—–─/／]+$/.test(text)) return null;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  return undefined;
}

/** Number of decimals a number format shows (`0.00%` → 2), or null when the format says nothing. */
export function formatDecimals(format: string | null): number | null {
  if (!format || format === 'General' || format === '@') return null;
  const match = /\.(0+)/.exec(format);
  if (match) return match[1].length;
  return /0/.test(format) ? 0 : null;
}

export function isPercentFormat(format: string | null): boolean {
  return !!format && /%/.test(format.replace(/"[^"]*"/g, ''));
}
