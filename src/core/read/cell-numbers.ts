import type { CellRead } from './form';
import { EPSILON } from '../sheet/precision';
import { formatDecimals, foldWidth, isPercentFormat, readNumber } from '../sheet/text';

/** Numbers as a form's cells state them: a plain number, and a 执行率 with the precision it is shown to. */

export function numberOf(cell: CellRead | null): number | null {
  if (!cell) return null;
  const value = readNumber(cell.value);
  return typeof value === 'number' ? value : null;
}

export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || /e/i.test(text) ? 0 : text.length - dot - 1;
}

/** A stated 执行率 in percent points, with half a unit of its last shown digit as tolerance. */
export function statedRateOf(cell: CellRead, percentHeader: boolean): { value: number; tolerance: number } | null {
  const value = cell.value;
  if (typeof value === 'number') {
    const percentFormat = isPercentFormat(cell.numberFormat);
    const asFraction = percentFormat || (!percentHeader && value <= 1.5);
    const points = asFraction ? value * 100 : value;
    let decimals = formatDecimals(cell.numberFormat);
    if (decimals === null) decimals = Math.max(0, decimalsOf(value) - (asFraction ? 2 : 0));
    else if (asFraction && !percentFormat) decimals = Math.max(0, decimals - 2);
    return { value: points, tolerance: 0.5 * 10 ** -decimals + EPSILON };
  }
  if (typeof value !== 'string') return null;
  const text = foldWidth(value).replace(/\s/g, '');
  const match = /^([+-]?\d+(?:\.(\d+))?)(%?)$/.exec(text);
  if (!match) return null;
  const number = Number(match[1]);
  const decimals = match[2]?.length ?? 0;
  const asFraction = match[3] === '' && !percentHeader && number <= 1.5;
  return asFraction
    ? { value: number * 100, tolerance: 0.5 * 10 ** -Math.max(0, decimals - 2) + EPSILON }
    : { value: number, tolerance: 0.5 * 10 ** -decimals + EPSILON };
}
