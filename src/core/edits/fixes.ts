import { parseA1 } from '../sheet/address';
import type { CellRead } from '../read/form';
import { isScored, type CheckedForm } from '../check/kinds';
import type { Finding } from '../rules/rules';
import { formatNumber } from '../sheet/text';

/** A wrong number (or grade) the engine knows the right value of, offered as one click: `改为 8.8`. */
export interface Fix {
  sheet: string;
  cell: string;
  value: number | string;
  label: string;
}

/**
 * The fix for a finding, where the engine knows the right value and the cell holds a plain value: a 总分 or
 * 评分等级 that does not match the scores, a budget score against the profile's rule, a missed quantitative
 * target's score by the formula, a score over its weight (capped at the weight). A formula is never replaced:
 * the user fixes the formula itself.
 */
export function fixFor(result: CheckedForm, finding: Finding): Fix | null {
  if (!isScored(result)) return null;
  const fix = (value: number | string | null, cell: CellRead | null | undefined, why = '') =>
    value === null || !cell || cell.formula !== null || !sameCell(cell, finding.cell)
      ? null
      : {
          sheet: result.sheet,
          cell: finding.cell,
          value,
          label: `改为 ${typeof value === 'number' ? formatNumber(value) : value}${why}`,
        };
  const form = result.form;
  switch (finding.rule) {
    case 'total-mismatch':
      return form.total?.inlineScore === null ? fix(result.total.computed, form.total.score) : null;
    case 'grade-mismatch':
      return form.grade?.inlineGrade === null ? fix(result.grade.computed, form.grade.value) : null;
    case 'budget-score-mismatch':
      return fix(result.budgetScore.expected, form.budget?.total?.score);
    case 'quantitative-score-mismatch': {
      const indicator = result.indicators.find((i) => i.row === finding.row);
      const row = form.indicators.find((r) => r.row === finding.row);
      return fix(indicator?.expectedScore ?? null, row?.score);
    }
    case 'score-exceeds-weight': {
      const indicator = result.indicators.find((i) => i.row === finding.row);
      const row = form.indicators.find((r) => r.row === finding.row);
      return fix(indicator?.weight ?? null, row?.score, '（分值）');
    }
    default:
      return null;
  }
}

function sameCell(cell: CellRead, address: string): boolean {
  const at = parseA1(address);
  return at !== null && at.row === cell.row && at.col === cell.col;
}
