import { ruleModule, PROJECT_AND_DECLARATION, type Report } from '../meta';
import type { SelfEvaluationForm } from '../../read/form';
import { displayText, normaliseLabel } from '../../sheet/text';

/** An indicator listed twice. */
const rules = {
  'duplicate-indicator': { severity: 'warning', title: '指标重复', forms: PROJECT_AND_DECLARATION },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  totals: ({ form, profile }, report) => checkDuplicates(form, profile.duplicatesAcrossForm === true, report),
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
