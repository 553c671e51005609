import { RULE_MODULES } from './modules';
import type { Filler, Fixer } from './meta';
import type { RuleId } from './rules';

/** The remedies the rule modules offer, by rule: what one click writes (fix) and what 一键填写 writes (fill). */

interface ModuleRemedies {
  remedies: { fix?: Readonly<Record<string, Fixer>>; fill?: Readonly<Record<string, Filler>> };
}

const modules: readonly ModuleRemedies[] = RULE_MODULES;

const FIXERS = new Map<RuleId, Fixer>(
  modules.flatMap((module) => Object.entries(module.remedies.fix ?? {}) as Array<[RuleId, Fixer]>),
);

/** The fillers, in the catalogue's order of modules (the order 一键填写 writes in). */
export const FILLERS: ReadonlyArray<readonly [RuleId, Filler]> = modules.flatMap(
  (module) => Object.entries(module.remedies.fill ?? {}) as Array<[RuleId, Filler]>,
);

export function fixerOf(rule: RuleId): Fixer | undefined {
  return FIXERS.get(rule);
}
