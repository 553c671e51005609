import { ruleModule, PROJECT, type Report } from '../meta';
import type { IndicatorFacts } from '../facts';
import type { Profile } from '../profiles';
import type { IndicatorValue } from '../../read/indicator-value';
import { formatNumber } from '../../sheet/text';

/** Actual values beyond their targets, where a regional profile asks about them. */
const rules = {
  // Regional profile options and reviewer checks (docs/SPECIFICATION.md §4): each fires only where a
  // profile turns it on.
  'overachievement-reason-missing': {
    severity: 'error',
    title: '超额完成未说明原因',
    forms: PROJECT,
    options: ['overachievementReason'],
    remedy: 'reason',
  },
  'overachievement-review': {
    severity: 'info',
    title: '超额完成较多，请复核',
    forms: PROJECT,
    options: ['overachievementReview'],
  },
  'target-comparison-review': {
    severity: 'warning',
    title: '实际值与指标方向不符，请复核',
    forms: PROJECT,
    options: ['comparisonReview'],
    concernsScore: true,
  },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  indicator(facts, report) {
    checkOverachievement(facts, facts.profile, report);
    if (facts.profile.comparisonReview) checkComparison(facts, report);
  },
});

/**
 * How far an actual value goes beyond its target: ratio, or the amount when the target is 0. Guangxi's system asks
 * it of every quantitative row, `≤` ones too (actualValueCheck); the review flag only of `≥` / `>` / `=` rows.
 */
function overachievement(
  target: IndicatorValue,
  actual: IndicatorValue,
): { ratio: number | null; amount: number; ceiling: boolean } | null {
  if (target.kind !== 'quantitative' || actual.kind !== 'quantitative') return null;
  const ceiling = target.operator === '<=' || target.operator === '<';
  return { ratio: target.value > 0 ? actual.value / target.value : null, amount: actual.value - target.value, ceiling };
}

function checkOverachievement(
  { row, label, target, actual, reasonBlank }: IndicatorFacts,
  profile: Profile,
  report: Report<Id>,
): void {
  const over = overachievement(target, actual);
  if (!over || actual.kind !== 'quantitative' || target.kind !== 'quantitative') return;
  const rule = profile.overachievementReason;
  if (rule && reasonBlank) {
    const tooMuch = over.ratio !== null ? over.ratio >= rule.ratio - 1e-9 : actual.value >= rule.whenZero - 1e-9;
    const cell = row.reason ?? row.actual;
    if (tooMuch && cell) {
      const how =
        over.ratio !== null
          ? `为年度指标值的 ${formatNumber(over.ratio * 100)}%（达到 ${formatNumber(rule.ratio * 100)}% 即须说明）`
          : `目标为 0，实际 ${formatNumber(actual.value)}（达到 ${formatNumber(rule.whenZero)} 即须说明）`;
      report(
        'overachievement-reason-missing',
        cell,
        `${label}实际完成值「${actual.text}」${how}，须在偏差原因中说明“实际完成情况超计划较大”的原因`,
      );
    }
  }
  const review = profile.overachievementReview;
  if (review !== undefined && !over.ceiling && over.ratio !== null && over.ratio >= review - 1e-9 && row.score) {
    report(
      'overachievement-review',
      row.score,
      `${label}实际完成值为年度指标值的 ${formatNumber(over.ratio * 100)}%，超额较多，请复核目标设定是否偏低及得分是否合理`,
    );
  }
}

/**
 * Tianjin's system flags a `≤` target whose actual is above it and an `=` target whose actual differs, whatever
 * the score: a ceiling passed or an exact figure missed either way is for the reviewer to look at.
 */
function checkComparison({ row, label, target, actual }: IndicatorFacts, report: Report<Id>): void {
  if (target.kind !== 'quantitative' || actual.kind !== 'quantitative' || !row.actual) return;
  if (target.unit !== null && actual.unit !== null && target.unit !== actual.unit) return;
  const above = (target.operator === '<=' || target.operator === '<') && actual.value > target.value + 1e-9;
  const differs = target.operator === '=' && Math.abs(actual.value - target.value) > 1e-9;
  if (!above && !differs) return;
  const how = above ? '超过上限' : '不等于指标值';
  report(
    'target-comparison-review',
    row.actual,
    `${label}实际完成值「${actual.text}」${how}「${target.text}」，请复核完成情况与得分`,
  );
}
