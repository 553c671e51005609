import { AMOUNT_ROUNDING, round2 } from '../sheet/precision';
import { toA1 } from '../sheet/address';
import type { SelfEvaluationForm, StatedWeight } from '../read/form';
import { gradeFor, type Profile } from '../rules/profiles';
import { FindingList } from '../rules/findings';
import { type TotalReading } from './total-readings';
import { displayText, formatNumber, normaliseLabel, readNumber } from '../sheet/text';
import type { IndicatorAssessment, FormResult } from './form-result';
import { lastWeightCell } from './check-values';

/** A 自评表 as a whole: its weights, repeated indicators, the weights stated per level, its 总分 and its 评分等级. */

/**
 * The total when the indicators leave the budget's points out and no budget lines were read (a layout not
 * recognised, or none on the sheet): the declared total stands if the budget's points could explain it, else
 * the nearest total they could; and the user is told the budget part was not checked.
 */
export function totalWithUnreadBudget(
  form: SelfEvaluationForm,
  indicatorsTotal: number | null,
  budgetWeight: number,
  findings: FindingList,
): number | null {
  const cell = form.total?.score ?? form.indicators[0]?.name;
  if (cell) {
    const sum = indicatorsTotal === null ? '' : `（指标得分合计 ${formatNumber(indicatorsTotal)}）`;
    const message = `未读到预算执行情况（年初预算数、全年预算数、全年执行数及执行率得分），总分中预算执行率的 ${formatNumber(budgetWeight)} 分无法核对${sum}`;
    findings.add('budget-unread', cell, message);
  }
  if (indicatorsTotal === null) return null;
  const written = declaredTotal(form);
  // Nothing written: no total can be given (a filled-in 总分 would leave the budget's points out).
  if (written === null) return null;
  return Math.min(Math.max(written, indicatorsTotal), round2(indicatorsTotal + budgetWeight));
}

/** Weights that leave the budget's points out, and no budget lines read: those points cannot be checked. */
export function budgetLeftUnread(
  form: SelfEvaluationForm,
  weights: ReadonlyArray<number | null>,
  sums: { weightSum: number; budgetWeight: number; totalWeight: number },
): boolean {
  const { weightSum, budgetWeight, totalWeight } = sums;
  const budgetLeft = budgetWeight > 0 && Math.abs(weightSum + budgetWeight - totalWeight) < 0.01;
  return !form.budget && weights.length > 0 && weights.every((w) => w !== null) && budgetLeft;
}

/** Indicator weights that add up to neither 100 nor 100 less the budget's weight. */
export function checkWeightsTotal(
  form: SelfEvaluationForm,
  weightSum: number,
  budgetWeight: number,
  findings: FindingList,
): void {
  const fits100 = Math.abs(weightSum - 100) < 0.01;
  const fitsWithBudget = Math.abs(weightSum - (100 - budgetWeight)) < 0.01;
  const cell = form.total?.weight ?? lastWeightCell(form);
  if (fits100 || fitsWithBudget || !cell) return;
  findings.add(
    'weights-total',
    cell,
    `各指标分值合计为 ${formatNumber(weightSum)}，应为 100（不含预算执行率）或 ${formatNumber(100 - budgetWeight)}（另加预算执行率 ${formatNumber(budgetWeight)} 分）`,
  );
}

/** The declared 总分 as a number, if the form writes one. */
export function declaredTotal(form: SelfEvaluationForm): number | null {
  const written = form.total?.inlineScore ?? readNumber(form.total?.score?.value ?? null);
  return typeof written === 'number' ? written : null;
}

/** Which of two readings the form's total confirmed, said once; a net 得分 makes a larger 扣减 no error. */
export function sayReading(form: SelfEvaluationForm, reading: TotalReading, findings: FindingList): void {
  if (reading.said === null) return;
  if (reading.net) findings.remove('deduction-exceeds-score');
  const cell = form.total?.score ?? form.indicators[0]?.score;
  if (cell) findings.add('reading-chosen', cell, `按表内总分的算法核对：${reading.said}`);
}

/** A form without a 分值 column: checked for all else, and the reviewer told what could not be checked. */
export function checkWeightColumn(form: SelfEvaluationForm, findings: FindingList): void {
  const first = form.indicators[0];
  if (!first || form.indicators.some((row) => row.weight !== null)) return;
  const cell = { row: form.headerRow, col: first.score?.col ?? first.name.col };
  findings.add(
    'weights-absent',
    cell,
    '表中没有分值列：各指标得分是否超过分值、扣分是否写明原因、分值合计是否为 100 都无法核对，请对照评分标准人工核对',
  );
}

