import { RULES } from './catalogue';
import type { ProfileOption, Remedy, RuleMeta, Severity } from './meta';
export { RULES } from './catalogue';
export type { ProfileOption, Remedy, RuleMeta, Severity } from './meta';

/**
 * The rule catalogue's ids and what is asked of them: which forms a rule applies to, the remedy it offers, the
 * status a form's findings give it. Each rule is described and checked in its own module (rules/<folder>/…).
 */

export const REMEDY_LABEL: Record<Remedy, string> = { fix: '一键改正', fill: '一键填写', reason: '偏差原因模板' };

export type RuleId = keyof typeof RULES;

/** What decides the rules a form is checked by: its kind, and the options of the profile it is checked under. */
export interface RuleScope {
  kind: string;
  /** The profile's fields that turn rules on (a Profile has them; a form checked without a profile has none). */
  options?: { readonly [Option in ProfileOption]?: unknown };
}

/** Whether the catalogue applies the rule to a form of this scope (its `forms`, and one of its `options` on). */
export function appliesTo(rule: RuleId, scope: RuleScope): boolean {
  const meta = RULES[rule] as RuleMeta;
  if (!meta.forms.includes(scope.kind)) return false;
  return !meta.options || meta.options.some((option) => isOn(scope.options?.[option]));
}

/** An option is on when the profile gives it any value but `false`. */
function isOn(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

export function remedyOf(rule: RuleId): Remedy | undefined {
  return (RULES[rule] as RuleMeta).remedy;
}

/**
 * What a reviewer must do with a form: nothing (通过), look at a warning about a score, the total or the grade
 * (需核对), send it back (需修改: errors), or read it by hand (未识别). The same words in every output.
 */
export type ReviewStatus = '通过' | '需核对' | '需修改' | '未识别';

/** What a status asks of the reviewer, where its word alone does not say it. */
export const REVIEW_STATUS_NOTE: Partial<Record<ReviewStatus, string>> = {
  需核对: '有关于得分、总分或等级的警告，请核对后再通过',
};

/** A form's status from its findings (`unread`: no form was read where the sheet looks like one). */
export function reviewStatus(findings: readonly Pick<Finding, 'rule' | 'severity'>[], unread = false): ReviewStatus {
  if (unread) return '未识别';
  if (findings.some((f) => f.severity === 'error')) return '需修改';
  const concerns = (f: Pick<Finding, 'rule' | 'severity'>) =>
    f.severity === 'warning' && (RULES[f.rule] as RuleMeta).concernsScore === true;
  return findings.some(concerns) ? '需核对' : '通过';
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** A1 address in the form's sheet. */
  cell: string;
  row: number;
  col: number;
  message: string;
  /** One click writes this value into the finding's cell (its rule's `fix`, worked out when the form was checked). */
  fix?: { value: number | string; label: string };
  /** 一键填写 writes this value into the empty cell (its rule's `fill`). */
  fill?: { cell: string; value: number | string; numberFormat?: string };
}
