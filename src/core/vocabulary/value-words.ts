import type { Words } from './words';

/** What a cell of an indicator table says: operators, units and their scales, qualitative answers, empty marks. */

/** A leading 不 that negates (`不能按期`, `不充分`), not the 不 of 不断 / 不懈 (continuously). */
export const NEGATION = /^不(?!断|懈)/;

/** A cell that only marks "nothing here": slashes, dashes, dots, 无 / 空 / 略. */
export const EMPTY_MARK = /^([/／\\]+|[-—–─]+|[….。·．]+|无|空|略)$/;

/** An indicator name that is only a placeholder: `指标1`, `指标二`, a number, or an empty mark. */
export const PLACEHOLDER_NAME = /^(指标[\d一二三四五六七八九十]*|[….。·．]+|[/／\\]+|[-—–─]+|无|空|略|\d+)$/;

/** A 偏差原因 that gives none: 0, a slash or dash, 无, dots. */
export const NO_REASON_MARK = /^(0|[/／\\]+|[-—–─]+|无|[….。·]+)$/;

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

/**
 * The words numbers are written with in a form's cells and labels, one entry per role: the shapes that read them
 * (a score `8分`, a weight `（20分）`, a year `2024年度`, a number in words `九十`, `八点五`) are built from these.
 */
export const NUMBER_WORDS = {
  /** A score's or weight's unit: `8分`, `数量指标（10分）`. */
  points: '分',
  /** A year's unit, and what makes it the whole year: `2024年`, `2024年度`. */
  year: '年',
  wholeYear: '度',
  /** Digits written in Chinese, and their values. */
  digits: { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 },
  /** Multipliers of a number written in Chinese (`九十`, `一百`). */
  multipliers: { 十: 10, 百: 100 },
  /** The decimal point of a number written in Chinese (`八点五`). */
  point: '点',
  /** What a project's name may end with and still name the same project (`…平台项目`). */
  projectSuffix: '项目',
} as const;
