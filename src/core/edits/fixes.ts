import type { CheckedForm } from '../check/kinds';
import type { Finding } from '../rules/rules';

/** A wrong number (or grade) the engine knows the right value of, offered as one click: `改为 8.8`. */
export interface Fix {
  sheet: string;
  cell: string;
  value: number | string;
  label: string;
}

/** The fix the finding's rule offers (worked out when the form was checked: rules/remedies.ts), if any. */
export function fixFor(result: CheckedForm, finding: Finding): Fix | null {
  return finding.fix ? { sheet: result.sheet, cell: finding.cell, ...finding.fix } : null;
}
