import { ruleModule, PROJECT, type Report } from '../meta';
import type { FormFacts, IndicatorFacts } from '../facts';
import { inCategory } from '../../read/labels';
import { wordsPattern } from '../../vocabulary/words';
import { SPENDING_NAME_WORDS } from '../../vocabulary/table-words';
import { displayText, formatNumber, normaliseLabel } from '../../sheet/text';

/** The reviewers' content checks (reviewChecks) and the systems' numeric actual values (numericActuals). */
const rules = {
  'quantity-answered-qualitatively': {
    severity: 'warning',
    title: '数量指标用文字作答',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'quantitative-answered-with-text': {
    severity: 'warning',
    title: '定量指标用文字作答',
    forms: PROJECT,
    options: ['reviewChecks', 'numericActuals'],
  },
  'satisfaction-without-figure': {
    severity: 'warning',
    title: '满意度没有具体数值',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'spending-as-output': {
    severity: 'warning',
    title: '把资金支出当作数量指标',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'duplicate-across-levels': {
    severity: 'warning',
    title: '同一指标重复列在产出和效益中',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'deducted-though-all-met': {
    severity: 'warning',
    title: '目标全部完成却扣分',
    forms: PROJECT,
    options: ['reviewChecks'],
    concernsScore: true,
  },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  indicator(facts, report) {
    if (facts.profile.reviewChecks) checkAnswers(facts, report);
    else if (facts.profile.numericActuals) checkNumericActual(facts, report);
  },
  form(facts, report) {
    if (!facts.profile.reviewChecks) return;
    checkAcrossLevels(facts, report);
    checkDeductedThoughAllMet(facts, report);
  },
});

const SPENDING = wordsPattern(SPENDING_NAME_WORDS);

/** The reviewers' content checks on one indicator's answer. */
function checkAnswers({ row, label, target, actual }: IndicatorFacts, report: Report<Id>): void {
  const quantity = inCategory('quantity', row.level2);
  const satisfaction = inCategory('satisfaction', row.level1, row.level2, displayText(row.name.value));
  if (row.actual && actual.kind === 'qualitative') {
    if (quantity) {
      report(
        'quantity-answered-qualitatively',
        row.actual,
        `${label}是数量指标，实际完成值却写成「${actual.text}」，应填写实际完成的数量（如 ${target.kind === 'quantitative' ? target.text.replace(/^[≥≤<>=]+/, '') : '16个'}）`,
      );
    } else if (target.kind === 'quantitative') {
      report(
        'quantitative-answered-with-text',
        row.actual,
        `${label}的年度指标值是定量的「${target.text}」，实际完成值却写成「${actual.text}」，应填写实际数值`,
      );
    }
    if (satisfaction)
      report(
        'satisfaction-without-figure',
        row.actual,
        `${label}的实际完成值「${actual.text}」没有具体的满意度数值，应填写调查得到的百分比（如 95%）`,
      );
  }
  if (quantity && SPENDING.test(displayText(row.name.value))) {
    report(
      'spending-as-output',
      row.name,
      `${label}记的是资金支出，不是产出数量；数量指标应写完成的工作量（如场次、人次、件数），资金情况在预算执行率中体现`,
    );
  }
}

/** The 一体化 systems take only a number as the actual value of a quantitative target. */
function checkNumericActual({ row, label, target, actual }: IndicatorFacts, report: Report<Id>): void {
  if (!row.actual || actual.kind !== 'qualitative' || target.kind !== 'quantitative') return;
  report(
    'quantitative-answered-with-text',
    row.actual,
    `${label}的年度指标值是定量的「${target.text}」，实际完成值却写成「${actual.text}」，应填写实际数值`,
  );
}

function checkAcrossLevels({ form }: FormFacts, report: Report<Id>): void {
  const outputs = new Map<string, number>();
  for (const row of form.indicators)
    if (inCategory('output', row.level1)) outputs.set(normaliseLabel(row.name.value), row.row);
  for (const row of form.indicators) {
    if (!inCategory('benefit', row.level1)) continue;
    const name = normaliseLabel(row.name.value);
    const first = outputs.get(name);
    if (name !== '' && first !== undefined) {
      report(
        'duplicate-across-levels',
        row.name,
        `指标「${displayText(row.name.value)}」已列在产出指标（第 ${first} 行），又列在效益指标中；效益指标应写项目带来的效果，而不是重复产出`,
      );
    }
  }
}

function checkDeductedThoughAllMet({ form, indicators, total }: FormFacts, report: Report<Id>): void {
  if (indicators.length === 0 || !indicators.every((i) => i.status === 'met')) return;
  const lost = indicators.reduce((sum, i) => sum + (i.pointsLost ?? 0), 0);
  const cell = form.total?.score ?? form.indicators[form.indicators.length - 1]?.score;
  if (lost > 0.005 && cell) {
    report(
      'deducted-though-all-met',
      cell,
      `全部 ${indicators.length} 个指标都已完成年度指标值，却共扣了 ${formatNumber(lost)} 分${total.computed !== null ? `（总分 ${formatNumber(total.computed)}）` : ''}；请说明扣分依据，或按完成情况给分`,
    );
  }
}