export function checkDuplicates(form: SelfEvaluationForm, findings: FindingList, acrossForm: boolean): void {
  const seen = new Map<string, number>();
  for (const row of form.indicators) {
    // The same activity may be counted (数量) and timed (时效): nationally a duplicate is the same name in one
    // 二级指标; the 一体化 systems of some provinces refuse the same name anywhere in the form.
    const name = normaliseLabel(row.name.value);
    if (name === '') continue;
    const key = acrossForm ? name : `${normaliseLabel(row.level2)}|${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      findings.add('duplicate-indicator', row.name, `指标「${displayText(row.name.value)}」与第 ${first} 行重复`);
    } else {
      seen.set(key, row.row);
    }
  }
}

/**
 * The 三级 weights under a 一级 or 二级 that states its own (`数量指标（10分）`, `项目产出（30分）`, or a category
 * line's 分值) add up to it, as the 一体化 systems require before they save a form.
 */
export function checkLevelWeights(
  form: SelfEvaluationForm,
  indicators: readonly IndicatorAssessment[],
  findings: FindingList,
): void {
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
    findings.add(
      'level-weights-mismatch',
      stated.cell,
      `「${label}」标明 ${formatNumber(stated.value)} 分，其下 ${weights.length} 个三级指标分值合计 ${formatNumber(sum)} 分`,
    );
  }
}

// ---- 总分 and 评分等级 ------------------------------------------------------------------------------

export function checkTotal(
  form: SelfEvaluationForm,
  computed: number | null,
  findings: FindingList,
  /** The budget's points when they were not read: the total may be anywhere up to them above the indicators. */
  unreadBudget: number | null = null,
  /** The scores' sum as written, where a score above its weight makes it differ from `computed`. */
  asWritten: number | null = null,
): FormResult['total'] {
  const cell = form.total?.score ?? null;
  if (!cell) return { cell: null, declared: null, computed };
  const address = toA1(cell.row, cell.col);
  const raw = form.total?.inlineScore ?? readNumber(cell.value);
  if (raw === undefined) {
    findings.add(
      'score-invalid',
      cell,
      `总分「${displayText(cell.value)}」不是数字${computed !== null ? `，应为 ${formatNumber(computed)}` : ''}`,
    );
    return { cell: address, declared: null, computed };
  }
  if (raw === null) {
    // With a score above its weight, the total to fill waits for the score's correction (score-exceeds-weight).
    if (cell.formula === null && computed !== null && asWritten === null)
      findings.add('total-missing', cell, `总分未填写，计算得 ${formatNumber(computed)}`);
    return { cell: address, declared: null, computed };
  }
  if (computed !== null && Math.abs(raw - computed) > AMOUNT_ROUNDING) {
    // With the budget unread, `computed` is the nearest end of the range the budget's points allow.
    const low = raw > computed && unreadBudget !== null ? computed - unreadBudget : computed;
    const overWeight =
      asWritten === null
        ? ''
        : Math.abs(raw - asWritten) <= AMOUNT_ROUNDING
          ? `（与所填各项得分相加一致，但超过分值的得分只能按分值计）`
          : `（所填各项得分直接相加为 ${formatNumber(asWritten)}，超过分值的得分按分值计）`;
    const expected =
      unreadBudget === null
        ? `按各项得分计算应为 ${formatNumber(computed)}${overWeight}`
        : `指标得分加上预算执行率（至多 ${formatNumber(unreadBudget)} 分）应在 ${formatNumber(low)}～${formatNumber(low + unreadBudget)} 之间`;
    findings.add('total-mismatch', cell, `总分填 ${formatNumber(raw)}，${expected}`);
  }
  return { cell: address, declared: raw, computed };
}

const GRADE_SYNONYMS: Record<string, string> = {
  优秀: '优',
  良好: '良',
  中等: '中',
  较差: '差',
  合格: '中',
  不合格: '差',
};

export function checkGrade(
  form: SelfEvaluationForm,
  computedTotal: number | null,
  profile: Profile,
  findings: FindingList,
  /** False while a score above its weight must be corrected first: nothing is offered to fill in. */
  fillable = true,
): FormResult['grade'] {
  const computed = computedTotal === null ? null : gradeFor(computedTotal, profile);
  const cell = form.grade?.value ?? null;
  if (!cell) return { cell: null, declared: null, computed };
  const address = toA1(cell.row, cell.col);
  const text = form.grade?.inlineGrade ?? normaliseLabel(cell.value);
  if (text === '') {
    if (cell.formula === null && computed !== null && fillable)
      findings.add(
        'grade-missing',
        cell,
        `评分等级未填写，按总分 ${formatNumber(computedTotal ?? 0)} 应为「${computed}」`,
      );
    return { cell: address, declared: null, computed };
  }
  const declared = GRADE_SYNONYMS[text] ?? text;
  if (computed !== null && declared !== computed) {
    findings.add(
      'grade-mismatch',
      cell,
      `评分等级填「${form.grade?.inlineGrade ?? displayText(cell.value)}」，按总分 ${formatNumber(computedTotal ?? 0)} 应为「${computed}」`,
    );
  }
  return { cell: address, declared: form.grade?.inlineGrade ?? displayText(cell.value), computed };
}

// ---- helpers -----------------------------------------------------------------------------------
