import type { Words } from './words';
import { NOTE_WORDS } from './form-words';

/** The words of the 绩效目标申报表 / 项目绩效目标表 and the 绩效运行监控表 that their recognisers read. */

/**
 * The columns of a 绩效运行监控表 (项目支出绩效目标执行监控表) beside 三级指标 and 年度指标值: progress so far
 * (`1-7月执行情况`), the forecast for the year, the likelihood of reaching the target (a text, or a √ under
 * 确定能 / 有可能 / 完全不可能) and the reasons for a shortfall (a text, or a √ under 经费保障 / 制度保障 …).
 */
export const MONITORING_COLUMN_WORDS = {
  progress: { contains: ['执行情况', '完成情况'], prefix: ['截至', '半年'] },
  forecast: { prefix: ['全年预计', '预计全年', '年底预计', '预计完成'] },
  likelihood: { contains: ['可能性'] },
  reason: { contains: ['偏差原因', '原因分析', '不能完成'] },
} as const satisfies Record<string, Words>;

/** A 完成可能性 that needs no reason; any other answer (有可能, 不可能…) does. */
export const LIKELIHOOD_CERTAIN: Words = { exact: ['确定能', '确定', '能', '确定能完成', '能完成', '可以完成'] };

/** A budget line of a 监控表: money spent so far (`1-7月执行数`) and its rate. */
export const MONITORING_BUDGET_WORDS = {
  budget: { prefix: ['全年预算', '年初预算', '调整后预算', '预算数'] },
  executed: { contains: ['月执行数', '执行数'] },
  rate: { contains: ['执行率'] },
} as const satisfies Record<string, Words>;

/** Words of a 监控表's title. */
export const MONITORING_TITLE = /监控表|监控情况表|运行监控/;

/** The supervising department's line of a 申报表 or 监控表 (the longer spelling first: it is taken off whole). */
export const SUPERVISING_DEPARTMENT_WORDS: Words = { prefix: ['主管部门及代码', '主管部门'] };

/** A title that declares (申报表, 申报): never a 自评表's title. */
export const DECLARING_WORDS: Words = { contains: ['申报'] };

/** A 自评表 named below a 申报表: the declaration ends there. */
export const SELF_EVALUATION_WORDS: Words = { contains: ['自评表'] };

/** The funds lines of a 申报表 that say their unit (`项目资金（万元）`). */
export const DECLARATION_MONEY_WORDS: Words = { prefix: ['项目资金', '项目总预算', '项目当年预算', '子项目名称'] };

/** A 申报表's title. */
export const DECLARATION_TITLE_WORDS: Words = { contains: ['目标申报表', '绩效目标表', '目标申报', '绩效目标汇总表'] };

/** The title of a form of another kind: where a 申报表's or 监控表's region ends. */
export const OTHER_FORM_TITLE_WORDS: Words = { contains: ['申报表', '自评表', '绩效目标表', '得分表', '评价表'] };

/** A 申报表's line of its year's funds in all. */
export const DECLARATION_FUNDS_TOTAL_WORDS: Words = {
  prefix: ['年度资金申请总额', '项目当年预算', '当年预算', '年度预算', '年度资金总额'],
};

const FUND_SOURCES = ['当年财政拨款', '上年结转资金', '上年结转', '其他资金', '自筹资金', '单位自筹'];

/** A 申报表's line of one source of its funds (`其中：当年财政拨款`). */
export const DECLARATION_FUND_SOURCE_WORDS: Words = {
  exact: [...FUND_SOURCES, ...FUND_SOURCES.map((source) => `其中${source}`)],
};

/** The header of a 申报表's list of sub-projects. */
export const SUBPROJECT_HEADER_WORDS: Words = { prefix: ['子项目名称'] };

/** A line below a 申报表's table that ends it. */
export const DECLARATION_END_WORDS: Words = { prefix: ['备注', '填报说明', '审核意见', '单位负责人', '填表人'] };

/** The block labels of a 项目绩效目标表: 长期绩效指标 and 年度绩效指标 share one form. */
export const LONG_TERM_BLOCK_WORDS: Words = { prefix: ['长期绩效指标', '长期指标', '中长期绩效指标', '长期目标'] };

export const ANNUAL_BLOCK_WORDS: Words = { prefix: ['年度绩效指标', '年度指标', '年度目标'] };

/** A note below a 监控表 (`注1.`, `说明：`): the table ends there. */
export const MONITORING_NOTE = new RegExp(`^(${NOTE_WORDS.join('|')})([0-9.、．]|$)`);

/** Reason and measure blocks below a 监控表: `偏差或不能完成目标原因分析 | …`, `相关建议或举措 | …`. */
export const MONITORING_REASON_BLOCK_WORDS: Words = {
  contains: ['原因分析', '偏差原因', '不能完成', '建议', '举措', '改进措施'],
};

// ---- hints: one quick test per label, so that row scans skip the rows no recogniser would look at ------------
// Built from the lists the recognisers read by: a word added to one of them is hinted too (test/vocabulary.test.ts).
