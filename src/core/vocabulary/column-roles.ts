/**
 * The roles a column of an indicator table can play, and what each is called to a user: a module of names
 * only, so that the pane can offer them (手动指定表格) without loading the engine.
 */
export type ColumnRole =
  | 'level1'
  | 'level2'
  | 'name'
  | 'actual'
  | 'operator'
  | 'unit'
  | 'target'
  | 'weight'
  | 'score'
  | 'reason'
  | 'actualUnit'
  | 'adjustedTarget'
  | 'deduction'
  | 'reviewScore'
  | 'coefficient'
  | 'criteria';

/** What each role is called when the engine tells the user about a header. */
export const COLUMN_ROLE_NAMES: Record<ColumnRole, string> = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  actual: '实际完成值',
  operator: '指标性质',
  unit: '度量单位',
  target: '年度指标值',
  weight: '分值',
  score: '得分',
  reason: '偏差原因',
  actualUnit: '实际值单位',
  adjustedTarget: '调整后指标值',
  deduction: '扣减分数',
  reviewScore: '核查分数',
  coefficient: '得分系数',
  criteria: '评分标准',
};

/** The roles a user can give a column, in the order a form shows them. */
export const TEACHABLE_ROLES: readonly ColumnRole[] = [
  'level1',
  'level2',
  'name',
  'target',
  'adjustedTarget',
  'operator',
  'unit',
  'actual',
  'weight',
  'score',
  'deduction',
  'reviewScore',
  'coefficient',
  'criteria',
  'reason',
];
