import { FindingList } from '../rules/findings';
import type { CrossEvaluationFacts } from '../rules/facts';
import { runRules } from '../rules/run';
import type { DeclarationResult } from './check-declaration';
import { normaliseLabel, projectKey } from '../sheet/text';
import type { FormOutline } from './kinds';

/**
 * Each 自评表 indicator whose 年度指标值 differs from what its 申报表 declared, and each declared
 * indicator the 自评表 left out. Forms are matched by project; the findings join the forms' own.
 */
export function crossCheck<Form extends FormOutline>(given: readonly Form[]): Form[] {
  // The inputs stay as they are: the findings go into copies.
  const forms = given.map((form) => ({ ...form, findings: [...form.findings] }));
  const outlines: readonly FormOutline[] = forms;
  const declarations = new Map<string, DeclarationResult>();
  for (const form of outlines)
    if (form.kind === 'target-declaration' && projectKey(form.form.project))
      declarations.set(projectKey(form.form.project), form);
  for (const evaluation of outlines) {
    if (evaluation.kind !== 'self-evaluation') continue;
    const declaration = declarations.get(projectKey(evaluation.form.project));
    if (!declaration) continue;
    // A 自评表 reports on the year: 长期 targets of a 项目绩效目标表 are not compared.
    const annual = declaration.form.indicators.filter((d) => d.term !== 'long-term');
    // An indicator name may stand under two 二级指标 (an activity counted and timed): match by both first.
    const byLevel = new Map<string, typeof annual>();
    const byName = new Map<string, typeof annual>();
    const push = (map: Map<string, typeof annual>, key: string, d: (typeof annual)[number]) =>
      map.set(key, [...(map.get(key) ?? []), d]);
    for (const d of annual) {
      push(byLevel, `${normaliseLabel(d.level2)}|${normaliseLabel(d.name.value)}`, d);
      push(byName, normaliseLabel(d.name.value), d);
    }
    const reported = new Set<(typeof annual)[number]>();
    const unreported = (list: typeof annual | undefined) => (list ?? []).find((d) => !reported.has(d));
    const pairs: Array<CrossEvaluationFacts['pairs'][number]> = [];
    for (const row of evaluation.form.indicators) {
      const name = normaliseLabel(row.name.value);
      const promise = unreported(byLevel.get(`${normaliseLabel(row.level2)}|${name}`)) ?? unreported(byName.get(name));
      if (!promise) continue;
      reported.add(promise);
      pairs.push({ row, promise });
    }
    const onEvaluation = new FindingList();
    runRules('crossEvaluation', { declarationSheet: declaration.sheet, pairs }, onEvaluation);
    evaluation.findings.push(...onEvaluation.sorted());
    const onDeclaration = new FindingList();
    const dropped = annual.filter((promise) => !reported.has(promise));
    runRules('crossDeclaration', { evaluation, unreported: dropped }, onDeclaration);
    declaration.findings.push(...onDeclaration.sorted());
  }
  return forms;
}
