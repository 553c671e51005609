import type { Words } from './words';
import { COLUMN_ROLE_NAMES, type ColumnRole } from './column-roles';

/** The indicator table of a form: the words of its columns, of its 一级 / 二级 categories and of its indicators' names. */

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

export const COST_SAVING_WORDS: Words = { contains: ['节约', '节省', '降低', '下降', '减少', '压减', '压缩'] };

/** Units a cost target may carry: an amount of money (also per head, per m²) or a rate. */
export const COST_UNIT_WORDS: Words = { contains: ['元', '%', '％', '百分比', '‰'] };
