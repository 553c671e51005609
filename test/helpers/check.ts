import type { FormResult } from '../../src/core/check';
import type { SheetGrid } from '../../src/core/grid';
import type { Profile } from '../../src/core/profiles';
import { checkWorkbook, isScored } from '../../src/core/workbook';

/** The scored forms (自评表) of a workbook, through the product's own entry point. */
export function checkSheets(sheets: readonly SheetGrid[], profile: Profile): FormResult[] {
  return checkWorkbook(sheets, profile).filter(isScored);
}
