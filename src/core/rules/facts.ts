import type { BudgetLine, BudgetSection, CellRead, IndicatorRow, SelfEvaluationForm } from '../read/form';
import type { IndicatorValue, QualitativeLevel } from '../read/indicator-value';
import type { Profile } from './profiles';
import type { MonitoringForm } from '../read/monitoring';
import type { DeclarationForm, DeclarationIndicator } from '../read/declaration';
import type { UnreadSheet } from '../recognise/unrecognised';

/**
 * What the engine knows of a form at each moment of its check, as the rules see it: the moments are the keys of
 * `MomentFacts`, and a rule module's checks are named by them (meta.ts). The engine works the numbers out
 * (check/); the rules compare them with what the form says.
 */
export interface MomentFacts {
  /** Each scored row of a 自评表 (项目支出 or 部门整体), its 分值 and 得分 read. */
  scoredRow: ScoredRowFacts;
  /** Each indicator of a 项目支出 自评表, judged against its target. */
  indicator: IndicatorFacts;
  /** A 自评表's budget section (预算执行情况), its 年度资金总额 line read. */
  budget: BudgetFacts;
  /** A 项目支出 自评表 once its indicators are read and the reading of its 总分 is chosen. */
  reading: ReadingFacts;
  /** Any 自评表 once its 总分 and 评分等级 are worked out: its weights' sum, the total and grade as written. */
  totals: TotalsFacts;
  /** A 项目支出 自评表 once its indicators are judged and its 总分 worked out. */
  form: FormFacts;
  /** A 绩效运行监控表 as read, with its budget line's figures. */
  monitoring: MonitoringFacts;
  /** A 绩效目标申报表 as read, with its funds added up. */
  declaration: DeclarationFacts;
  /** A 自评表 beside the 申报表 of its project: each indicator matched to the one declared. */
  crossEvaluation: CrossEvaluationFacts;
  /** A 申报表 beside the 自评表 of its project: the annual targets no indicator of the 自评表 reports on. */
  crossDeclaration: CrossDeclarationFacts;
  /** A sheet that looks like a form but was not read, and what to tell the reviewer about it. */
  unread: UnreadSheet;
}

/** What was wrong with a number read from a cell (分值, 得分, 扣减分数…): the engine used what it could. */
export type NumberProblem =
  | { kind: 'text'; why: string; value: number }
  | { kind: 'blank' }
  | { kind: 'not-number' }
  | { kind: 'negative'; value: number };

export interface NumberRead {
  cell: CellRead;
  /** How the message names the cell: `指标「…」的得分`. */
  what: string;
  problem: NumberProblem;
}

export interface ScoredRowFacts {
  row: IndicatorRow;
  label: string;
  weight: number | null;
  score: number | null;
  /** The row's numbers that could not be read as they stand, in reading order. */
  numberProblems: readonly NumberRead[];
}

export interface IndicatorFacts {
  profile: Profile;
  /** The row, its adjusted target (调整后指标值) taken as its target where one was set. */
  row: IndicatorRow;
  name: string;
  /** How a finding names the indicator (`指标「…」`). */
  label: string;
  target: IndicatorValue;
  /** The actual value as written (a fraction beside a percentage already read in percent). */
  actual: IndicatorValue;
  /** A fraction read as a percentage (`0.96` beside `≥95%`): which cell, and the value taken. */
  percentReading: { cell: CellRead; which: '实际完成值' | '年度指标值'; value: number } | null;
  /** Units that do not compare: a share counted in 个, or two units with no factor between them. */
  unitConflict: { kind: 'share-counted'; unit: string } | { kind: 'units-differ' } | null;
  weight: number | null;
  score: number | null;
  status: IndicatorStatus;
  level: QualitativeLevel | null;
  /** The score the profile's formula gives a missed quantitative target. */
  expectedScore: number | null;
  /** A negative actual value, judged as 0 as the 一体化 systems do. */
  negative: boolean;
  /** The 偏差原因 says nothing (blank, 无, a dash). */
  reasonBlank: boolean;
  /** 扣减分数 and 核查分数, where the form has them filled. */
  deduction: number | null;
  reviewScore: number | null;
}

/** Whether the actual value reaches the target; unknown when the values cannot be compared. */
export type IndicatorStatus = 'met' | 'missed' | 'unknown';

export interface IndicatorAssessment {
  row: number;
  /** A target dropped during the year (调整后指标值 `取消`, `/`): the row is not scored and not added up. */
  dropped?: boolean;
  /** 扣减分数 taken off the 得分 (Guangxi), where the form has the column. */
  deduction?: number | null;
  /** 核查分数 / 财政审核评分: the reviewers' score where filled. */
  reviewScore?: number | null;
  level1: string;
  level2: string;
  name: string;
  nameCell: string;
  target: string;
  actual: string;
  weight: number | null;
  score: number | null;
  status: IndicatorStatus;
  qualitativeLevel: QualitativeLevel | null;
  /** The score the profile's formula gives a missed quantitative target. */
  expectedScore: number | null;
  pointsLost: number | null;
  reasonCell: string | null;
  reason: string;
}

