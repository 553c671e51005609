import { wordsPattern } from '../vocabulary/words';
import {
  NEGATION,
  APPROXIMATE_WORDS,
  OPERATOR_CODE,
  OPERATOR_SPELLINGS,
  OPERATOR_SUFFIXES,
  QUALITATIVE_DEGREE_WORDS,
  QUALITATIVE_WORDS,
  UNIT_SCALES,
  VALUE_FILLER_PREFIXES,
} from '../vocabulary/value-words';
import type { CellValue } from '../sheet/grid';
import { foldWidth, isPercentFormat, rememberedPerText } from '../sheet/text';

/** Comparison a target asks for; `null` when the cell gives a bare value (`100%`). */
export type Operator = '>=' | '>' | '<=' | '<' | '=';

export type IndicatorValue =
  | { kind: 'empty' }
  | {
      kind: 'quantitative';
      operator: Operator | null;
      /** Percentages are in percent points: `95%`, `95.00(百分比)` and 0.95 with a % format are all 95. */
      value: number;
      unit: string | null;
      text: string;
    }
  | { kind: 'qualitative'; text: string };

/** The spellings of each operator by the character they start with, in the vocabulary's order. */
const SPELLINGS_BY_FIRST = indexedBy(OPERATOR_SPELLINGS, (spelling) => spelling.charAt(0));
/** The comparison words after a number by the character they end with, in the vocabulary's order. */
const SUFFIXES_BY_LAST = indexedBy(OPERATOR_SUFFIXES, (suffix) => suffix.charAt(suffix.length - 1));

const NO_WORDS: ReadonlyArray<readonly [Operator, string]> = [];

/**
 * Each word of a vocabulary's (operator, words) entries under a key, the vocabulary's order kept: a value is
 * compared only with the words that can start (or end) it — this runs on every target and actual value.
 */
function indexedBy<Op extends Operator>(
  entries: ReadonlyArray<readonly [Op, readonly string[]]>,
  keyOf: (word: string) => string,
): Map<string, Array<readonly [Op, string]>> {
  const index = new Map<string, Array<readonly [Op, string]>>();
  for (const [operator, words] of entries)
    for (const word of words) {
      const key = keyOf(word);
      const list = index.get(key);
      if (list) list.push([operator, word]);
      else index.set(key, [[operator, word]]);
    }
  return index;
}

/** The operator a value starts with, and the rest; a budget system's code before it (`004 >=`) is dropped. */
export function splitOperator(text: string): { operator: Operator | null; rest: string } {
  // The code is digits: a value that starts otherwise has none.
  const first = text.charCodeAt(0);
  const rest = first >= 48 && first <= 57 ? text.replace(OPERATOR_CODE, '') : text;
  for (const [operator, spelling] of SPELLINGS_BY_FIRST.get(rest.charAt(0)) ?? NO_WORDS)
    if (rest.startsWith(spelling)) return { operator, rest: rest.slice(spelling.length) };
  return { operator: null, rest: text };
}

/** A value without the words before its number that only say it was done (`已完成520人次` → `520人次`). */
function withoutFiller(text: string): string {
  for (const filler of VALUE_FILLER_PREFIXES)
    if (text.startsWith(filler) && /^[\d.]/.test(text.slice(filler.length))) return text.slice(filler.length);
  return text;
}

/** A unit without the words that make its number approximate: `余人次` → `人次`, `人次左右` → `人次`. */
function withoutApproximation(tail: string): string {
  let unit = tail;
  for (const word of APPROXIMATE_WORDS) {
    if (unit.startsWith(word)) unit = unit.slice(word.length);
    if (unit.endsWith(word)) unit = unit.slice(0, -word.length);
  }
  return unit;
}

/** What follows the number without a comparison word at its end (`个以上` → `个`, `>=`). */
function splitOperatorSuffix(tail: string): { operator: Operator | null; rest: string } {
  for (const [operator, suffix] of SUFFIXES_BY_LAST.get(tail.charAt(tail.length - 1)) ?? NO_WORDS)
    if (tail.endsWith(suffix)) return { operator, rest: tail.slice(0, -suffix.length) };
  return { operator: null, rest: tail };
}

const BRACKET = /[(（[【)）\]】]/;

/** Units that name a share of something: these count as percentages. */
const PERCENT_UNITS = new Set(['%', '％', '百分比', '百分点', 'percent']);

/**
 * Parse a 年度指标值 / 实际完成值 cell. Numbers with a percent number format are stored as fractions
 * (1 = 100%) and are turned into percent points so they compare with text like `100.00(%)`.
 */
export function parseIndicatorValue(value: CellValue, numberFormat: string | null = null): IndicatorValue {
  if (value === null) return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'qualitative', text: value ? '是' : '否' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'empty' };
    if (isPercentFormat(numberFormat)) {
      return {
        kind: 'quantitative',
        operator: null,
        value: roundPoints(value * 100),
        unit: '%',
        text: `${roundPoints(value * 100)}%`,
      };
    }
    return { kind: 'quantitative', operator: null, value, unit: null, text: String(value) };
  }
  // A copy: the value read is the caller's to keep (an assessment holds it), the remembered one is shared.
  return { ...textValue(value) };
}

/**
 * A value written as text, worked out once per text: the same targets (`≥95%`, `100%`, `是`) stand in many forms of a
 * batch, and each takes several patterns to read.
 */
const textValue = rememberedPerText(parseTextValue);

