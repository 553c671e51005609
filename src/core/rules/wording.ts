import type { BudgetLine, CellRead, IndicatorRow } from '../read/form';
import type { DeclarationIndicator } from '../read/declaration';
import { displayText, formatDecimals, formatNumber, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { COMPONENT_PREFIX_WORDS } from '../vocabulary/form-words';

/** How findings name what they are about: an indicator, a budget line, an amount as the sheet shows it. */

const COMPONENT_PREFIX = wordsPattern(COMPONENT_PREFIX_WORDS);

/** How a finding names an indicator: its 三级指标, else its 二级 / 一级 label and row. */
export function indicatorLabel(row: IndicatorRow): string {
  const name = displayText(row.name.value);
  if (name !== '') return `指标「${name}」`;
  const level = row.level2 || row.level1;
  return level ? `「${level}」下第 ${row.row} 行的指标` : `第 ${row.row} 行的指标`;
}

/** How a finding names a declared indicator: its name, else its level and row. */
export function declarationLabel(indicator: DeclarationIndicator): string {
  const name = displayText(indicator.name.value);
  return name
    ? `指标「${name}」`
    : `「${indicator.level2 || indicator.level1 || '绩效指标'}」下第 ${indicator.row} 行的指标`;
}

/** A budget part's name without the word that lists it under the total (`其中：财政拨款` → `财政拨款`). */
export function partName(label: string): string {
  return label.replace(COMPONENT_PREFIX, '');
}

/** How a finding names a budget line: `「年度资金总额」`, `「当年财政拨款」`. */
export function lineName(line: BudgetLine, fallback = '预算执行情况'): string {
  const name = partName(line.label);
  return name !== '' ? `「${name}」` : fallback;
}

/** An amount as the sheet shows it: the cell's own text, or its number format's decimals and thousands separators. */
export function moneyText(value: number, like: CellRead | null, unit: string): string {
  if (like && typeof like.value === 'string' && readNumber(like.value) === value)
    return `${displayText(like.value)} ${unit}`;
  const format = like?.numberFormat ?? null;
  const decimals = formatDecimals(format);
  const digits = decimals === null ? formatNumber(value) : value.toFixed(decimals);
  return `${format && /#,##|0,0/.test(format) ? groupThousands(digits) : digits} ${unit}`;
}

function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
