import { unionOf, type Words } from './words';

/** The lines of a 自评表 around and below its table, and the hints built from them for the row scans. */

/** Columns of the budget section (项目资金 / 预算执行情况). */
export const BUDGET_COLUMN_WORDS = {
  initial: { prefix: ['年初预算'] },
  budget: { prefix: ['全年预算', '调整后预算', '预算数', '全年预算数'] },
  executed: { prefix: ['全年执行', '执行数', '实际执行', '实际支出', '全年支出'] },
  weight: { prefix: ['分值', '分数', '权重'] },
  rate: { prefix: ['执行率'] },
  score: { prefix: ['得分'] },
} as const satisfies Record<string, Words>;

/** The words that make a row a budget header: a budget figure and an executed one, both labelled. */
export const BUDGET_HEADER_WORDS = {
  budget: { contains: ['预算数'], prefix: ['全年预算'] },
  executed: { contains: ['执行数'], prefix: ['全年执行', '实际支出'] },
} as const satisfies Record<string, Words>;

/** A figure the unit expects rather than has spent (`预计执行数`): never the executed column. */
export const FORECAST_WORDS: Words = { contains: ['预计'] };

/** A label that gives its amounts in 元 (the forms' default is 万元), and one that says 万元. */
export const YUAN_WORDS: Words = { contains: ['(元)', '单位元'] };

export const WAN_YUAN_WORDS: Words = { contains: ['(万元)'] };

/** A rate column whose figures are percent points (`执行率(%)`), not fractions. */
export const PERCENT_WORDS: Words = { contains: ['%', '百分'] };

/** The word that lists a part under a total (`其中：财政拨款`): not part of the part's name. */
export const COMPONENT_PREFIX_WORDS: Words = { prefix: ['其中'] };

/** The budget section's own lines: its total (年度资金总额) and the parts listed under 其中. */
export const BUDGET_TOTAL_WORDS: Words = { contains: ['资金总额', '总额', '合计', '总计'] };

export const BUDGET_COMPONENT_WORDS: Words = {
  contains: ['其中', '财政拨款', '结转', '其他资金', '自筹', '专项', '资金'],
};

/** The label left of the budget section (it also tells the money unit: `项目资金（万元）`). */
export const MONEY_WORDS: Words = {
  prefix: ['项目资金', '资金情况', '项目资金情况', '预算执行情况', '资金执行情况', '预算资金'],
};

/** The 年度总体目标 block between the budget section and the indicator table. */
export const GOALS_WORDS: Words = { prefix: ['年度总体目标', '总体目标'], exact: ['年度目标'] };

