import type { CellRange } from '../sheet/address';
import type { CellValue } from '../sheet/grid';

/** One cell the engine read, with where it stands and what the host told about it. */
export interface CellRead {
  row: number;
  col: number;
  value: CellValue;
  numberFormat: string | null;
  formula: string | null;
}

export interface IndicatorRow {
  row: number;
  level1: string;
  level2: string;
  name: CellRead;
  target: CellRead | null;
  actual: CellRead | null;
  weight: CellRead | null;
  score: CellRead | null;
  /** The deviation cell; for a reason merged over several rows, the merge's master cell. */
  reason: CellRead | null;
  /** 调整后指标值, where the form has the column: the target scored against when filled (dropped: not scored). */
  adjustedTarget?: CellRead | null;
  /** 扣减分数: points taken off the self-assessed 得分 (Guangxi). */
  deduction?: CellRead | null;
  /** 核查分数 / 财政审核评分: the reviewers' score, at most the weight, used for the 复核 total when filled. */
  reviewScore?: CellRead | null;
  /** 得分系数（%）of a 部门整体 form (Chongqing): the 得分 is 权重 × 得分系数. */
  coefficient?: CellRead | null;
  /**
   * The weights the form states for this row's 一级 and 二级 (`数量指标（10分）`, or a category line's 分值), with
   * the cell that states them; the 三级 weights under a level must add up to it.
   */
  levelWeights?: { level1: StatedWeight | null; level2: StatedWeight | null };
  /** The last sheet row of an indicator whose name (or values) a person continued on the rows below. */
  continuedTo?: number;
}

export interface StatedWeight {
  value: number;
  cell: CellRead;
}

export interface BudgetLine {
  row: number;
  label: string;
  initial: CellRead | null;
  budget: CellRead | null;
  executed: CellRead | null;
  weight: CellRead | null;
  rate: CellRead | null;
  score: CellRead | null;
  /** Text written after the line's numbers (an explanation of a low 执行率), if any. */
  reason: CellRead | null;
}

export interface BudgetSection {
  headerRow: number;
  /** Money unit of the section (label `项目资金（万元）` or `（元）`). */
  unit: '万元' | '元';
  /**
   * What the 执行率 divides by: 全年预算数, or 年初预算数 where the form has no 全年预算数 column
   * (`年初预算数（A）| 全年执行数（B）| 执行率（B/A）`).
   */
  budgetTitle: '全年预算数' | '年初预算数';
  /** The 执行率 header says `(%)`: plain numbers in it are percent points, not fractions. */
  rateInPercentPoints: boolean;
  /** The weight a label states when no 分值 cell does: `预算执行情况（万元）（20分）`, `得分（20分*执行率）`. */
  labelWeight: number | null;
  total: BudgetLine | null;
  components: BudgetLine[];
}

export interface TotalRow {
  row: number;
  label: CellRead;
  weight: CellRead | null;
  score: CellRead | null;
  /** A total written with its label in one cell (`总分：99.8分`), in a header line or below the table. */
  inlineScore: number | null;
}

export interface GradeRow {
  row: number;
  label: CellRead;
  value: CellRead;
  /** A grade written with its label in one cell (`评分等级：优`). */
  inlineGrade: string | null;
}

/** What every recognised form has: where it is and whose it is. */
export interface FormHeading {
  sheet: string;
  range: CellRange;
  title: string | null;
  year: number | null;
  project: string | null;
  department: string | null;
  /** The row of the indicator table's header. */
  headerRow: number;
}

/**
 * A scored form found in a sheet, with every cell the rules look at: a 项目支出绩效自评表; a 部门整体支出绩效自评表
 * / 评价得分表, or a scoring table of the older 共性指标 framework (一级 / 二级 / 三级 each with its 分值, then 得分,
 * no 年度指标值 / 实际完成值), which only get the checks that hold for any scored form and its level sums.
 */
export interface SelfEvaluationForm extends FormHeading {
  kind: 'self-evaluation' | 'department-evaluation' | 'common-indicators';
  implementingUnit: string | null;
  /** The sheet the budget section was read from, where it is not the form's own (a form over two sheets). */
  budgetSheet?: string;
  /** The name cells of rows read as neither an indicator nor a part of one (reading-uncertain). */
  uncertainRows?: CellRead[];
  budget: BudgetSection | null;
  indicators: IndicatorRow[];
  total: TotalRow | null;
  grade: GradeRow | null;
}
