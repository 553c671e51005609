/** The rule catalogue (docs/SPECIFICATION.md §3): ids and severities are stable, hosts and reports rely on them. */
export type Severity = 'error' | 'warning' | 'info';

/** The kinds of form a rule looks at (kinds.ts names them; repeated here as data, not imported, to keep this leaf). */
const PROJECT = ['self-evaluation'] as const;
const DEPARTMENT = ['department-evaluation'] as const;
const SCORED = ['self-evaluation', 'department-evaluation', 'common-indicators'] as const;
/** Forms whose levels state their own weights in columns of their own: the 三级 under each must add up to them. */
const LEVELLED = ['self-evaluation', 'common-indicators'] as const;
const PROJECT_AND_DECLARATION = ['self-evaluation', 'target-declaration'] as const;
const MONITORING = ['monitoring'] as const;
const DECLARATION = ['target-declaration'] as const;
/** The 自评表 ↔ 申报表 cross-check: a finding on either. */
const CROSS = ['self-evaluation', 'target-declaration'] as const;
const UNREAD = ['unrecognised'] as const;

/** The profile options that turn rules on (fields of Profile, profiles.ts). */
export type ProfileOption =
  | 'overachievementReason'
  | 'overachievementReview'
  | 'budgetRateReasonBelow'
  | 'executionCaps'
  | 'costUnsetCap'
  | 'reviewChecks'
  | 'comparisonReview'
  | 'numericActuals';

/** One rule's metadata: its severity and Chinese name, the forms it applies to, the profile option that enables it. */
export interface RuleMeta {
  severity: Severity;
  title: string;
  forms: readonly string[];
  /** The Profile fields that turn the rule on (docs/SPECIFICATION.md §4); none: every profile runs it. */
  options?: readonly ProfileOption[];
  /** A warning about a score, the total or the grade: a reviewer must look before the form passes (需核对). */
  concernsScore?: true;
  /** What the add-in offers beside the finding (REMEDY_LABEL); each has its table, typed by these ids. */
  remedy?: Remedy;
}

/**
 * `fix`: one click writes the right value the engine knows (fixes.ts); `fill`: 一键填写 puts the value it computed
 * into the empty cell (fillEdits, edits.ts); `reason`: a 偏差原因 template answers it (templates.ts).
 */
export type Remedy = 'fix' | 'fill' | 'reason';

export const REMEDY_LABEL: Record<Remedy, string> = { fix: '一键改正', fill: '一键填写', reason: '偏差原因模板' };

