import { RULE_MODULES } from './modules';
import type { ScoredFacts } from './facts';
import type { Filler, Fixer } from './meta';
import type { Finding, RuleId } from './rules';
import { parseA1 } from '../sheet/address';
import { formatNumber } from '../sheet/text';

/**
 * The remedies the rule modules offer, worked out when a form is checked and carried on its findings: what one
 * click writes (fix) and what 一键填写 writes (fill). Hosts, the pane and the page read them as data, without
 * loading a rule.
 */

interface ModuleRemedies {
  remedies: { fix?: Readonly<Record<string, Fixer>>; fill?: Readonly<Record<string, Filler>> };
}

const modules: readonly ModuleRemedies[] = RULE_MODULES;
const byRule = <Remedy>(pick: (module: ModuleRemedies) => Readonly<Record<string, Remedy>> | undefined) =>
  new Map(modules.flatMap((module) => Object.entries(pick(module) ?? {}) as Array<[RuleId, Remedy]>));
const FIXERS = byRule((module) => module.remedies.fix);
const FILLERS = byRule((module) => module.remedies.fill);

/** A checked 自评表's findings, each with the fix or fill its rule's module offers for it. */
export function withRemedies(result: ScoredFacts, findings: readonly Finding[]): Finding[] {
  const filled = new Set<RuleId>();
  return findings.map((finding) => {
    const fix = fixOf(result, finding);
    // One fill a rule a form: the value goes into one cell.
    const fill = filled.has(finding.rule) ? null : (FILLERS.get(finding.rule)?.(result, finding) ?? null);
    if (fill) filled.add(finding.rule);
    if (!fix && !fill) return finding;
    const remedied: Finding = { ...finding };
    if (fix) remedied.fix = fix;
    if (fill) remedied.fill = fill;
    return remedied;
  });
}

/**
 * The fix for a finding, where its rule's module knows the right value and the cell holds a plain value. A
 * formula is never replaced: the user fixes the formula itself.
 */
function fixOf(result: ScoredFacts, finding: Finding): Finding['fix'] | null {
  const found = FIXERS.get(finding.rule)?.(result, finding);
  if (!found) return null;
  const { value, cell, why = '' } = found;
  const at = parseA1(finding.cell);
  if (value === null || !cell || cell.formula !== null || !at || at.row !== cell.row || at.col !== cell.col)
    return null;
  return { value, label: `改为 ${typeof value === 'number' ? formatNumber(value) : value}${why}` };
}
