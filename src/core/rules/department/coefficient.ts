import { ruleModule, DEPARTMENT } from '../meta';
import { BUDGET_SCORE_ROUNDING, EPSILON, round2 } from '../../sheet/precision';
import { formatNumber, isPercentFormat, readNumber } from '../../sheet/text';

/** 部门整体支出 forms scored by a coefficient (Chongqing): 得分 = 权重 × 得分系数. */
export default ruleModule(
  {
    'coefficient-score-mismatch': { severity: 'error', title: '得分与得分系数不符', forms: DEPARTMENT },
  },
  {
    scoredRow({ row, label, weight, score }, report) {
      const cell = row.coefficient;
      const raw = cell ? readNumber(cell.value) : null;
      if (!cell || !row.score || typeof raw !== 'number' || weight === null || score === null) return;
      // The coefficient in percent: 96, or 0.96 as 96 % (a percent format, or a share that makes the score).
      const percent =
        isPercentFormat(cell.numberFormat) || (raw > 0 && raw <= 1 && weight > 1 && raw * weight < score - EPSILON)
          ? raw * 100
          : raw;
      const expected = round2((weight * percent) / 100);
      if (Math.abs(expected - score) <= BUDGET_SCORE_ROUNDING) return;
      const message = `${label}得分填 ${formatNumber(score)}，按权重 ${formatNumber(weight)} × 得分系数 ${formatNumber(percent)}% 应为 ${formatNumber(expected)}`;
      report('coefficient-score-mismatch', row.score, message);
    },
  },
);
