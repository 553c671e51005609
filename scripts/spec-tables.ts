/* The generated parts of docs/SPECIFICATION.md: the rule catalogue and the built-in profiles, from the
 * code itself. `npm run docs` rewrites them; a test fails when the document is behind the code. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { REMEDY_LABEL, remedyOf, RULES, SEVERITY_LABEL, type RuleId } from '../src/core/rules/rules';
import { RULE_MODULE_OF } from '../src/core/rules/catalogue';
import * as vocabulary from '../src/core/vocabulary/vocabulary';

export const SPEC = path.join(__dirname, '..', 'docs', 'SPECIFICATION.md');
export const VOCABULARY = path.join(__dirname, '..', 'docs', 'VOCABULARY.md');

export function ruleTable(): string {
  const rows = Object.entries(RULES).map(([id, rule]) => {
    const remedy = remedyOf(id as RuleId);
    const home = `\`${RULE_MODULE_OF[id as RuleId]}\``;
    return `| \`${id}\` | ${SEVERITY_LABEL[rule.severity]} | ${rule.title} | ${remedy ? REMEDY_LABEL[remedy] : ''} | ${home} |`;
  });
  const head = '| 规则 id | 级别 | 含义 | 处理 | 模块（src/core/rules/…） |';
  return [head, '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function profileTable(): string {
  const rows = Object.values(BUILT_IN_PROFILES).map((p) => `| \`${p.id}\` | ${p.name} | ${p.budgetWeight} |`);
  return ['| profile id | 名称 | 预算执行率分值 |', '| --- | --- | --- |', ...rows].join('\n');
}

function wordsCell(words: vocabulary.Words): string {
  const list = (title: string, items: readonly string[] | undefined) =>
    items?.length ? `${title}：${items.map((w) => `\`${w}\``).join(' ')}` : '';
  return [
    list('整格', words.exact),
    list('开头', words.prefix),
    list('包含', words.contains),
    list('结尾', words.suffix),
  ]
    .filter((part) => part !== '')
    .join('；');
}

/** Every role's words, from src/core/vocabulary/vocabulary.ts. */
export function vocabularyTable(): string {
  const rows: string[] = [];
  for (const [role, words] of Object.entries(vocabulary.COLUMN_WORDS))
    rows.push(
      `| 指标表列：${vocabulary.COLUMN_ROLE_NAMES[role as vocabulary.ColumnRole]}（\`${role}\`） | ${wordsCell(words)} |`,
    );
  for (const [part, words] of Object.entries(vocabulary.VALUE_PART_WORDS))
    rows.push(`| 指标值分列：\`${part}\` | ${wordsCell(words)} |`);
  for (const [category, words] of Object.entries(vocabulary.INDICATOR_CATEGORY_WORDS))
    rows.push(`| 指标类别（一级 / 二级）：\`${category}\` | ${wordsCell(words)} |`);
  for (const [role, words] of Object.entries(vocabulary.BUDGET_COLUMN_WORDS))
    rows.push(`| 资金表列：\`${role}\` | ${wordsCell(words)} |`);
  const numbers = vocabulary.NUMBER_WORDS;
  const chineseDigits = [...Object.keys(numbers.digits), ...Object.keys(numbers.multipliers)];
  const named: Array<[string, vocabulary.Words]> = [
    ['资金表：总额行', vocabulary.BUDGET_TOTAL_WORDS],
    ['资金表：其中行', vocabulary.BUDGET_COMPONENT_WORDS],
    ['资金表标签', vocabulary.MONEY_WORDS],
    ['年度总体目标', vocabulary.GOALS_WORDS],
    ['总分行', vocabulary.TOTAL_WORDS],
    ['总分（同行靠后的单独一格）', vocabulary.TOTAL_ALONE_WORDS],
    ['表头上方的总分', vocabulary.HEAD_TOTAL_WORDS],
    ['评分等级', vocabulary.GRADE_WORDS],
    ['等级取值', { exact: vocabulary.GRADE_VALUES }],
    ['小计行', vocabulary.SUBTOTAL_WORDS],
    ['比率类指标名称', vocabulary.SHARE_NAME_WORDS],
    ['应当较高的比率', vocabulary.HIGH_RATE_NAME_WORDS],
    ['表后结束行', vocabulary.CLOSING_WORDS],
    ['封面的行（封面不是表格）', vocabulary.COVER_WORDS],
    ['项目名称行（并排紧挨的表格从第二个起分开）', vocabulary.PROJECT_LINE_WORDS],
    ['主管部门 / 部门名称行', vocabulary.DEPARTMENT_LINE_WORDS],
    ['部门整体支出：表头的部门名称', vocabulary.OWN_DEPARTMENT_WORDS],
    ['部门整体支出：标题', vocabulary.DEPARTMENT_TITLE_WORDS],
    ['部门整体支出：指标', vocabulary.DEPARTMENT_INDICATOR_WORDS],
    ['监控表：执行情况', vocabulary.MONITORING_COLUMN_WORDS.progress],
    ['监控表：全年预计', vocabulary.MONITORING_COLUMN_WORDS.forecast],
    ['监控表：完成目标可能性', vocabulary.MONITORING_COLUMN_WORDS.likelihood],
    ['监控表：偏差原因', vocabulary.MONITORING_COLUMN_WORDS.reason],
    ['监控表：无须说明原因的可能性', vocabulary.LIKELIHOOD_CERTAIN],
    ['监控表：预算数', vocabulary.MONITORING_BUDGET_WORDS.budget],
    ['监控表：执行数', vocabulary.MONITORING_BUDGET_WORDS.executed],
    ['监控表：执行率', vocabulary.MONITORING_BUDGET_WORDS.rate],
    ['实施单位行', vocabulary.IMPLEMENTING_UNIT_WORDS],
    ['调整后指标值：年中取消的指标（不计分）', vocabulary.DROPPED_TARGET_WORDS],
    ['成本指标：节约类（越高越好）', vocabulary.COST_SAVING_WORDS],
    ['成本指标：金额或比率单位', vocabulary.COST_UNIT_WORDS],
    ['申报表标题', vocabulary.DECLARATION_TITLE_WORDS],
    ['其他表格的标题（申报表、监控表到此为止）', vocabulary.OTHER_FORM_TITLE_WORDS],
    ['申报表：资金总额行', vocabulary.DECLARATION_FUNDS_TOTAL_WORDS],
    ['申报表：资金来源行', vocabulary.DECLARATION_FUND_SOURCE_WORDS],
    ['申报表：子项目表头', vocabulary.SUBPROJECT_HEADER_WORDS],
    ['申报表：表后结束行', vocabulary.DECLARATION_END_WORDS],
    ['项目绩效目标表：长期指标块', vocabulary.LONG_TERM_BLOCK_WORDS],
    ['项目绩效目标表：年度指标块', vocabulary.ANNUAL_BLOCK_WORDS],
    ['监控表：表后原因与举措块', vocabulary.MONITORING_REASON_BLOCK_WORDS],
    ['申报表、监控表：主管部门行', vocabulary.SUPERVISING_DEPARTMENT_WORDS],
    ['资金表头：预算数', vocabulary.BUDGET_HEADER_WORDS.budget],
    ['资金表头：执行数', vocabulary.BUDGET_HEADER_WORDS.executed],
    ['预计数（不是执行数）', vocabulary.FORECAST_WORDS],
    ['金额单位为元', vocabulary.YUAN_WORDS],
    ['金额单位为万元', vocabulary.WAN_YUAN_WORDS],
    ['执行率以百分数填写', vocabulary.PERCENT_WORDS],
    ['其中行的引导词（不属于名称）', vocabulary.COMPONENT_PREFIX_WORDS],
    ['资金支出类名称（不是产出）', vocabulary.SPENDING_NAME_WORDS],
    ['申报类标题（不是自评表）', vocabulary.DECLARING_WORDS],
    ['申报表之后的自评表', vocabulary.SELF_EVALUATION_WORDS],
    ['申报表：注明金额单位的资金行', vocabulary.DECLARATION_MONEY_WORDS],
    ['同一格写数值的总分', { exact: vocabulary.INLINE_TOTAL_WORDS }],
    ['表后的注、说明', { prefix: vocabulary.NOTE_WORDS }],
    ['提示：表头以上可能有用的行（由以上各表合成）', vocabulary.UPPER_HINT_WORDS],
    ['提示：可能结束指标表的行（由以上各表合成）', vocabulary.BODY_END_HINT_WORDS],
    ['数字：分数的单位（8分、（20分））', { suffix: [vocabulary.NUMBER_WORDS.points] }],
    ['数字：年份（2024年、2024年度）', { suffix: [numbers.year, numbers.year + numbers.wholeYear] }],
    ['数字：汉字数字（九十、八点五）', { contains: [...chineseDigits, numbers.point] }],
    ['同一项目名称可省略的结尾', { suffix: [numbers.projectSuffix] }],
  ];
  for (const [title, words] of named) rows.push(`| ${title} | ${wordsCell(words)} |`);
  for (const [operator, spellings] of vocabulary.OPERATOR_SPELLINGS)
    rows.push(`| 运算符 \`${operator}\` | ${wordsCell({ prefix: spellings })} |`);
  for (const [operator, suffixes] of vocabulary.OPERATOR_SUFFIXES)
    rows.push(`| 数值后的运算符 \`${operator}\` | ${wordsCell({ suffix: suffixes })} |`);
  for (const [level, words] of Object.entries(vocabulary.QUALITATIVE_WORDS))
    rows.push(`| 定性完成程度：\`${level}\` | ${wordsCell(words)} |`);
  for (const [degree, words] of Object.entries(vocabulary.QUALITATIVE_DEGREE_WORDS))
    rows.push(`| 定性程度词：\`${degree}\` | ${wordsCell(words)} |`);
  const patterns: Array<[string, RegExp]> = [
    ['自评表标题', vocabulary.EVALUATION_TITLE],
    ['监控表标题', vocabulary.MONITORING_TITLE],
    ['像绩效表格的标题（未识别时必须说明）', vocabulary.FORM_LIKE_WORDS.title],
    ['像绩效表格的词', vocabulary.FORM_LIKE_WORDS.word],
    ['运算符前的系统编码', vocabulary.OPERATOR_CODE],
    ['监控表：表后的注、说明', vocabulary.MONITORING_NOTE],
    ['表后的注、说明（结束表格）', vocabulary.CLOSING_NOTE],
    ['否定的“不”', vocabulary.NEGATION],
    ['只表示“无”的格', vocabulary.EMPTY_MARK],
    ['占位的指标名称', vocabulary.PLACEHOLDER_NAME],
    ['不算偏差原因的填写', vocabulary.NO_REASON_MARK],
  ];
  for (const [title, pattern] of patterns) rows.push(`| ${title} | 模式：\`${pattern.source}\` |`);
  for (const [role, word] of Object.entries(vocabulary.CANONICAL_HEADER))
    rows.push(`| 手动指定的列读作：\`${role}\` | \`${word}\` |`);
  for (const [operator, sign] of Object.entries(vocabulary.OPERATOR_SIGN))
    rows.push(`| 指标性质写成的符号 \`${operator}\` | \`${sign}\` |`);
  rows.push(`| 数值前只说明完成的字 | ${wordsCell({ prefix: vocabulary.VALUE_FILLER_PREFIXES })} |`);
  rows.push(`| 表示约数的字（余、左右） | ${wordsCell({ contains: vocabulary.APPROXIMATE_WORDS })} |`);
  rows.push(
    `| 单位数量级 | ${Object.keys(vocabulary.UNIT_SCALES)
      .map((w) => `\`${w}\``)
      .join(' ')} |`,
  );
  return ['| 角色 | 写法 |', '| --- | --- |', ...rows].join('\n');
}

/** The document with its generated sections replaced by the current tables. */
export function withTables(text: string): string {
  const put = (name: string, table: string) => (doc: string) =>
    // A function, not a replacement string: a table may hold `$` (a pattern's end), which a string would expand.
    doc.replace(
      new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`),
      (_whole, start: string, end: string) => `${start}\n${table}\n${end}`,
    );
  return [put('rules', ruleTable()), put('profiles', profileTable()), put('vocabulary', vocabularyTable())].reduce(
    (doc, f) => f(doc),
    text,
  );
}

if (require.main === module) {
  void (async () => {
    for (const file of [SPEC, VOCABULARY]) await fs.writeFile(file, withTables(await fs.readFile(file, 'utf8')));
  })();
}
