import { isShareName } from '../read/labels';
import { rangeToA1, toA1 } from '../sheet/address';
import { isBlank } from '../sheet/grid';
import type { BudgetLine, BudgetSection, CellRead, IndicatorRow, SelfEvaluationForm, StatedWeight } from '../read/form';
import {
  isCountUnit,
  parseIndicatorValue,
  fractionAsPercent,
  qualitativeLevel,
  unitFactor,
  type IndicatorValue,
  type QualitativeLevel,
} from '../read/indicator-value';
import { gradeFor, type Profile } from './profiles';
import { FindingList } from '../rules/findings';
import { checkCostIndicators, isCostIndicator } from './check-cost';
import { checkFormOptions, checkIndicatorOptions } from './profile-checks';
import { AMOUNT_ROUNDING, EPSILON, NO_SUM, readTotal, round2, scoreSum, type TotalReading } from './total-readings';
import type { Finding } from '../rules/rules';
import {
  displayText,
  formatDecimals,
  formatNumber,
  foldWidth,
  isPercentFormat,
  normaliseLabel,
  numberWrittenAsText,
  readNumber,
} from '../sheet/text';
import { DROPPED_TARGET_WORDS, wordsPattern } from '../vocabulary/vocabulary';

/** How a form adds up its 总分 (docs/SPECIFICATION.md §1); decided per form, never per workbook. */
export type TotalsConvention = 'budget-included' | 'indicators-only';

export interface IndicatorAssessment {
  row: number;
  /** A target dropped during the year (调整后指标值 `取消`, `/`): the row is not scored and not added up. */
  dropped?: boolean;
  /** 扣减分数 taken off the 得分 (Guangxi), where the form has the column. */
  deduction?: number | null;
  /** 核查分数 / 财政审核评分: the reviewers' score where filled. */
  reviewScore?: number | null;
  level1: string;
  level2: string;
  name: string;
  nameCell: string;
  target: string;
  actual: string;
  weight: number | null;
  score: number | null;
  /** Whether the actual value reaches the target; unknown when the values cannot be compared. */
  status: 'met' | 'missed' | 'unknown';
  qualitativeLevel: QualitativeLevel | null;
  /** The score the profile's formula gives a missed quantitative target. */
  expectedScore: number | null;
  pointsLost: number | null;
  reasonCell: string | null;
  reason: string;
}

export interface FormResult {
  kind: SelfEvaluationForm['kind'];
  form: SelfEvaluationForm;
  /** The scoring profile that judged the form (shown on every card and report). */
  profile: { id: string; name: string };
  sheet: string;
  range: string;
  convention: TotalsConvention;
  /** 执行率 in percent points, from 全年执行数 / 全年预算数. */
  executionRate: number | null;
  budgetScore: { cell: string | null; declared: number | null; expected: number | null };
  total: { cell: string | null; declared: number | null; computed: number | null };
  grade: { cell: string | null; declared: string | null; computed: string | null };
  indicators: IndicatorAssessment[];
  findings: Finding[];
}

/** A declared score may round a formula's value to a whole point. */
const SCORE_ROUNDING = 0.5 + EPSILON;
/** The budget score is written to one decimal at least (9.8 for 98 %). */
const BUDGET_SCORE_ROUNDING = 0.05 + EPSILON;

export function checkForm(form: SelfEvaluationForm, profile: Profile): FormResult {
  if (form.kind !== 'self-evaluation') return checkDepartmentForm(form, profile);
  const findings = new FindingList();
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
  checkDuplicates(form, findings, profile.duplicatesAcrossForm === true);
  checkWeightColumn(form, findings);
  checkLevelWeights(form, indicators, findings);
  checkCostIndicators(form, findings);
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
  if (counted.length > 0 && weights.every((w) => w !== null))
    checkWeightsTotal(form, weightSum, budgetWeight, findings);

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
  const total = checkTotal(form, computed, findings, budgetUnread ? budgetWeight : null, sum.asWritten);
  const exact = budgetUnread ? computed : sum.exact;
  const grade = checkGrade(form, exact, profile, findings, sum.asWritten === null);
  checkFormOptions({ form, indicators, executionRate: budget.rate, total }, profile, findings);

  return {
    kind: form.kind,
    form,
    profile: { id: profile.id, name: profile.name },
    sheet: form.sheet,
    range: rangeToA1(form.range),
    convention,
    executionRate: budget.rate,
    budgetScore: budget.scoreSummary,
    total,
    grade,
    indicators,
    findings: findings.sorted(),
  };
}

/**
 * The total when the indicators leave the budget's points out and no budget lines were read (a layout not
 * recognised, or none on the sheet): the declared total stands if the budget's points could explain it, else
 * the nearest total they could; and the user is told the budget part was not checked.
 */
