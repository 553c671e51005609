import { indicatorLabel } from '../rules/wording';
import { round2 } from '../sheet/precision';
import { isBlank } from '../sheet/grid';
import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import { type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';
import type { NumberRead, TotalsFacts } from '../rules/facts';
import { runRules } from '../rules/run';
import { NO_SUM, scoreSum } from './total-readings';
import { type IndicatorAssessment, type FormResult } from './form-result';
import { sumOf, readScoreNumber, unjudgedAssessment } from './check-values';
import { checkBudget } from './check-budget';
import { gradeCheck, judgedResult, totalCheck } from './check-totals';

/** 部门整体支出 自评表 and 共性指标 scoring tables: weights and scores, no targets judged. */

/**
 * A 部门整体支出绩效自评表 / 评价得分表 gets only the checks that hold for any scored form: valid scores
 * within their weights, 总分 and 评分等级. The 项目支出 rules (targets, reasons, weights) do not apply.
 */
export function checkDepartmentForm(form: SelfEvaluationForm, profile: Profile): FormResult {
  const findings = new FindingList({ kind: form.kind, options: profile });
  const indicators = form.indicators.map((row) => assessDepartmentIndicator(row, findings));
  // The budget line's score counts when the weights leave room for it; its own checks are 项目支出 rules.
  const budget = checkBudget(form, profile, null);
  const weightSum = indicators.reduce((sum, i) => sum + (i.weight ?? 0), 0);
  const budgetWeight = budget.weight ?? profile.budgetWeight;
  const withBudget =
    form.budget !== null &&
    budget.usableScore !== null &&
    Math.abs(weightSum + budgetWeight - 100) < Math.abs(weightSum - 100);
  const scored = indicators.filter((i) => i.weight !== null || i.score !== null);
  const sum =
    scored.length === 0 || scored.some((i) => i.score === null)
      ? NO_SUM
      : scoreSum(scored, (i) => i.score ?? 0, withBudget ? (budget.usableScore ?? 0) : 0);
  const total = totalCheck(form, sum.capped, null, sum.asWritten);
  const grade = gradeCheck(form, sum.exact, profile, sum.asWritten === null);
  const convention = withBudget ? 'budget-included' : 'indicators-only';
  const weights = commonWeights(form, indicators);
  return judgedResult(form, profile, findings, { convention, budget, indicators, weights, total, grade });
}

/** The 共性指标 table's 三级 weights add up to 100 (a 部门整体 form's weights are often given per group only). */
function commonWeights(form: SelfEvaluationForm, indicators: readonly IndicatorAssessment[]): TotalsFacts['weights'] {
  const weights = indicators.map((i) => i.weight);
  if (form.kind !== 'common-indicators' || weights.length === 0 || weights.some((w) => w === null)) return null;
  return { sum: round2(sumOf(weights)), budgetWeight: null };
}

function assessDepartmentIndicator(row: IndicatorRow, findings: FindingList): IndicatorAssessment {
  const label = indicatorLabel(row);
  const numberProblems: NumberRead[] = [];
  // Weights are often given per group only: a blank one is no error here.
  const weight =
    row.weight && !isBlank(row.weight.value) ? readScoreNumber(row.weight, `${label}的分值`, numberProblems) : null;
  const score =
    row.score && (weight !== null || !isBlank(row.score.value))
      ? readScoreNumber(row.score, `${label}的得分`, numberProblems)
      : null;
  runRules('scoredRow', { row, label, weight, score, numberProblems }, findings);
  return unjudgedAssessment(row, weight, score);
}

// ---- budget ------------------------------------------------------------------------------------
