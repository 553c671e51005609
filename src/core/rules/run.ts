import { RULE_MODULES } from './modules';
import type { MomentFacts } from './facts';
import type { FindingList } from './findings';
import type { Report, RuleMeta } from './meta';
import type { RuleId } from './rules';

/** What the engine runs at one moment: a module's check, and the rules it may raise (to select it by). */
interface MomentCheck<Moment extends keyof MomentFacts> {
  rules: readonly RuleId[];
  check: (facts: MomentFacts[Moment], report: Report<RuleId>) => void;
}

/** A module as the runner sees it: any of its checks may be handed a report that takes every rule id. */
interface CatalogueModule {
  rules: Readonly<Record<string, RuleMeta>>;
  checks: { readonly [Moment in keyof MomentFacts]?: (facts: MomentFacts[Moment], report: Report<string>) => void };
}

const atMoment = new Map<keyof MomentFacts, ReadonlyArray<MomentCheck<keyof MomentFacts>>>();

/** The modules with a check at this moment, in the catalogue's order (built once). */
function checksAt<Moment extends keyof MomentFacts>(moment: Moment): ReadonlyArray<MomentCheck<Moment>> {
  let checks = atMoment.get(moment);
  if (!checks) {
    const modules: readonly CatalogueModule[] = RULE_MODULES;
    checks = modules.flatMap((module) => {
      const check = module.checks[moment] as MomentCheck<keyof MomentFacts>['check'] | undefined;
      return check ? [{ rules: Object.keys(module.rules) as RuleId[], check }] : [];
    });
    atMoment.set(moment, checks);
  }
  return checks as ReadonlyArray<MomentCheck<Moment>>;
}

/**
 * Runs every rule module's check for this moment on what the engine knows of the form then. A module none of whose
 * rules the catalogue applies to the form (its kind, its profile's options) is not run at all.
 */
export function runRules<Moment extends keyof MomentFacts>(
  moment: Moment,
  facts: MomentFacts[Moment],
  findings: FindingList,
): void {
  for (const { rules, check } of checksAt(moment))
    if (rules.some((rule) => findings.applies(rule))) check(facts, findings.report);
}
