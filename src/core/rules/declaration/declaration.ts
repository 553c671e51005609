import { ruleModule, DECLARATION, type Report } from '../meta';
import type { DeclarationFacts } from '../facts';
import type { DeclarationForm, DeclarationIndicator } from '../../read/declaration';
import { isCountUnit, isPercentUnit, parseIndicatorValue } from '../../read/indicator-value';
import { inCategory, isShareName } from '../../read/labels';
import { isBlank } from '../../sheet/grid';
import { declarationLabel } from '../wording';
import { displayText, foldWidth, formatNumber, normaliseLabel } from '../../sheet/text';
import { wordsPattern } from '../../vocabulary/words';
import { HIGH_RATE_NAME_WORDS, type IndicatorCategory } from '../../vocabulary/table-words';

/** 绩效目标申报表: targets written as the systems take them, the required categories, funds that add up. */
const rules = {
  // 绩效目标申报表 (target declarations) and the 自评表 ↔ 申报表 cross-check.
  'target-unparseable': { severity: 'warning', title: '指标值写法不规范', forms: DECLARATION },
  'target-unit-mismatch': { severity: 'warning', title: '指标值单位不合适', forms: DECLARATION },
  'categories-missing': { severity: 'warning', title: '缺少必需的指标类别', forms: DECLARATION },
  'target-implausible': { severity: 'warning', title: '指标值不合常理', forms: DECLARATION },
  'funds-components-mismatch': { severity: 'error', title: '资金总额与明细不符', forms: DECLARATION },
} as const;
type Id = keyof typeof rules;

export default ruleModule(rules, {
  declaration(facts, report) {
    for (const indicator of facts.form.indicators) {
      const name = displayText(indicator.name.value);
      checkTarget(indicator, name, declarationLabel(indicator), report);
    }
    checkCategories(facts.form, report);
    checkFunds(facts, report);
  },
});

const HIGH_RATE = wordsPattern(HIGH_RATE_NAME_WORDS);

const REQUIRED_CATEGORIES: Array<[string, IndicatorCategory]> = [
  ['产出·数量', 'quantity'],
  ['产出·质量', 'quality'],
  ['产出·时效', 'timeliness'],
  ['效益', 'benefit'],
  ['满意度', 'satisfaction'],
];

/** A target written the standard way (operator, number, unit), with a unit that fits its indicator. */
function checkTarget(indicator: DeclarationIndicator, name: string, label: string, report: Report<Id>): void {
  const cell = indicator.target;
  const text = cell ? displayText(cell.value) : '';
  if (!cell || isBlank(cell.value)) {
    if (cell) report('target-unparseable', cell, `${label}没有填写年度指标值`);
    return;
  }
  const value = parseIndicatorValue(cell.value, cell.numberFormat);
  const share = isShareName(name) || inCategory('satisfaction', indicator.level2, indicator.level1);
  if (value.kind === 'qualitative' && /[≥≤<>=＝%％≧≦]/.test(foldWidth(text))) {
    const message = `${label}的指标值「${text}」不是规范写法，应写成“运算符 + 数值 + 单位”，如 ≥95.00(%)`;
    report('target-unparseable', cell, message);
  }
  if (value.kind !== 'quantitative') return;
  if (share && isCountUnit(value.unit)) {
    report('target-unit-mismatch', cell, `${label}是比率或满意度指标，应以 % 计量，却用了「${value.unit}」`);
  } else if (!share && inCategory('quantity', indicator.level2) && isPercentUnit(value.unit)) {
    const message = `${label}是数量指标，应以个、次、场等计数单位计量，却写成了百分比「${text}」`;
    report('target-unit-mismatch', cell, message);
  } else if (isPercentUnit(value.unit) && value.value > 100) {
    report('target-implausible', cell, `${label}的指标值 ${formatNumber(value.value)}% 超过 100%`);
  } else if (isPercentUnit(value.unit) && HIGH_RATE.test(normaliseLabel(name)) && value.value <= 10) {
    const message = `${label}的指标值只有 ${formatNumber(value.value)}%，不合常理（是否漏写了数字，如 100%？）`;
    report('target-implausible', cell, message);
  }
}

function checkCategories(form: DeclarationForm, report: Report<Id>): void {
  const missing = REQUIRED_CATEGORIES.filter(
    ([, category]) => !form.indicators.some((i) => inCategory(category, i.level2, i.level1)),
  ).map(([title]) => title);
  if (missing.length === 0) return;
  const message = `缺少必需的绩效指标类别：${missing.join('、')}（产出指标须有数量、质量、时效，另须有效益和满意度指标）`;
  report('categories-missing', form.headerCell, message);
}

/** 年度资金总额 against the sum of its 其中 lines. */
function checkFunds({ form, funds }: DeclarationFacts, report: Report<Id>): void {
  const { total, sum } = funds;
  if (!form.funds.total || total === null || sum === null || Math.abs(total - sum) <= 0.005 + 1e-9) return;
  const unit = form.funds.unit;
  const message = `资金总额 ${formatNumber(total)}${unit}，但各组成部分之和为 ${formatNumber(sum)}${unit}`;
  report('funds-components-mismatch', form.funds.total.cell, message);
}
