import { ruleModule, LEVELLED, PROJECT, SCORED, type Report } from '../meta';
import type { GradeCheck, TotalCheck, TotalsFacts } from '../facts';
import type { CellRead, SelfEvaluationForm, StatedWeight } from '../../read/form';
import { AMOUNT_ROUNDING, round2 } from '../../sheet/precision';
import { formatNumber } from '../../sheet/text';

/** The sums of a 自评表: its weights, each level's weight, 总分 and 评分等级. */
const rules = {
  'weights-total': { severity: 'error', title: '指标分值合计不对', forms: LEVELLED },
  // What the 预算管理一体化 systems check on save (issue #25): national where every system does it.
  'level-weights-mismatch': { severity: 'error', title: '三级指标分值与上级分值不符', forms: LEVELLED },
  'total-mismatch': { severity: 'error', title: '总分与计算不符', forms: SCORED, remedy: 'fix' },
  'grade-mismatch': { severity: 'error', title: '评分等级与总分不符', forms: SCORED, remedy: 'fix' },
  'total-missing': { severity: 'info', title: '总分未填写', forms: SCORED, remedy: 'fill' },
  'grade-missing': { severity: 'info', title: '评分等级未填写', forms: SCORED, remedy: 'fill' },
  'weights-absent': { severity: 'info', title: '表中没有分值列', forms: PROJECT },
} as const;
type Id = keyof typeof rules;

export default ruleModule(
  rules,
  {
    totals(facts, report) {
      checkWeightColumn(facts.form, report);
      checkLevelWeights(facts, report);
      checkWeightsTotal(facts, report);
      if (facts.total) checkTotal(facts.total, report);
      if (facts.grade) checkGrade(facts.grade, report);
    },
  },
  {
    fix: {
      'total-mismatch': ({ form, total }) =>
        form.total?.inlineScore === null ? { value: total.computed, cell: form.total.score } : null,
      'grade-mismatch': ({ form, grade }) =>
        form.grade?.inlineGrade === null ? { value: grade.computed, cell: form.grade.value } : null,
    },
    fill: {
      'total-missing': ({ total }) =>
        total.cell && total.computed !== null ? { cell: total.cell, value: total.computed } : null,
      'grade-missing': ({ grade }) =>
        grade.cell && grade.computed !== null ? { cell: grade.cell, value: grade.computed } : null,
    },
  },
);

/** Indicator weights that add up to neither 100 nor (项目支出) 100 less the budget's weight. */
function checkWeightsTotal({ form, weights }: TotalsFacts, report: Report<Id>): void {
  const cell = form.total?.weight ?? lastWeightCell(form);
  if (!weights || !cell) return;
  const { sum, budgetWeight } = weights;
  if (budgetWeight === null) {
    if (Math.abs(sum - 100) >= 0.01)
      report('weights-total', cell, `各三级指标分值合计为 ${formatNumber(sum)}，应为 100`);
    return;
  }
  if (Math.abs(sum - 100) < 0.01 || Math.abs(sum - (100 - budgetWeight)) < 0.01) return;
  const message = `各指标分值合计为 ${formatNumber(sum)}，应为 100（不含预算执行率）或 ${formatNumber(100 - budgetWeight)}（另加预算执行率 ${formatNumber(budgetWeight)} 分）`;
  report('weights-total', cell, message);
}

function lastWeightCell(form: SelfEvaluationForm): CellRead | null {
  return form.indicators[form.indicators.length - 1]?.weight ?? null;
}

/** A form without a 分值 column: checked for all else, and the reviewer told what could not be checked. */
function checkWeightColumn(form: SelfEvaluationForm, report: Report<Id>): void {
  const first = form.indicators[0];
  if (!first || form.indicators.some((row) => row.weight !== null)) return;
  const cell = { row: form.headerRow, col: first.score?.col ?? first.name.col };
  const message =
    '表中没有分值列：各指标得分是否超过分值、扣分是否写明原因、分值合计是否为 100 都无法核对，请对照评分标准人工核对';
  report('weights-absent', cell, message);
}

/**
 * The 三级 weights under a 一级 or 二级 that states its own (`数量指标（10分）`, `项目产出（30分）`, or a category
 * line's 分值) add up to it, as the 一体化 systems require before they save a form.
 */
function checkLevelWeights({ form, indicators }: TotalsFacts, report: Report<Id>): void {
  const groups = new Map<string, { stated: StatedWeight; label: string; weights: Array<number | null> }>();
  form.indicators.forEach((row, i) => {
    for (const level of ['level1', 'level2'] as const) {
      const stated = row.levelWeights?.[level];
      if (!stated) continue;
      const key = `${level}|${stated.cell.row},${stated.cell.col}`;
      const group = groups.get(key) ?? { stated, label: level === 'level1' ? row.level1 : row.level2, weights: [] };
      group.weights.push(indicators[i].weight);
      groups.set(key, group);
    }
  });
  for (const { stated, label, weights } of groups.values()) {
    if (weights.some((w) => w === null)) continue;
    const sum = round2(weights.reduce<number>((total, w) => total + (w ?? 0), 0));
    if (Math.abs(sum - stated.value) < 0.01) continue;
    const message = `「${label}」标明 ${formatNumber(stated.value)} 分，其下 ${weights.length} 个三级指标分值合计 ${formatNumber(sum)} 分`;
    report('level-weights-mismatch', stated.cell, message);
  }
}

/** The 总分 against the scores (a 总分 that is not a number is the numbers module's to say). */
function checkTotal({ cell, written, computed, unreadBudget, asWritten }: TotalCheck, report: Report<Id>): void {
  if (written === undefined || computed === null) return;
  if (written === null) {
    // With a score above its weight, the total to fill waits for the score's correction (score-exceeds-weight).
    if (cell.formula === null && asWritten === null)
      report('total-missing', cell, `总分未填写，计算得 ${formatNumber(computed)}`);
    return;
  }
  if (Math.abs(written - computed) <= AMOUNT_ROUNDING) return;
  // With the budget unread, `computed` is the nearest end of the range the budget's points allow.
  const low = written > computed && unreadBudget !== null ? computed - unreadBudget : computed;
  const overWeight =
    asWritten === null
      ? ''
      : Math.abs(written - asWritten) <= AMOUNT_ROUNDING
        ? `（与所填各项得分相加一致，但超过分值的得分只能按分值计）`
        : `（所填各项得分直接相加为 ${formatNumber(asWritten)}，超过分值的得分按分值计）`;
  const expected =
    unreadBudget === null
      ? `按各项得分计算应为 ${formatNumber(computed)}${overWeight}`
      : `指标得分加上预算执行率（至多 ${formatNumber(unreadBudget)} 分）应在 ${formatNumber(low)}～${formatNumber(low + unreadBudget)} 之间`;
  report('total-mismatch', cell, `总分填 ${formatNumber(written)}，${expected}`);
}

function checkGrade(grade: GradeCheck, report: Report<Id>): void {
  const { cell, text, shown, declared, computed, computedTotal, fillable } = grade;
  if (computed === null) return;
  const due = `按总分 ${formatNumber(computedTotal ?? 0)} 应为「${computed}」`;
  if (text === '') {
    if (cell.formula === null && fillable) report('grade-missing', cell, `评分等级未填写，${due}`);
  } else if (declared !== computed) {
    report('grade-mismatch', cell, `评分等级填「${shown}」，${due}`);
  }
}
