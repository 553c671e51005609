import type { FormResult } from '../../src/core/check/form-result';
import type { SheetGrid } from '../../src/core/sheet/grid';
import type { Profile } from '../../src/core/rules/profiles';
import { checkWorkbook, isScored } from '../../src/core/check/workbook';

/** The scored forms (自评表) of a workbook, through the product's own entry point. */
export function checkSheets(sheets: readonly SheetGrid[], profile: Profile): FormResult[] {
  return checkWorkbook(sheets, profile).filter(isScored);
}
