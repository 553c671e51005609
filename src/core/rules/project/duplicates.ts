import { ruleModule, PROJECT_AND_DECLARATION, type Report } from '../meta';
import type { SelfEvaluationForm } from '../../read/form';
import type { DeclarationIndicator } from '../../read/declaration';
import { declarationLabel } from '../wording';
import { displayText, normaliseLabel } from '../../sheet/text';

/** An indicator listed twice: in a 自评表's 二级指标 (or anywhere, where the profile says so), in a 申报表's block. */
const rules = {
  'duplicate-indicator': { severity: 'warning', title: '指标重复', forms: PROJECT_AND_DECLARATION },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  totals: ({ form, profile }, report) => checkDuplicates(form, profile.duplicatesAcrossForm === true, report),
  declaration({ form }, report) {
    const seen = new Map<string, DeclarationIndicator>();
    for (const indicator of form.indicators) checkRepeated(indicator, declarationLabel(indicator), seen, report);
  },
});

function checkDuplicates(form: SelfEvaluationForm, acrossForm: boolean, report: Report<Id>): void {
  const seen = new Map<string, number>();
  for (const row of form.indicators) {
    // The same activity may be counted (数量) and timed (时效): nationally a duplicate is the same name in one
    // 二级指标; the 一体化 systems of some provinces refuse the same name anywhere in the form.
    const name = normaliseLabel(row.name.value);
    if (name === '') continue;
    const key = acrossForm ? name : `${normaliseLabel(row.level2)}|${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report('duplicate-indicator', row.name, `指标「${displayText(row.name.value)}」与第 ${first} 行重复`);
    } else {
      seen.set(key, row.row);
    }
  }
}

/** The same indicator twice in one block (a 项目绩效目标表 may set it as a 长期 and as a 年度 target). */
function checkRepeated(
  indicator: DeclarationIndicator,
  label: string,
  seen: Map<string, DeclarationIndicator>,
  report: Report<Id>,
): void {
  const key = `${indicator.term ?? ''}|${normaliseLabel(indicator.level2)}|${normaliseLabel(indicator.name.value)}`;
  const first = seen.get(key);
  if (!first || normaliseLabel(indicator.name.value) === '') {
    seen.set(key, indicator);
    return;
  }
  const text = indicator.target ? displayText(indicator.target.value) : '';
  const firstTarget = first.target ? displayText(first.target.value) : '';
  const differs =
    firstTarget !== text ? `，指标值却不同（第 ${first.row} 行为「${firstTarget}」，此处为「${text}」）` : '';
  report('duplicate-indicator', indicator.name, `${label}与第 ${first.row} 行重复${differs}`);
}