function parseTextValue(value: string): IndicatorValue {
  const text = foldWidth(value).replace(/\s+/g, '').trim();
  if (text === '' || /^[-—–─/]+$/.test(text)) return { kind: 'empty' };

  const { operator, rest } = splitOperator(withoutFiller(text));
  const match = /^([+-]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+))(.*)$/.exec(rest);
  if (!match) return { kind: 'qualitative', text };
  const number = Number(match[1].replace(/,/g, ''));
  const suffix = splitOperatorSuffix(match[2]);
  const unit = cleanUnit(suffix.rest);
  if (unit === undefined) return { kind: 'qualitative', text };
  return { kind: 'quantitative', operator: operator ?? suffix.operator, value: number, unit, text };
}

/**
 * The unit after a number: `(个)`, `（百分比）`, `个`, `%`, `万元`. Returns undefined when what
 * follows is prose rather than a unit (`16个区全覆盖` is still quantitative: only the unit is kept).
 */
function cleanUnit(tail: string): string | null | undefined {
  let unit = withoutApproximation(tail);
  // Most units have no brackets at all (`%`, `个`).
  if (BRACKET.test(unit))
    unit = unit
      // A remark in brackets after the unit: `520人次（超额完成）`.
      .replace(/^([^(（]+)[(（][^)）]{2,}[)）]$/, '$1')
      .replace(/^[(（[【]/, '')
      .replace(/[)）\]】]$/, '');
  unit = unit.trim();
  if (unit === '') return null;
  if (unit === '％') unit = '%';
  if (/^%/.test(unit)) return '%';
  // A unit is short (a rate per thing, `元/平方米`, a little longer); a long tail is a sentence with a number
  // in it, which we treat as prose.
  const longest = unit.includes('/') ? 8 : 4;
  if (unit.length > longest || /\d/.test(unit)) return undefined;
  return unit;
}

function roundPoints(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export function isPercentUnit(unit: string | null): boolean {
  return unit !== null && PERCENT_UNITS.has(unit);
}

/** Units that count things: a 满意度 or 率 indicator measured in these has the wrong unit. */
const COUNT_UNITS = new Set([
  '次',
  '场',
  '个',
  '篇',
  '人',
  '人次',
  '件',
  '部',
  '条',
  '区',
  '项',
  '家',
  '期',
  '所',
  '本',
  '册',
  '台',
  '套',
  '户',
  '名',
  '批',
  '处',
  '座',
  '份',
  '天',
  '月',
  '年',
  '小时',
  '万元',
  '元',
  '千元',
  '亿元',
]);

export function isCountUnit(unit: string | null): boolean {
  return unit !== null && COUNT_UNITS.has(unit);
}

/** Two units that say the same thing (`%` and `百分比`; `人` and `人次` are kept apart on purpose). */
export function sameUnit(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  if (isPercentUnit(a) && isPercentUnit(b)) return true;
  return a === b;
}

/** A unit as a scale of a base unit: `亿元` is 1e8 元, `万人次` 1e4 人次, `亿` 1e8 of nothing named. */
function scaledUnit(unit: string): { factor: number; base: string } {
  for (const [word, factor] of Object.entries(UNIT_SCALES)) {
    if (unit.startsWith(word) && unit.length > 0) return { factor, base: unit.slice(word.length) };
  }
  return { factor: 1, base: unit };
}

/**
 * What a value in unit `from` is multiplied by to be in unit `to` (1 for the same unit or an unstated one),
 * or null when the units measure different things.
 */
export function unitFactor(from: string | null, to: string | null): number | null {
  if (sameUnit(from, to)) return 1;
  const a = scaledUnit(from as string);
  const b = scaledUnit(to as string);
  return a.base === b.base ? a.factor / b.factor : null;
}

/** How far a qualitative actual value reaches its target: the three bands of the scoring rules. */
export type QualitativeLevel = 'achieved' | 'partial' | 'poor';

const POOR = wordsPattern(QUALITATIVE_WORDS.poor);
const PARTIAL = wordsPattern(QUALITATIVE_WORDS.partial);
const ACHIEVED = wordsPattern(QUALITATIVE_WORDS.achieved);
const STRONG_DEGREE = wordsPattern(QUALITATIVE_DEGREE_WORDS.strong);
const WEAK_DEGREE = wordsPattern(QUALITATIVE_DEGREE_WORDS.weak);

export function qualitativeLevel(actual: string, target: string | null): QualitativeLevel | null {
  const a = foldWidth(actual).replace(/\s+/g, '');
  if (a === '') return null;
  if (target !== null && a === foldWidth(target).replace(/\s+/g, '')) return 'achieved';
  if (POOR.test(a) || NEGATION.test(a)) return 'poor';
  if (PARTIAL.test(a) || weakerThanAsked(a, target)) return 'partial';
  if (ACHIEVED.test(a)) return 'achieved';
  return null;
}

/** `逐步改善` for a target of `明显改善`: a weak degree where the target asks a strong one. */
function weakerThanAsked(actual: string, target: string | null): boolean {
  return target !== null && STRONG_DEGREE.test(target) && WEAK_DEGREE.test(actual) && !STRONG_DEGREE.test(actual);
}

/**
 * A share written as a fraction beside one written in percent (`0.96` against `≥95%`, or `≥0.95` against `96%`):
 * the fraction in percent points, or null when the value is no such fraction. A percent cell that lost its format
 * shows exactly this, and read as it stands 0.96 misses 95 %.
 */
export function fractionAsPercent(value: IndicatorValue, other: IndicatorValue): IndicatorValue | null {
  if (value.kind !== 'quantitative' || other.kind !== 'quantitative') return null;
  if (value.unit !== null || !isPercentUnit(other.unit) || other.value <= 1) return null;
  if (value.value <= 0 || value.value > 1) return null;
  return { ...value, value: roundPoints(value.value * 100), unit: '%' };
}

/** A value as written, for messages and results (nothing for an empty cell). */
export function valueText(value: IndicatorValue): string {
  return value.kind === 'empty' ? '' : value.text;
}
