import { formBasis } from './basis';
import { checkForm } from './check';
import { checkDeclaration } from './check-declaration';
import { checkMonitoring } from './check-monitoring';
import type { SheetGrid } from '../sheet/grid';
import type { Profile } from '../rules/profiles';
import { formCount, recogniseForms, type ReadForm } from '../recognise/recognise-forms';
import { lendBudgets } from '../recognise/budget-elsewhere';
import type { Diagnosis, UnreadSheet } from '../recognise/unrecognised';
import { FindingList } from '../rules/findings';
import { runRules } from '../rules/run';
export { projectKey } from '../sheet/text';
import { crossCheck } from './cross-check';
export { crossCheck } from './cross-check';

import type { CheckedForm, UnrecognisedResult } from './kinds';
import { applyLayouts, type TaughtLayout } from '../recognise/layouts';
export { FORM_KIND_LABEL, isScored, type CheckedForm, type FormOutline } from './kinds';

/**
 * Recognise and check every form of every sheet, in reading order, and cross-check 自评表 against
 * 申报表 — unless the caller cross-checks a larger set itself (the CLI, across the files it is given).
 */
/** How far a check is: which sheet, and how many forms were found and checked so far (for a progress line). */
export interface CheckProgress {
  sheet: string;
  /** 0-based index of the sheet being checked, of `sheetCount`. */
  sheetIndex: number;
  sheetCount: number;
  formsFound: number;
  formsChecked: number;
}

/** Forms checked between two progress reports on a sheet of many. */
const PROGRESS_EVERY = 250;

export function checkWorkbook(
  sheets: readonly SheetGrid[],
  profile: Profile,
  options: {
    crossCheck?: boolean;
    basis?: boolean;
    layouts?: readonly TaughtLayout[];
    onProgress?: (progress: CheckProgress) => void;
  } = {},
): CheckedForm[] {
  // Per sheet, in sheet order: its checked forms, or the diagnosis of a sheet that looks like a form.
  const perSheet: Array<{ checked: CheckedForm[]; doubtful: Diagnosis | null; beside: Diagnosis[] }> = [];
  let found = 0;
  let done = 0;
  const reporter = (sheet: SheetGrid, sheetIndex: number) => () =>
    options.onProgress?.({
      sheet: sheet.name,
      sheetIndex,
      sheetCount: sheets.length,
      formsFound: found,
      formsChecked: done,
    });
  // Every sheet is read before any is checked: a form may take its budget from a sheet of its own.
  const recognised = sheets.map((sheet, sheetIndex) => {
    reporter(sheet, sheetIndex)();
    // A layout the user taught reads its header in the engine's words; cells stay where they are.
    const forms = recogniseForms(applyLayouts(sheet, options.layouts ?? []));
    found += formCount(forms);
    reporter(sheet, sheetIndex)();
    return forms;
  });
  const lent = lendBudgets(sheets, recognised);
  sheets.forEach((sheet, sheetIndex) => {
    const report = reporter(sheet, sheetIndex);
    const { forms, unreadBeside } = recognised[sheetIndex];
    // A sheet that lent its budget to a form is part of that form.
    const unrecognised = lent.has(sheetIndex) ? null : recognised[sheetIndex].unrecognised;
    const counted =
      <T, R>(check: (form: T) => R) =>
      (form: T) => {
        const result = check(form);
        if (++done % PROGRESS_EVERY === 0) report();
        return result;
      };
    const checked: CheckedForm[] = forms.map(counted((form: ReadForm) => checkReadForm(form, profile)));
    if (done % PROGRESS_EVERY !== 0) report();
    // Only a pane that writes back later needs each form's basis (a batch check never does).
    if (options.basis) for (const result of checked) result.basis = formBasis(sheet, result.form.range);
    perSheet.push({ checked, doubtful: unrecognised, beside: unreadBeside });
  });
  // A mere 绩效 / 得分 word counts only in a workbook where nothing was recognised (see Diagnosis).
  const anyForm = perSheet.some((sheet) => sheet.checked.length > 0);
  // A cover sheet is said only in a workbook where nothing else is: then the forms it announces are missing.
  const onlyCovers =
    !anyForm && perSheet.every(({ doubtful, beside }) => beside.length === 0 && (!doubtful || doubtful.cover));
  const forms: CheckedForm[] = [];
  for (const { checked, doubtful, beside } of perSheet) {
    const reported = [...checked, ...beside.map((diagnosis) => unreadResult(diagnosis.result))];
    if (doubtful && (doubtful.strong || (!anyForm && (!doubtful.cover || onlyCovers))))
      reported.push(unreadResult(doubtful.result));
    // A form left unread beside read ones stands where it is on the sheet, among them.
    forms.push(...reported.sort(byPlace));
  }
  return options.crossCheck === false ? forms : crossCheck(forms);
}

/** The check of each kind of form read: a kind without one does not compile. */
const CHECKS: {
  [Kind in ReadForm['kind']]: (form: Extract<ReadForm, { kind: Kind }>, profile: Profile) => CheckedForm;
} = {
  'self-evaluation': checkForm,
  'department-evaluation': checkForm,
  'common-indicators': checkForm,
  monitoring: checkMonitoring,
  'target-declaration': checkDeclaration,
};

function checkReadForm(form: ReadForm, profile: Profile): CheckedForm {
  // One kind at a time: TypeScript cannot pair a union's member with its own entry of CHECKS by itself.
  const check = CHECKS[form.kind] as (form: ReadForm, profile: Profile) => CheckedForm;
  return check(form, profile);
}

/** Top to bottom, then left to right. */
const byPlace = (a: CheckedForm, b: CheckedForm) =>
  a.form.range.top - b.form.range.top || a.form.range.left - b.form.range.left;

/** A sheet that looks like a form and was not read: reported like a form, with its one finding. */
function unreadResult(unread: UnreadSheet): UnrecognisedResult {
  const findings = new FindingList({ kind: 'unrecognised' });
  runRules('unread', unread, findings);
  const { said: _said, ...sheet } = unread;
  return { ...sheet, findings: findings.sorted() };
}
