import type { FormResult } from '../check/form-result';
import type { SetValueEdit } from './edits';
import { toA1 } from '../sheet/address';
import { isBlank } from '../sheet/grid';
import type { Profile } from '../rules/profiles';
import type { CheckedForm } from '../check/workbook';

/** A proposed 得分: the profile's score for a filled-in 实际完成值, marked when a person should confirm it. */
export interface ScoreFill extends SetValueEdit {
  /** A qualitative level's score is the top of its band: the filler decides where in the band it falls. */
  confirm: boolean;
}

/**
 * 建议得分: where 实际完成值 is filled and 得分 is empty, the profile's score — full marks for a met target,
 * the formula's score for a missed quantitative one, the top of the band for a qualitative level.
 * Only empty cells (`if-empty`): never a cell with content or a formula.
 */
export function scoreEdits(results: readonly CheckedForm[], profile: Profile): ScoreFill[] {
  const edits: ScoreFill[] = [];
  for (const result of results) {
    if (result.kind !== 'self-evaluation') continue;
    result.indicators.forEach((indicator, i) => {
      const cell = (result as FormResult).form.indicators[i]?.score;
      if (
        !cell ||
        !isBlank(cell.value) ||
        cell.formula !== null ||
        indicator.actual === '' ||
        indicator.weight === null
      )
        return;
      const proposal = proposedScore(indicator, profile);
      if (proposal === null) return;
      edits.push({
        type: 'set-value',
        sheet: result.sheet,
        cell: toA1(cell.row, cell.col),
        value: proposal.score,
        mode: 'if-empty',
        confirm: proposal.confirm,
      });
    });
  }
  return edits;
}

function proposedScore(
  indicator: FormResult['indicators'][number],
  profile: Profile,
): { score: number; confirm: boolean } | null {
  const weight = indicator.weight as number;
  if (indicator.qualitativeLevel !== null)
    return { score: round2((weight * profile.qualitativeBands[indicator.qualitativeLevel][1]) / 100), confirm: true };
  if (indicator.status === 'met') return { score: weight, confirm: false };
  if (indicator.status === 'missed' && indicator.expectedScore !== null)
    return { score: indicator.expectedScore, confirm: false };
  return null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
