import type { CellValue } from './grid';
import { NUMBER_WORDS } from '../vocabulary/value-words';

/**
 * Label text as a recogniser compares it: no white space or line breaks (forms wrap words
 * anywhere: `年度\n指标值`, `三级 指标`), full-width ASCII folded to half-width, colons dropped.
 */
export function normaliseLabel(value: CellValue): string {
  if (value === null || typeof value === 'boolean') return '';
  if (typeof value === 'number') return foldedLabel(String(value));
  // Every text cell of every sheet comes here, and forms repeat their words: short texts are remembered.
  return value.length <= REMEMBERED_LENGTH ? rememberedLabel(value) : foldedLabel(value);
}

/** Texts up to this length are remembered once normalised (labels and short values; prose is not). */
const REMEMBERED_LENGTH = 64;

function foldedLabel(text: string): string {
  // Hand-written: most labels need no change at all.
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

const rememberedLabel = rememberedPerText(foldedLabel);

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
  return value.indexOf('\n') < 0 ? value.trim() : value.replace(/\s*\n\s*/g, '').trim();
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
  const text = foldWidth(value)
    .replace(/[\s,，]/g, '')
    .replace(POINTS_AT_END, '');
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

const { digits: CHINESE_DIGITS, multipliers: CHINESE_MULTIPLIERS } = NUMBER_WORDS;
const POINTS_AT_END = new RegExp(`${NUMBER_WORDS.points}$`);
const CHINESE_NUMBER = new RegExp(
  `^([${Object.keys(CHINESE_DIGITS).join('')}${Object.keys(CHINESE_MULTIPLIERS).join('')}]+)` +
    `(?:${NUMBER_WORDS.point}([${Object.keys(CHINESE_DIGITS).join('')}]+))?$`,
);
const NUMBER_WITH_POINTS = new RegExp(`^([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))${NUMBER_WORDS.points}$`);

/** `九十` → 90, `十五` → 15, `一百` → 100, `八点五` → 8.5; null for anything else. */
export function chineseNumber(text: string): number | null {
  const match = CHINESE_NUMBER.exec(text);
  if (!match) return null;
  let whole = 0;
  let digit = 0;
  for (const ch of match[1]) {
    const multiplier = CHINESE_MULTIPLIERS[ch as keyof typeof CHINESE_MULTIPLIERS];
    if (multiplier !== undefined) {
      whole += (digit || 1) * multiplier;
      digit = 0;
    } else {
      digit = CHINESE_DIGITS[ch as keyof typeof CHINESE_DIGITS];
    }
  }
  whole += digit;
  if (!match[2]) return whole;
  return Number(`${whole}.${[...match[2]].map((ch) => CHINESE_DIGITS[ch as keyof typeof CHINESE_DIGITS]).join('')}`);
}

/**
 * A score or weight typed as words around a number: `8分`, `10.0 分`, `九十`. Excel's =SUM skips such
 * text, so the sheet's own total misses it. Returns the number it holds and why it is not a number.
 */
export function numberWrittenAsText(value: CellValue): { value: number; why: string } | null {
  if (typeof value !== 'string') return null;
  const text = foldWidth(value).replace(/[\s,，]/g, '');
  const withPoints = NUMBER_WITH_POINTS.exec(text);
  if (withPoints) return { value: Number(withPoints[1]), why: '带有“分”字' };
  const chinese = chineseNumber(text.replace(POINTS_AT_END, ''));
  if (chinese !== null) return { value: chinese, why: '用汉字书写' };
  return null;
}

const YEAR_PREFIX = new RegExp(`^(19|20)\\d{2}${NUMBER_WORDS.year}(?:${NUMBER_WORDS.wholeYear})?`);
const PROJECT_SUFFIX = new RegExp(`(${NUMBER_WORDS.projectSuffix})+$`);

/** A project name as two forms of the same project write it: no year prefix, quotes, spaces or 项目 suffix. */
export function projectKey(name: string | null): string {
  if (!name) return '';
  return foldWidth(name)
    .replace(/\s+/g, '')
    .replace(YEAR_PREFIX, '')
    .replace(/[“”"'‘’「」『』《》〈〉()（）【】[\]、，,.。·:：;；!！?？\-—–_]/g, '')
    .replace(PROJECT_SUFFIX, '');
}

/**
 * `work` remembered per text, for a classification asked of every short text cell: forms repeat their words
 * (headers, categories, the lines of stacked forms). Bounded: past `most` texts it starts afresh.
 */
export function rememberedPerText<T>(work: (text: string) => T, most = 20000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    // One lookup for a text seen before (an answer is undefined only when `work` says so).
    const seen = known.get(text);
    if (seen !== undefined || known.has(text)) return seen as T;
    if (known.size >= most) known.clear();
    const answer = work(text);
    known.set(text, answer);
    return answer;
  };
}
