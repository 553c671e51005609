import { ruleModule, SCORED } from '../meta';
import { indicatorAt, type NumberRead } from '../facts';
import { EPSILON } from '../../sheet/precision';
import { displayText, formatNumber, readNumber } from '../../sheet/text';
import { lineName } from '../wording';

/** A 自评表 row's 分值 and 得分 as numbers: each a number, and no 得分 above its 分值. */
export default ruleModule(
  {
    'score-invalid': { severity: 'error', title: '得分或分值无效', forms: SCORED },
    'score-exceeds-weight': { severity: 'error', title: '得分超过分值', forms: SCORED, remedy: 'fix' },
  },
  {
    scoredRow({ row, label, weight, score, numberProblems }, report) {
      for (const read of numberProblems) report('score-invalid', read.cell, numberProblem(read));
      if (weight !== null && score !== null && score > weight + EPSILON && row.score) {
        const message = `${label}得分 ${formatNumber(score)} 超过分值 ${formatNumber(weight)}，最多得 ${formatNumber(weight)} 分`;
        report('score-exceeds-weight', row.score, message);
      }
    },
    budget({ line }, report) {
      if (!line.score || readNumber(line.score.value) !== undefined) return;
      const message = `${lineName(line)}预算执行率得分「${displayText(line.score.value)}」不是数字`;
      report('score-invalid', line.score, message);
    },
    totals({ total }, report) {
      if (!total || total.written !== undefined) return;
      const due = total.computed !== null ? `，应为 ${formatNumber(total.computed)}` : '';
      report('score-invalid', total.cell, `总分「${displayText(total.cell.value)}」不是数字${due}`);
    },
  },
  {
    fix: {
      'score-exceeds-weight': (result, finding) => {
        const { indicator, row } = indicatorAt(result, finding);
        return { value: indicator?.weight ?? null, cell: row?.score, why: '（分值）' };
      },
    },
  },
);

function numberProblem({ cell, what, problem }: NumberRead): string {
  const written = displayText(cell.value);
  switch (problem.kind) {
    case 'text':
      return `${what}「${written}」是文字而不是数字（${problem.why}，Excel 求和时会漏掉它），应填数字 ${formatNumber(problem.value)}`;
    case 'blank':
      return `${what}未填写`;
    case 'not-number':
      return `${what}「${written}」不是数字`;
    case 'negative':
      return `${what} ${formatNumber(problem.value)} 为负数`;
  }
}
