/**
 * The words forms are read by (docs/VOCABULARY.md): every header synonym, label and operator spelling seen in
 * real forms, one entry per role. A new synonym is one line here; the recognisers only ask "which role does
 * this label play". Labels are compared after normaliseLabel: no spaces or colons, full-width folded, so
 * `指标值（A）` arrives as `指标值(A)`.
 */

/** How the labels of one role are written: the whole label, its start, or a word anywhere in it. */
export interface Words {
  exact?: readonly string[];
  /** The label starts with one of these (and may go on: `实际完成值(B)`, `分值(10分)`). */
  prefix?: readonly string[];
  contains?: readonly string[];
  /** The label ends with one of these (`完成率`), or with one of these and a bracket (`完成率(%)`). */
  suffix?: readonly string[];
}

import { COLUMN_ROLE_NAMES, type ColumnRole } from './column-roles';

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One regular expression for a role's words. */
export function wordsPattern(words: Words): RegExp {
  const parts: string[] = [];
  if (words.exact?.length) parts.push(`^(?:${words.exact.map(escape).join('|')})$`);
  if (words.prefix?.length) parts.push(`^(?:${words.prefix.map(escape).join('|')})`);
  if (words.contains?.length) parts.push(`(?:${words.contains.map(escape).join('|')})`);
  if (words.suffix?.length) parts.push(`(?:${words.suffix.map(escape).join('|')})(?:$|[(（])`);
  return new RegExp(parts.join('|') || '(?!)');
}

/** One role's words made of several lists (a hint that must cover each of them). */
export function unionOf(...lists: readonly Words[]): Words {
  const all = (key: keyof Words) => lists.flatMap((words) => words[key] ?? []);
  return { exact: all('exact'), prefix: all('prefix'), contains: all('contains'), suffix: all('suffix') };
}

/** What a column of an indicator table holds (the roles of header.ts), in the order they are tried. */
export const COLUMN_WORDS = {
  level1: { prefix: ['一级'] },
  level2: { prefix: ['二级'] },
  name: {
    exact: ['指标名称', '具体指标', '绩效指标名称', '指标内容', '指标名称及内容', '考核指标', '评价指标'],
    prefix: ['三级'],
  },
  actual: {
    prefix: [
      '实际完成值',
      '全年实际完成值',
      '全年实际值',
      '实际值',
      '实际完成数',
      '实际完成',
      '完成值',
      '实际完成情况',
      '实际达成值',
      '全年完成值',
      '全年实际完成情况',
      '年度实际完成值',
      '年度实际值',
      '全年实际完成数',
    ],
  },
  operator: { exact: ['指标性质', '运算符', '运算符号', '比较符', '比较符号', '计算符号', '指标方向'] },
  unit: { exact: ['度量单位', '计量单位', '单位'] },
  target: {
    prefix: [
      '年度指标值',
      '年度(/项目)指标值',
      '年初目标值',
      '年度目标值',
      '指标值',
      '目标值',
      '预期指标值',
      '预期目标值',
      '全年指标值',
      '指标目标值',
      '年初指标值',
      '计划指标值',
      '年度绩效指标值',
      '全年目标值',
      '年度计划值',
      '计划值',
      '绩效目标值',
    ],
  },
  weight: {
    prefix: [
      '分值',
      '权重',
      '分数',
      '指标分值',
      '指标权重',
      '标准分值',
      '满分',
      '权重分值',
      '参考分值',
      '标准分',
      '基础分值',
    ],
  },
  score: {
    exact: [
      '得分',
      '自评得分',
      '评价得分',
      '实际得分',
      '评分',
      '自评分',
      '评价分',
      '自评分值',
      '考核得分',
      '自评分数',
      '得分值',
    ],
    prefix: ['得分(', '自评得分('],
  },
  reason: { contains: ['原因', '改进措施', '偏差分析', '偏差说明'] },
  // Columns some provinces' forms add (issue #25): a target adjusted during the year (Chongqing, Shanxi), points
  // taken off the self-assessed score (Guangxi), and the reviewers' own score beside it.
  adjustedTarget: {
    prefix: ['调整后指标值', '调整后目标值', '调整后年度指标值', '调整后的指标值', '调整后的年度指标值', '调整指标值'],
  },
  deduction: { exact: ['扣减分数', '扣减分', '扣分', '扣分值', '扣减分值', '扣减得分'] },
  reviewScore: {
    exact: [
      '核查分数',
      '核查得分',
      '财政审核评分',
      '财政审核得分',
      '审核评分',
      '审核得分',
      '复核得分',
      '复核分数',
      '主管部门审核得分',
      '主管部门评分',
    ],
  },
  // 部门整体 forms: Chongqing scores 得分系数 (%) × 权重; Anhui states each indicator's 评分标准.
  coefficient: { prefix: ['得分系数', '评分系数', '完成系数', '得分率'] },
  criteria: { prefix: ['评分标准', '评分要点', '评分细则', '评价标准', '评分说明', '计分方法'] },
} as const satisfies Record<Exclude<ColumnRole, 'actualUnit'>, Words>;

