import { ruleModule, PROJECT } from '../meta';

/** The budget section (预算执行情况): its rate, its parts and its score. */
export default ruleModule({
  'budget-rate-mismatch': { severity: 'error', title: '执行率计算错误', forms: PROJECT },
  'budget-components-mismatch': { severity: 'error', title: '资金总额与明细不符', forms: PROJECT },
  'budget-score-mismatch': {
    severity: 'warning',
    title: '预算执行率得分不符合规则',
    forms: PROJECT,
    concernsScore: true,
    remedy: 'fix',
  },
  'budget-overspent': { severity: 'warning', title: '执行数超过预算数', forms: PROJECT },
  'budget-rate-missing': { severity: 'info', title: '执行率未填写', forms: PROJECT, remedy: 'fill' },
  // The indicators leave 10 points to the budget, but no budget lines were read: that part of 总分 is unchecked.
  'budget-unread': {
    severity: 'warning',
    title: '未读到预算执行情况，总分未能全部核对',
    forms: PROJECT,
    concernsScore: true,
  },
});
