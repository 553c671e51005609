import type { CellRead, FormHeading } from './form';

/** One indicator of a 绩效运行监控表: its target, how far it has come, and how likely it is to be reached. */
export interface MonitoringIndicator {
  row: number;
  level1: string;
  level2: string;
  name: CellRead;
  target: CellRead | null;
  progress: CellRead | null;
  forecast: CellRead | null;
  /** What 完成目标可能性 says (`确定能`, `有可能`…; a √ under one of those sub-columns reads as its label). */
  likelihood: string | null;
  /** The cell the likelihood was read from, or the first likelihood cell when none is given. */
  likelihoodCell: CellRead | null;
  /** Whether a reason is given on the row: a text, or a √ under 经费保障 / 制度保障 / 人员保障 / 硬件条件保障. */
  reasonGiven: boolean;
  /** The first reason cell of the row, where a missing reason is reported. */
  reasonCell: CellRead | null;
}

/** The 年度资金总额 line of a 监控表: the budget, what was spent so far, and the stated rate. */
export interface MonitoringBudget {
  row: number;
  label: string;
  budget: CellRead | null;
  executed: CellRead | null;
  rate: CellRead | null;
  unit: '万元' | '元';
}

/**
 * A 绩效运行监控表 (项目支出绩效目标执行监控表): the mid-year check on a project's targets. It has no scores;
 * only its 执行率 and its reasons for targets at risk are checked.
 */
export interface MonitoringForm extends FormHeading {
  kind: 'monitoring';
  implementingUnit: string | null;
  budget: MonitoringBudget | null;
  indicators: MonitoringIndicator[];
  /** A reason block below the table (`偏差或不能完成目标原因分析 | …`) that speaks for every row. */
  formReason: CellRead | null;
}
