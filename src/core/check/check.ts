import { isBlank } from '../sheet/grid';
import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import { type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';
import { runRules } from '../rules/run';
import { readTotal } from './total-readings';
import { readNumber } from '../sheet/text';
import { type TotalsConvention, type FormResult } from './form-result';
import { sumOf } from './check-values';
import { checkBudget } from './check-budget';
import { assessIndicator, isBlankAdjustment, droppedIndicator } from './check-indicator';
import {
  totalWithUnreadBudget,
  budgetLeftUnread,
  declaredTotal,
  totalCheck,
  gradeCheck,
  judgedResult,
} from './check-totals';
import { checkDepartmentForm } from './check-department';
export function checkForm(form: SelfEvaluationForm, profile: Profile): FormResult {
  if (form.kind !== 'self-evaluation') return checkDepartmentForm(form, profile);
  const findings = new FindingList({ kind: form.kind, options: profile });
  // A budget read from another sheet counts in the total; its cells are not this sheet's to mark.
  const budget = checkBudget(form, profile, form.budgetSheet ? null : findings);
  // Only Shanxi's profile leaves rows unscored, and only in a form that adjusts some targets.
  const adjusting =
    profile.blankAdjustedUnscored === true &&
    form.indicators.some((row) => row.adjustedTarget && !isBlank(row.adjustedTarget.value));
  const unscored = (row: IndicatorRow) => adjusting && isBlankAdjustment(row);
  const indicators = form.indicators.map((row) =>
    unscored(row) ? droppedIndicator(row) : assessIndicator(row, profile, findings),
  );
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
  // Read net of 扣减分数 (as the systems store 得分), a larger 扣减 is no error.
  if (sum.said !== null && sum.net) findings.remove('deduction-exceeds-score');
  const unreadBudget = budgetUnread ? { weight: budgetWeight, indicatorsTotal: sum.capped } : null;
  runRules('reading', { form, executionRate: budget.rate, chosenReading: sum.said, unreadBudget }, findings);
  const computed = budgetUnread ? totalWithUnreadBudget(form, sum.capped, budgetWeight) : sum.capped;
  const total = totalCheck(form, computed, budgetUnread ? budgetWeight : null, sum.asWritten);
  const exact = budgetUnread ? computed : sum.exact;
  const grade = gradeCheck(form, exact, profile, sum.asWritten === null);
  const weightsSum = weightsKnown ? { sum: weightSum, budgetWeight } : null;
  return judgedResult(form, profile, findings, { convention, budget, indicators, weights: weightsSum, total, grade });
}