function totalWithUnreadBudget(
  form: SelfEvaluationForm,
  indicatorsTotal: number | null,
  budgetWeight: number,
  findings: FindingList,
): number | null {
  const cell = form.total?.score ?? form.indicators[0]?.name;
  if (cell) {
    const sum = indicatorsTotal === null ? '' : `（指标得分合计 ${formatNumber(indicatorsTotal)}）`;
    const message = `未读到预算执行情况（年初预算数、全年预算数、全年执行数及执行率得分），总分中预算执行率的 ${formatNumber(budgetWeight)} 分无法核对${sum}`;
    findings.add('budget-unread', cell, message);
  }
  if (indicatorsTotal === null) return null;
  const written = declaredTotal(form);
  // Nothing written: no total can be given (a filled-in 总分 would leave the budget's points out).
  if (written === null) return null;
  return Math.min(Math.max(written, indicatorsTotal), round2(indicatorsTotal + budgetWeight));
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

/** Weights that leave the budget's points out, and no budget lines read: those points cannot be checked. */
function budgetLeftUnread(
  form: SelfEvaluationForm,
  weights: ReadonlyArray<number | null>,
  sums: { weightSum: number; budgetWeight: number; totalWeight: number },
): boolean {
  const { weightSum, budgetWeight, totalWeight } = sums;
  const budgetLeft = budgetWeight > 0 && Math.abs(weightSum + budgetWeight - totalWeight) < 0.01;
  return !form.budget && weights.length > 0 && weights.every((w) => w !== null) && budgetLeft;
}

/** Indicator weights that add up to neither 100 nor 100 less the budget's weight. */
function checkWeightsTotal(
  form: SelfEvaluationForm,
  weightSum: number,
  budgetWeight: number,
  findings: FindingList,
): void {
  const fits100 = Math.abs(weightSum - 100) < 0.01;
  const fitsWithBudget = Math.abs(weightSum - (100 - budgetWeight)) < 0.01;
  const cell = form.total?.weight ?? lastWeightCell(form);
  if (fits100 || fitsWithBudget || !cell) return;
  findings.add(
    'weights-total',
    cell,
    `各指标分值合计为 ${formatNumber(weightSum)}，应为 100（不含预算执行率）或 ${formatNumber(100 - budgetWeight)}（另加预算执行率 ${formatNumber(budgetWeight)} 分）`,
  );
}

/** The declared 总分 as a number, if the form writes one. */
function declaredTotal(form: SelfEvaluationForm): number | null {
  const written = form.total?.inlineScore ?? readNumber(form.total?.score?.value ?? null);
  return typeof written === 'number' ? written : null;
}

/** Which of two readings the form's total confirmed, said once; a net 得分 makes a larger 扣减 no error. */
function sayReading(form: SelfEvaluationForm, reading: TotalReading, findings: FindingList): void {
  if (reading.said === null) return;
  if (reading.net) findings.remove('deduction-exceeds-score');
  const cell = form.total?.score ?? form.indicators[0]?.score;
  if (cell) findings.add('reading-chosen', cell, `按表内总分的算法核对：${reading.said}`);
}

function sumOf(values: ReadonlyArray<number | null>): number {
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

// ---- 部门整体支出 forms ----------------------------------------------------------------------------

/**
 * A 部门整体支出绩效自评表 / 评价得分表 gets only the checks that hold for any scored form: valid scores
 * within their weights, 总分 and 评分等级. The 项目支出 rules (targets, reasons, weights) do not apply.
 */
function checkDepartmentForm(form: SelfEvaluationForm, profile: Profile): FormResult {
  const findings = new FindingList();
  const indicators = form.indicators.map((row) => assessDepartmentIndicator(row, findings));
  if (form.kind === 'common-indicators') checkCommonWeights(form, indicators, findings);
  // The budget line's score counts when the weights leave room for it; its own checks are 项目支出 rules.
  const budget = checkBudget(form, profile, new FindingList());
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
  return {
    kind: form.kind,
    form,
    profile: { id: profile.id, name: profile.name },
    sheet: form.sheet,
    range: rangeToA1(form.range),
    convention: withBudget ? 'budget-included' : 'indicators-only',
    executionRate: budget.rate,
    budgetScore: budget.scoreSummary,
    total: checkTotal(form, sum.capped, findings, null, sum.asWritten),
    grade: checkGrade(form, sum.exact, profile, findings, sum.asWritten === null),
    indicators,
    findings: findings.sorted(),
  };
}

/** The 共性指标 table: each level's 分值 is the sum of the 三级 under it, and the 三级 add up to 100. */
function checkCommonWeights(
  form: SelfEvaluationForm,
  indicators: readonly IndicatorAssessment[],
  findings: FindingList,
): void {
  checkLevelWeights(form, indicators, findings);
  const weights = indicators.map((i) => i.weight);
  if (weights.length === 0 || weights.some((w) => w === null)) return;
  const sum = round2(sumOf(weights));
  const cell = form.total?.weight ?? lastWeightCell(form);
  if (Math.abs(sum - 100) >= 0.01 && cell)
    findings.add('weights-total', cell, `各三级指标分值合计为 ${formatNumber(sum)}，应为 100`);
}

function assessDepartmentIndicator(row: IndicatorRow, findings: FindingList): IndicatorAssessment {
  const label = indicatorLabel(row);
  // Weights are often given per group only: a blank one is no error here.
  const weight = row.weight && !isBlank(row.weight.value) ? validNumber(row.weight, `${label}的分值`, findings) : null;
  const score =
    row.score && (weight !== null || !isBlank(row.score.value))
      ? validNumber(row.score, `${label}的得分`, findings)
      : null;
  checkScoreWithinWeight(row, label, weight, score, findings);
  checkCoefficient(row, label, weight, score, findings);
  return unjudgedAssessment(row, weight, score);
}

/** A row shown with its weight and score but no judgement of its target (部门整体 forms, dropped targets). */
function unjudgedAssessment(row: IndicatorRow, weight: number | null, score: number | null): IndicatorAssessment {
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

/** A 部门整体 score from its 得分系数 (Chongqing): 权重 × 得分系数, the coefficient in percent (96, or 0.96 as 96%). */
function checkCoefficient(
  row: IndicatorRow,
  label: string,
  weight: number | null,
  score: number | null,
  findings: FindingList,
): void {
  const cell = row.coefficient;
  const raw = cell ? readNumber(cell.value) : null;
  if (!cell || !row.score || typeof raw !== 'number' || weight === null || score === null) return;
  const percent =
    isPercentFormat(cell.numberFormat) || (raw > 0 && raw <= 1 && weight > 1 && raw * weight < score - EPSILON)
      ? raw * 100
      : raw;
  const expected = round2((weight * percent) / 100);
  if (Math.abs(expected - score) <= BUDGET_SCORE_ROUNDING) return;
  const message = `${label}得分填 ${formatNumber(score)}，按权重 ${formatNumber(weight)} × 得分系数 ${formatNumber(percent)}% 应为 ${formatNumber(expected)}`;
  findings.add('coefficient-score-mismatch', row.score, message);
}

// ---- budget ------------------------------------------------------------------------------------

interface BudgetSummary {
  weight: number | null;
  rate: number | null;
  usableScore: number | null;
  scoreSummary: FormResult['budgetScore'];
}

function checkBudget(form: SelfEvaluationForm, profile: Profile, findings: FindingList): BudgetSummary {
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
  for (const budgetLine of [line, ...section.components]) {
    checkStatedRate(budgetLine, section, findings, budgetLine === line);
  }
  if (budgeted !== null && executed !== null && executed > budgeted + EPSILON && line.executed) {
    const spent = moneyText(executed, line.executed, section.unit);
    const message = `${lineName(line)}全年执行数 ${spent} 超过${section.budgetTitle} ${moneyText(budgeted, line.budget, section.unit)}`;
    findings.add('budget-overspent', line.executed, message);
  }
  checkBudgetComponents(section, line, findings);
  const { declared, expected, usable } = checkBudgetScore(
    section,
    line,
    weight ?? profile.budgetWeight,
    rate,
    profile,
    findings,
  );
  return {
    weight,
    rate: rate === null ? null : round2(rate),
    usableScore: usable,
    scoreSummary: { cell: line.score ? toA1(line.score.row, line.score.col) : null, declared, expected },
  };
}

/** Each money column of 年度资金总额 against the sum of its 其中 lines. */
function checkBudgetComponents(section: BudgetSection, line: BudgetLine, findings: FindingList): void {
  const columns: Array<[keyof Pick<BudgetLine, 'initial' | 'budget' | 'executed'>, string]> = [
    ['initial', '年初预算数'],
    ['budget', '全年预算数'],
    ['executed', '全年执行数'],
  ];
  for (const [key, title] of columns) {
    const totalCell = line[key];
    const totalValue = numberOf(totalCell);
    const parts = section.components.map((c) => numberOf(c[key])).filter((v): v is number => v !== null);
    if (!totalCell || totalValue === null || parts.length === 0) continue;
    const sum = parts.reduce((total, v) => total + v, 0);
    if (Math.abs(sum - totalValue) <= AMOUNT_ROUNDING) continue;
    const names = section.components
      .map((c) => lineName(c, ''))
      .filter((n) => n !== '')
      .join('、');
    const stated = moneyText(totalValue, totalCell, section.unit);
    const message = `${lineName(line)}${title} ${stated}，但其中各项${names ? `（${names}）` : ''}之和为 ${moneyText(sum, totalCell, section.unit)}`;
    findings.add('budget-components-mismatch', totalCell, message);
  }
}

/** The budget row's 得分 against the profile's: 执行率 × weight (capped), or full marks where the profile says so. */
function checkBudgetScore(
  section: BudgetSection,
  line: BudgetLine,
  weight: number,
  rate: number | null,
  profile: Profile,
  findings: FindingList,
): { declared: number | null; expected: number | null; usable: number | null } {
  const statedRate = line.rate ? (statedRateOf(line.rate, section.rateInPercentPoints)?.value ?? null) : null;
  const rateForScore = rate ?? statedRate;
  const expected =
    profile.budgetScoring === 'full'
      ? weight
      : rateForScore === null
        ? null
        : round2(Math.min(rateForScore / 100, 1) * weight);
  const declaredRaw = line.score ? readNumber(line.score.value) : null;
  const declared = typeof declaredRaw === 'number' ? declaredRaw : null;
  if (line.score && declaredRaw === undefined) {
    findings.add(
      'score-invalid',
      line.score,
      `${lineName(line)}预算执行率得分「${displayText(line.score.value)}」不是数字`,
    );
  } else if (
    line.score &&
    declared !== null &&
    expected !== null &&
    Math.abs(declared - expected) > BUDGET_SCORE_ROUNDING
  ) {
    const how =
      profile.budgetScoring === 'full'
        ? '按本规则预算执行率直接得满分'
        : `执行率 ${formatNumber(rateForScore ?? 0)}% × ${formatNumber(weight)} 分`;
    const message = `${lineName(line)}预算执行率得分填 ${formatNumber(declared)}，${how}，应为 ${formatNumber(expected)}`;
    findings.add('budget-score-mismatch', line.score, message);
  }
  const usable = declared !== null && declared >= 0 && declared <= weight + EPSILON ? declared : expected;
  return { declared, expected, usable };
}

function checkStatedRate(line: BudgetLine, section: BudgetSection, findings: FindingList, isTotal: boolean): void {
  const percentHeader = section.rateInPercentPoints;
  const budgeted = numberOf(line.budget);
  const executed = numberOf(line.executed);
  if (!line.rate || budgeted === null || budgeted <= 0 || executed === null) return;
  const rate = (executed / budgeted) * 100;
  if (isBlank(line.rate.value) && line.rate.formula === null) {
    if (isTotal)
      findings.add(
        'budget-rate-missing',
        line.rate,
        `${lineName(line)}执行率未填写，按全年执行数 / ${section.budgetTitle}应为 ${formatNumber(rate)}%`,
      );
    return;
  }
  const stated = statedRateOf(line.rate, percentHeader);
  if (!stated) return;
  if (Math.abs(stated.value - rate) > stated.tolerance) {
    findings.add(
      'budget-rate-mismatch',
      line.rate,
      `${lineName(line)}执行率填 ${formatNumber(stated.value)}%，但全年执行数 ${moneyText(executed, line.executed, section.unit)} / ${section.budgetTitle} ${moneyText(budgeted, line.budget, section.unit)} = ${formatNumber(rate)}%`,
    );
  }
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

function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 || /e/i.test(text) ? 0 : text.length - dot - 1;
}

// ---- indicators --------------------------------------------------------------------------------

const DROPPED_TARGET = wordsPattern(DROPPED_TARGET_WORDS);

function assessIndicator(row: IndicatorRow, profile: Profile, findings: FindingList): IndicatorAssessment {
  if (row.adjustedTarget && DROPPED_TARGET.test(normaliseLabel(row.adjustedTarget.value))) return droppedIndicator(row);
  // A target adjusted during the year is the one the actual value is judged against (Chongqing, Shanxi).
  if (row.adjustedTarget && !isBlank(row.adjustedTarget.value)) row = { ...row, target: row.adjustedTarget };
  const name = displayText(row.name.value);
  const label = indicatorLabel(row);
  const weight = validNumber(row.weight, `${label}的分值`, findings);
  // A row not filled in yet lacks both its 实际完成值 (actual-missing) and its 得分 (score-invalid, DOMAIN.md §4).
  const score = validNumber(row.score, `${label}的得分`, findings);
  checkScoreWithinWeight(row, label, weight, score, findings);
  const { target, actual } = readValues(row, label, findings);
  // A 成本指标's unit is cost-target-unit's to say (money or a rate, not any unit).
  if (target.kind === 'quantitative' && target.unit === null && row.target && !isCostIndicator(row)) {
    const message = `${label}的年度指标值「${valueText(target)}」没有计量单位（定量指标须写明单位，如 个、%、万元），实际完成值无从比对单位`;
    findings.add('target-unit-missing', row.target, message);
  }
  if (target.kind !== 'empty' && actual.kind === 'empty' && row.actual && row.actual.formula === null) {
    findings.add('actual-missing', row.actual, `${label}有年度指标值「${valueText(target)}」，但未填写实际完成值`);
  }
  const judged = judgeIndicator({ row, name, label, target, actual, weight }, profile, findings);
  const reasonBlank = !row.reason || isNoReason(row.reason.value);
  checkIndicatorOptions({ row, label, target, actual, status: judged.status, reasonBlank }, profile, findings);
  checkIndicatorScore({ row, name, label, target, actual, weight, score, reasonBlank, ...judged }, profile, findings);
  const { deduction, reviewScore } = checkReviewColumns(row, label, weight, score, findings);
  return {
    row: row.row,
    deduction,
    reviewScore,
    level1: row.level1,
    level2: row.level2,
    name,
    nameCell: toA1(row.name.row, row.name.col),
    target: valueText(target),
    actual: valueText(actual),
    weight,
    score,
    status: judged.status,
    qualitativeLevel: judged.level,
    expectedScore: judged.expectedScore,
    pointsLost: weight !== null && score !== null ? round2(Math.max(0, weight - score)) : null,
    reasonCell: row.reason ? toA1(row.reason.row, row.reason.col) : null,
    reason: row.reason ? displayText(row.reason.value) : '',
  };
}

/** The target and actual value of a row; a fraction beside a percentage (`0.96` for `≥95%`) read in percent. */
function readValues(
  row: IndicatorRow,
  label: string,
  findings: FindingList,
): { target: IndicatorValue; actual: IndicatorValue } {
  const target = row.target ? parseIndicatorValue(row.target.value, row.target.numberFormat) : EMPTY_VALUE;
  const actual = row.actual ? parseIndicatorValue(row.actual.value, row.actual.numberFormat) : EMPTY_VALUE;
  const actualInPercent = fractionAsPercent(actual, target);
  const targetInPercent = fractionAsPercent(target, actual);
  const read = actualInPercent ?? targetInPercent;
  const cell = actualInPercent ? row.actual : row.target;
  if (!read || read.kind !== 'quantitative' || !cell) return { target, actual };
  const which = actualInPercent ? '实际完成值' : '年度指标值';
  const message = `${label}的${which}「${displayText(cell.value)}」是小数，按 ${formatNumber(read.value)}% 理解（宜写成 ${formatNumber(read.value)}%）`;
  findings.add('fraction-as-percent', cell, message);
  return actualInPercent ? { target, actual: actualInPercent } : { target: targetInPercent ?? target, actual };
}

/**
 * Shanxi: 调整后指标值 left blank beside a 年初 target, and the row left unfilled (its target was not carried into
 * the year: 整行不应该填写). A row filled in anyway was carried: blank there means unchanged.
 */
function isBlankAdjustment(row: IndicatorRow): boolean {
  const adjustedBlank = !!row.adjustedTarget && isEmptyCell(row.adjustedTarget) && !isEmptyCell(row.target);
  return adjustedBlank && isEmptyCell(row.actual) && isEmptyCell(row.score);
}

function isEmptyCell(cell: CellRead | null | undefined): boolean {
  return !cell || (isBlank(cell.value) && cell.formula === null);
}

/** A row whose target was dropped during the year: shown, never scored (its weight and score stay out of sums). */
function droppedIndicator(row: IndicatorRow): IndicatorAssessment {
  // Its weight stays: the form's weights were set with it, and its sums (levels, 100 or 90) include it.
  return { ...unjudgedAssessment(row, numberOf(row.weight), null), dropped: true };
}

/** 扣减分数 (at most the 得分) and 核查分数 (at most the 分值), where the form has those columns. */
function checkReviewColumns(
  row: IndicatorRow,
  label: string,
  weight: number | null,
  score: number | null,
  findings: FindingList,
): { deduction: number | null; reviewScore: number | null } {
  const filled = (cell: CellRead | null | undefined): cell is CellRead => !!cell && !isBlank(cell.value);
  const deduction = filled(row.deduction) ? validNumber(row.deduction, `${label}的扣减分数`, findings) : null;
  if (deduction !== null && score !== null && deduction > score + EPSILON) {
    const message = `${label}扣减分数 ${formatNumber(deduction)} 超过得分 ${formatNumber(score)}`;
    findings.add('deduction-exceeds-score', row.deduction!, message);
  }
  const reviewScore = filled(row.reviewScore) ? validNumber(row.reviewScore, `${label}的核查分数`, findings) : null;
  if (reviewScore !== null && weight !== null && reviewScore > weight + EPSILON) {
    const message = `${label}核查分数 ${formatNumber(reviewScore)} 超过分值 ${formatNumber(weight)}`;
    findings.add('review-score-exceeds-weight', row.reviewScore!, message);
  }
  return { deduction, reviewScore };
}

const EMPTY_VALUE: IndicatorValue = { kind: 'empty' } as IndicatorValue;

interface IndicatorReading {
  row: IndicatorRow;
  name: string;
  label: string;
  target: IndicatorValue;
  actual: IndicatorValue;
  weight: number | null;
}

interface Judgement {
  status: IndicatorAssessment['status'];
  level: QualitativeLevel | null;
  expectedScore: number | null;
  /** A negative actual value (a loss, a shortfall written as minus): judged as 0, as the 一体化 systems do. */
  negative?: boolean;
}

/** Whether the actual value meets the target (units first), and the profile's score when it does not. */
function judgeIndicator(reading: IndicatorReading, profile: Profile, findings: FindingList): Judgement {
  const { row, name, label, target, weight } = reading;
  // The 一体化 systems set a negative actual to 0 before the formula (Ext.lt.pmkpi.warn): `-3` meets `≤0`.
  const given = reading.actual;
  const negative = given.kind === 'quantitative' && given.value < 0;
  const actual: IndicatorValue = given.kind === 'quantitative' && negative ? { ...given, value: 0 } : given;
  const judgement: Judgement = { status: 'unknown', level: null, expectedScore: null, negative };
  let unitOk = true;
  if (row.actual && isShareName(name)) {
    const unit =
      (actual.kind === 'quantitative' && actual.unit) || (target.kind === 'quantitative' && target.unit) || null;
    if (isCountUnit(unit)) {
      unitOk = false;
      findings.add('unit-mismatch', row.actual, `${label}是比率/满意度指标，应以 % 计量，却用了「${unit}」`);
    }
  }
  if (target.kind === 'quantitative' && actual.kind === 'quantitative') {
    const factor = unitFactor(actual.unit, target.unit);
    if (factor === null) {
      unitOk = false;
      const message = `${label}年度指标值单位为「${target.unit}」，实际完成值单位却是「${actual.unit}」`;
      if (row.actual) findings.add('unit-mismatch', row.actual, message);
    }
    if (!unitOk) return judgement;
    // `1.2亿元` against `≥10000万元`: the actual in the target's unit.
    const actualValue = actual.value * (factor ?? 1);
    const met = meets(target.operator, actualValue, target.value, profile);
    judgement.status = met ? 'met' : 'missed';
    if (!met && weight !== null) {
      judgement.expectedScore = quantitativeScore(target.operator, actualValue, target.value, weight, profile);
    }
  } else if (actual.kind === 'qualitative') {
    judgement.level = qualitativeLevel(actual.text, target.kind === 'qualitative' ? target.text : null);
    if (judgement.level !== null) judgement.status = judgement.level === 'achieved' ? 'met' : 'missed';
  }
  return judgement;
}

/** The 得分 against the judgement: a reason for every deduction, the formula, the qualitative band. */
function checkIndicatorScore(
  input: IndicatorReading & Judgement & { score: number | null; reasonBlank: boolean },
  profile: Profile,
  findings: FindingList,
): void {
  const { row, label, target, actual, weight, score, reasonBlank, status, level, expectedScore } = input;
  if (weight === null || score === null) return;
  const lost = formatNumber(weight - score);
  if (score < weight - EPSILON && reasonBlank && (row.reason ?? row.score)) {
    const message = `${label}扣了 ${lost} 分（得分 ${formatNumber(score)} / 分值 ${formatNumber(weight)}），须填写偏差原因分析及改进措施`;
    findings.add('reason-missing', (row.reason ?? row.score)!, message);
  }
  if (!row.score) return;
  if (input.negative && status === 'missed') {
    const due = expectedScore ?? 0;
    if (score > due + EPSILON) {
      const message = `${label}实际完成值「${valueText(actual)}」为负数，按 0 计应得 ${formatNumber(due)} 分，实填 ${formatNumber(score)} 分`;
      findings.add('negative-actual-scored', row.score, message);
    }
    return;
  }
  // The formula's score stored to two decimals (19.998 → 20.00) is full marks, as the systems store it.
  const formulaFull = expectedScore !== null && expectedScore >= weight - EPSILON;
  if (status === 'missed' && score >= weight - EPSILON && !formulaFull) {
    const message = `${label}实际完成值「${valueText(actual)}」未达到年度指标值「${valueText(target)}」，却得了满分 ${formatNumber(score)}`;
    findings.add('target-missed-full-score', row.score, message);
  }
  const formulaOff = expectedScore !== null && Math.abs(score - expectedScore) > SCORE_ROUNDING;
  if (formulaOff && status === 'missed' && score < weight - EPSILON) {
    const message = `${label}未完成定量目标，按${formulaName(target)}应得 ${formatNumber(expectedScore!)} 分，实填 ${formatNumber(score)} 分`;
    findings.add('quantitative-score-mismatch', row.score, message);
  }
  if (level !== null && weight > 0) checkBand(row.score, label, actual, level, weight, score, profile, findings);
  if (status === 'met' && score < weight - EPSILON && !reasonBlank) {
    findings.add('target-met-but-deducted', row.score, `${label}已完成年度指标值，仍扣 ${lost} 分（已说明原因）`);
  }
}

function checkBand(
  cell: NonNullable<IndicatorRow['score']>,
  label: string,
  actual: IndicatorValue,
  level: QualitativeLevel,
  weight: number,
  score: number,
  profile: Profile,
  findings: FindingList,
): void {
  const [low, high] = profile.qualitativeBands[level];
  // Half-open bands, on the weight's points rounded to two decimals as the systems compare them
  // (selfqualscorecheck): 达成 [80 %, 100 %], 部分达成 [60 %, 80 %), 未达成 [0, 60 %).
  const lowPoints = round2((weight * low) / 100);
  const highPoints = round2((weight * high) / 100);
  const topIncluded = level === 'achieved';
  const inBand =
    score >= lowPoints - EPSILON && (topIncluded ? score <= highPoints + EPSILON : score < highPoints - EPSILON);
  if (inBand) return;
  const top = topIncluded ? `${high}%` : `${high}%（不含）`;
  const band = `${formatNumber(lowPoints)} 分（含）至 ${formatNumber(highPoints)} 分${topIncluded ? '' : '（不含）'}`;
  const message = `${label}完成情况「${valueText(actual)}」属于“${LEVEL_NAMES[level]}”档，得分应在分值的 ${low}%（含）–${top}（${band}），实得 ${formatNumber(score)} 分`;
  findings.add('qualitative-band-mismatch', cell, message);
}

const LEVEL_NAMES: Record<QualitativeLevel, string> = {
  achieved: '达成年度指标',
  partial: '部分达成年度指标并具有一定效果',
  poor: '未达成年度指标且效果较差',
};

function meets(operator: string | null, actual: number, target: number, profile: Profile): boolean {
  // Some systems read `=0` strictly: only 0 (or less) meets it.
  if (operator === '=' && target === 0 && profile.zeroEqualsTarget) return actual <= EPSILON;
  switch (operator) {
    case '<=':
      return actual <= target + EPSILON;
    case '<':
      return actual < target;
    case '>':
      return actual > target;
    default:
      // `≥`, `=` and a bare value: reaching the target is what counts; exceeding it is no miss.
      return actual >= target - EPSILON;
  }
}

function quantitativeScore(
  operator: string | null,
  actual: number,
  target: number,
  weight: number,
  profile: Profile,
): number | null {
  if (operator === '<=' || operator === '<') {
    if (profile.lessThanScoring === 'relative-excess') {
      return target > 0 ? round2(Math.max(0, 1 - (actual - target) / target) * weight) : null;
    }
    return actual > 0 ? round2((target / actual) * weight) : null;
  }
  if (operator === '=' && target === 0 && profile.zeroEqualsTarget) return 0;
  return target > 0 ? round2(Math.max(0, actual / target) * weight) : null;
}

function formulaName(target: IndicatorValue): string {
  if (target.kind === 'quantitative' && (target.operator === '<=' || target.operator === '<'))
    return '“指标值 ÷ 实际值 × 分值”';
  return '“实际值 ÷ 指标值 × 分值”';
}

/** A form without a 分值 column: checked for all else, and the reviewer told what could not be checked. */
function checkWeightColumn(form: SelfEvaluationForm, findings: FindingList): void {
  const first = form.indicators[0];
  if (!first || form.indicators.some((row) => row.weight !== null)) return;
  const cell = { row: form.headerRow, col: first.score?.col ?? first.name.col };
  findings.add(
    'weights-absent',
    cell,
    '表中没有分值列：各指标得分是否超过分值、扣分是否写明原因、分值合计是否为 100 都无法核对，请对照评分标准人工核对',
  );
}

function checkDuplicates(form: SelfEvaluationForm, findings: FindingList, acrossForm: boolean): void {
  const seen = new Map<string, number>();
  for (const row of form.indicators) {
    // The same activity may be counted (数量) and timed (时效): nationally a duplicate is the same name in one
    // 二级指标; the 一体化 systems of some provinces refuse the same name anywhere in the form.
    const name = normaliseLabel(row.name.value);
    if (name === '') continue;
    const key = acrossForm ? name : `${normaliseLabel(row.level2)}|${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      findings.add('duplicate-indicator', row.name, `指标「${displayText(row.name.value)}」与第 ${first} 行重复`);
    } else {
      seen.set(key, row.row);
    }
  }
}

/**
 * The 三级 weights under a 一级 or 二级 that states its own (`数量指标（10分）`, `项目产出（30分）`, or a category
 * line's 分值) add up to it, as the 一体化 systems require before they save a form.
 */
function checkLevelWeights(
  form: SelfEvaluationForm,
  indicators: readonly IndicatorAssessment[],
  findings: FindingList,
): void {
  const groups = new Map<string, { stated: StatedWeight; label: string; weights: Array<number | null> }>();
  form.indicators.forEach((row, i) => {
    for (const level of ['level1', 'level2'] as const) {
      const stated = row.levelWeights?.[level];
      if (!stated) continue;
      const key = `${level}|${stated.cell.row},${stated.cell.col}`;
      const group = groups.get(key) ?? { stated, label: level === 'level1' ? row.level1 : row.level2, weights: [] };
      group.weights.push(indicators[i].weight);
      groups.set(key, group);
    }
  });
  for (const { stated, label, weights } of groups.values()) {
    if (weights.some((w) => w === null)) continue;
    const sum = round2(weights.reduce<number>((total, w) => total + (w ?? 0), 0));
    if (Math.abs(sum - stated.value) < 0.01) continue;
    findings.add(
      'level-weights-mismatch',
      stated.cell,
      `「${label}」标明 ${formatNumber(stated.value)} 分，其下 ${weights.length} 个三级指标分值合计 ${formatNumber(sum)} 分`,
    );
  }
}

// ---- 总分 and 评分等级 ------------------------------------------------------------------------------

function checkTotal(
  form: SelfEvaluationForm,
  computed: number | null,
  findings: FindingList,
  /** The budget's points when they were not read: the total may be anywhere up to them above the indicators. */
  unreadBudget: number | null = null,
  /** The scores' sum as written, where a score above its weight makes it differ from `computed`. */
  asWritten: number | null = null,
): FormResult['total'] {
  const cell = form.total?.score ?? null;
  if (!cell) return { cell: null, declared: null, computed };
  const address = toA1(cell.row, cell.col);
  const raw = form.total?.inlineScore ?? readNumber(cell.value);
  if (raw === undefined) {
    findings.add(
      'score-invalid',
      cell,
      `总分「${displayText(cell.value)}」不是数字${computed !== null ? `，应为 ${formatNumber(computed)}` : ''}`,
    );
    return { cell: address, declared: null, computed };
  }
  if (raw === null) {
    // With a score above its weight, the total to fill waits for the score's correction (score-exceeds-weight).
    if (cell.formula === null && computed !== null && asWritten === null)
      findings.add('total-missing', cell, `总分未填写，计算得 ${formatNumber(computed)}`);
    return { cell: address, declared: null, computed };
  }
  if (computed !== null && Math.abs(raw - computed) > AMOUNT_ROUNDING) {
    // With the budget unread, `computed` is the nearest end of the range the budget's points allow.
    const low = raw > computed && unreadBudget !== null ? computed - unreadBudget : computed;
    const overWeight =
      asWritten === null
        ? ''
        : Math.abs(raw - asWritten) <= AMOUNT_ROUNDING
          ? `（与所填各项得分相加一致，但超过分值的得分只能按分值计）`
          : `（所填各项得分直接相加为 ${formatNumber(asWritten)}，超过分值的得分按分值计）`;
    const expected =
      unreadBudget === null
        ? `按各项得分计算应为 ${formatNumber(computed)}${overWeight}`
        : `指标得分加上预算执行率（至多 ${formatNumber(unreadBudget)} 分）应在 ${formatNumber(low)}～${formatNumber(low + unreadBudget)} 之间`;
    findings.add('total-mismatch', cell, `总分填 ${formatNumber(raw)}，${expected}`);
  }
  return { cell: address, declared: raw, computed };
}

const GRADE_SYNONYMS: Record<string, string> = {
  优秀: '优',
  良好: '良',
  中等: '中',
  较差: '差',
  合格: '中',
  不合格: '差',
};

function checkGrade(
  form: SelfEvaluationForm,
  computedTotal: number | null,
  profile: Profile,
  findings: FindingList,
  /** False while a score above its weight must be corrected first: nothing is offered to fill in. */
  fillable = true,
): FormResult['grade'] {
  const computed = computedTotal === null ? null : gradeFor(computedTotal, profile);
  const cell = form.grade?.value ?? null;
  if (!cell) return { cell: null, declared: null, computed };
  const address = toA1(cell.row, cell.col);
  const text = form.grade?.inlineGrade ?? normaliseLabel(cell.value);
  if (text === '') {
    if (cell.formula === null && computed !== null && fillable)
      findings.add(
        'grade-missing',
        cell,
        `评分等级未填写，按总分 ${formatNumber(computedTotal ?? 0)} 应为「${computed}」`,
      );
    return { cell: address, declared: null, computed };
  }
  const declared = GRADE_SYNONYMS[text] ?? text;
  if (computed !== null && declared !== computed) {
    findings.add(
      'grade-mismatch',
      cell,
      `评分等级填「${form.grade?.inlineGrade ?? displayText(cell.value)}」，按总分 ${formatNumber(computedTotal ?? 0)} 应为「${computed}」`,
    );
  }
  return { cell: address, declared: form.grade?.inlineGrade ?? displayText(cell.value), computed };
}

// ---- helpers -----------------------------------------------------------------------------------

function numberOf(cell: CellRead | null): number | null {
  if (!cell) return null;
  const value = readNumber(cell.value);
  return typeof value === 'number' ? value : null;
}

/**
 * A weight or score as a number; a missing, non-numeric or negative one is a `score-invalid` finding.
 * Text that only looks like a number (`8分`, `九十`) is one too, since Excel's =SUM skips it, but the
 * number it holds is what the form means and is used for the total.
 */
function validNumber(cell: CellRead | null, what: string, findings: FindingList): number | null {
  if (!cell) return null;
  const written = numberWrittenAsText(cell.value);
  if (written) {
    findings.add(
      'score-invalid',
      cell,
      `${what}「${displayText(cell.value)}」是文字而不是数字（${written.why}，Excel 求和时会漏掉它），应填数字 ${formatNumber(written.value)}`,
    );
    return written.value;
  }
  const value = readNumber(cell.value);
  if (value === null) {
    if (cell.formula === null) findings.add('score-invalid', cell, `${what}未填写`);
    return null;
  }
  if (value === undefined) {
    findings.add('score-invalid', cell, `${what}「${displayText(cell.value)}」不是数字`);
    return null;
  }
  if (value < 0) {
    findings.add('score-invalid', cell, `${what} ${formatNumber(value)} 为负数`);
    return null;
  }
  return value;
}

function checkScoreWithinWeight(
  row: IndicatorRow,
  label: string,
  weight: number | null,
  score: number | null,
  findings: FindingList,
): void {
  if (weight !== null && score !== null && score > weight + EPSILON && row.score) {
    findings.add(
      'score-exceeds-weight',
      row.score,
      `${label}得分 ${formatNumber(score)} 超过分值 ${formatNumber(weight)}，最多得 ${formatNumber(weight)} 分`,
    );
  }
}

/** How a finding names an indicator: its 三级指标, else its 二级 / 一级 label and row. */
export function indicatorLabel(row: IndicatorRow): string {
  const name = displayText(row.name.value);
  if (name !== '') return `指标「${name}」`;
  const level = row.level2 || row.level1;
  return level ? `「${level}」下第 ${row.row} 行的指标` : `第 ${row.row} 行的指标`;
}

/** How a finding names a budget line: `年度资金总额`, `其中：当年财政拨款`. */
function lineName(line: BudgetLine, fallback = '预算执行情况'): string {
  const name = line.label.replace(/^其中/, '');
  return name !== '' ? `「${name}」` : fallback;
}

/** An amount as the sheet shows it: the cell's own text, or its number format's decimals and thousands separators. */
export function moneyText(value: number, like: CellRead | null, unit: string): string {
  if (like && typeof like.value === 'string' && readNumber(like.value) === value)
    return `${displayText(like.value)} ${unit}`;
  const format = like?.numberFormat ?? null;
  const decimals = formatDecimals(format);
  const digits = decimals === null ? formatNumber(value) : value.toFixed(decimals);
  return `${format && /#,##|0,0/.test(format) ? groupThousands(digits) : digits} ${unit}`;
}

function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A deviation cell that says nothing: blank, `0`, `/`, `无`, a dash. */
function isNoReason(value: CellRead['value']): boolean {
  if (isBlank(value) || value === 0) return true;
  return /^(0|[/／\\]+|[-—–─]+|无|[….。·]+)$/.test(normaliseLabel(value));
}

function valueText(value: IndicatorValue): string {
  return value.kind === 'empty' ? '' : value.text;
}

function lastWeightCell(form: SelfEvaluationForm): CellRead | null {
  const last = form.indicators[form.indicators.length - 1];
  return last?.weight ?? null;
}
