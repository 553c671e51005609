import { ruleModule, DECLARATION } from '../meta';

/** 绩效目标申报表: targets written as the systems take them. */
export default ruleModule({
  // 绩效目标申报表 (target declarations) and the 自评表 ↔ 申报表 cross-check.
  'target-unparseable': { severity: 'warning', title: '指标值写法不规范', forms: DECLARATION },
  'target-unit-mismatch': { severity: 'warning', title: '指标值单位不合适', forms: DECLARATION },
  'categories-missing': { severity: 'warning', title: '缺少必需的指标类别', forms: DECLARATION },
  'target-implausible': { severity: 'warning', title: '指标值不合常理', forms: DECLARATION },
  'funds-components-mismatch': { severity: 'error', title: '资金总额与明细不符', forms: DECLARATION },
});
