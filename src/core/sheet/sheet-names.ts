/**
 * The sheets this add-in adds to a workbook, by name: one home for each, so that a module needing only the
 * name (the host interface, the pane) does not pull in the code that reads or writes them.
 */

/** The very hidden sheet that records marks, so that any host can clear them. */
export const STATE_SHEET_NAME = '_绩效自评助手标记';

/** How a workbook shows a sheet: as a tab, hidden (可取消隐藏), or very hidden (only code can show it). */
export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

/**
 * The one rule, in every host, for which sheets a check of the whole workbook reads: every sheet a person can see or
 * unhide (a form on a hidden sheet is still the unit's form: skipping it would be a form left unchecked), never a
 * very hidden one (add-ins and macros keep their data there) nor the sheets this add-in wrote itself.
 */
export function sheetsToCheck<T extends { name: string; visibility: SheetVisibility }>(
  sheets: readonly T[],
  reviewSheet: string | null,
): T[] {
  return sheets.filter(
    (sheet) => sheet.visibility !== 'veryHidden' && sheet.name !== STATE_SHEET_NAME && sheet.name !== reviewSheet,
  );
}

/** Why a finding on a hidden sheet cannot be shown in place (the pane selects cells only on visible sheets). */
export function hiddenSheetMessage(sheet: string, cell: string): string {
  return `工作表「${sheet}」是隐藏的，无法定位到 ${cell}：请先右键工作表标签“取消隐藏”，再点这条问题。`;
}
