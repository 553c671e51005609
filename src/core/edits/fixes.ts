import { parseA1 } from '../sheet/address';
import type { CellRead } from '../read/form';
import { isScored, type CheckedForm } from '../check/kinds';
import { remedyOf, type Finding, type RulesWithRemedy } from '../rules/rules';
import type { FormResult } from '../check/form-result';
import { formatNumber } from '../sheet/text';

/** A wrong number (or grade) the engine knows the right value of, offered as one click: `改为 8.8`. */
export interface Fix {
  sheet: string;
  cell: string;
  value: number | string;
  label: string;
}

/** What a fixer has: the checked 自评表 and the finding (its row and cell). */
type ScoredResult = Extract<CheckedForm, { kind: FormResult['kind'] }>;
/** The right value for the finding's cell, and which cell the form read it from (null: no fix). */
type Fixer = (
  result: ScoredResult,
  finding: Finding,
) => { value: number | string | null; cell: CellRead | null | undefined; why?: string } | null;

const indicatorAt = (result: ScoredResult, finding: Finding) => ({
  indicator: result.indicators.find((i) => i.row === finding.row),
  row: result.form.indicators.find((r) => r.row === finding.row),
});

/** One fixer for each rule the catalogue says is fixed in one click (`remedy: 'fix'`), and for no other. */
const FIXERS: Record<RulesWithRemedy<'fix'>, Fixer> = {
  'total-mismatch': ({ form, total }) =>
    form.total?.inlineScore === null ? { value: total.computed, cell: form.total.score } : null,
  'grade-mismatch': ({ form, grade }) =>
    form.grade?.inlineGrade === null ? { value: grade.computed, cell: form.grade.value } : null,
  'budget-score-mismatch': ({ form, budgetScore }) => ({
    value: budgetScore.expected,
    cell: form.budget?.total?.score,
  }),
  'quantitative-score-mismatch': (result, finding) => {
    const { indicator, row } = indicatorAt(result, finding);
    return { value: indicator?.expectedScore ?? null, cell: row?.score };
  },
  'score-exceeds-weight': (result, finding) => {
    const { indicator, row } = indicatorAt(result, finding);
    return { value: indicator?.weight ?? null, cell: row?.score, why: '（分值）' };
  },
};

/**
 * The fix for a finding, where the engine knows the right value and the cell holds a plain value: a 总分 or
 * 评分等级 that does not match the scores, a budget score against the profile's rule, a missed quantitative
 * target's score by the formula, a score over its weight (capped at the weight). A formula is never replaced:
 * the user fixes the formula itself.
 */
export function fixFor(result: CheckedForm, finding: Finding): Fix | null {
  if (!isScored(result) || remedyOf(finding.rule) !== 'fix') return null;
  const found = FIXERS[finding.rule as RulesWithRemedy<'fix'>](result, finding);
  if (!found) return null;
  const { value, cell, why = '' } = found;
  if (value === null || !cell || cell.formula !== null || !sameCell(cell, finding.cell)) return null;
  const shown = typeof value === 'number' ? formatNumber(value) : value;
  return { sheet: result.sheet, cell: finding.cell, value, label: `改为 ${shown}${why}` };
}

function sameCell(cell: CellRead, address: string): boolean {
  const at = parseA1(address);
  return at !== null && at.row === cell.row && at.col === cell.col;
}
