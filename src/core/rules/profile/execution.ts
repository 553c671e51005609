import { ruleModule, PROJECT, type Report } from '../meta';
import type { FormFacts } from '../facts';
import type { Profile } from '../profiles';
import { isBlank } from '../../sheet/grid';
import { formatNumber } from '../../sheet/text';

/** The 执行率 a regional profile ties to a reason or a cap on 总分. */
const rules = {
  'budget-rate-reason-missing': {
    severity: 'error',
    title: '执行率偏低未说明原因',
    forms: PROJECT,
    options: ['budgetRateReasonBelow'],
  },
  'score-capped-by-execution': {
    severity: 'error',
    title: '总分超过执行率对应的上限',
    forms: PROJECT,
    options: ['executionCaps'],
  },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  form(facts, report) {
    checkBudgetReason(facts, facts.profile, report);
    checkExecutionCap(facts, facts.profile, report);
  },
});

function checkBudgetReason({ form, executionRate }: FormFacts, profile: Profile, report: Report<Id>): void {
  const below = profile.budgetRateReasonBelow;
  const line = form.budget?.total;
  if (below === undefined || !line || executionRate === null || executionRate >= below - 1e-9) return;
  if (line.reason && !isBlank(line.reason.value)) return;
  const cell = line.rate ?? line.executed;
  if (cell)
    report(
      'budget-rate-reason-missing',
      cell,
      `预算执行率 ${formatNumber(executionRate)}% 低于 ${formatNumber(below)}%，须在预算执行情况后说明原因（如资金下达较晚、项目延期、政府采购节余）`,
    );
}

/** The cap of the 执行率 band the rate falls in: the band with the lowest bound above the rate. */
function capFor(rate: number, caps: NonNullable<Profile['executionCaps']>): { below: number; max: number } | null {
  let chosen: { below: number; max: number } | null = null;
  for (const cap of caps) if (rate < cap.below - 1e-9 && (!chosen || cap.below < chosen.below)) chosen = cap;
  return chosen;
}

function checkExecutionCap({ form, executionRate, total }: FormFacts, profile: Profile, report: Report<Id>): void {
  if (!profile.executionCaps || executionRate === null) return;
  const cap = capFor(executionRate, profile.executionCaps);
  const score = total.declared ?? total.computed;
  if (!cap || score === null || score <= cap.max + 1e-9) return;
  const cell = form.total?.score ?? form.indicators[form.indicators.length - 1]?.score;
  if (cell)
    report(
      'score-capped-by-execution',
      cell,
      `预算执行率 ${formatNumber(executionRate)}%（低于 ${formatNumber(cap.below)}%），按本规则总分最高 ${formatNumber(cap.max)} 分，${total.declared !== null ? '填报' : '计算'} ${formatNumber(score)} 分`,
    );
}
