import type { z as Zod } from 'zod/mini';
import type { FormOutline } from './kinds';
import { RULES, type Finding, type RuleId } from '../rules/rules';
import { loadValidator } from '../sheet/validator';

/** The reviewer's word on a form: accepted, or sent back to the unit to correct. */
export type FormVerdict = '通过' | '退回';
export const FORM_VERDICTS: readonly FormVerdict[] = ['通过', '退回'];

/** A finding the reviewer judged acceptable (忽略此问题), with the reason they gave. */
export interface IgnoredFinding {
  sheet: string;
  cell: string;
  rule: RuleId;
  reason: string;
}

/** A form's 审核结论: the form is known by its sheet and its top-left cell (rows added below keep it). */
export interface FormDecision {
  sheet: string;
  anchor: string;
  verdict: FormVerdict;
  comment: string;
}

/**
 * What a reviewer decided about one workbook. Kept with the workbook (the state sheet of its marked copy) and,
 * on the page, in the browser; every report shows it beside what the engine found.
 */
export interface ReviewDecisions {
  ignored: IgnoredFinding[];
  forms: FormDecision[];
}

export function emptyDecisions(): ReviewDecisions {
  return { ignored: [], forms: [] };
}

export function isEmptyDecisions(decisions: ReviewDecisions | null | undefined): boolean {
  return !decisions || (decisions.ignored.length === 0 && decisions.forms.length === 0);
}

type FormRef = Pick<FormOutline, 'sheet' | 'range'>;
type FindingRef = Pick<Finding, 'cell' | 'rule'>;

function anchorOf(form: FormRef): string {
  return form.range.split(':')[0];
}

function sameFinding(ignored: IgnoredFinding, sheet: string, finding: FindingRef): boolean {
  return ignored.sheet === sheet && ignored.cell === finding.cell && ignored.rule === finding.rule;
}

/** The reviewer's reason for ignoring this finding, if they did. */
export function ignoredOf(decisions: ReviewDecisions, sheet: string, finding: FindingRef): IgnoredFinding | undefined {
  return decisions.ignored.find((ignored) => sameFinding(ignored, sheet, finding));
}

export function withIgnored(
  decisions: ReviewDecisions,
  sheet: string,
  finding: FindingRef,
  reason: string,
): ReviewDecisions {
  const others = decisions.ignored.filter((ignored) => !sameFinding(ignored, sheet, finding));
  return { ...decisions, ignored: [...others, { sheet, cell: finding.cell, rule: finding.rule, reason }] };
}

export function withoutIgnored(decisions: ReviewDecisions, sheet: string, finding: FindingRef): ReviewDecisions {
  return { ...decisions, ignored: decisions.ignored.filter((ignored) => !sameFinding(ignored, sheet, finding)) };
}

export function verdictOf(decisions: ReviewDecisions, form: FormRef): FormDecision | undefined {
  const anchor = anchorOf(form);
  return decisions.forms.find((decision) => decision.sheet === form.sheet && decision.anchor === anchor);
}

/** The form's 审核结论 set (or withdrawn, with null). */
export function withVerdict(
  decisions: ReviewDecisions,
  form: FormRef,
  verdict: FormVerdict | null,
  comment: string,
): ReviewDecisions {
  const anchor = anchorOf(form);
  const others = decisions.forms.filter((d) => !(d.sheet === form.sheet && d.anchor === anchor));
  const forms = verdict ? [...others, { sheet: form.sheet, anchor, verdict, comment }] : others;
  return { ...decisions, forms };
}

/** The findings that still count: those the reviewer did not ignore. */
export function activeFindings(result: FormOutline, decisions: ReviewDecisions | null | undefined): Finding[] {
  if (isEmptyDecisions(decisions)) return result.findings;
  return result.findings.filter((finding) => !ignoredOf(decisions as ReviewDecisions, result.sheet, finding));
}

/** The findings the reviewer ignored, each with its reason. */
export function ignoredFindings(
  result: FormOutline,
  decisions: ReviewDecisions | null | undefined,
): Array<{ finding: Finding; reason: string }> {
  if (!decisions || decisions.ignored.length === 0) return [];
  const found: Array<{ finding: Finding; reason: string }> = [];
  for (const finding of result.findings) {
    const ignored = ignoredOf(decisions, result.sheet, finding);
    if (ignored) found.push({ finding, reason: ignored.reason });
  }
  return found;
}

/** The results as the reviewer left them: ignored findings no longer count, mark or appear in 审核意见. */
export function decidedResults<T extends FormOutline>(
  results: readonly T[],
  decisions: ReviewDecisions | null | undefined,
): T[] {
  if (isEmptyDecisions(decisions)) return [...results];
  return results.map((result) => ({ ...result, findings: activeFindings(result, decisions) }));
}

/** 审核结论 text for a form: `退回：意见` or `通过`, empty when undecided. */
export function verdictText(decisions: ReviewDecisions | null | undefined, form: FormRef): string {
  const decision = decisions ? verdictOf(decisions, form) : undefined;
  if (!decision) return '';
  return decision.comment.trim() ? `${decision.verdict}：${decision.comment.trim()}` : decision.verdict;
}

/** Longest reason or 审核意见 kept: a cell holds 32,767 characters and the state many of them. */
export const DECISION_TEXT_LIMIT = 2000;

let decisionsSchema: Zod.ZodMiniType<unknown> | null = null;

/** The schema of decisions read from outside (a copy's state sheet, the browser's storage). */
export async function reviewDecisionsSchema(): Promise<Zod.ZodMiniType<unknown>> {
  if (!decisionsSchema) {
    const z = await loadValidator();
    const text = z.string().check(z.maxLength(DECISION_TEXT_LIMIT));
    const rule = z.string().check(z.refine((id) => Object.prototype.hasOwnProperty.call(RULES, id)));
    decisionsSchema = z.object({
      ignored: z.array(z.object({ sheet: z.string(), cell: z.string(), rule, reason: text })),
      forms: z.array(
        z.object({ sheet: z.string(), anchor: z.string(), verdict: z.enum(['通过', '退回']), comment: text }),
      ),
    });
  }
  return decisionsSchema;
}

/** Decisions read from outside, or null when they are not decisions of this add-in (never thrown). */
export async function parseDecisions(value: unknown): Promise<ReviewDecisions | null> {
  const result = (await reviewDecisionsSchema()).safeParse(value);
  return result.success ? (result.data as ReviewDecisions) : null;
}