/** A 总分 as the form writes it and as the engine works it out. */
export interface TotalSummary {
  cell: string | null;
  declared: number | null;
  computed: number | null;
}

export interface FormFacts {
  profile: Profile;
  form: SelfEvaluationForm;
  indicators: readonly IndicatorAssessment[];
  /** 执行率 in percent points, where the budget section gives it. */
  executionRate: number | null;
  total: TotalSummary;
}

export interface TotalsFacts {
  profile: Profile;
  form: SelfEvaluationForm;
  indicators: readonly IndicatorAssessment[];
  /**
   * The weights' sum where every counted row has one, and the budget's weight it may leave out (项目支出: 100 or
   * 100 less the budget; null: 100 only). Null where a weight is missing.
   */
  weights: { sum: number; budgetWeight: number | null } | null;
  total: TotalCheck | null;
  grade: GradeCheck | null;
}

/** The 总分 cell, what it holds and what the scores make. */
export interface TotalCheck {
  cell: CellRead;
  /** The number written; null: blank; undefined: not a number. */
  written: number | null | undefined;
  computed: number | null;
  /** The budget's points when they were not read: the total may be anywhere up to them above the indicators. */
  unreadBudget: number | null;
  /** The scores' sum as written, where a score above its weight makes it differ from `computed`. */
  asWritten: number | null;
}

/** The 评分等级 cell, what it says and what the total makes. */
export interface GradeCheck {
  cell: CellRead;
  /** The grade as written, normalised ('' when blank). */
  text: string;
  /** As the form shows it. */
  shown: string;
  /** The written grade in the profile's words (`优秀` → `优`). */
  declared: string;
  computed: string | null;
  /** The total the computed grade is of. */
  computedTotal: number | null;
  /** False while a score above its weight must be corrected first: nothing is offered to fill in. */
  fillable: boolean;
}

export interface BudgetFacts {
  profile: Profile;
  section: BudgetSection;
  /** 年度资金总额. */
  line: BudgetLine;
  budgeted: number | null;
  executed: number | null;
  /** The line's 得分: the weight, the 执行率 it is worked from, what the profile gives, and what is written. */
  score: { weight: number; rate: number | null; expected: number | null; written: number | null | undefined };
}

export interface ReadingFacts {
  form: SelfEvaluationForm;
  /** 执行率 of the budget section, in percent points. */
  executionRate: number | null;
  /** Which of two readings of the form the 总分 confirmed, in words (null: the form reads one way only). */
  chosenReading: string | null;
  /** The weights leave the budget's points out and no budget lines were read: those points go unchecked. */
  unreadBudget: { weight: number; indicatorsTotal: number | null } | null;
}

export interface MonitoringFacts {
  form: MonitoringForm;
  /** 预算数 and 执行数 where both are numbers (预算数 above 0), and the 执行率 they make in percent points. */
  funds: { budgeted: number; executed: number; rate: number } | null;
}

export interface DeclarationFacts {
  form: DeclarationForm;
  /** 年度资金总额 and the sum of its 其中 lines, where the form states them. */
  funds: { total: number | null; sum: number | null };
}

export interface CrossEvaluationFacts {
  declarationSheet: string;
  pairs: ReadonlyArray<{ row: Pick<IndicatorRow, 'name' | 'target'>; promise: DeclarationIndicator }>;
}

export interface CrossDeclarationFacts {
  evaluation: { sheet: string; range: string };
  /** The declaration's annual targets no 自评表 indicator was matched to. */
  unreported: readonly DeclarationIndicator[];
}

/** A checked 自评表 as its remedies need it (a FormResult is one): what was read and what the engine worked out. */
export interface ScoredFacts {
  sheet: string;
  form: SelfEvaluationForm;
  /** 执行率 in percent points, from 全年执行数 / 全年预算数. */
  executionRate: number | null;
  budgetScore: { cell: string | null; declared: number | null; expected: number | null };
  total: TotalSummary;
  grade: { cell: string | null; declared: string | null; computed: string | null };
  indicators: readonly IndicatorAssessment[];
}

/** The indicator a finding was raised on: as read, and as the engine judged it (by the finding's row). */
export function indicatorAt(result: ScoredFacts, finding: { row: number }) {
  return {
    indicator: result.indicators.find((i) => i.row === finding.row),
    row: result.form.indicators.find((r) => r.row === finding.row),
  };
}
