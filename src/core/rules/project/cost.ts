import { ruleModule, PROJECT, type Report } from '../meta';
import type { FormFacts } from '../facts';
import type { SelfEvaluationForm } from '../../read/form';
import { parseIndicatorValue, unitFactor } from '../../read/indicator-value';
import { isCostIndicator } from '../../read/labels';
import { displayText, formatNumber, normaliseLabel, readNumber } from '../../sheet/text';
import { wordsPattern } from '../../vocabulary/words';
import { COST_SAVING_WORDS, COST_UNIT_WORDS } from '../../vocabulary/table-words';

/** 成本指标: targets stated as ceilings in money or a rate, within the project's funds; and a form without one. */
const rules = {
  'cost-target-direction': { severity: 'warning', title: '成本指标不是上限（≤）', forms: PROJECT },
  'cost-target-unit': { severity: 'warning', title: '成本指标缺少金额或比率单位', forms: PROJECT },
  'cost-exceeds-budget': { severity: 'warning', title: '成本指标超过项目资金', forms: PROJECT },
  'cost-indicator-unset': { severity: 'warning', title: '未设置成本指标', forms: PROJECT, options: ['costUnsetCap'] },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  form(facts, report) {
    checkCostTargets(facts.form, report);
    if (facts.profile.costUnsetCap !== undefined) checkCostSet(facts, facts.profile.costUnsetCap, report);
  },
});

const COST_UNIT = wordsPattern(COST_UNIT_WORDS);
const COST_SAVING = wordsPattern(COST_SAVING_WORDS);

/**
 * 成本指标 as reviewers and the 一体化 systems read them (national, since the 2021 framework): the target is a
 * ceiling (`≤`), stated in money or as a rate, and a money ceiling is not above the project's own funds.
 */
function checkCostTargets(form: SelfEvaluationForm, report: Report<Id>): void {
  const funds = projectFunds(form);
  for (const row of form.indicators) {
    if (!isCostIndicator(row) || !row.target) continue;
    const name = `成本指标「${displayText(row.name.value)}」`;
    const target = parseIndicatorValue(row.target.value, row.target.numberFormat);
    if (target.kind === 'empty') continue;
    if (target.kind === 'qualitative' || target.unit === null || !COST_UNIT.test(target.unit)) {
      const written = displayText(row.target.value);
      report('cost-target-unit', row.target, `${name}的指标值「${written}」应写明金额或比率，如「≤50万元」「≤5%」`);
      continue;
    }
    const saving = COST_SAVING.test(normaliseLabel(row.name.value));
    if (!saving && target.operator !== '<=' && target.operator !== '<') {
      const message = `${name}的指标值「${target.text}」应为上限（≤），成本越低越好`;
      report('cost-target-direction', row.target, message);
    }
    const factor = funds ? unitFactor(target.unit, funds.unit) : null;
    if (!saving && funds && factor !== null && target.value * factor > funds.amount * 1.000001) {
      const message = `${name}的指标值「${target.text}」超过项目资金 ${formatNumber(funds.amount)} ${funds.unit}`;
      report('cost-exceeds-budget', row.target, message);
    }
  }
}

/** The project's funds (全年预算数, else 年初预算数) in the section's money unit, if the form states them. */
function projectFunds(form: SelfEvaluationForm): { amount: number; unit: string } | null {
  const line = form.budget?.total;
  if (!form.budget || !line) return null;
  for (const cell of [line.budget, line.initial]) {
    const amount = cell ? readNumber(cell.value) : null;
    if (typeof amount === 'number' && amount > 0) return { amount, unit: form.budget.unit };
  }
  return null;
}

function checkCostSet({ form }: FormFacts, cap: number, report: Report<Id>): void {
  if (form.indicators.length === 0 || form.indicators.some(isCostIndicator)) return;
  const cell = form.indicators[0].name;
  report(
    'cost-indicator-unset',
    cell,
    `本表未设置成本指标；按本规则未设置成本指标的，成本指标最多得 ${formatNumber(cap)} 分，请补设经济成本等指标`,
  );
}
