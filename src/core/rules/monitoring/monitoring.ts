import { ruleModule, MONITORING } from '../meta';

/** 绩效运行监控表: the only checks that hold without scores. */
export default ruleModule({
  // 绩效运行监控表 (monitoring forms): the only checks that hold without scores.
  'monitoring-rate-mismatch': { severity: 'error', title: '监控表执行率计算错误', forms: MONITORING },
  'monitoring-reason-missing': { severity: 'error', title: '可能完不成目标却未说明原因', forms: MONITORING },
  'monitoring-likelihood-missing': { severity: 'warning', title: '未填写完成目标可能性', forms: MONITORING },
});