export const RULES = {
  'score-invalid': { severity: 'error', title: '得分或分值无效', forms: SCORED },
  'score-exceeds-weight': { severity: 'error', title: '得分超过分值', forms: SCORED, remedy: 'fix' },
  'actual-missing': { severity: 'error', title: '缺少实际完成值', forms: PROJECT },
  'reason-missing': { severity: 'error', title: '扣分未写偏差原因', forms: PROJECT, remedy: 'reason' },
  'weights-total': { severity: 'error', title: '指标分值合计不对', forms: LEVELLED },
  'total-mismatch': { severity: 'error', title: '总分与计算不符', forms: SCORED, remedy: 'fix' },
  'grade-mismatch': { severity: 'error', title: '评分等级与总分不符', forms: SCORED, remedy: 'fix' },
  'budget-rate-mismatch': { severity: 'error', title: '执行率计算错误', forms: PROJECT },
  'budget-components-mismatch': { severity: 'error', title: '资金总额与明细不符', forms: PROJECT },
  'budget-score-mismatch': {
    severity: 'warning',
    title: '预算执行率得分不符合规则',
    forms: PROJECT,
    concernsScore: true,
    remedy: 'fix',
  },
  'target-missed-full-score': { severity: 'warning', title: '未完成目标却得满分', forms: PROJECT, concernsScore: true },
  'quantitative-score-mismatch': {
    severity: 'warning',
    title: '定量指标得分不符合公式',
    forms: PROJECT,
    concernsScore: true,
    remedy: 'fix',
  },
  'qualitative-band-mismatch': {
    severity: 'warning',
    title: '定性指标得分不在档次内',
    forms: PROJECT,
    concernsScore: true,
  },
  'unit-mismatch': { severity: 'warning', title: '计量单位不一致', forms: PROJECT },
  'duplicate-indicator': {
    severity: 'warning',
    title: '指标重复',
    forms: PROJECT_AND_DECLARATION,
  },
  // What the 预算管理一体化 systems check on save (issue #25): national where every system does it.
  'level-weights-mismatch': { severity: 'error', title: '三级指标分值与上级分值不符', forms: LEVELLED },
  'cost-target-direction': { severity: 'warning', title: '成本指标不是上限（≤）', forms: PROJECT },
  'cost-target-unit': { severity: 'warning', title: '成本指标缺少金额或比率单位', forms: PROJECT },
  'cost-exceeds-budget': { severity: 'warning', title: '成本指标超过项目资金', forms: PROJECT },
  'negative-actual-scored': { severity: 'error', title: '实际完成值为负数仍得分', forms: PROJECT },
  // The systems ask a 计量单位 of every quantitative target (the 通版 default, #33).
  'target-unit-missing': { severity: 'warning', title: '定量指标缺少计量单位', forms: PROJECT },
  'target-comparison-review': {
    severity: 'warning',
    title: '实际值与指标方向不符，请复核',
    forms: PROJECT,
    options: ['comparisonReview'],
    concernsScore: true,
  },
  'review-score-exceeds-weight': { severity: 'error', title: '核查分数超过分值', forms: PROJECT },
  'deduction-exceeds-score': { severity: 'error', title: '扣减分数超过得分', forms: PROJECT },
  'coefficient-score-mismatch': { severity: 'error', title: '得分与得分系数不符', forms: DEPARTMENT },
  'budget-overspent': { severity: 'warning', title: '执行数超过预算数', forms: PROJECT },
  'target-met-but-deducted': { severity: 'info', title: '已完成目标但扣分', forms: PROJECT },
  'total-missing': { severity: 'info', title: '总分未填写', forms: SCORED, remedy: 'fill' },
  'grade-missing': { severity: 'info', title: '评分等级未填写', forms: SCORED, remedy: 'fill' },
  'budget-rate-missing': { severity: 'info', title: '执行率未填写', forms: PROJECT, remedy: 'fill' },
  'reason-filled': { severity: 'info', title: '偏差原因已按模板填写', forms: PROJECT },
  // A sheet that looks like a 绩效 form but holds none the engine could read: never passed over in silence.
  'form-unrecognised': { severity: 'warning', title: '表格未识别，未检查', forms: UNREAD },
  'weights-absent': { severity: 'info', title: '表中没有分值列', forms: PROJECT },
  // The indicators leave 10 points to the budget, but no budget lines were read: that part of 总分 is unchecked.
  'budget-unread': {
    severity: 'warning',
    title: '未读到预算执行情况，总分未能全部核对',
    forms: PROJECT,
    concernsScore: true,
  },
  // A share written 0.96 beside a target in % is read as 96 % (a percent cell that lost its format), and said so.
  'fraction-as-percent': { severity: 'info', title: '比率以小数填写，已按百分数理解', forms: PROJECT },
  // A form that can be read two ways (得分 net or gross of 扣减; dropped targets converted or not): the reading its
  // own 总分 confirms is taken, and said; so is a budget read from another sheet.
  'reading-chosen': { severity: 'info', title: '按表内数据确定的读法', forms: PROJECT },
  // Rows the reading could not place (a bare name among scored rows): said once, never turned into errors.
  'reading-uncertain': {
    severity: 'warning',
    title: '有行无法确定如何读取，请核对',
    forms: PROJECT,
    concernsScore: true,
  },
  // 绩效运行监控表 (monitoring forms): the only checks that hold without scores.
  'monitoring-rate-mismatch': { severity: 'error', title: '监控表执行率计算错误', forms: MONITORING },
  'monitoring-reason-missing': { severity: 'error', title: '可能完不成目标却未说明原因', forms: MONITORING },
  'monitoring-likelihood-missing': { severity: 'warning', title: '未填写完成目标可能性', forms: MONITORING },
  // 绩效目标申报表 (target declarations) and the 自评表 ↔ 申报表 cross-check.
  'target-unparseable': { severity: 'warning', title: '指标值写法不规范', forms: DECLARATION },
  'target-unit-mismatch': { severity: 'warning', title: '指标值单位不合适', forms: DECLARATION },
  'categories-missing': { severity: 'warning', title: '缺少必需的指标类别', forms: DECLARATION },
  'target-implausible': { severity: 'warning', title: '指标值不合常理', forms: DECLARATION },
  'funds-components-mismatch': { severity: 'error', title: '资金总额与明细不符', forms: DECLARATION },
  'target-changed': { severity: 'warning', title: '指标值与申报表不一致', forms: CROSS },
  'target-dropped': { severity: 'warning', title: '申报的指标未在自评表中', forms: CROSS },
  // Regional profile options and reviewer checks (docs/SPECIFICATION.md §4): each fires only where a
  // profile turns it on.
  'overachievement-reason-missing': {
    severity: 'error',
    title: '超额完成未说明原因',
    forms: PROJECT,
    options: ['overachievementReason'],
    remedy: 'reason',
  },
  'overachievement-review': {
    severity: 'info',
    title: '超额完成较多，请复核',
    forms: PROJECT,
    options: ['overachievementReview'],
  },
  'budget-rate-reason-missing': {
    severity: 'error',
    title: '执行率偏低未说明原因',
    forms: PROJECT,
    options: ['budgetRateReasonBelow'],
  },
  'score-capped-by-execution': {
    severity: 'error',
    title: '总分超过执行率对应的上限',
    forms: PROJECT,
    options: ['executionCaps'],
  },
  'cost-indicator-unset': { severity: 'warning', title: '未设置成本指标', forms: PROJECT, options: ['costUnsetCap'] },
  'quantity-answered-qualitatively': {
    severity: 'warning',
    title: '数量指标用文字作答',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'quantitative-answered-with-text': {
    severity: 'warning',
    title: '定量指标用文字作答',
    forms: PROJECT,
    options: ['reviewChecks', 'numericActuals'],
  },
  'duplicate-across-levels': {
    severity: 'warning',
    title: '同一指标重复列在产出和效益中',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'spending-as-output': {
    severity: 'warning',
    title: '把资金支出当作数量指标',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
  'deducted-though-all-met': {
    severity: 'warning',
    title: '目标全部完成却扣分',
    forms: PROJECT,
    options: ['reviewChecks'],
    concernsScore: true,
  },
  'satisfaction-without-figure': {
    severity: 'warning',
    title: '满意度没有具体数值',
    forms: PROJECT,
    options: ['reviewChecks'],
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULES;

/** The rules with this remedy: a table of remedies keyed by them has one entry for each, and no other. */
export type RulesWithRemedy<R extends Remedy> = {
  [Id in RuleId]: (typeof RULES)[Id] extends { remedy: R } ? Id : never;
}[RuleId];

/** What decides the rules a form is checked by: its kind, and the options of the profile it is checked under. */
export interface RuleScope {
  kind: string;
  /** The profile's fields that turn rules on (a Profile has them; a form checked without a profile has none). */
  options?: { readonly [Option in ProfileOption]?: unknown };
}

/** Whether the catalogue applies the rule to a form of this scope (its `forms`, and one of its `options` on). */
export function appliesTo(rule: RuleId, scope: RuleScope): boolean {
  const meta = RULES[rule] as RuleMeta;
  if (!meta.forms.includes(scope.kind)) return false;
  return !meta.options || meta.options.some((option) => isOn(scope.options?.[option]));
}

/** An option is on when the profile gives it any value but `false`. */
function isOn(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

export function remedyOf(rule: RuleId): Remedy | undefined {
  return (RULES[rule] as RuleMeta).remedy;
}

/**
 * What a reviewer must do with a form: nothing (通过), look at a warning about a score, the total or the grade
 * (需核对), send it back (需修改: errors), or read it by hand (未识别). The same words in every output.
 */
export type ReviewStatus = '通过' | '需核对' | '需修改' | '未识别';

/** What a status asks of the reviewer, where its word alone does not say it. */
export const REVIEW_STATUS_NOTE: Partial<Record<ReviewStatus, string>> = {
  需核对: '有关于得分、总分或等级的警告，请核对后再通过',
};

/** A form's status from its findings (`unread`: no form was read where the sheet looks like one). */
export function reviewStatus(findings: readonly Pick<Finding, 'rule' | 'severity'>[], unread = false): ReviewStatus {
  if (unread) return '未识别';
  if (findings.some((f) => f.severity === 'error')) return '需修改';
  const concerns = (f: Pick<Finding, 'rule' | 'severity'>) =>
    f.severity === 'warning' && (RULES[f.rule] as RuleMeta).concernsScore === true;
  return findings.some(concerns) ? '需核对' : '通过';
}

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
