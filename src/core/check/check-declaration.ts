import { indicatorLine, type IndicatorLine } from './form-result';
import { rangeToA1, toA1 } from '../sheet/address';
import type { DeclarationForm, DeclarationIndicator } from '../read/declaration';
import { FindingList } from '../rules/findings';
import { isBlank } from '../sheet/grid';
import { isCountUnit, isPercentUnit, parseIndicatorValue } from '../read/indicator-value';
import { inCategory, isShareName } from '../read/labels';
import type { Finding } from '../rules/rules';
import { displayText, foldWidth, formatNumber, normaliseLabel, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { HIGH_RATE_NAME_WORDS, type IndicatorCategory } from '../vocabulary/table-words';

export interface DeclarationResult {
  kind: 'target-declaration';
  form: DeclarationForm;
  sheet: string;
  range: string;
  funds: { unit: string; total: number | null; components: number | null };
  indicators: Array<IndicatorLine & { term: DeclarationIndicator['term']; cell: string }>;
  findings: Finding[];
}

const HIGH_RATE = wordsPattern(HIGH_RATE_NAME_WORDS);

const REQUIRED_CATEGORIES: Array<[string, IndicatorCategory]> = [
  ['产出·数量', 'quantity'],
  ['产出·质量', 'quality'],
  ['产出·时效', 'timeliness'],
  ['效益', 'benefit'],
  ['满意度', 'satisfaction'],
];

export function checkDeclaration(form: DeclarationForm): DeclarationResult {
  const findings = new FindingList({ kind: 'target-declaration' });
  const seen = new Map<string, DeclarationIndicator>();
  for (const indicator of form.indicators) {
    const name = displayText(indicator.name.value);
    const label = name
      ? `指标「${name}」`
      : `「${indicator.level2 || indicator.level1 || '绩效指标'}」下第 ${indicator.row} 行的指标`;
    checkTarget(indicator, name, label, findings);
    checkRepeated(indicator, label, seen, findings);
  }
  checkCategories(form, findings);
  const { total, sum } = checkFunds(form, findings);
  return declarationResult(form, total, sum, findings);
}

/** A target written the standard way (operator, number, unit), with a unit that fits its indicator. */
function checkTarget(indicator: DeclarationIndicator, name: string, label: string, findings: FindingList): void {
  const cell = indicator.target;
  const text = cell ? displayText(cell.value) : '';
  if (!cell || isBlank(cell.value)) {
    if (cell) findings.add('target-unparseable', cell, `${label}没有填写年度指标值`);
    return;
  }
  const value = parseIndicatorValue(cell.value, cell.numberFormat);
  const share = isShareName(name) || inCategory('satisfaction', indicator.level2, indicator.level1);
  if (value.kind === 'qualitative' && /[≥≤<>=＝%％≧≦]/.test(foldWidth(text))) {
    const message = `${label}的指标值「${text}」不是规范写法，应写成“运算符 + 数值 + 单位”，如 ≥95.00(%)`;
    findings.add('target-unparseable', cell, message);
  }
  if (value.kind !== 'quantitative') return;
  if (share && isCountUnit(value.unit)) {
    findings.add('target-unit-mismatch', cell, `${label}是比率或满意度指标，应以 % 计量，却用了「${value.unit}」`);
  } else if (!share && inCategory('quantity', indicator.level2) && isPercentUnit(value.unit)) {
    const message = `${label}是数量指标，应以个、次、场等计数单位计量，却写成了百分比「${text}」`;
    findings.add('target-unit-mismatch', cell, message);
  } else if (isPercentUnit(value.unit) && value.value > 100) {
    findings.add('target-implausible', cell, `${label}的指标值 ${formatNumber(value.value)}% 超过 100%`);
  } else if (isPercentUnit(value.unit) && HIGH_RATE.test(normaliseLabel(name)) && value.value <= 10) {
    const message = `${label}的指标值只有 ${formatNumber(value.value)}%，不合常理（是否漏写了数字，如 100%？）`;
    findings.add('target-implausible', cell, message);
  }
}

/** The same indicator twice in one block (a 项目绩效目标表 may set it as a 长期 and as a 年度 target). */
function checkRepeated(
  indicator: DeclarationIndicator,
  label: string,
  seen: Map<string, DeclarationIndicator>,
  findings: FindingList,
): void {
  const key = `${indicator.term ?? ''}|${normaliseLabel(indicator.level2)}|${normaliseLabel(indicator.name.value)}`;
  const first = seen.get(key);
  if (!first || normaliseLabel(indicator.name.value) === '') {
    seen.set(key, indicator);
    return;
  }
  const text = indicator.target ? displayText(indicator.target.value) : '';
  const firstTarget = first.target ? displayText(first.target.value) : '';
  const differs =
    firstTarget !== text ? `，指标值却不同（第 ${first.row} 行为「${firstTarget}」，此处为「${text}」）` : '';
  findings.add('duplicate-indicator', indicator.name, `${label}与第 ${first.row} 行重复${differs}`);
}

function checkCategories(form: DeclarationForm, findings: FindingList): void {
  const missing = REQUIRED_CATEGORIES.filter(
    ([, category]) => !form.indicators.some((i) => inCategory(category, i.level2, i.level1)),
  ).map(([title]) => title);
  if (missing.length === 0) return;
  const message = `缺少必需的绩效指标类别：${missing.join('、')}（产出指标须有数量、质量、时效，另须有效益和满意度指标）`;
  findings.add('categories-missing', form.headerCell, message);
}

/** 年度资金总额 against the sum of its 其中 lines. */
function checkFunds(form: DeclarationForm, findings: FindingList): { total: number | null; sum: number | null } {
  const read = form.funds.total ? readNumber(form.funds.total.cell.value) : null;
  const total = typeof read === 'number' ? read : null;
  const parts = form.funds.components
    .map((c) => readNumber(c.cell.value))
    .filter((v): v is number => typeof v === 'number');
  const sum = parts.length ? parts.reduce((a, b) => a + b, 0) : null;
  if (form.funds.total && total !== null && sum !== null && Math.abs(total - sum) > 0.005 + 1e-9) {
    const unit = form.funds.unit;
    const message = `资金总额 ${formatNumber(total)}${unit}，但各组成部分之和为 ${formatNumber(sum)}${unit}`;
    findings.add('funds-components-mismatch', form.funds.total.cell, message);
  }
  return { total, sum };
}

function declarationResult(
  form: DeclarationForm,
  total: number | null,
  sum: number | null,
  findings: FindingList,
): DeclarationResult {
  return {
    kind: 'target-declaration',
    form,
    sheet: form.sheet,
    range: rangeToA1(form.range),
    funds: { unit: form.funds.unit, total, components: sum },
    indicators: form.indicators.map((i) => ({
      ...indicatorLine(i),
      term: i.term,
      cell: i.target ? toA1(i.target.row, i.target.col) : toA1(i.name.row, i.name.col),
    })),
    findings: findings.sorted(),
  };
}
