import { toA1 } from '../sheet/address';
import { finding } from '../rules/findings';
import type { DeclarationResult } from './check-declaration';
import { parseIndicatorValue, sameUnit } from '../read/indicator-value';
import type { Finding, RuleId } from '../rules/rules';
import { displayText, normaliseLabel, projectKey } from '../sheet/text';
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
    for (const row of evaluation.form.indicators) {
      const name = normaliseLabel(row.name.value);
      const promise = unreported(byLevel.get(`${normaliseLabel(row.level2)}|${name}`)) ?? unreported(byName.get(name));
      if (!promise) continue;
      reported.add(promise);
      const promised = promise.target ? displayText(promise.target.value) : '';
      const stated = row.target ? displayText(row.target.value) : '';
      if (row.target && !sameTarget(promise.target?.value ?? null, row.target.value)) {
        add(
          evaluation.findings,
          'target-changed',
          row.target,
          `指标「${displayText(row.name.value)}」的年度指标值「${stated}」与申报表（${declaration.sheet}!${toA1(promise.row, promise.name.col)}）申报的「${promised}」不一致`,
        );
      }
    }
    for (const promise of annual) {
      if (reported.has(promise) || normaliseLabel(promise.name.value) === '') continue;
      add(
        declaration.findings,
        'target-dropped',
        promise.name,
        `申报的指标「${displayText(promise.name.value)}」（${promise.target ? displayText(promise.target.value) : '无指标值'}）没有出现在自评表（${evaluation.sheet} ${evaluation.range}）中`,
      );
    }
  }
  return forms;
}

function sameTarget(declared: unknown, stated: unknown): boolean {
  const a = parseIndicatorValue(declared as string | number | null);
  const b = parseIndicatorValue(stated as string | number | null);
  if (a.kind === 'quantitative' && b.kind === 'quantitative') {
    const operators = a.operator === b.operator || a.operator === null || b.operator === null;
    return operators && Math.abs(a.value - b.value) < 1e-9 && sameUnit(a.unit, b.unit);
  }
  if (a.kind === 'empty' || b.kind === 'empty') return a.kind === b.kind;
  return normaliseLabel(a.text) === normaliseLabel(b.text);
}

function add(findings: Finding[], rule: RuleId, cell: { row: number; col: number }, message: string): void {
  findings.push(finding(rule, cell, message));
}
