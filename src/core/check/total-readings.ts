import type { IndicatorAssessment } from './form-result';
import { formatNumber } from '../sheet/text';
import { AMOUNT_ROUNDING, EPSILON, round2 } from '../sheet/precision';

/**
 * How a form's scores make its 总分 when the form can be read two ways (issue #33): 得分 written net of 扣减分数
 * (as the 一体化 systems store it) or gross; targets dropped during the year scored on what was applicable and
 * converted to the full scale (the published rule) or simply left out. The form's own 总分 says which it used.
 */

/** What the scores add up to, each capped at its weight; as written where a score exceeds its weight. */
export interface ScoreSum {
  capped: number | null;
  asWritten: number | null;
  /** `capped` before rounding: grade boundaries apply to the total as computed (89.995 is 良, not 优). */
  exact: number | null;
}

export const NO_SUM: ScoreSum = { capped: null, asWritten: null, exact: null };

/** The sum of `points` over the scored rows plus `extra`; a score above its weight counts at its weight. */
export function scoreSum(
  scored: readonly IndicatorAssessment[],
  points: (i: IndicatorAssessment) => number,
  extra: number,
): ScoreSum {
  let written = extra;
  let capped = extra;
  for (const i of scored) {
    const value = points(i);
    written += value;
    capped +=
      i.weight !== null && i.score !== null && i.score > i.weight + EPSILON ? value - (i.score - i.weight) : value;
  }
  return {
    capped: round2(capped),
    asWritten: Math.abs(written - capped) > EPSILON ? round2(written) : null,
    exact: capped,
  };
}

/** One way to read the total, and what to tell the reviewer when it is the one taken. */
interface Reading {
  sum: ScoreSum;
  said: string | null;
  /** 得分 taken as already net of 扣减分数 (a larger 扣减 is then no error). */
  net: boolean;
}

export interface TotalReading extends ScoreSum {
  /** Why this reading was taken, where the form could be read another way; null: the only reading. */
  said: string | null;
  net: boolean;
}

export interface TotalFacts {
  counted: readonly IndicatorAssessment[];
  /** The budget line's points in the total (0 where it is not added; null where it is unusable). */
  budgetPart: number | null;
  /** The weights of the rows whose targets were dropped, and the full scale the weights were set on. */
  droppedWeight: number;
  scale: number;
  declared: number | null;
}

/**
 * The total the form's scores give, read the way the form's own 总分 confirms: the first reading that gives the
 * declared total, else the published rule's (gross of 扣减, dropped targets converted to the full scale).
 */
export function readTotal(facts: TotalFacts): TotalReading {
  const readings = possibleReadings(facts);
  const matches = (reading: Reading) =>
    facts.declared !== null &&
    reading.sum.capped !== null &&
    Math.abs(facts.declared - reading.sum.capped) <= AMOUNT_ROUNDING;
  const confirmed = readings.find(matches);
  const chosen = confirmed ?? readings[0];
  // Said where the form could be read another way that gives another total, and the reading taken is not the
  // plain one (or targets were dropped: how they count is always worth a word).
  const another = readings.some((reading) => reading !== chosen && reading.sum.capped !== chosen.sum.capped);
  const worthSaying = chosen !== readings[0] || facts.droppedWeight > EPSILON;
  const { capped, asWritten, exact } = chosen.sum;
  return { capped, asWritten, exact, said: another && worthSaying ? chosen.said : null, net: chosen.net };
}

function possibleReadings({ counted, budgetPart, droppedWeight, scale }: TotalFacts): Reading[] {
  if (counted.length === 0 || budgetPart === null || counted.some((i) => i.score === null))
    return [{ sum: NO_SUM, said: null, net: false }];
  const deducted = counted.some((i) => (i.deduction ?? 0) > EPSILON);
  const gross: Reading = {
    sum: grossSum(counted, budgetPart),
    said: deducted ? '得分为扣减前的分数，总分按“得分 − 扣减分数”合计' : null,
    net: false,
  };
  const net: Reading = {
    sum: scoreSum(counted, (i) => i.score ?? 0, budgetPart),
    said: '得分已是扣减后的分数（一体化系统的存法），总分按得分合计，扣减分数不再减去',
    net: true,
  };
  const plain = deducted ? [gross, net] : [gross];
  if (droppedWeight <= EPSILON) return plain;
  const applicable = scale - droppedWeight;
  const converted = plain.map((reading): Reading => ({
    ...reading,
    sum: scaled(reading.sum, applicable > EPSILON ? scale / applicable : 1),
    said: `取消的指标（共 ${formatNumber(droppedWeight)} 分）不计，其余指标得分按 ${formatNumber(scale)} 分制折算${reading.said ? `；${reading.said}` : ''}`,
  }));
  const left = plain.map((reading): Reading => ({
    ...reading,
    said: `取消的指标（共 ${formatNumber(droppedWeight)} 分）不计，总分未折算${reading.said ? `；${reading.said}` : ''}`,
  }));
  return [...converted, ...left];
}

/** 得分 less 扣减分数 (the deduction at most the score: more is its own error and leaves no total). */
function grossSum(counted: readonly IndicatorAssessment[], budgetPart: number): ScoreSum {
  if (counted.some((i) => (i.deduction ?? 0) > (i.score ?? 0) + EPSILON)) return NO_SUM;
  return scoreSum(counted, (i) => (i.score ?? 0) - (i.deduction ?? 0), budgetPart);
}

function scaled(sum: ScoreSum, factor: number): ScoreSum {
  if (sum.exact === null || sum.capped === null) return sum;
  const exact = sum.exact * factor;
  return {
    capped: round2(exact),
    asWritten: sum.asWritten === null ? null : round2(sum.asWritten * factor),
    exact,
  };
}
