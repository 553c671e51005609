import type { CellRead, FormHeading } from './form';

/** One indicator of a 绩效目标申报表: what the unit promised before the year started. */
export interface DeclarationIndicator {
  row: number;
  level1: string;
  level2: string;
  name: CellRead;
  target: CellRead | null;
  /** The block of a 项目绩效目标表 the indicator stands in; null where the form has one block. */
  term: 'long-term' | 'annual' | null;
}

export interface FundsLine {
  label: string;
  cell: CellRead;
}

export interface DeclarationFunds {
  unit: '元' | '万元';
  /** 年度资金申请总额 (2025 layout) or 项目当年预算 (2019 layout). */
  total: FundsLine | null;
  /** 其中 rows (当年财政拨款, 上年结转资金, 其他资金) or the 子项目 budget lines. */
  components: FundsLine[];
}

/** A 项目支出绩效目标申报表 found in a sheet. */
export interface DeclarationForm extends FormHeading {
  kind: 'target-declaration';
  /** The 一级指标 header cell, where a missing category is reported. */
  headerCell: CellRead;
  funds: DeclarationFunds;
  indicators: DeclarationIndicator[];
  /** 实施单位, and the 年度总体目标 text: a 自评表 started from this form carries them over. */
  implementingUnit: string | null;
  goal: string | null;
}
