import type { FormBasis } from './basis';
import type { FormResult } from './check';
import type { DeclarationResult } from './check-declaration';
import type { MonitoringResult } from './check-monitoring';
import type { UnrecognisedResult } from '../recognise/unrecognised';

/**
 * Any form the engine checks — a 自评表 (项目支出 or 部门整体支出), a 绩效目标申报表, a 绩效运行监控表, or a sheet
 * that looks like a form but was not read — with the values it was checked on, so that results gone stale are
 * never written. Types and names only: a module that needs them does not load the engine.
 */
export type CheckedForm = (FormResult | DeclarationResult | MonitoringResult | UnrecognisedResult) & {
  basis?: FormBasis;
};

/** A 自评表 (项目支出 or 部门整体支出): the forms with scores, a 总分 and a 评分等级. */
export function isScored(result: CheckedForm): result is FormResult & { basis?: FormBasis } {
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
