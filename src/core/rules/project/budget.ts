import { ruleModule, PROJECT, type Report } from '../meta';
import type { BudgetFacts } from '../facts';
import type { BudgetLine, BudgetSection } from '../../read/form';
import { numberOf, statedRateOf } from '../../read/cell-numbers';
import { lineName, moneyText } from '../wording';
import { AMOUNT_ROUNDING, BUDGET_SCORE_ROUNDING, EPSILON } from '../../sheet/precision';
import { isBlank } from '../../sheet/grid';
import { formatNumber } from '../../sheet/text';

/** The budget section (预算执行情况): its rate, its parts and its score. */
const rules = {
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
} as const;
type Id = keyof typeof rules;

export default ruleModule(
  rules,
  {
    budget(facts, report) {
      const { section, line, budgeted, executed } = facts;
      for (const budgetLine of [line, ...section.components])
        checkStatedRate(budgetLine, section, budgetLine === line, report);
      if (budgeted !== null && executed !== null && executed > budgeted + EPSILON && line.executed) {
        const spent = moneyText(executed, line.executed, section.unit);
        const message = `${lineName(line)}全年执行数 ${spent} 超过${section.budgetTitle} ${moneyText(budgeted, line.budget, section.unit)}`;
        report('budget-overspent', line.executed, message);
      }
      checkBudgetComponents(section, line, report);
      checkBudgetScore(facts, report);
    },
    reading({ form, unreadBudget }, report) {
      const cell = form.total?.score ?? form.indicators[0]?.name;
      if (!unreadBudget || !cell) return;
      const { weight, indicatorsTotal } = unreadBudget;
      const sum = indicatorsTotal === null ? '' : `（指标得分合计 ${formatNumber(indicatorsTotal)}）`;
      const message = `未读到预算执行情况（年初预算数、全年预算数、全年执行数及执行率得分），总分中预算执行率的 ${formatNumber(weight)} 分无法核对${sum}`;
      report('budget-unread', cell, message);
    },
  },
  {
    fix: {
      'budget-score-mismatch': ({ form, budgetScore }) => ({
        value: budgetScore.expected,
        cell: form.budget?.total?.score,
      }),
    },
    fill: {
      'budget-rate-missing': ({ form, executionRate }, finding) => {
        if (executionRate === null) return null;
        // Written as the form writes its rates: percent points (`98.5`) or a fraction shown as a percentage.
        return form.budget?.rateInPercentPoints
          ? { cell: finding.cell, value: executionRate, numberFormat: '0.00' }
          : { cell: finding.cell, value: executionRate / 100, numberFormat: '0.00%' };
      },
    },
  },
);

function checkStatedRate(line: BudgetLine, section: BudgetSection, isTotal: boolean, report: Report<Id>): void {
  const budgeted = numberOf(line.budget);
  const executed = numberOf(line.executed);
  if (!line.rate || budgeted === null || budgeted <= 0 || executed === null) return;
  const rate = (executed / budgeted) * 100;
  if (isBlank(line.rate.value) && line.rate.formula === null) {
    const message = `${lineName(line)}执行率未填写，按全年执行数 / ${section.budgetTitle}应为 ${formatNumber(rate)}%`;
    if (isTotal) report('budget-rate-missing', line.rate, message);
    return;
  }
  const stated = statedRateOf(line.rate, section.rateInPercentPoints);
  if (!stated || Math.abs(stated.value - rate) <= stated.tolerance) return;
  report(
    'budget-rate-mismatch',
    line.rate,
    `${lineName(line)}执行率填 ${formatNumber(stated.value)}%，但全年执行数 ${moneyText(executed, line.executed, section.unit)} / ${section.budgetTitle} ${moneyText(budgeted, line.budget, section.unit)} = ${formatNumber(rate)}%`,
  );
}

/** Each money column of 年度资金总额 against the sum of its 其中 lines. */
function checkBudgetComponents(section: BudgetSection, line: BudgetLine, report: Report<Id>): void {
  const columns: Array<[keyof Pick<BudgetLine, 'initial' | 'budget' | 'executed'>, string]> = [
    ['initial', '年初预算数'],
    ['budget', '全年预算数'],
    ['executed', '全年执行数'],
  ];
  for (const [key, title] of columns) {
    const totalCell = line[key];
    const totalValue = numberOf(totalCell);
    const parts = section.components.map((c) => numberOf(c[key])).filter((v): v is number => v !== null);
    if (!totalCell || totalValue === null || parts.length === 0) continue;
    const sum = parts.reduce((total, v) => total + v, 0);
    if (Math.abs(sum - totalValue) <= AMOUNT_ROUNDING) continue;
    const names = section.components
      .map((c) => lineName(c, ''))
      .filter((n) => n !== '')
      .join('、');
    const stated = moneyText(totalValue, totalCell, section.unit);
    const message = `${lineName(line)}${title} ${stated}，但其中各项${names ? `（${names}）` : ''}之和为 ${moneyText(sum, totalCell, section.unit)}`;
    report('budget-components-mismatch', totalCell, message);
  }
}

/** The budget row's 得分 against the profile's (a score that is not a number is the numbers module's to say). */
function checkBudgetScore({ profile, line, score }: BudgetFacts, report: Report<Id>): void {
  const { weight, rate, expected, written } = score;
  if (!line.score || typeof written !== 'number' || expected === null) return;
  if (Math.abs(written - expected) <= BUDGET_SCORE_ROUNDING) return;
  const how =
    profile.budgetScoring === 'full'
      ? '按本规则预算执行率直接得满分'
      : `执行率 ${formatNumber(rate ?? 0)}% × ${formatNumber(weight)} 分`;
  const message = `${lineName(line)}预算执行率得分填 ${formatNumber(written)}，${how}，应为 ${formatNumber(expected)}`;
  report('budget-score-mismatch', line.score, message);
}
