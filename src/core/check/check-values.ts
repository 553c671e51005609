import { round2 } from '../sheet/precision';
import { NO_REASON_MARK } from '../vocabulary/value-words';
import { isBlank } from '../sheet/grid';
import type { CellRead, IndicatorRow } from '../read/form';
import type { NumberRead } from '../rules/facts';
import { toA1 } from '../sheet/address';
import type { IndicatorAssessment } from './form-result';
import { displayText, normaliseLabel, numberWrittenAsText, readNumber } from '../sheet/text';

/** A 自评表's cells as the engine reads them to work the form out: scores and weights, reasons, unjudged rows. */

export function sumOf(values: ReadonlyArray<number | null>): number {
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

export function isEmptyCell(cell: CellRead | null | undefined): boolean {
  return !cell || (isBlank(cell.value) && cell.formula === null);
}

/**
 * A weight or score as a number; a missing, non-numeric or negative one is noted among `problems` (the
 * `score-invalid` rule says them). Text that only looks like a number (`8分`, `九十`) is one too, since Excel's
 * =SUM skips it, but the number it holds is what the form means and is used for the total.
 */
export function readScoreNumber(cell: CellRead | null, what: string, problems: NumberRead[]): number | null {
  if (!cell) return null;
  const written = numberWrittenAsText(cell.value);
  if (written) {
    problems.push({ cell, what, problem: { kind: 'text', why: written.why, value: written.value } });
    return written.value;
  }
  const value = readNumber(cell.value);
  if (value === null) {
    if (cell.formula === null) problems.push({ cell, what, problem: { kind: 'blank' } });
    return null;
  }
  if (value === undefined) {
    problems.push({ cell, what, problem: { kind: 'not-number' } });
    return null;
  }
  if (value < 0) {
    problems.push({ cell, what, problem: { kind: 'negative', value } });
    return null;
  }
  return value;
}

/** A deviation cell that says nothing: blank, `0`, `/`, `无`, a dash. */
export function isNoReason(value: CellRead['value']): boolean {
  if (isBlank(value) || value === 0) return true;
  return NO_REASON_MARK.test(normaliseLabel(value));
}

/** A row shown with its weight and score but no judgement of its target (部门整体 forms, dropped targets). */
export function unjudgedAssessment(
  row: IndicatorRow,
  weight: number | null,
  score: number | null,
): IndicatorAssessment {
  return {
    row: row.row,
    level1: row.level1,
    level2: row.level2,
    name: displayText(row.name.value),
    nameCell: toA1(row.name.row, row.name.col),
    target: row.target ? displayText(row.target.value) : '',
    actual: row.actual ? displayText(row.actual.value) : '',
    weight,
    score,
    status: 'unknown',
    qualitativeLevel: null,
    expectedScore: null,
    pointsLost: weight !== null && score !== null ? round2(Math.max(0, weight - score)) : null,
    reasonCell: row.reason ? toA1(row.reason.row, row.reason.col) : null,
    reason: row.reason ? displayText(row.reason.value) : '',
  };
}