// Every key of COLUMN_WORDS is a ColumnRole (column-roles.ts); `actualUnit` is decided by position.
export { COLUMN_ROLE_NAMES, type ColumnRole };

/** The engine's own word for each role: what a taught layout's labels are read as. */
export const CANONICAL_HEADER: Record<ColumnRole, string> = {
  ...COLUMN_ROLE_NAMES,
  // The full words where the short name would not read back as its role.
  reason: '偏差原因分析及改进措施',
  actualUnit: '度量单位',
};

/** Sub-labels under a merged 年度指标值 / 实际完成值 group label. */
export const VALUE_PART_WORDS = {
  operator: { exact: ['指标性质', '性质', '运算符', '运算符号', '符号', '比较符', '比较符号', '计算符号', '指标方向'] },
  unit: { exact: ['度量单位', '计量单位', '单位'] },
  number: { exact: ['指标值', '数值', '值', '目标值', '标准值', '年度指标值', '实际值', '完成值', '实际完成值'] },
} as const satisfies Record<string, Words>;

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
/** The supervising department's line of a 申报表 or 监控表 (the longer spelling first: it is taken off whole). */
export const SUPERVISING_DEPARTMENT_WORDS: Words = { prefix: ['主管部门及代码', '主管部门'] };
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

/** Rows inside or below the indicator block that add up others: never indicators. */
/**
 * What a 一级 or 二级 label says the indicators under it measure. Cost (成本指标; 经济 / 社会 / 生态环境成本指标
 * since 2021): its targets are ceilings in money or a rate. 效益 also goes by 效果 and, in older forms, 可持续影响.
 */
export const INDICATOR_CATEGORY_WORDS = {
  output: { contains: ['产出'] },
  quantity: { contains: ['数量'] },
  quality: { contains: ['质量'] },
  timeliness: { contains: ['时效'] },
  cost: { contains: ['成本'] },
  benefit: { contains: ['效益', '效果', '影响'] },
  satisfaction: { contains: ['满意'] },
} as const satisfies Record<string, Words>;
export type IndicatorCategory = keyof typeof INDICATOR_CATEGORY_WORDS;

/** An indicator measured as a share, whatever its target says: it is counted in %, never in 个 or 次. */
export const SHARE_NAME_WORDS: Words = { contains: ['满意度', '比率', '比例', '占比', '百分比'], suffix: ['率'] };
/** Shares that should be high: a target of 10 % or less is a slip (执行率10%). */
export const HIGH_RATE_NAME_WORDS: Words = {
  contains: [
    '满意度',
    '执行率',
    '完成率',
    '达标率',
    '合格率',
    '及时率',
    '覆盖率',
    '准确率',
    '到位率',
    '使用率',
    '知晓率',
  ],
};
/** What a 调整后指标值 cell says of a target dropped during the year: the row is not scored. */
export const DROPPED_TARGET_WORDS: Words = {
  exact: ['/', '—', '-', '——', '取消', '删除', '已取消', '已删除', '不适用', '不再考核', '调减', '作废'],
};

