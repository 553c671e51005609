import { ruleModule, MONITORING, type Report } from '../meta';
import type { MonitoringFacts } from '../facts';
import type { MonitoringForm, MonitoringIndicator } from '../../read/monitoring';
import { statedRateOf } from '../../read/cell-numbers';
import { moneyText, partName } from '../wording';
import { displayText, formatNumber } from '../../sheet/text';
import { wordsPattern } from '../../vocabulary/words';
import { LIKELIHOOD_CERTAIN } from '../../vocabulary/other-forms';

/**
 * 绩效运行监控表: the only checks that hold without scores — its 执行率 against 执行数 / 预算数, and a reason (or
 * a √ under a reason column) wherever 完成目标可能性 is anything but 确定能, or is not given at all.
 */
const rules = {
  'monitoring-rate-mismatch': { severity: 'error', title: '监控表执行率计算错误', forms: MONITORING },
  'monitoring-reason-missing': { severity: 'error', title: '可能完不成目标却未说明原因', forms: MONITORING },
  'monitoring-likelihood-missing': { severity: 'warning', title: '未填写完成目标可能性', forms: MONITORING },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  monitoring(facts, report) {
    checkRate(facts, report);
    for (const indicator of facts.form.indicators) checkLikelihood(facts.form, indicator, report);
  },
});

const CERTAIN = wordsPattern(LIKELIHOOD_CERTAIN);

function checkRate({ form, funds }: MonitoringFacts, report: Report<Id>): void {
  const line = form.budget;
  if (!line?.rate || !funds) return;
  const { budgeted, executed, rate } = funds;
  const stated = statedRateOf(line.rate, false);
  if (!stated || Math.abs(stated.value - rate) <= stated.tolerance) return;
  const name = line.label ? `「${partName(line.label)}」` : '资金';
  const spent = moneyText(executed, line.executed, line.unit);
  const planned = moneyText(budgeted, line.budget, line.unit);
  report(
    'monitoring-rate-mismatch',
    line.rate,
    `${name}执行率填 ${formatNumber(stated.value)}%，但执行数 ${spent} / 预算数 ${planned} = ${formatNumber(rate)}%`,
  );
}

function checkLikelihood(form: MonitoringForm, indicator: MonitoringIndicator, report: Report<Id>): void {
  const label = `指标「${displayText(indicator.name.value)}」`;
  if (indicator.likelihood === null) {
    if (indicator.likelihoodCell) {
      const message = `${label}未填写完成目标可能性（确定能 / 有可能 / 完全不可能）`;
      report('monitoring-likelihood-missing', indicator.likelihoodCell, message);
    }
    return;
  }
  if (CERTAIN.test(indicator.likelihood) || indicator.reasonGiven || form.formReason) return;
  const cell = indicator.reasonCell ?? indicator.likelihoodCell;
  if (!cell) return;
  report(
    'monitoring-reason-missing',
    cell,
    `${label}完成目标可能性为「${indicator.likelihood}」，须说明偏差原因（经费保障、制度保障、人员保障、硬件条件保障等）及拟采取的措施`,
  );
}
