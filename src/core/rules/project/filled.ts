import { ruleModule, PROJECT } from '../meta';
import { isCostIndicator } from '../../read/labels';
import { valueText } from '../../read/indicator-value';
import { EPSILON } from '../../sheet/precision';
import { formatNumber } from '../../sheet/text';

/** What every indicator of a 项目支出 自评表 must have filled in. */
export default ruleModule(
  {
    'actual-missing': { severity: 'error', title: '缺少实际完成值', forms: PROJECT },
    'reason-missing': { severity: 'error', title: '扣分未写偏差原因', forms: PROJECT, remedy: 'reason' },
    // The systems ask a 计量单位 of every quantitative target (the 通版 default, #33).
    'target-unit-missing': { severity: 'warning', title: '定量指标缺少计量单位', forms: PROJECT },
  },
  {
    indicator({ row, label, target, actual, weight, score, reasonBlank }, report) {
      // A 成本指标's unit is cost-target-unit's to say (money or a rate, not any unit).
      if (target.kind === 'quantitative' && target.unit === null && row.target && !isCostIndicator(row)) {
        const message = `${label}的年度指标值「${valueText(target)}」没有计量单位（定量指标须写明单位，如 个、%、万元），实际完成值无从比对单位`;
        report('target-unit-missing', row.target, message);
      }
      if (target.kind !== 'empty' && actual.kind === 'empty' && row.actual && row.actual.formula === null) {
        report('actual-missing', row.actual, `${label}有年度指标值「${valueText(target)}」，但未填写实际完成值`);
      }
      const cell = row.reason ?? row.score;
      if (weight === null || score === null || !reasonBlank || !cell || score >= weight - EPSILON) return;
      const message = `${label}扣了 ${formatNumber(weight - score)} 分（得分 ${formatNumber(score)} / 分值 ${formatNumber(weight)}），须填写偏差原因分析及改进措施`;
      report('reason-missing', cell, message);
    },
  },
);
