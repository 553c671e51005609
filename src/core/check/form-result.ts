import { rangeToA1 } from '../sheet/address';
import type { Profile } from '../rules/profiles';
import type { CellRead, SelfEvaluationForm } from '../read/form';
import { displayText } from '../sheet/text';
import type { Finding } from '../rules/rules';
import type { IndicatorAssessment, ScoredFacts } from '../rules/facts';
export type { IndicatorAssessment } from '../rules/facts';

/** How a form adds up its 总分 (docs/SPECIFICATION.md §1); decided per form, never per workbook. */
export type TotalsConvention = 'budget-included' | 'indicators-only';

/** A checked 自评表: what the engine worked out (ScoredFacts: what its rules' remedies need) and its findings. */
export interface FormResult extends ScoredFacts {
  kind: SelfEvaluationForm['kind'];
  /** The scoring profile that judged the form (shown on every card and report). */
  profile: { id: string; name: string };
  range: string;
  convention: TotalsConvention;
  indicators: IndicatorAssessment[];
  findings: Finding[];
}

/** What a check of a 自评表 works out; the result adds where the form is and which profile judged it. */
export type FormVerdicts = Omit<FormResult, 'kind' | 'form' | 'profile' | 'sheet' | 'range'>;

export function formResult(form: SelfEvaluationForm, profile: Profile, verdicts: FormVerdicts): FormResult {
  return {
    kind: form.kind,
    form,
    profile: { id: profile.id, name: profile.name },
    sheet: form.sheet,
    range: rangeToA1(form.range),
    ...verdicts,
  };
}

/** An indicator row as a result shows it (申报表, 监控表): where it is, its levels, its name and its target as written. */
export interface IndicatorLine {
  row: number;
  level1: string;
  level2: string;
  name: string;
  target: string;
}

/** The line of a read indicator row: its cells' values as text. */
export function indicatorLine(row: {
  row: number;
  level1: string;
  level2: string;
  name: CellRead;
  target: CellRead | null;
}): IndicatorLine {
  const { level1, level2, name, target } = row;
  return {
    row: row.row,
    level1,
    level2,
    name: displayText(name.value),
    target: target ? displayText(target.value) : '',
  };
}
