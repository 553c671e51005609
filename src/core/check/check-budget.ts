import { AMOUNT_ROUNDING, BUDGET_SCORE_ROUNDING, EPSILON, round2 } from '../sheet/precision';
import { toA1 } from '../sheet/address';
import { isBlank } from '../sheet/grid';
import type { BudgetLine, BudgetSection, CellRead, SelfEvaluationForm } from '../read/form';
import { type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';

import { displayText, formatDecimals, formatNumber, foldWidth, isPercentFormat, readNumber } from '../sheet/text';
import type { FormResult } from './form-result';
import { decimalsOf, numberOf, lineName, moneyText } from './check-values';

/** The 预算执行情况 section of a 自评表: its figures, its 执行率 and the budget line's score. */

interface BudgetSummary {
  weight: number | null;
  rate: number | null;
  usableScore: number | null;
  scoreSummary: FormResult['budgetScore'];
}

export function checkBudget(form: SelfEvaluationForm, profile: Profile, findings: FindingList): BudgetSummary {
  const section = form.budget;
  const line = section?.total ?? null;
  if (!section || !line) {
    return {
      weight: null,
      rate: null,
      usableScore: null,
      scoreSummary: { cell: null, declared: null, expected: null },
    };
  }
  const weight = numberOf(line.weight) ?? section.labelWeight;
  const budgeted = numberOf(line.budget);
  const executed = numberOf(line.executed);
  const rate = budgeted !== null && budgeted > 0 && executed !== null ? (executed / budgeted) * 100 : null;
  for (const budgetLine of [line, ...section.components]) {
    checkStatedRate(budgetLine, section, findings, budgetLine === line);
  }
  if (budgeted !== null && executed !== null && executed > budgeted + EPSILON && line.executed) {
    const spent = moneyText(executed, line.executed, section.unit);
    const message = `${lineName(line)}全年执行数 ${spent} 超过${section.budgetTitle} ${moneyText(budgeted, line.budget, section.unit)}`;
    findings.add('budget-overspent', line.executed, message);
  }
  checkBudgetComponents(section, line, findings);
  const { declared, expected, usable } = checkBudgetScore(
    section,
    line,
    weight ?? profile.budgetWeight,
    rate,
    profile,
    findings,
  );
  return {
    weight,
    rate: rate === null ? null : round2(rate),
    usableScore: usable,
    scoreSummary: { cell: line.score ? toA1(line.score.row, line.score.col) : null, declared, expected },
  };
}

/** Each money column of 年度资金总额 against the sum of its 其中 lines. */
function checkBudgetComponents(section: BudgetSection, line: BudgetLine, findings: FindingList): void {
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
    findings.add('budget-components-mismatch', totalCell, message);
  }
}

/** The budget row's 得分 against the profile's: 执行率 × weight (capped), or full marks where the profile says so. */
function checkBudgetScore(
  section: BudgetSection,
  line: BudgetLine,
  weight: number,
  rate: number | null,
  profile: Profile,
  findings: FindingList,
): { declared: number | null; expected: number | null; usable: number | null } {
  const statedRate = line.rate ? (statedRateOf(line.rate, section.rateInPercentPoints)?.value ?? null) : null;
  const rateForScore = rate ?? statedRate;
  const expected =
    profile.budgetScoring === 'full'
      ? weight
      : rateForScore === null
        ? null
        : round2(Math.min(rateForScore / 100, 1) * weight);
  const declaredRaw = line.score ? readNumber(line.score.value) : null;
  const declared = typeof declaredRaw === 'number' ? declaredRaw : null;
  if (line.score && declaredRaw === undefined) {
    findings.add(
      'score-invalid',
      line.score,
      `${lineName(line)}预算执行率得分「${displayText(line.score.value)}」不是数字`,
    );
  } else if (
    line.score &&
    declared !== null &&
    expected !== null &&
    Math.abs(declared - expected) > BUDGET_SCORE_ROUNDING
  ) {
    const how =
      profile.budgetScoring === 'full'
        ? '按本规则预算执行率直接得满分'
        : `执行率 ${formatNumber(rateForScore ?? 0)}% × ${formatNumber(weight)} 分`;
    const message = `${lineName(line)}预算执行率得分填 ${formatNumber(declared)}，${how}，应为 ${formatNumber(expected)}`;
    findings.add('budget-score-mismatch', line.score, message);
  }
  const usable = declared !== null && declared >= 0 && declared <= weight + EPSILON ? declared : expected;
  return { declared, expected, usable };
}

function checkStatedRate(line: BudgetLine, section: BudgetSection, findings: FindingList, isTotal: boolean): void {
  const percentHeader = section.rateInPercentPoints;
  const budgeted = numberOf(line.budget);
  const executed = numberOf(line.executed);
  if (!line.rate || budgeted === null || budgeted <= 0 || executed === null) return;
  const rate = (executed / budgeted) * 100;
  if (isBlank(line.rate.value) && line.rate.formula === null) {
    if (isTotal)
      findings.add(
        'budget-rate-missing',
        line.rate,
        `${lineName(line)}执行率未填写，按全年执行数 / ${section.budgetTitle}应为 ${formatNumber(rate)}%`,
      );
    return;
  }
  const stated = statedRateOf(line.rate, percentHeader);
  if (!stated) return;
  if (Math.abs(stated.value - rate) > stated.tolerance) {
    findings.add(
      'budget-rate-mismatch',
      line.rate,
      `${lineName(line)}执行率填 ${formatNumber(stated.value)}%，但全年执行数 ${moneyText(executed, line.executed, section.unit)} / ${section.budgetTitle} ${moneyText(budgeted, line.budget, section.unit)} = ${formatNumber(rate)}%`,
    );
  }
}

/** A stated 执行率 in percent points, with half a unit of its last shown digit as tolerance. */
export function statedRateOf(cell: CellRead, percentHeader: boolean): { value: number; tolerance: number } | null {
  const value = cell.value;
  if (typeof value === 'number') {
    const percentFormat = isPercentFormat(cell.numberFormat);
    const asFraction = percentFormat || (!percentHeader && value <= 1.5);
    const points = asFraction ? value * 100 : value;
    let decimals = formatDecimals(cell.numberFormat);
    if (decimals === null) decimals = Math.max(0, decimalsOf(value) - (asFraction ? 2 : 0));
    else if (asFraction && !percentFormat) decimals = Math.max(0, decimals - 2);
    return { value: points, tolerance: 0.5 * 10 ** -decimals + EPSILON };
  }
  if (typeof value !== 'string') return null;
  const text = foldWidth(value).replace(/\s/g, '');
  const match = /^([+-]?\d+(?:\.(\d+))?)(%?)$/.exec(text);
  if (!match) return null;
  const number = Number(match[1]);
  const decimals = match[2]?.length ?? 0;
  const asFraction = match[3] === '' && !percentHeader && number <= 1.5;
  return asFraction
    ? { value: number * 100, tolerance: 0.5 * 10 ** -Math.max(0, decimals - 2) + EPSILON }
    : { value: number, tolerance: 0.5 * 10 ** -decimals + EPSILON };
}
