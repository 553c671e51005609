import { numberOf, statedRateOf } from '../read/cell-numbers';
import { EPSILON, round2 } from '../sheet/precision';
import { toA1 } from '../sheet/address';
import type { BudgetLine, BudgetSection, SelfEvaluationForm } from '../read/form';
import { type Profile } from '../rules/profiles';
import type { FindingList } from '../rules/findings';
import type { BudgetFacts } from '../rules/facts';
import { runRules } from '../rules/run';
import { readNumber } from '../sheet/text';
import type { FormResult } from './form-result';

/** The 预算执行情况 section of a 自评表: its figures, its 执行率 and the budget line's score. */

interface BudgetSummary {
  weight: number | null;
  rate: number | null;
  usableScore: number | null;
  scoreSummary: FormResult['budgetScore'];
}

/**
 * The budget section worked out, and judged by the rules into `findings`; null: a budget the form only counts
 * (one read from another sheet, whose cells are not this sheet's to mark, or a 部门整体 form's, whose rules are
 * 项目支出 rules), so no rule is run on it.
 */
export function checkBudget(form: SelfEvaluationForm, profile: Profile, findings: FindingList | null): BudgetSummary {
  const section = form.budget;
  const line = section?.total ?? null;
  if (!section || !line) {
    return {
      weight: null,
      rate: null,
      usableScore: null,
      scoreSummary: { cell: null, declared: null, expected: null },
    };
  }
  const weight = numberOf(line.weight) ?? section.labelWeight;
  const budgeted = numberOf(line.budget);
  const executed = numberOf(line.executed);
  const rate = budgeted !== null && budgeted > 0 && executed !== null ? (executed / budgeted) * 100 : null;
  const score = budgetScore(section, line, weight ?? profile.budgetWeight, rate, profile);
  if (findings) runRules('budget', { profile, section, line, budgeted, executed, score }, findings);
  const declared = typeof score.written === 'number' ? score.written : null;
  const usable = declared !== null && declared >= 0 && declared <= score.weight + EPSILON ? declared : score.expected;
  return {
    weight,
    rate: rate === null ? null : round2(rate),
    usableScore: usable,
    scoreSummary: {
      cell: line.score ? toA1(line.score.row, line.score.col) : null,
      declared,
      expected: score.expected,
    },
  };
}

/** The budget row's 得分 under the profile: 执行率 × weight (capped), or full marks where the profile says so. */
function budgetScore(
  section: BudgetSection,
  line: BudgetLine,
  weight: number,
  rate: number | null,
  profile: Profile,
): BudgetFacts['score'] {
  const statedRate = line.rate ? (statedRateOf(line.rate, section.rateInPercentPoints)?.value ?? null) : null;
  const rateForScore = rate ?? statedRate;
  const expected =
    profile.budgetScoring === 'full'
      ? weight
      : rateForScore === null
        ? null
        : round2(Math.min(rateForScore / 100, 1) * weight);
  return { weight, rate: rateForScore, expected, written: line.score ? readNumber(line.score.value) : null };
}
