import { wordsPattern } from '../vocabulary/words';
import { SPENDING_NAME_WORDS } from '../vocabulary/table-words';
import { inCategory } from '../read/labels';
import type { FormResult, IndicatorAssessment } from './form-result';
import { isCostIndicator } from './check-cost';
import type { FindingList } from '../rules/findings';
import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import { isBlank } from '../sheet/grid';
import type { IndicatorValue } from '../read/indicator-value';
import type { Profile } from '../rules/profiles';
import { displayText, formatNumber, normaliseLabel } from '../sheet/text';

/**
 * The checks that regional profiles and reviewers add (docs/SPECIFICATION.md §4). Each runs only when the profile
 * turns its option on, so the national profile's results never change.
 */
export interface IndicatorFacts {
  row: IndicatorRow;
  label: string;
  target: IndicatorValue;
  actual: IndicatorValue;
  status: IndicatorAssessment['status'];
  reasonBlank: boolean;
}

export function checkIndicatorOptions(facts: IndicatorFacts, profile: Profile, findings: FindingList): void {
  checkOverachievement(facts, profile, findings);
  if (profile.comparisonReview) checkComparison(facts, findings);
  if (profile.reviewChecks) checkAnswers(facts, findings);
  else if (profile.numericActuals) checkNumericActual(facts, findings);
}

/** The 一体化 systems take only a number as the actual value of a quantitative target. */
function checkNumericActual({ row, label, target, actual }: IndicatorFacts, findings: FindingList): void {
  if (!row.actual || actual.kind !== 'qualitative' || target.kind !== 'quantitative') return;
  findings.add(
    'quantitative-answered-with-text',
    row.actual,
    `${label}的年度指标值是定量的「${target.text}」，实际完成值却写成「${actual.text}」，应填写实际数值`,
  );
}

/**
 * Tianjin's system flags a `≤` target whose actual is above it and an `=` target whose actual differs, whatever
 * the score: a ceiling passed or an exact figure missed either way is for the reviewer to look at.
 */
function checkComparison({ row, label, target, actual }: IndicatorFacts, findings: FindingList): void {
  if (target.kind !== 'quantitative' || actual.kind !== 'quantitative' || !row.actual) return;
  if (target.unit !== null && actual.unit !== null && target.unit !== actual.unit) return;
  const above = (target.operator === '<=' || target.operator === '<') && actual.value > target.value + 1e-9;
  const differs = target.operator === '=' && Math.abs(actual.value - target.value) > 1e-9;
  if (!above && !differs) return;
  const how = above ? '超过上限' : '不等于指标值';
  findings.add(
    'target-comparison-review',
    row.actual,
    `${label}实际完成值「${actual.text}」${how}「${target.text}」，请复核完成情况与得分`,
  );
}

/**
 * How far an actual value goes beyond its target: ratio, or the amount when the target is 0. Guangxi's system asks
 * it of every quantitative row, `≤` ones too (actualValueCheck); the review flag only of `≥` / `>` / `=` rows.
 */
function overachievement(
  target: IndicatorValue,
  actual: IndicatorValue,
): { ratio: number | null; amount: number; ceiling: boolean } | null {
  if (target.kind !== 'quantitative' || actual.kind !== 'quantitative') return null;
  const ceiling = target.operator === '<=' || target.operator === '<';
  return { ratio: target.value > 0 ? actual.value / target.value : null, amount: actual.value - target.value, ceiling };
}

function checkOverachievement(
  { row, label, target, actual, reasonBlank }: IndicatorFacts,
  profile: Profile,
  findings: FindingList,
): void {
  const over = overachievement(target, actual);
  if (!over || actual.kind !== 'quantitative' || target.kind !== 'quantitative') return;
  const rule = profile.overachievementReason;
  if (rule && reasonBlank) {
    const tooMuch = over.ratio !== null ? over.ratio >= rule.ratio - 1e-9 : actual.value >= rule.whenZero - 1e-9;
    const cell = row.reason ?? row.actual;
    if (tooMuch && cell) {
      const how =
        over.ratio !== null
          ? `为年度指标值的 ${formatNumber(over.ratio * 100)}%（达到 ${formatNumber(rule.ratio * 100)}% 即须说明）`
          : `目标为 0，实际 ${formatNumber(actual.value)}（达到 ${formatNumber(rule.whenZero)} 即须说明）`;
      findings.add(
        'overachievement-reason-missing',
        cell,
        `${label}实际完成值「${actual.text}」${how}，须在偏差原因中说明“实际完成情况超计划较大”的原因`,
      );
    }
  }
  const review = profile.overachievementReview;
  if (review !== undefined && !over.ceiling && over.ratio !== null && over.ratio >= review - 1e-9 && row.score) {
    findings.add(
      'overachievement-review',
      row.score,
      `${label}实际完成值为年度指标值的 ${formatNumber(over.ratio * 100)}%，超额较多，请复核目标设定是否偏低及得分是否合理`,
    );
  }
}

const SPENDING = wordsPattern(SPENDING_NAME_WORDS);

