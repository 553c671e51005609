import { toA1 } from '../sheet/address';
import { finding } from '../rules/findings';
import { formBasis } from './basis';
import { checkForm } from './check';
import { checkDeclaration, type DeclarationResult } from './check-declaration';
import { checkMonitoring } from './check-monitoring';
import type { SheetGrid } from '../sheet/grid';
import { parseIndicatorValue, sameUnit } from '../read/indicator-value';
import type { Profile } from './profiles';
import { formCount, recogniseForms } from '../recognise/recognise-forms';
import { lendBudgets } from '../recognise/budget-elsewhere';
import type { Finding, RuleId } from '../rules/rules';
import type { Diagnosis } from '../recognise/unrecognised';
import { displayText, normaliseLabel, projectKey } from '../sheet/text';
export { projectKey } from '../sheet/text';

import type { CheckedForm } from './kinds';
import { applyLayouts, type TaughtLayout } from '../recognise/layouts';
export { FORM_KIND_LABEL, isScored, type CheckedForm } from './kinds';

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
    const { evaluations, monitoring, declarations, unreadBeside } = recognised[sheetIndex];
    // A sheet that lent its budget to a form is part of that form.
    const unrecognised = lent.has(sheetIndex) ? null : recognised[sheetIndex].unrecognised;
    const counted =
      <T, R>(check: (form: T) => R) =>
      (form: T) => {
        const result = check(form);
        if (++done % PROGRESS_EVERY === 0) report();
        return result;
      };
    const checked: CheckedForm[] = [
      ...evaluations.map(counted((form: (typeof evaluations)[number]) => checkForm(form, profile))),
      ...monitoring.map(counted(checkMonitoring)),
      ...declarations.map(counted(checkDeclaration)),
    ];
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
    const reported = [...checked, ...beside.map((diagnosis) => diagnosis.result)];
    if (doubtful && (doubtful.strong || (!anyForm && (!doubtful.cover || onlyCovers)))) reported.push(doubtful.result);
    // A form left unread beside read ones stands where it is on the sheet, among them.
    forms.push(...reported.sort(byPlace));
  }
  return options.crossCheck === false ? forms : crossCheck(forms);
}

/** Top to bottom, then left to right. */
const byPlace = (a: CheckedForm, b: CheckedForm) =>
  a.form.range.top - b.form.range.top || a.form.range.left - b.form.range.left;

/**
 * Each 自评表 indicator whose 年度指标值 differs from what its 申报表 declared, and each declared
 * indicator the 自评表 left out. Forms are matched by project; the findings join the forms' own.
 */
export function crossCheck(given: readonly CheckedForm[]): CheckedForm[] {
  // The inputs stay as they are: the findings go into copies.
  const forms = given.map((form) => ({ ...form, findings: [...form.findings] }) as CheckedForm);
  const declarations = new Map<string, DeclarationResult>();
  for (const form of forms)
    if (form.kind === 'target-declaration' && projectKey(form.form.project))
      declarations.set(projectKey(form.form.project), form);
  for (const evaluation of forms) {
    if (evaluation.kind !== 'self-evaluation') continue;
    const declaration = declarations.get(projectKey(evaluation.form.project));
    if (!declaration) continue;
    // A 自评表 reports on the year: 长期 targets of a 项目绩效目标表 are not compared.
    const annual = declaration.form.indicators.filter((d) => d.term !== 'long-term');
    // An indicator name may stand under two 二级指标 (an activity counted and timed): match by both first.
    const byLevel = new Map<string, typeof annual>();
    const byName = new Map<string, typeof annual>();
    const push = (map: Map<string, typeof annual>, key: string, d: (typeof annual)[number]) =>
      map.set(key, [...(map.get(key) ?? []), d]);
    for (const d of annual) {
      push(byLevel, `${normaliseLabel(d.level2)}|${normaliseLabel(d.name.value)}`, d);
      push(byName, normaliseLabel(d.name.value), d);
    }
    const reported = new Set<(typeof annual)[number]>();
    const unreported = (list: typeof annual | undefined) => (list ?? []).find((d) => !reported.has(d));
    for (const row of evaluation.form.indicators) {
      const name = normaliseLabel(row.name.value);
      const promise = unreported(byLevel.get(`${normaliseLabel(row.level2)}|${name}`)) ?? unreported(byName.get(name));
      if (!promise) continue;
      reported.add(promise);
      const promised = promise.target ? displayText(promise.target.value) : '';
      const stated = row.target ? displayText(row.target.value) : '';
      if (row.target && !sameTarget(promise.target?.value ?? null, row.target.value)) {
        add(
          evaluation.findings,
          'target-changed',
          row.target,
          `指标「${displayText(row.name.value)}」的年度指标值「${stated}」与申报表（${declaration.sheet}!${toA1(promise.row, promise.name.col)}）申报的「${promised}」不一致`,
        );
      }
    }
    for (const promise of annual) {
      if (reported.has(promise) || normaliseLabel(promise.name.value) === '') continue;
      add(
        declaration.findings,
        'target-dropped',
        promise.name,
        `申报的指标「${displayText(promise.name.value)}」（${promise.target ? displayText(promise.target.value) : '无指标值'}）没有出现在自评表（${evaluation.sheet} ${evaluation.range}）中`,
      );
    }
  }
  return forms;
}

function sameTarget(declared: unknown, stated: unknown): boolean {
  const a = parseIndicatorValue(declared as string | number | null);
  const b = parseIndicatorValue(stated as string | number | null);
  if (a.kind === 'quantitative' && b.kind === 'quantitative') {
    const operators = a.operator === b.operator || a.operator === null || b.operator === null;
    return operators && Math.abs(a.value - b.value) < 1e-9 && sameUnit(a.unit, b.unit);
  }
  if (a.kind === 'empty' || b.kind === 'empty') return a.kind === b.kind;
  return normaliseLabel(a.text) === normaliseLabel(b.text);
}

function add(findings: Finding[], rule: RuleId, cell: { row: number; col: number }, message: string): void {
  findings.push(finding(rule, cell, message));
}
