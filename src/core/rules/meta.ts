import type { MomentFacts, ScoredFacts } from './facts';
import type { CellRead } from '../read/form';

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
  /** What the add-in offers beside the finding (REMEDY_LABEL); a fix or a fill is the module's to give (Remedies). */
  remedy?: Remedy;
}

/**
 * `fix`: one click writes the right value the module knows (its fixer; edits/fixes.ts offers it); `fill`: 一键填写
 * puts the value computed into the empty cell (its filler; fillEdits, edits.ts); `reason`: a 偏差原因 template
 * answers it (templates.ts).
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

/** Where a finding was raised (its A1 address and its row and column). */
export interface FindingPlace extends CellPlace {
  cell: string;
}

/**
 * The right value for a finding's cell, and the cell the form read it from (`fix`: one click writes it there,
 * unless the cell holds a formula); null: nothing to offer for this finding.
 */
export type Fixer = (
  result: ScoredFacts,
  finding: FindingPlace,
) => { value: number | string | null; cell: CellRead | null | undefined; why?: string } | null;

/** The value 一键填写 writes into the empty cell a finding names, with the number format to show it in. */
export type Filler = (
  result: ScoredFacts,
  finding: FindingPlace,
) => { cell: string; value: number | string; numberFormat?: string } | null;

/** The rules of a module with this remedy. */
type WithRemedy<Rules, R extends Remedy> = {
  [Id in keyof Rules]: Rules[Id] extends { remedy: R } ? Id : never;
}[keyof Rules];

/** A module's remedies: a fixer for each of its rules with `remedy: 'fix'`, a filler for each with `'fill'`. */
export type Remedies<Rules> = ([WithRemedy<Rules, 'fix'>] extends [never]
  ? { fix?: undefined }
  : { fix: Record<WithRemedy<Rules, 'fix'>, Fixer> }) &
  ([WithRemedy<Rules, 'fill'>] extends [never]
    ? { fill?: undefined }
    : { fill: Record<WithRemedy<Rules, 'fill'>, Filler> });

/** A rule module: its rules' metadata, the checks that raise them (never another module's) and their remedies. */
export interface RuleModule<Rules extends Record<string, RuleMeta> = Record<string, RuleMeta>> {
  rules: Rules;
  checks: Checks<Extract<keyof Rules, string>>;
  remedies: Remedies<Rules>;
}

/** A rule module, its metadata kept literal (the catalogue's types are built from it). */
export function ruleModule<const Rules extends Record<string, RuleMeta>>(
  rules: Rules,
  checks: Checks<Extract<keyof Rules, string>> = {},
  ...remedies: [WithRemedy<Rules, 'fix' | 'fill'>] extends [never] ? [] : [Remedies<Rules>]
): RuleModule<Rules> {
  return { rules, checks, remedies: (remedies[0] ?? {}) as Remedies<Rules> };
}
