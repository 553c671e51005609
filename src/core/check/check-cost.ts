import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import { parseIndicatorValue, unitFactor } from '../read/indicator-value';
import type { FindingList } from '../rules/findings';
import { displayText, formatNumber, normaliseLabel, readNumber } from '../sheet/text';
import { inCategory } from '../read/labels';
import { wordsPattern } from '../vocabulary/words';
import { COST_SAVING_WORDS, COST_UNIT_WORDS } from '../vocabulary/table-words';

const COST_UNIT = wordsPattern(COST_UNIT_WORDS);
const COST_SAVING = wordsPattern(COST_SAVING_WORDS);

/** A 成本指标 row: its 一级 or 二级 is a cost level. */
export function isCostIndicator(row: Pick<IndicatorRow, 'level1' | 'level2'>): boolean {
  return inCategory('cost', row.level1, row.level2);
}

/**
 * 成本指标 as reviewers and the 一体化 systems read them (national, since the 2021 framework): the target is a
 * ceiling (`≤`), stated in money or as a rate, and a money ceiling is not above the project's own funds.
 */
export function checkCostIndicators(form: SelfEvaluationForm, findings: FindingList): void {
  const funds = projectFunds(form);
  for (const row of form.indicators) {
    if (!isCostIndicator(row) || !row.target) continue;
    const name = `成本指标「${displayText(row.name.value)}」`;
    const target = parseIndicatorValue(row.target.value, row.target.numberFormat);
    if (target.kind === 'empty') continue;
    if (target.kind === 'qualitative' || target.unit === null || !COST_UNIT.test(target.unit)) {
      const written = displayText(row.target.value);
      findings.add(
        'cost-target-unit',
        row.target,
        `${name}的指标值「${written}」应写明金额或比率，如「≤50万元」「≤5%」`,
      );
      continue;
    }
    const saving = COST_SAVING.test(normaliseLabel(row.name.value));
    if (!saving && target.operator !== '<=' && target.operator !== '<') {
      const message = `${name}的指标值「${target.text}」应为上限（≤），成本越低越好`;
      findings.add('cost-target-direction', row.target, message);
    }
    const factor = funds ? unitFactor(target.unit, funds.unit) : null;
    if (!saving && funds && factor !== null && target.value * factor > funds.amount * 1.000001) {
      const message = `${name}的指标值「${target.text}」超过项目资金 ${formatNumber(funds.amount)} ${funds.unit}`;
      findings.add('cost-exceeds-budget', row.target, message);
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