/** The reviewers' content checks on one indicator's answer. */
function checkAnswers({ row, label, target, actual }: IndicatorFacts, findings: FindingList): void {
  const quantity = inCategory('quantity', row.level2);
  const satisfaction = inCategory('satisfaction', row.level1, row.level2, displayText(row.name.value));
  if (row.actual && actual.kind === 'qualitative') {
    if (quantity) {
      findings.add(
        'quantity-answered-qualitatively',
        row.actual,
        `${label}是数量指标，实际完成值却写成「${actual.text}」，应填写实际完成的数量（如 ${target.kind === 'quantitative' ? target.text.replace(/^[≥≤<>=]+/, '') : '16个'}）`,
      );
    } else if (target.kind === 'quantitative') {
      findings.add(
        'quantitative-answered-with-text',
        row.actual,
        `${label}的年度指标值是定量的「${target.text}」，实际完成值却写成「${actual.text}」，应填写实际数值`,
      );
    }
    if (satisfaction)
      findings.add(
        'satisfaction-without-figure',
        row.actual,
        `${label}的实际完成值「${actual.text}」没有具体的满意度数值，应填写调查得到的百分比（如 95%）`,
      );
  }
  if (quantity && SPENDING.test(displayText(row.name.value))) {
    findings.add(
      'spending-as-output',
      row.name,
      `${label}记的是资金支出，不是产出数量；数量指标应写完成的工作量（如场次、人次、件数），资金情况在预算执行率中体现`,
    );
  }
}

export interface FormFacts {
  form: SelfEvaluationForm;
  indicators: readonly IndicatorAssessment[];
  executionRate: number | null;
  total: FormResult['total'];
}

export function checkFormOptions(facts: FormFacts, profile: Profile, findings: FindingList): void {
  checkBudgetReason(facts, profile, findings);
  checkExecutionCap(facts, profile, findings);
  if (profile.costUnsetCap !== undefined) checkCostIndicators(facts, profile.costUnsetCap, findings);
  if (profile.reviewChecks) {
    checkAcrossLevels(facts, findings);
    checkDeductedThoughAllMet(facts, findings);
  }
}

function checkBudgetReason({ form, executionRate }: FormFacts, profile: Profile, findings: FindingList): void {
  const below = profile.budgetRateReasonBelow;
  const line = form.budget?.total;
  if (below === undefined || !line || executionRate === null || executionRate >= below - 1e-9) return;
  if (line.reason && !isBlank(line.reason.value)) return;
  const cell = line.rate ?? line.executed;
  if (cell)
    findings.add(
      'budget-rate-reason-missing',
      cell,
      `预算执行率 ${formatNumber(executionRate)}% 低于 ${formatNumber(below)}%，须在预算执行情况后说明原因（如资金下达较晚、项目延期、政府采购节余）`,
    );
}

/** The cap of the 执行率 band the rate falls in: the band with the lowest bound above the rate. */
function capFor(rate: number, caps: NonNullable<Profile['executionCaps']>): { below: number; max: number } | null {
  let chosen: { below: number; max: number } | null = null;
  for (const cap of caps) if (rate < cap.below - 1e-9 && (!chosen || cap.below < chosen.below)) chosen = cap;
  return chosen;
}

function checkExecutionCap({ form, executionRate, total }: FormFacts, profile: Profile, findings: FindingList): void {
  if (!profile.executionCaps || executionRate === null) return;
  const cap = capFor(executionRate, profile.executionCaps);
  const score = total.declared ?? total.computed;
  if (!cap || score === null || score <= cap.max + 1e-9) return;
  const cell = form.total?.score ?? form.indicators[form.indicators.length - 1]?.score;
  if (cell)
    findings.add(
      'score-capped-by-execution',
      cell,
      `预算执行率 ${formatNumber(executionRate)}%（低于 ${formatNumber(cap.below)}%），按本规则总分最高 ${formatNumber(cap.max)} 分，${total.declared !== null ? '填报' : '计算'} ${formatNumber(score)} 分`,
    );
}

function checkCostIndicators({ form }: FormFacts, cap: number, findings: FindingList): void {
  if (form.indicators.length === 0 || form.indicators.some(isCostIndicator)) return;
  const cell = form.indicators[0].name;
  findings.add(
    'cost-indicator-unset',
    cell,
    `本表未设置成本指标；按本规则未设置成本指标的，成本指标最多得 ${formatNumber(cap)} 分，请补设经济成本等指标`,
  );
}

function checkAcrossLevels({ form }: FormFacts, findings: FindingList): void {
  const outputs = new Map<string, number>();
  for (const row of form.indicators)
    if (inCategory('output', row.level1)) outputs.set(normaliseLabel(row.name.value), row.row);
  for (const row of form.indicators) {
    if (!inCategory('benefit', row.level1)) continue;
    const name = normaliseLabel(row.name.value);
    const first = outputs.get(name);
    if (name !== '' && first !== undefined) {
      findings.add(
        'duplicate-across-levels',
        row.name,
        `指标「${displayText(row.name.value)}」已列在产出指标（第 ${first} 行），又列在效益指标中；效益指标应写项目带来的效果，而不是重复产出`,
      );
    }
  }
}

function checkDeductedThoughAllMet({ form, indicators, total }: FormFacts, findings: FindingList): void {
  if (indicators.length === 0 || !indicators.every((i) => i.status === 'met')) return;
  const lost = indicators.reduce((sum, i) => sum + (i.pointsLost ?? 0), 0);
  const cell = form.total?.score ?? form.indicators[form.indicators.length - 1]?.score;
  if (lost > 0.005 && cell) {
    findings.add(
      'deducted-though-all-met',
      cell,
      `全部 ${indicators.length} 个指标都已完成年度指标值，却共扣了 ${formatNumber(lost)} 分${total.computed !== null ? `（总分 ${formatNumber(total.computed)}）` : ''}；请说明扣分依据，或按完成情况给分`,
    );
  }
}
