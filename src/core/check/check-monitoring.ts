import { statedRateOf } from '../read/cell-numbers';
import { moneyText, partName } from '../rules/wording';
import { indicatorLine, type IndicatorLine } from './form-result';
import { rangeToA1 } from '../sheet/address';

import { FindingList } from '../rules/findings';
import type { MonitoringForm, MonitoringIndicator } from '../read/monitoring';
import type { Finding } from '../rules/rules';
import { displayText, formatNumber, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { LIKELIHOOD_CERTAIN } from '../vocabulary/other-forms';

export interface MonitoringResult {
  kind: 'monitoring';
  form: MonitoringForm;
  sheet: string;
  range: string;
  /** 执行数 / 预算数 in percent points, where the budget line gives both. */
  executionRate: number | null;
  indicators: Array<IndicatorLine & { progress: string; forecast: string; likelihood: string | null }>;
  findings: Finding[];
}

const CERTAIN = wordsPattern(LIKELIHOOD_CERTAIN);

/**
 * The checks a 绩效运行监控表 gets: its 执行率 against 执行数 / 预算数, and a reason (or a √ under a reason
 * column) wherever 完成目标可能性 is anything but 确定能, or is not given at all.
 */
export function checkMonitoring(form: MonitoringForm): MonitoringResult {
  const findings = new FindingList({ kind: 'monitoring' });
  const executionRate = checkRate(form, findings);
  for (const indicator of form.indicators) checkLikelihood(form, indicator, findings);
  return {
    kind: 'monitoring',
    form,
    sheet: form.sheet,
    range: rangeToA1(form.range),
    executionRate,
    indicators: form.indicators.map((i) => ({
      ...indicatorLine(i),
      progress: i.progress ? displayText(i.progress.value) : '',
      forecast: i.forecast ? displayText(i.forecast.value) : '',
      likelihood: i.likelihood,
    })),
    findings: findings.sorted(),
  };
}

function checkRate(form: MonitoringForm, findings: FindingList): number | null {
  const line = form.budget;
  if (!line) return null;
  const budget = readNumber(line.budget?.value ?? null);
  const executed = readNumber(line.executed?.value ?? null);
  if (typeof budget !== 'number' || typeof executed !== 'number' || budget <= 0) return null;
  const rate = (executed / budget) * 100;
  const stated = line.rate ? statedRateOf(line.rate, false) : null;
  if (line.rate && stated && Math.abs(stated.value - rate) > stated.tolerance) {
    const name = line.label ? `「${partName(line.label)}」` : '资金';
    const spent = moneyText(executed, line.executed, line.unit);
    const planned = moneyText(budget, line.budget, line.unit);
    findings.add(
      'monitoring-rate-mismatch',
      line.rate,
      `${name}执行率填 ${formatNumber(stated.value)}%，但执行数 ${spent} / 预算数 ${planned} = ${formatNumber(rate)}%`,
    );
  }
  return Math.round(rate * 100) / 100;
}

function checkLikelihood(form: MonitoringForm, indicator: MonitoringIndicator, findings: FindingList): void {
  const label = `指标「${displayText(indicator.name.value)}」`;
  if (indicator.likelihood === null) {
    if (indicator.likelihoodCell)
      findings.add(
        'monitoring-likelihood-missing',
        indicator.likelihoodCell,
        `${label}未填写完成目标可能性（确定能 / 有可能 / 完全不可能）`,
      );
    return;
  }
  if (CERTAIN.test(indicator.likelihood) || indicator.reasonGiven || form.formReason) return;
  const cell = indicator.reasonCell ?? indicator.likelihoodCell;
  if (!cell) return;
  findings.add(
    'monitoring-reason-missing',
    cell,
    `${label}完成目标可能性为「${indicator.likelihood}」，须说明偏差原因（经费保障、制度保障、人员保障、硬件条件保障等）及拟采取的措施`,
  );
}
