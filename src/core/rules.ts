/** The rule catalogue (docs/SPECIFICATION.md §3): ids and severities are stable, hosts and reports rely on them. */
export type Severity = 'error' | 'warning' | 'info';

export const RULES = {
  'score-invalid': { severity: 'error', title: '得分或分值无效' },
  'score-exceeds-weight': { severity: 'error', title: '得分超过分值' },
  'actual-missing': { severity: 'error', title: '缺少实际完成值' },
  'reason-missing': { severity: 'error', title: '扣分未写偏差原因' },
  'weights-total': { severity: 'error', title: '指标分值合计不对' },
  'total-mismatch': { severity: 'error', title: '总分与计算不符' },
  'grade-mismatch': { severity: 'error', title: '评分等级与总分不符' },
  'budget-rate-mismatch': { severity: 'error', title: '执行率计算错误' },
  'budget-components-mismatch': { severity: 'error', title: '资金总额与明细不符' },
  'budget-score-mismatch': { severity: 'warning', title: '预算执行率得分不符合规则' },
  'target-missed-full-score': { severity: 'warning', title: '未完成目标却得满分' },
  'quantitative-score-mismatch': { severity: 'warning', title: '定量指标得分不符合公式' },
  'qualitative-band-mismatch': { severity: 'warning', title: '定性指标得分不在档次内' },
  'unit-mismatch': { severity: 'warning', title: '计量单位不一致' },
  'duplicate-indicator': { severity: 'warning', title: '指标重复' },
  // What the 预算管理一体化 systems check on save (issue #25): national where every system does it.
  'level-weights-mismatch': { severity: 'error', title: '三级指标分值与上级分值不符' },
  'cost-target-direction': { severity: 'warning', title: '成本指标不是上限（≤）' },
  'cost-target-unit': { severity: 'warning', title: '成本指标缺少金额或比率单位' },
  'cost-exceeds-budget': { severity: 'warning', title: '成本指标超过项目资金' },
  'negative-actual-scored': { severity: 'error', title: '实际完成值为负数仍得分' },
  'target-comparison-review': { severity: 'warning', title: '实际值与指标方向不符，请复核' },
  'review-score-exceeds-weight': { severity: 'error', title: '核查分数超过分值' },
  'deduction-exceeds-score': { severity: 'error', title: '扣减分数超过得分' },
  'coefficient-score-mismatch': { severity: 'error', title: '得分与得分系数不符' },
  'budget-overspent': { severity: 'warning', title: '执行数超过预算数' },
  'target-met-but-deducted': { severity: 'info', title: '已完成目标但扣分' },
  'total-missing': { severity: 'info', title: '总分未填写' },
  'grade-missing': { severity: 'info', title: '评分等级未填写' },
  'budget-rate-missing': { severity: 'info', title: '执行率未填写' },
  'reason-filled': { severity: 'info', title: '偏差原因已按模板填写' },
  // A sheet that looks like a 绩效 form but holds none the engine could read: never passed over in silence.
  'form-unrecognised': { severity: 'warning', title: '表格未识别，未检查' },
  'weights-absent': { severity: 'info', title: '表中没有分值列' },
  // 绩效运行监控表 (monitoring forms): the only checks that hold without scores.
  'monitoring-rate-mismatch': { severity: 'error', title: '监控表执行率计算错误' },
  'monitoring-reason-missing': { severity: 'error', title: '可能完不成目标却未说明原因' },
  'monitoring-likelihood-missing': { severity: 'warning', title: '未填写完成目标可能性' },
  // 绩效目标申报表 (target declarations) and the 自评表 ↔ 申报表 cross-check.
  'target-unparseable': { severity: 'warning', title: '指标值写法不规范' },
  'target-unit-mismatch': { severity: 'warning', title: '指标值单位不合适' },
  'categories-missing': { severity: 'warning', title: '缺少必需的指标类别' },
  'target-implausible': { severity: 'warning', title: '指标值不合常理' },
  'funds-components-mismatch': { severity: 'error', title: '资金总额与明细不符' },
  'target-changed': { severity: 'warning', title: '指标值与申报表不一致' },
  'target-dropped': { severity: 'warning', title: '申报的指标未在自评表中' },
  // Regional profile options and reviewer checks (docs/SPECIFICATION.md §4): each fires only where a
  // profile turns it on.
  'overachievement-reason-missing': { severity: 'error', title: '超额完成未说明原因' },
  'overachievement-review': { severity: 'info', title: '超额完成较多，请复核' },
  'budget-rate-reason-missing': { severity: 'error', title: '执行率偏低未说明原因' },
  'score-capped-by-execution': { severity: 'error', title: '总分超过执行率对应的上限' },
  'cost-indicator-unset': { severity: 'warning', title: '未设置成本指标' },
  'quantity-answered-qualitatively': { severity: 'warning', title: '数量指标用文字作答' },
  'quantitative-answered-with-text': { severity: 'warning', title: '定量指标用文字作答' },
  'duplicate-across-levels': { severity: 'warning', title: '同一指标重复列在产出和效益中' },
  'spending-as-output': { severity: 'warning', title: '把资金支出当作数量指标' },
  'deducted-though-all-met': { severity: 'warning', title: '目标全部完成却扣分' },
  'satisfaction-without-figure': { severity: 'warning', title: '满意度没有具体数值' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type RuleId = keyof typeof RULES;

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
}
