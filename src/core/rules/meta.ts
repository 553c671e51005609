import type { MomentFacts } from './facts';

/** What a rule module is: the rules it raises, described as data, and the checks that raise them. */

export type Severity = 'error' | 'warning' | 'info';

/** The kinds of form a rule looks at (check/kinds.ts names them; repeated here as data to keep rules a leaf). */
export const PROJECT = ['self-evaluation'] as const;
export const DEPARTMENT = ['department-evaluation'] as const;
export const SCORED = ['self-evaluation', 'department-evaluation', 'common-indicators'] as const;
/** Forms whose levels state their own weights in columns of their own: the 三级 under each must add up to them. */
export const LEVELLED = ['self-evaluation', 'common-indicators'] as const;
export const PROJECT_AND_DECLARATION = ['self-evaluation', 'target-declaration'] as const;
export const MONITORING = ['monitoring'] as const;
export const DECLARATION = ['target-declaration'] as const;
/** The 自评表 ↔ 申报表 cross-check: a finding on either. */
export const CROSS = ['self-evaluation', 'target-declaration'] as const;
export const UNREAD = ['unrecognised'] as const;

/** The profile options that turn rules on (fields of Profile, profiles.ts). */
export type ProfileOption =
  | 'overachievementReason'
  | 'overachievementReview'
  | 'budgetRateReasonBelow'
  | 'executionCaps'
  | 'costUnsetCap'
  | 'reviewChecks'
  | 'comparisonReview'
  | 'numericActuals';

/** One rule's metadata: its severity and Chinese name, the forms it applies to, the profile option that enables it. */
export interface RuleMeta {
  severity: Severity;
  title: string;
  forms: readonly string[];
  /** The Profile fields that turn the rule on (docs/SPECIFICATION.md §4); none: every profile runs it. */
  options?: readonly ProfileOption[];
  /** A warning about a score, the total or the grade: a reviewer must look before the form passes (需核对). */
  concernsScore?: true;
  /** What the add-in offers beside the finding (REMEDY_LABEL); each has its table, typed by these ids. */
  remedy?: Remedy;
}

/**
 * `fix`: one click writes the right value the engine knows (fixes.ts); `fill`: 一键填写 puts the value it computed
 * into the empty cell (fillEdits, edits.ts); `reason`: a 偏差原因 template answers it (templates.ts).
 */
export type Remedy = 'fix' | 'fill' | 'reason';

/** A place on the form's sheet. */
export interface CellPlace {
  row: number;
  col: number;
}

/** How a check says a finding: one of its own module's rules, at a cell, in Chinese. */
export type Report<Id extends string> = (rule: Id, cell: CellPlace, message: string) => void;

/** A module's checks, each run at one moment of the engine's work on a form, with what is known then. */
export type Checks<Id extends string> = {
  [Moment in keyof MomentFacts]?: (facts: MomentFacts[Moment], report: Report<Id>) => void;
};

/** A rule module: its rules' metadata and the checks that raise them (never another module's rules). */
export interface RuleModule<Rules extends Record<string, RuleMeta> = Record<string, RuleMeta>> {
  rules: Rules;
  checks: Checks<Extract<keyof Rules, string>>;
}

/** A rule module, its metadata kept literal (the catalogue's types are built from it). */
export function ruleModule<const Rules extends Record<string, RuleMeta>>(
  rules: Rules,
  checks: Checks<Extract<keyof Rules, string>> = {},
): RuleModule<Rules> {
  return { rules, checks };
}