/** A 自评表's title (a 申报表's is told apart in the declaration recogniser). */
export const EVALUATION_TITLE = /自评表$|自评表[(（]|绩效自评表|评价得分表|绩效评价表|绩效评分表|评价评分表/;

/** The line naming whose form it is: the 主管部门 of a project, or the department or unit a 部门整体 form is about. */
/** The line that names the project (a form's own first line under its title). */
export const PROJECT_LINE_WORDS: Words = { prefix: ['项目名称'] };

/** The line naming the unit that carries the project out. */
export const IMPLEMENTING_UNIT_WORDS: Words = { prefix: ['实施单位', '项目执行单位', '项目单位', '预算单位'] };

export const DEPARTMENT_LINE_WORDS: Words = {
  prefix: ['主管部门及代码', '主管部门', '部门(单位)名称', '部门名称', '单位名称'],
};

/** Of those, the ones that name the form's own subject: a form so headed and with no 项目名称 is a 部门整体 form. */
export const OWN_DEPARTMENT_WORDS: Words = { prefix: ['部门(单位)名称', '部门名称', '单位名称'] };

/** A 部门整体支出 form: words of its title, and its first-level indicators or typical measures. */
export const DEPARTMENT_TITLE_WORDS: Words = { contains: ['整体支出', '部门整体', '单位整体'] };

export const DEPARTMENT_INDICATOR_WORDS: Words = {
  prefix: ['部门决策', '部门管理', '部门绩效', '部门产出', '部门效果', '综合管理', '履职效能', '履职效果', '职责履行'],
  contains: [
    '财政供养人员控制率',
    '在职人员控制率',
    '三公经费',
    '预算调整率',
    '支付进度率',
    '结转结余率',
    '预决算信息公开',
    '政府采购执行率',
    '固定资产利用率',
  ],
};

/** A note under a form (`注：`, `填表说明1.`): it ends the form when it starts a line, alone or numbered. */
export const NOTE_WORDS = ['注', '说明', '备注', '填表说明'] as const;

export const CLOSING_NOTE = new RegExp(`^\\s*(${NOTE_WORDS.join('|')})\\s*([:：0-9０-９.、．]|$)`);

/** Rows after the table that end a form: conclusions, problems, measures, signatures. */
export const CLOSING_WORDS: Words = {
  prefix: [
    '评价结论',
    '自评结论',
    '绩效自评结论',
    '总体评价',
    '结论',
    '存在问题',
    '存在的问题',
    '主要问题',
    '问题及',
    '改进措施',
    '整改措施',
    '意见建议',
    '下一步',
    '项目负责人',
    '财务负责人',
    '单位负责人',
    '部门负责人',
    '分管领导',
    '填表人',
    '填报人',
    '联系人',
    '联系电话',
    '审核人',
    '复核人',
    '填报日期',
    '填表日期',
  ],
};

/** Labels of the line that states the form's 总分 (below the table, or in a line above it). */
export const TOTAL_WORDS: Words = {
  prefix: ['总分', '合计', '总计', '总得分', '综合得分', '自评总分', '得分合计'],
};

/** The same labels standing alone in a cell: a 总分 further along a row that starts with another label. */
export const TOTAL_ALONE_WORDS: Words = {
  exact: ['总分', '合计', '总计', '总得分', '综合得分', '自评总分', '得分合计', '总分值'],
};

/** A 总分 in a line above the table: `总分 | 99.8`, `自评得分 | 98` beside `财政审核评分`. */
/** A 总分 written with its figure in one cell (`总分99.8分`, labels compared without colons). */
export const INLINE_TOTAL_WORDS = ['自评总分', '总分', '自评得分', '综合得分', '总得分'] as const;

export const HEAD_TOTAL_WORDS: Words = { exact: ['自评总分', '总分', '综合得分', '自评得分', '自评总得分'] };

/** Labels of the 评分等级 line. */
export const GRADE_WORDS: Words = { exact: ['评分等级', '自评等级', '绩效等级', '评价等级', '等级', '自评结果等级'] };

/** What a grade cell says. */
export const GRADE_VALUES = ['优秀', '良好', '中等', '合格', '不合格', '较差', '优', '良', '中', '差'] as const;

export const SUBTOTAL_WORDS: Words = { exact: ['小计', '合计', '分项合计', '本类小计', '小计得分'] };

/** Words of a title or cell that say a sheet holds a 绩效 form: a sheet with them is never passed over silently. */
/**
 * The lines of a cover sheet (封面): who fills the form in and when. A sheet of a title and such lines, with no
 * table, describes the forms beside it and is no form itself.
 */
export const COVER_WORDS: Words = {
  prefix: ['项目名称', '项目单位', '实施单位', '主管部门', '预算单位', '单位名称', '填报单位', '填报日期', '填表日期'],
  contains: ['盖章', '填报人', '填表人', '联系人', '联系电话', '负责人', '日期', '年度'],
};

export const FORM_LIKE_WORDS = {
  title: /自评表|评价表|评分表|得分表|监控表|绩效目标表|申报表/,
  word: /绩效|得分/,
} as const;

/** Labels that can matter above an indicator header: title, project, department, unit, budget, goals, 总分, 等级. */
export const UPPER_HINT_WORDS: Words = unionOf(
  PROJECT_LINE_WORDS,
  DEPARTMENT_LINE_WORDS,
  IMPLEMENTING_UNIT_WORDS,
  MONEY_WORDS,
  GOALS_WORDS,
  HEAD_TOTAL_WORDS,
  GRADE_WORDS,
  { exact: INLINE_TOTAL_WORDS },
  {
    prefix: ['部门'],
    contains: ['自评表', '得分表', '评分表', '评价表', '预算', '执行数', '支出', '总分', '自评得分', '等级'],
  },
);

/** Labels that end an indicator body: 总分, 评分等级, a new title or budget header, conclusions, signatures, notes. */
export const BODY_END_HINT_WORDS: Words = unionOf(TOTAL_WORDS, GRADE_WORDS, CLOSING_WORDS, {
  prefix: [...INLINE_TOTAL_WORDS, ...NOTE_WORDS],
  contains: ['自评表', '得分表', '预算数', '执行数'],
});
