import { ruleModule, PROJECT } from '../meta';
import { indicatorAt, type IndicatorFacts } from '../facts';
import { valueText, type IndicatorValue, type QualitativeLevel } from '../../read/indicator-value';
import { EPSILON, round2, SCORE_ROUNDING } from '../../sheet/precision';
import { formatNumber } from '../../sheet/text';

/** An indicator's 得分 against its judgement: the formula, the qualitative bands, full marks for a missed target. */
export default ruleModule(
  {
    'target-missed-full-score': {
      severity: 'warning',
      title: '未完成目标却得满分',
      forms: PROJECT,
      concernsScore: true,
    },
    'quantitative-score-mismatch': {
      severity: 'warning',
      title: '定量指标得分不符合公式',
      forms: PROJECT,
      concernsScore: true,
      remedy: 'fix',
    },
    'qualitative-band-mismatch': {
      severity: 'warning',
      title: '定性指标得分不在档次内',
      forms: PROJECT,
      concernsScore: true,
    },
    'negative-actual-scored': { severity: 'error', title: '实际完成值为负数仍得分', forms: PROJECT },
    'target-met-but-deducted': { severity: 'info', title: '已完成目标但扣分', forms: PROJECT },
  },
  {
    indicator(facts, report) {
      const { row, label, target, actual, weight, score, reasonBlank, status, level, expectedScore } = facts;
      if (weight === null || score === null || !row.score) return;
      if (facts.negative && status === 'missed') {
        const due = expectedScore ?? 0;
        if (score > due + EPSILON) {
          const message = `${label}实际完成值「${valueText(actual)}」为负数，按 0 计应得 ${formatNumber(due)} 分，实填 ${formatNumber(score)} 分`;
          report('negative-actual-scored', row.score, message);
        }
        return;
      }
      // The formula's score stored to two decimals (19.998 → 20.00) is full marks, as the systems store it.
      const formulaFull = expectedScore !== null && expectedScore >= weight - EPSILON;
      if (status === 'missed' && score >= weight - EPSILON && !formulaFull) {
        const message = `${label}实际完成值「${valueText(actual)}」未达到年度指标值「${valueText(target)}」，却得了满分 ${formatNumber(score)}`;
        report('target-missed-full-score', row.score, message);
      }
      const formulaOff = expectedScore !== null && Math.abs(score - expectedScore) > SCORE_ROUNDING;
      if (formulaOff && status === 'missed' && score < weight - EPSILON) {
        const message = `${label}未完成定量目标，按${formulaName(target)}应得 ${formatNumber(expectedScore!)} 分，实填 ${formatNumber(score)} 分`;
        report('quantitative-score-mismatch', row.score, message);
      }
      if (level !== null && weight > 0 && !inBand(facts, level, weight, score)) {
        report('qualitative-band-mismatch', row.score, bandMessage(facts, level, weight, score));
      }
      if (status === 'met' && score < weight - EPSILON && !reasonBlank) {
        const lost = formatNumber(weight - score);
        report('target-met-but-deducted', row.score, `${label}已完成年度指标值，仍扣 ${lost} 分（已说明原因）`);
      }
    },
  },
  {
    fix: {
      'quantitative-score-mismatch': (result, finding) => {
        const { indicator, row } = indicatorAt(result, finding);
        return { value: indicator?.expectedScore ?? null, cell: row?.score };
      },
    },
  },
);

/**
 * A qualitative score's band, in the weight's points rounded to two decimals as the systems compare them
 * (selfqualscorecheck), half-open: 达成 [80 %, 100 %], 部分达成 [60 %, 80 %), 未达成 [0, 60 %).
 */
function band({ profile }: IndicatorFacts, level: QualitativeLevel, weight: number) {
  const [low, high] = profile.qualitativeBands[level];
  return {
    low,
    high,
    lowPoints: round2((weight * low) / 100),
    highPoints: round2((weight * high) / 100),
    topIncluded: level === 'achieved',
  };
}

function inBand(facts: IndicatorFacts, level: QualitativeLevel, weight: number, score: number): boolean {
  const { lowPoints, highPoints, topIncluded } = band(facts, level, weight);
  return score >= lowPoints - EPSILON && (topIncluded ? score <= highPoints + EPSILON : score < highPoints - EPSILON);
}

function bandMessage(facts: IndicatorFacts, level: QualitativeLevel, weight: number, score: number): string {
  const { low, high, lowPoints, highPoints, topIncluded } = band(facts, level, weight);
  const top = topIncluded ? `${high}%` : `${high}%（不含）`;
  const range = `${formatNumber(lowPoints)} 分（含）至 ${formatNumber(highPoints)} 分${topIncluded ? '' : '（不含）'}`;
  return `${facts.label}完成情况「${valueText(facts.actual)}」属于“${LEVEL_NAMES[level]}”档，得分应在分值的 ${low}%（含）–${top}（${range}），实得 ${formatNumber(score)} 分`;
}

const LEVEL_NAMES: Record<QualitativeLevel, string> = {
  achieved: '达成年度指标',
  partial: '部分达成年度指标并具有一定效果',
  poor: '未达成年度指标且效果较差',
};

function formulaName(target: IndicatorValue): string {
  if (target.kind === 'quantitative' && (target.operator === '<=' || target.operator === '<'))
    return '“指标值 ÷ 实际值 × 分值”';
  return '“实际值 ÷ 指标值 × 分值”';
}
