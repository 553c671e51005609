import { ruleModule, CROSS } from '../meta';
import { parseIndicatorValue, sameUnit } from '../../read/indicator-value';
import { toA1 } from '../../sheet/address';
import type { CellValue } from '../../sheet/grid';
import { displayText, normaliseLabel } from '../../sheet/text';

/**
 * The 自评表 ↔ 申报表 cross-check: each 自评表 indicator whose 年度指标值 differs from what its 申报表 declared, and
 * each declared indicator the 自评表 left out. Forms are matched by project and indicators by name (check/cross-check.ts).
 */
export default ruleModule(
  {
    'target-changed': { severity: 'warning', title: '指标值与申报表不一致', forms: CROSS },
    'target-dropped': { severity: 'warning', title: '申报的指标未在自评表中', forms: CROSS },
  },
  {
    crossEvaluation({ declarationSheet, pairs }, report) {
      for (const { row, promise } of pairs) {
        if (!row.target || sameTarget(promise.target?.value ?? null, row.target.value)) continue;
        const promised = promise.target ? displayText(promise.target.value) : '';
        const where = `${declarationSheet}!${toA1(promise.row, promise.name.col)}`;
        const message = `指标「${displayText(row.name.value)}」的年度指标值「${displayText(row.target.value)}」与申报表（${where}）申报的「${promised}」不一致`;
        report('target-changed', row.target, message);
      }
    },
    crossDeclaration({ evaluation, unreported }, report) {
      for (const promise of unreported) {
        if (normaliseLabel(promise.name.value) === '') continue;
        const target = promise.target ? displayText(promise.target.value) : '无指标值';
        const message = `申报的指标「${displayText(promise.name.value)}」（${target}）没有出现在自评表（${evaluation.sheet} ${evaluation.range}）中`;
        report('target-dropped', promise.name, message);
      }
    },
  },
);

function sameTarget(declared: CellValue, stated: CellValue): boolean {
  const a = parseIndicatorValue(declared);
  const b = parseIndicatorValue(stated);
  if (a.kind === 'quantitative' && b.kind === 'quantitative') {
    const operators = a.operator === b.operator || a.operator === null || b.operator === null;
    return operators && Math.abs(a.value - b.value) < 1e-9 && sameUnit(a.unit, b.unit);
  }
  if (a.kind === 'empty' || b.kind === 'empty') return a.kind === b.kind;
  return normaliseLabel(a.text) === normaliseLabel(b.text);
}
