import type { CellRange } from './address';
import type { CellValue } from './grid';

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
}

export interface BudgetSection {
  headerRow: number;
  /** Money unit of the section (label `项目资金（万元）` or `（元）`). */
  unit: '万元' | '元';
  /** The 执行率 header says `(%)`: plain numbers in it are percent points, not fractions. */
  rateInPercentPoints: boolean;
  total: BudgetLine | null;
  components: BudgetLine[];
}

export interface TotalRow {
  row: number;
  label: CellRead;
  weight: CellRead | null;
  score: CellRead | null;
}

export interface GradeRow {
  row: number;
  label: CellRead;
  value: CellRead;
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

/** A 项目支出绩效自评表 found in a sheet, with every cell the rules look at. */
export interface SelfEvaluationForm extends FormHeading {
  kind: 'self-evaluation';
  implementingUnit: string | null;
  budget: BudgetSection | null;
  indicators: IndicatorRow[];
  total: TotalRow | null;
  grade: GradeRow | null;
}