/** A cost indicator that measures a saving (成本节约率 ≥ 5%): there more is better, so `≥` is right. */
/** An output named by money spent (资金支付进度): spending, not an output (`spending-as-output`). */
export const SPENDING_NAME_WORDS: Words = {
  contains: ['资金支付', '资金拨付', '预算执行', '资金使用', '资金到位', '经费', '支出', '拨付'],
};
/** A leading 不 that negates (`不能按期`, `不充分`), not the 不 of 不断 / 不懈 (continuously). */
export const NEGATION = /^不(?!断|懈)/;
/** A cell that only marks "nothing here": slashes, dashes, dots, 无 / 空 / 略. */
export const EMPTY_MARK = /^([/／\\]+|[-—–─]+|[….。·．]+|无|空|略)$/;
/** An indicator name that is only a placeholder: `指标1`, `指标二`, a number, or an empty mark. */
export const PLACEHOLDER_NAME = /^(指标[\d一二三四五六七八九十]*|[….。·．]+|[/／\\]+|[-—–─]+|无|空|略|\d+)$/;
/** A 偏差原因 that gives none: 0, a slash or dash, 无, dots. */
export const NO_REASON_MARK = /^(0|[/／\\]+|[-—–─]+|无|[….。·]+)$/;
/** A title that declares (申报表, 申报): never a 自评表's title. */
export const DECLARING_WORDS: Words = { contains: ['申报'] };
/** A 自评表 named below a 申报表: the declaration ends there. */
export const SELF_EVALUATION_WORDS: Words = { contains: ['自评表'] };
/** The funds lines of a 申报表 that say their unit (`项目资金（万元）`). */
export const DECLARATION_MONEY_WORDS: Words = { prefix: ['项目资金', '项目总预算', '项目当年预算', '子项目名称'] };

export const COST_SAVING_WORDS: Words = { contains: ['节约', '节省', '降低', '下降', '减少', '压减', '压缩'] };
/** Units a cost target may carry: an amount of money (also per head, per m²) or a rate. */
export const COST_UNIT_WORDS: Words = { contains: ['元', '%', '％', '百分比', '‰'] };

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

/**
 * Operator spellings, each with the comparison it asks for; tried in this order at the start of a value or
 * as a 指标性质 cell. Look-alikes seen in real forms: ⩾ ⩽ (slanted), ﹥ ﹤ ﹦ (small forms), ≮ ≯.
 */
export const OPERATOR_SPELLINGS: ReadonlyArray<readonly ['>=' | '>' | '<=' | '<' | '=', readonly string[]]> = [
  [
    '>=',
    ['≥', '>=', '≧', '⩾', '=>', '≮', '不低于', '不少于', '大于等于', '大于或等于', '至少', '达到', '正向指标', '正向'],
  ],
  [
    '<=',
    [
      '≤',
      '<=',
      '≦',
      '⩽',
      '=<',
      '≯',
      '不高于',
      '不超过',
      '不多于',
      '小于等于',
      '小于或等于',
      '至多',
      '控制在',
      '反向指标',
      '反向',
    ],
  ],
  ['>', ['>', '﹥', '大于', '高于', '超过']],
  ['<', ['<', '﹤', '小于', '低于', '少于']],
  ['=', ['=', '＝', '﹦', '⩵', '等于']],
];
/**
 * Words after the number that say the comparison (`16个以上`, `5万元以内`, `95%（含）以上`): 以上 and 以下 include the
 * number itself, as in Chinese regulations. Compared after brackets are folded to half width.
 */
