import { parseA1 } from '../sheet/address';
import type { CellRead } from '../read/form';
import { isScored, type CheckedForm } from '../check/kinds';
import type { Finding } from '../rules/rules';
import { fixerOf } from '../rules/remedies';
import { formatNumber } from '../sheet/text';

/** A wrong number (or grade) the engine knows the right value of, offered as one click: `改为 8.8`. */
export interface Fix {
  sheet: string;
  cell: string;
  value: number | string;
  label: string;
}

/**
 * The fix for a finding, where its rule's module knows the right value (`remedies.fix`) and the cell holds a plain
 * value. A formula is never replaced: the user fixes the formula itself.
 */
export function fixFor(result: CheckedForm, finding: Finding): Fix | null {
  const fixer = fixerOf(finding.rule);
  const found = fixer && isScored(result) ? fixer(result, finding) : null;
  if (!found) return null;
  const { value, cell, why = '' } = found;
  if (value === null || !cell || cell.formula !== null || !sameCell(cell, finding.cell)) return null;
  const shown = typeof value === 'number' ? formatNumber(value) : value;
  return { sheet: result.sheet, cell: finding.cell, value, label: `改为 ${shown}${why}` };
}

function sameCell(cell: CellRead, address: string): boolean {
  const at = parseA1(address);
  return at !== null && at.row === cell.row && at.col === cell.col;
}
