import { indicatorLine, type IndicatorLine } from './form-result';
import { rangeToA1, toA1 } from '../sheet/address';
import type { DeclarationForm, DeclarationIndicator } from '../read/declaration';
import { FindingList } from '../rules/findings';
import type { DeclarationFacts } from '../rules/facts';
import { runRules } from '../rules/run';
import type { Finding } from '../rules/rules';
import { readNumber } from '../sheet/text';

export interface DeclarationResult {
  kind: 'target-declaration';
  form: DeclarationForm;
  sheet: string;
  range: string;
  funds: { unit: string; total: number | null; components: number | null };
  indicators: Array<IndicatorLine & { term: DeclarationIndicator['term']; cell: string }>;
  findings: Finding[];
}

/** A 绩效目标申报表 checked by the rule modules, with its funds added up. */
export function checkDeclaration(form: DeclarationForm): DeclarationResult {
  const findings = new FindingList({ kind: 'target-declaration' });
  const funds = fundsOf(form);
  runRules('declaration', { form, funds }, findings);
  return declarationResult(form, funds.total, funds.sum, findings);
}

/** 年度资金总额 and the sum of its 其中 lines, where stated. */
function fundsOf(form: DeclarationForm): DeclarationFacts['funds'] {
  const read = form.funds.total ? readNumber(form.funds.total.cell.value) : null;
  const parts = form.funds.components
    .map((c) => readNumber(c.cell.value))
    .filter((v): v is number => typeof v === 'number');
  return { total: typeof read === 'number' ? read : null, sum: parts.length ? parts.reduce((a, b) => a + b, 0) : null };
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