export const OPERATOR_SUFFIXES: ReadonlyArray<readonly ['>=' | '<=', readonly string[]]> = [
  ['>=', ['(含)以上', '以上(含)', '及其以上', '及以上', '或以上', '以上']],
  ['<=', ['(含)以下', '以下(含)', '及其以下', '及以下', '或以下', '以下', '以内', '之内', '内']],
];
/**
 * How far a written answer reaches its target, tried in this order: the three bands of the scoring rules. A
 * leading 不 is poor except in 不断 / 不懈 (continuously), which say the opposite.
 */
export const QUALITATIVE_WORDS = {
  poor: {
    contains: [
      '未达成',
      '未完成',
      '未达到',
      '未实现',
      '未达标',
      '效果较差',
      '效果差',
      '较差',
      '很差',
      '不及时',
      '不健全',
      '不满意',
      '不合格',
      '不达标',
      '不到位',
      '不规范',
      '不完善',
      '不符合',
      '不理想',
      '不明显',
    ],
    prefix: ['未', '否', '无效', '不能', '不够', '不足', '尚未'],
  },
  partial: {
    contains: ['部分达成', '部分完成', '部分实现', '部分达到', '基本', '较为', '比较', '较好', '一般', '尚可', '有待'],
    prefix: ['部分', '较'],
  },
  achieved: {
    contains: [
      '达成',
      '完成',
      '达到',
      '实现',
      '达标',
      '满意',
      '及时',
      '健全',
      '完善',
      '有效',
      '良好',
      '提升',
      '提高',
      '稳定',
      '安全',
      '零发生',
      '明显',
      '显著',
      '共享',
      '合格',
      '优秀',
      '改善',
      '改进',
      '增强',
      '加强',
      '符合',
      '规范',
      '落实',
      '到位',
      '按时',
      '按期',
      '顺利',
      '全覆盖',
      '正常',
    ],
    exact: ['是'],
    prefix: ['已'],
  },
} as const satisfies Record<string, Words>;

/**
 * How strongly a qualitative value is worded: an answer that only `逐步改善` or `有所提升` against a target of
 * `明显改善` / `显著提升` reaches part of it (部分达成), whatever its verb says.
 */
export const QUALITATIVE_DEGREE_WORDS = {
  strong: { contains: ['明显', '显著', '大幅', '全面', '极大', '大大', '充分', '根本'] },
  weak: { contains: ['逐步', '有所', '初步', '稍有', '略有', '一定', '部分', '小幅', '局部'] },
} as const satisfies Record<string, Words>;

/** Words before an actual number that only say it was done (`已完成520人次`, `约520人次`): the number counts. */
export const VALUE_FILLER_PREFIXES = [
  '实际完成',
  '累计完成',
  '已完成',
  '完成了',
  '完成',
  '累计',
  '共计',
  '合计',
  '约',
  '共',
];
/** Words that make a number approximate (`520余人次`, `520人次左右`): the number counts, in the unit after them. */
export const APPROXIMATE_WORDS = ['余', '多', '左右', '上下'];
/** The sign written for each comparison when a 指标性质 word is turned into a value (`正向` → `≥`). */
export const OPERATOR_SIGN = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' } as const;
/** A numeric code a budget system writes before the operator (`004 >=`, `005 <=`). */
export const OPERATOR_CODE = /^\d{2,4}\s*(?=[≥≤><=＝﹦≧≦⩾⩽﹥﹤⩵])/;

/**
 * Money and count scales written before a unit (`1亿元`, `1.2亿`, `3万人次`): values in the same base unit
 * compare after scaling.
 */
export const UNIT_SCALES: Readonly<Record<string, number>> = { 亿: 1e8, 千万: 1e7, 百万: 1e6, 万: 1e4, 千: 1e3 };

// ---- 申报表 (绩效目标申报表 / 项目绩效目标表) and 监控表: the words their recognisers read ----------------------

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
