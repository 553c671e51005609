import { isBlank } from '../sheet/grid';
import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import { type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';
import { runRules } from '../rules/run';
import { readTotal } from './total-readings';
import { displayText, formatNumber, readNumber } from '../sheet/text';
import { formResult, type TotalsConvention, type FormResult } from './form-result';
import { sumOf } from './check-values';
import { checkBudget } from './check-budget';
import { assessIndicator, isBlankAdjustment, droppedIndicator } from './check-indicator';
import {
  totalWithUnreadBudget,
  budgetLeftUnread,
  declaredTotal,
  sayReading,
  totalCheck,
  gradeCheck,
} from './check-totals';
import { checkDepartmentForm } from './check-department';
export function checkForm(form: SelfEvaluationForm, profile: Profile): FormResult {
  if (form.kind !== 'self-evaluation') return checkDepartmentForm(form, profile);
  const findings = new FindingList({ kind: form.kind, options: profile });
  // A budget read from another sheet counts in the total; its cells are not this sheet's to mark.
  const budget = checkBudget(form, profile, form.budgetSheet ? new FindingList() : findings);
  sayBudgetSheet(form, budget.rate, findings);
  // Only Shanxi's profile leaves rows unscored, and only in a form that adjusts some targets.
  const adjusting =
    profile.blankAdjustedUnscored === true &&
    form.indicators.some((row) => row.adjustedTarget && !isBlank(row.adjustedTarget.value));
  const unscored = (row: IndicatorRow) => adjusting && isBlankAdjustment(row);
  const indicators = form.indicators.map((row) =>
    unscored(row) ? droppedIndicator(row) : assessIndicator(row, profile, findings),
  );
  sayUncertainRows(form, findings);
  // A target dropped during the year is not scored: its row is left out of every sum.
  const counted = indicators.filter((i) => !i.dropped);
  const droppedWeight = sumOf(indicators.filter((i) => i.dropped).map((i) => i.weight));
  const weights = counted.map((i) => i.weight);
  // The weights as the form set them, dropped targets included: what 100 or 90 is asked of.
  const weightSum = sumOf(weights) + droppedWeight;
  const declaredTotalWeight = form.total ? readNumber(form.total.weight?.value ?? null) : null;
  const totalWeight = typeof declaredTotalWeight === 'number' ? declaredTotalWeight : 100;
  const budgetWeight = budget.weight ?? profile.budgetWeight;
  const convention: TotalsConvention =
    form.budget && Math.abs(weightSum + budgetWeight - totalWeight) < Math.abs(weightSum - totalWeight)
      ? 'budget-included'
      : 'indicators-only';
  const weightsKnown = counted.length > 0 && weights.every((w) => w !== null);

  const budgetUnread = budgetLeftUnread(form, weights, { weightSum, budgetWeight, totalWeight });
  const sum = readTotal({
    counted,
    budgetPart: budgetUnread || convention !== 'budget-included' ? 0 : budget.usableScore,
    droppedWeight,
    scale: convention === 'budget-included' ? weightSum + budgetWeight : weightSum,
    declared: budgetUnread ? null : declaredTotal(form),
  });
  sayReading(form, sum, findings);
  const computed = budgetUnread ? totalWithUnreadBudget(form, sum.capped, budgetWeight, findings) : sum.capped;
  const total = totalCheck(form, computed, budgetUnread ? budgetWeight : null, sum.asWritten);
  const exact = budgetUnread ? computed : sum.exact;
  const grade = gradeCheck(form, exact, profile, sum.asWritten === null);
  const weightsSum = weightsKnown ? { sum: weightSum, budgetWeight } : null;
  runRules(
    'totals',
    { profile, form, indicators, weights: weightsSum, total: total.check, grade: grade.check },
    findings,
  );
  runRules('form', { profile, form, indicators, executionRate: budget.rate, total: total.summary }, findings);

  return formResult(form, profile, {
    convention,
    executionRate: budget.rate,
    budgetScore: budget.scoreSummary,
    total: total.summary,
    grade: grade.summary,
    indicators,
    findings: findings.sorted(),
  });
}

/** A budget read from a sheet of its own (a form over two sheets), said where the total is. */
function sayBudgetSheet(form: SelfEvaluationForm, rate: number | null, findings: FindingList): void {
  if (!form.budgetSheet || !form.budget?.total) return;
  const shown = rate === null ? '' : `（执行率 ${formatNumber(rate)}%）`;
  const message = `预算执行情况读自工作表「${form.budgetSheet}」${shown}，计入总分；该表的单元格未标注，请一并核对`;
  findings.add('reading-chosen', form.total?.score ?? { row: form.range.top, col: form.range.left }, message);
}

/** Rows the reading set aside (a bare name among scored rows), said once at the first. */
function sayUncertainRows(form: SelfEvaluationForm, findings: FindingList): void {
  const rows = form.uncertainRows ?? [];
  if (rows.length === 0) return;
  const listed = rows.map((cell) => `第 ${cell.row} 行「${displayText(cell.value)}」`).join('、');
  const message = `${listed}只有指标名称，没有指标值、分值和得分：无法确定是未填写的指标还是上下行名称的续写，未计入总分；请核对`;
  findings.add('reading-uncertain', rows[0], message);
}
