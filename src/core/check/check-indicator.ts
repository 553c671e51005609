import { numberOf } from '../read/cell-numbers';
import { indicatorLabel } from '../rules/wording';
import { EPSILON, round2 } from '../sheet/precision';
import { isShareName } from '../read/labels';
import type { IndicatorFacts, NumberRead } from '../rules/facts';
import { runRules } from '../rules/run';
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
} from '../read/indicator-value';
import { type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';

import { displayText, normaliseLabel } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { DROPPED_TARGET_WORDS } from '../vocabulary/table-words';
import type { IndicatorAssessment } from './form-result';
import { isEmptyCell, readScoreNumber, isNoReason, unjudgedAssessment } from './check-values';
import { valueText } from '../read/indicator-value';

/** One indicator row of a 项目支出 自评表: its values read, its completion judged and its 得分 against the profile. */

const DROPPED_TARGET = wordsPattern(DROPPED_TARGET_WORDS);

export function assessIndicator(row: IndicatorRow, profile: Profile, findings: FindingList): IndicatorAssessment {
  if (row.adjustedTarget && DROPPED_TARGET.test(normaliseLabel(row.adjustedTarget.value))) return droppedIndicator(row);
  // A target adjusted during the year is the one the actual value is judged against (Chongqing, Shanxi).
  if (row.adjustedTarget && !isBlank(row.adjustedTarget.value)) row = { ...row, target: row.adjustedTarget };
  const name = displayText(row.name.value);
  const label = indicatorLabel(row);
  const numberProblems: NumberRead[] = [];
  const weight = readScoreNumber(row.weight, `${label}的分值`, numberProblems);
  // A row not filled in yet lacks both its 实际完成值 (actual-missing) and its 得分 (score-invalid, DOMAIN.md §4).
  const score = readScoreNumber(row.score, `${label}的得分`, numberProblems);
  const { deduction, reviewScore } = readReviewColumns(row, label, numberProblems);
  runRules('scoredRow', { row, label, weight, score, numberProblems }, findings);
  const { target, actual, percentReading } = readValues(row);
  const judged = judgeIndicator({ row, name, label, target, actual, weight }, profile);
  const reasonBlank = !row.reason || isNoReason(row.reason.value);
  // One literal, not spreads: V8 copies spread objects on a slow path, and this runs for every indicator.
  const facts: IndicatorFacts = {
    profile,
    row,
    name,
    label,
    target,
    actual,
    percentReading,
    weight,
    score,
    reasonBlank,
    status: judged.status,
    level: judged.level,
    expectedScore: judged.expectedScore,
    negative: judged.negative,
    unitConflict: judged.unitConflict,
    deduction,
    reviewScore,
  };
  runRules('indicator', facts, findings);
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
function readValues(row: IndicatorRow): Pick<IndicatorFacts, 'target' | 'actual' | 'percentReading'> {
  const target = row.target ? parseIndicatorValue(row.target.value, row.target.numberFormat) : EMPTY_VALUE;
  const actual = row.actual ? parseIndicatorValue(row.actual.value, row.actual.numberFormat) : EMPTY_VALUE;
  const actualInPercent = fractionAsPercent(actual, target);
  const targetInPercent = fractionAsPercent(target, actual);
  const read = actualInPercent ?? targetInPercent;
  const cell = actualInPercent ? row.actual : row.target;
  if (!read || read.kind !== 'quantitative' || !cell) return { target, actual, percentReading: null };
  const percentReading = { cell, which: actualInPercent ? '实际完成值' : '年度指标值', value: read.value } as const;
  return actualInPercent
    ? { target, actual: actualInPercent, percentReading }
    : { target: targetInPercent ?? target, actual, percentReading };
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

/** 扣减分数 and 核查分数, where the form has those columns filled. */
function readReviewColumns(
  row: IndicatorRow,
  label: string,
  problems: NumberRead[],
): { deduction: number | null; reviewScore: number | null } {
  const filled = (cell: CellRead | null | undefined): cell is CellRead => !!cell && !isBlank(cell.value);
  return {
    deduction: filled(row.deduction) ? readScoreNumber(row.deduction, `${label}的扣减分数`, problems) : null,
    reviewScore: filled(row.reviewScore) ? readScoreNumber(row.reviewScore, `${label}的核查分数`, problems) : null,
  };
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

type Judgement = Pick<IndicatorFacts, 'status' | 'level' | 'expectedScore' | 'negative' | 'unitConflict'>;

/** Whether the actual value meets the target (units first), and the profile's score when it does not. */
function judgeIndicator(reading: IndicatorReading, profile: Profile): Judgement {
  const { row, name, target, weight } = reading;
  // The 一体化 systems set a negative actual to 0 before the formula (Ext.lt.pmkpi.warn): `-3` meets `≤0`.
  const given = reading.actual;
  const negative = given.kind === 'quantitative' && given.value < 0;
  const actual: IndicatorValue = given.kind === 'quantitative' && negative ? { ...given, value: 0 } : given;
  const judgement: Judgement = { status: 'unknown', level: null, expectedScore: null, negative, unitConflict: null };
  if (row.actual && isShareName(name)) {
    const unit =
      (actual.kind === 'quantitative' && actual.unit) || (target.kind === 'quantitative' && target.unit) || null;
    if (isCountUnit(unit)) judgement.unitConflict = { kind: 'share-counted', unit: unit! };
  }
  if (target.kind === 'quantitative' && actual.kind === 'quantitative') {
    const factor = unitFactor(actual.unit, target.unit);
    if (factor === null && !judgement.unitConflict) judgement.unitConflict = { kind: 'units-differ' };
    if (judgement.unitConflict) return judgement;
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
