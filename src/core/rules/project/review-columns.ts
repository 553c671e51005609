import { ruleModule, PROJECT } from '../meta';
import { EPSILON } from '../../sheet/precision';
import { formatNumber } from '../../sheet/text';

/** The reviewers' columns some forms carry: 扣减分数 (at most the 得分) and 核查分数 (at most the 分值). */
export default ruleModule(
  {
    'review-score-exceeds-weight': { severity: 'error', title: '核查分数超过分值', forms: PROJECT },
    'deduction-exceeds-score': { severity: 'error', title: '扣减分数超过得分', forms: PROJECT },
  },
  {
    indicator({ row, label, weight, score, deduction, reviewScore }, report) {
      if (deduction !== null && score !== null && deduction > score + EPSILON && row.deduction) {
        const message = `${label}扣减分数 ${formatNumber(deduction)} 超过得分 ${formatNumber(score)}`;
        report('deduction-exceeds-score', row.deduction, message);
      }
      if (reviewScore !== null && weight !== null && reviewScore > weight + EPSILON && row.reviewScore) {
        const message = `${label}核查分数 ${formatNumber(reviewScore)} 超过分值 ${formatNumber(weight)}`;
        report('review-score-exceeds-weight', row.reviewScore, message);
      }
    },
  },
);
