/**
 * The sheets this add-in adds to a workbook, by name: one home for each, so that a module needing only the
 * name (the host interface, the pane) does not pull in the code that reads or writes them.
 */

/** The very hidden sheet that records marks, so that any host can clear them. */
export const STATE_SHEET_NAME = '_绩效自评助手标记';
