import { isShareName } from '../read/labels';
import { toA1 } from '../sheet/address';
import { isBlank } from '../sheet/grid';
import type { CellRead, IndicatorRow } from '../read/form';
import {
  isCountUnit,
  parseIndicatorValue,
  fractionAsPercent,
  qualitativeLevel,
  unitFactor,
  type IndicatorValue,
  type QualitativeLevel,
} from '../read/indicator-value';
import { type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';
import { isCostIndicator } from './check-cost';
import { checkIndicatorOptions } from './profile-checks';
import { EPSILON, round2 } from './total-readings';
import { displayText, formatNumber, normaliseLabel } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { DROPPED_TARGET_WORDS } from '../vocabulary/table-words';
import type { IndicatorAssessment } from './form-result';
import {
  SCORE_ROUNDING,
  isEmptyCell,
  numberOf,
  validNumber,
  checkScoreWithinWeight,
  indicatorLabel,
  isNoReason,
  valueText,
  unjudgedAssessment,
} from './check-values';

/** One indicator row of a 项目支出 自评表: its values read, its completion judged and its 得分 against the profile. */

const DROPPED_TARGET = wordsPattern(DROPPED_TARGET_WORDS);

export function assessIndicator(row: IndicatorRow, profile: Profile, findings: FindingList): IndicatorAssessment {
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
export function isBlankAdjustment(row: IndicatorRow): boolean {
  const adjustedBlank = !!row.adjustedTarget && isEmptyCell(row.adjustedTarget) && !isEmptyCell(row.target);
  return adjustedBlank && isEmptyCell(row.actual) && isEmptyCell(row.score);
}

/** A row whose target was dropped during the year: shown, never scored (its weight and score stay out of sums). */
export function droppedIndicator(row: IndicatorRow): IndicatorAssessment {
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
