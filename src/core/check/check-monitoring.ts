import { indicatorLine, type IndicatorLine } from './form-result';
import { rangeToA1 } from '../sheet/address';

import { FindingList } from '../rules/findings';
import type { MonitoringFacts } from '../rules/facts';
import { runRules } from '../rules/run';
import type { MonitoringForm } from '../read/monitoring';
import type { Finding } from '../rules/rules';
import { displayText, readNumber } from '../sheet/text';

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

/** A 绩效运行监控表 checked by the rule modules, with its 执行率 worked out. */
export function checkMonitoring(form: MonitoringForm): MonitoringResult {
  const findings = new FindingList({ kind: 'monitoring' });
  const funds = fundsOf(form);
  runRules('monitoring', { form, funds }, findings);
  return {
    kind: 'monitoring',
    form,
    sheet: form.sheet,
    range: rangeToA1(form.range),
    executionRate: funds ? Math.round(funds.rate * 100) / 100 : null,
    indicators: form.indicators.map((i) => ({
      ...indicatorLine(i),
      progress: i.progress ? displayText(i.progress.value) : '',
      forecast: i.forecast ? displayText(i.forecast.value) : '',
      likelihood: i.likelihood,
    })),
    findings: findings.sorted(),
  };
}

function fundsOf(form: MonitoringForm): MonitoringFacts['funds'] {
  const line = form.budget;
  if (!line) return null;
  const budgeted = readNumber(line.budget?.value ?? null);
  const executed = readNumber(line.executed?.value ?? null);
  if (typeof budgeted !== 'number' || typeof executed !== 'number' || budgeted <= 0) return null;
  return { budgeted, executed, rate: (executed / budgeted) * 100 };
}
