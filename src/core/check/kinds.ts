import type { FormBasis } from './basis';
import type { FormResult } from './form-result';
import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import type { DeclarationResult } from './check-declaration';
import type { MonitoringResult } from './check-monitoring';
import type { UnreadSheet } from '../recognise/unrecognised';
import type { Finding } from '../rules/rules';

/** A sheet that looks like a form but was not read, with its one `form-unrecognised` finding. */
export type UnrecognisedResult = Omit<UnreadSheet, 'said'> & { findings: Finding[] };

/**
 * Any form the engine checks — a 自评表 (项目支出 or 部门整体支出), a 绩效目标申报表, a 绩效运行监控表, or a sheet
 * that looks like a form but was not read — with the values it was checked on, so that results gone stale are
 * never written. Types and names only: a module that needs them does not load the engine.
 */
export type CheckedForm = (FormResult | DeclarationResult | MonitoringResult | UnrecognisedResult) & {
  basis?: FormBasis;
};

/**
 * A checked form as another process needs it — for the reports, the verdicts and the cross-check with 申报表 of
 * other files: a 自评表 without the cells read of its budget section, and of each indicator only what the
 * cross-check compares. What a copy marks is planned where the form was read, on the whole result.
 */
export type FormOutline = (EvaluationOutline | DeclarationResult | MonitoringResult | UnrecognisedResult) & {
  basis?: FormBasis;
};

type EvaluationOutline = Omit<FormResult, 'form'> & {
  form: Omit<SelfEvaluationForm, 'budget' | 'indicators'> & { indicators: IndicatorOutline[] };
};

/** The outline of a 自评表 (see isScored). */
export type ScoredOutline = Extract<FormOutline, { kind: FormResult['kind'] }>;

export type IndicatorOutline = Pick<IndicatorRow, 'level2' | 'name' | 'target'>;

/**
 * The outline of a checked form (see FormOutline); every other kind goes whole. `brief`: a 自评表's assessed
 * indicators (`indicators`, what the reports list) left out too — a run that writes no reports reports only the
 * form's totals and findings, and they were two fifths of what crossed between processes.
 */
export function outlineOf(result: CheckedForm, brief = false): FormOutline {
  if (!isScored(result)) return result;
  const { budget: _budget, indicators, ...form } = result.form;
  const named = indicators.map(({ level2, name, target }): IndicatorOutline => ({ level2, name, target }));
  // Assigned to the copy, not spread into a literal with a property it lacks (slow to build in Node's V8).
  const outline = { ...result, form: Object.assign(form, { indicators: named }) };
  if (brief) outline.indicators = [];
  return outline;
}

/** An outline without what only the cross-check compares (its 自评表's indicator names and targets), once it is done. */
export function withoutCrossCheckFields(outline: FormOutline): FormOutline {
  if (!isScored(outline)) return outline;
  return { ...outline, form: { ...outline.form, indicators: [] } };
}

/** A 自评表 (项目支出 or 部门整体支出): the forms with scores, a 总分 and a 评分等级. */
export function isScored<Form extends FormOutline>(
  result: Form,
): result is Extract<Form, { kind: FormResult['kind'] }> {
  return (
    result.kind === 'self-evaluation' || result.kind === 'department-evaluation' || result.kind === 'common-indicators'
  );
}

/** What each `kind` of form is called in reports and in the pane. */
export const FORM_KIND_LABEL: Record<CheckedForm['kind'], string> = {
  'self-evaluation': '项目支出绩效自评表',
  'department-evaluation': '部门整体支出绩效自评表',
  'common-indicators': '项目支出绩效评价评分表（共性指标）',
  'target-declaration': '绩效目标申报表',
  monitoring: '绩效运行监控表',
  unrecognised: '未识别的表格',
};
