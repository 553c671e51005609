import { ruleModule, PROJECT, type Report } from '../meta';
import type { ReadingFacts } from '../facts';
import { displayText, formatNumber } from '../../sheet/text';

/** How the form was read, said where the reading had a choice to make. */
const rules = {
  // A form that can be read two ways (得分 net or gross of 扣减; dropped targets converted or not): the reading its
  // own 总分 confirms is taken, and said; so is a budget read from another sheet.
  'reading-chosen': { severity: 'info', title: '按表内数据确定的读法', forms: PROJECT },
  // Rows the reading could not place (a bare name among scored rows): said once, never turned into errors.
  'reading-uncertain': {
    severity: 'warning',
    title: '有行无法确定如何读取，请核对',
    forms: PROJECT,
    concernsScore: true,
  },
  // Raised by 一键填写 on the reasons it wrote (edits/templates.ts: afterReasonFills), not by a check.
  'reason-filled': { severity: 'info', title: '偏差原因已按模板填写', forms: PROJECT },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  reading(facts, report) {
    sayBudgetSheet(facts, report);
    sayUncertainRows(facts, report);
    const { form, chosenReading } = facts;
    const cell = form.total?.score ?? form.indicators[0]?.score;
    if (chosenReading !== null && cell) report('reading-chosen', cell, `按表内总分的算法核对：${chosenReading}`);
  },
});

/** A budget read from a sheet of its own (a form over two sheets), said where the total is. */
function sayBudgetSheet({ form, executionRate }: ReadingFacts, report: Report<Id>): void {
  if (!form.budgetSheet || !form.budget?.total) return;
  const shown = executionRate === null ? '' : `（执行率 ${formatNumber(executionRate)}%）`;
  const message = `预算执行情况读自工作表「${form.budgetSheet}」${shown}，计入总分；该表的单元格未标注，请一并核对`;
  report('reading-chosen', form.total?.score ?? { row: form.range.top, col: form.range.left }, message);
}

/** Rows the reading set aside (a bare name among scored rows), said once at the first. */
function sayUncertainRows({ form }: ReadingFacts, report: Report<Id>): void {
  const rows = form.uncertainRows ?? [];
  if (rows.length === 0) return;
  const listed = rows.map((cell) => `第 ${cell.row} 行「${displayText(cell.value)}」`).join('、');
  const message = `${listed}只有指标名称，没有指标值、分值和得分：无法确定是未填写的指标还是上下行名称的续写，未计入总分；请核对`;
  report('reading-uncertain', rows[0], message);
}
