import { ruleModule, PROJECT, SCORED, LEVELLED } from '../meta';

/** The sums of a 自评表: its weights, each level's weight, 总分 and 评分等级. */
export default ruleModule({
  'weights-total': { severity: 'error', title: '指标分值合计不对', forms: LEVELLED },
  // What the 预算管理一体化 systems check on save (issue #25): national where every system does it.
  'level-weights-mismatch': { severity: 'error', title: '三级指标分值与上级分值不符', forms: LEVELLED },
  'total-mismatch': { severity: 'error', title: '总分与计算不符', forms: SCORED, remedy: 'fix' },
  'grade-mismatch': { severity: 'error', title: '评分等级与总分不符', forms: SCORED, remedy: 'fix' },
  'total-missing': { severity: 'info', title: '总分未填写', forms: SCORED, remedy: 'fill' },
  'grade-missing': { severity: 'info', title: '评分等级未填写', forms: SCORED, remedy: 'fill' },
  'weights-absent': { severity: 'info', title: '表中没有分值列', forms: PROJECT },
});
