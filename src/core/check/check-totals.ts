import { round2 } from '../sheet/precision';
import { toA1 } from '../sheet/address';
import type { FindingList } from '../rules/findings';
import { runRules } from '../rules/run';
import { withRemedies } from '../rules/remedies';
import type { SelfEvaluationForm } from '../read/form';
import { gradeFor, type Profile } from '../rules/profiles';
import type { GradeCheck, IndicatorAssessment, TotalCheck, TotalsFacts, TotalSummary } from '../rules/facts';
import { displayText, normaliseLabel, readNumber } from '../sheet/text';
import { formResult, type FormResult, type TotalsConvention } from './form-result';

/** A 自评表 as a whole: its weights, repeated indicators, the weights stated per level, its 总分 and its 评分等级. */

/**
 * The total when the indicators leave the budget's points out and no budget lines were read (a layout not
 * recognised, or none on the sheet): the declared total stands if the budget's points could explain it, else
 * the nearest total they could (the budget-unread rule tells the user the budget part was not checked).
 */
export function totalWithUnreadBudget(
  form: SelfEvaluationForm,
  indicatorsTotal: number | null,
  budgetWeight: number,
): number | null {
  if (indicatorsTotal === null) return null;
  const written = declaredTotal(form);
  // Nothing written: no total can be given (a filled-in 总分 would leave the budget's points out).
  if (written === null) return null;
  return Math.min(Math.max(written, indicatorsTotal), round2(indicatorsTotal + budgetWeight));
}

/** Weights that leave the budget's points out, and no budget lines read: those points cannot be checked. */
export function budgetLeftUnread(
  form: SelfEvaluationForm,
  weights: ReadonlyArray<number | null>,
  sums: { weightSum: number; budgetWeight: number; totalWeight: number },
): boolean {
  const { weightSum, budgetWeight, totalWeight } = sums;
  const budgetLeft = budgetWeight > 0 && Math.abs(weightSum + budgetWeight - totalWeight) < 0.01;
  return !form.budget && weights.length > 0 && weights.every((w) => w !== null) && budgetLeft;
}

/** The declared 总分 as a number, if the form writes one. */
export function declaredTotal(form: SelfEvaluationForm): number | null {
  const written = form.total?.inlineScore ?? readNumber(form.total?.score?.value ?? null);
  return typeof written === 'number' ? written : null;
}

// ---- 总分 and 评分等级 ------------------------------------------------------------------------------

/** The 总分 as the form writes it, beside the one the scores make. */
export function totalCheck(
  form: SelfEvaluationForm,
  computed: number | null,
  unreadBudget: number | null = null,
  asWritten: number | null = null,
): { summary: TotalSummary; check: TotalCheck | null } {
  const cell = form.total?.score ?? null;
  if (!cell) return { summary: { cell: null, declared: null, computed }, check: null };
  const written = form.total?.inlineScore ?? readNumber(cell.value);
  const declared = typeof written === 'number' ? written : null;
  return {
    summary: { cell: toA1(cell.row, cell.col), declared, computed },
    check: { cell, written, computed, unreadBudget, asWritten },
  };
}

const GRADE_SYNONYMS: Record<string, string> = {
  优秀: '优',
  良好: '良',
  中等: '中',
  较差: '差',
  合格: '中',
  不合格: '差',
};

/** The 评分等级 as the form writes it, beside the one the total makes under the profile. */
export function gradeCheck(
  form: SelfEvaluationForm,
  computedTotal: number | null,
  profile: Profile,
  fillable = true,
): { summary: FormResult['grade']; check: GradeCheck | null } {
  const computed = computedTotal === null ? null : gradeFor(computedTotal, profile);
  const cell = form.grade?.value ?? null;
  if (!cell) return { summary: { cell: null, declared: null, computed }, check: null };
  const text = form.grade?.inlineGrade ?? normaliseLabel(cell.value);
  const shown = form.grade?.inlineGrade ?? displayText(cell.value);
  const declared = GRADE_SYNONYMS[text] ?? text;
  return {
    summary: { cell: toA1(cell.row, cell.col), declared: text === '' ? null : shown, computed },
    check: { cell, text, shown, declared, computed, computedTotal, fillable },
  };
}

// ---- helpers -----------------------------------------------------------------------------------

/** What the engine worked out of a 自评表, for the rules' last two moments and the result. */
export interface WorkedForm {
  convention: TotalsConvention;
  budget: { rate: number | null; scoreSummary: FormResult['budgetScore'] };
  indicators: IndicatorAssessment[];
  weights: TotalsFacts['weights'];
  total: ReturnType<typeof totalCheck>;
  grade: ReturnType<typeof gradeCheck>;
}

/**
 * The form's sums judged by the rules (the `totals` moment; then `form`, whose rules only 项目支出 forms have),
 * and the form's result with its findings.
 */
export function judgedResult(
  form: SelfEvaluationForm,
  profile: Profile,
  findings: FindingList,
  worked: WorkedForm,
): FormResult {
  const { convention, budget, indicators, weights, total, grade } = worked;
  runRules('totals', { profile, form, indicators, weights, total: total.check, grade: grade.check }, findings);
  runRules('form', { profile, form, indicators, executionRate: budget.rate, total: total.summary }, findings);
  const result = formResult(form, profile, {
    convention,
    executionRate: budget.rate,
    budgetScore: budget.scoreSummary,
    total: total.summary,
    grade: grade.summary,
    indicators,
    findings: [],
  });
  return { ...result, findings: withRemedies(result, findings.sorted()) };
}
