import type { BudgetSection, SelfEvaluationForm } from '../read/form';
import { SheetView, type SheetGrid } from '../sheet/grid';
import { LabelIndex, valueRightOf } from '../read/labels';
import { holdsFigures, isBudgetHeader, readBudget, readBudgetDown } from './budget-section';
import { formCount, type SheetForms } from './recognise-forms';
import { projectKey, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { PROJECT_LINE_WORDS } from '../vocabulary/form-words';

/**
 * A form over two sheets (issue #32): the budget on one (附表1), the indicators on another (附表2). A sheet that
 * holds no form but a budget section lends it to the form of its workbook that has none: the same project's, or
 * the only one. The lending sheet is then part of that form, never 未识别.
 */
export interface BudgetSheet {
  sheet: string;
  section: BudgetSection;
  project: string | null;
}

const PROJECT_LINE = wordsPattern(PROJECT_LINE_WORDS);

/** The budget section of a sheet that holds nothing else a recogniser read, across or down the rows. */
export function budgetOnSheet(grid: SheetGrid): BudgetSheet | null {
  const view = new SheetView(grid);
  const labels = new LabelIndex(view);
  const end = view.lastRow + 1;
  let section: BudgetSection | null = null;
  for (const row of labels.labelledRows) {
    if (!isBudgetHeader(labels.row(row)) || holdsFigures(view, row)) continue;
    section = readBudget(view, labels, row, end, '万元');
    break;
  }
  section ??= readBudgetDown(view, labels, { top: view.firstRow, unit: '万元' }, end);
  const budget = section?.total?.budget;
  if (!section || !budget || typeof readNumber(budget.value) !== 'number') return null;
  return { sheet: grid.name, section, project: projectOf(view, labels) };
}

function projectOf(view: SheetView, labels: LabelIndex): string | null {
  for (const row of labels.labelledRows) {
    const cell = labels.find(row, PROJECT_LINE);
    if (cell) return valueRightOf(view, row, cell.col, cell.label, PROJECT_LINE);
  }
  return null;
}

/**
 * Budgets of form-less sheets given to the forms that have none: by project, else the only budget to the only
 * form without one. Returns the indexes of the sheets that lent theirs.
 */
export function lendBudgets(sheets: readonly SheetGrid[], recognised: SheetForms[]): Set<number> {
  const lenders = new Map<number, BudgetSheet>();
  recognised.forEach((forms, i) => {
    const budget = formCount(forms) === 0 ? budgetOnSheet(sheets[i]) : null;
    if (budget) lenders.set(i, budget);
  });
  const lent = new Set<number>();
  if (lenders.size === 0) return lent;
  const needing = recognised.flatMap((forms) =>
    forms.forms.filter((form): form is SelfEvaluationForm => form.kind === 'self-evaluation' && form.budget === null),
  );
  for (const form of needing) {
    const key = projectKey(form.project);
    const same = [...lenders].filter(([, b]) => key !== '' && projectKey(b.project) === key);
    const only = lenders.size === 1 && needing.length === 1 ? [...lenders] : [];
    const [chosen] = same.length === 1 ? same : only;
    if (!chosen) continue;
    borrow(form, chosen[1]);
    lent.add(chosen[0]);
  }
  return lent;
}

function borrow(form: SelfEvaluationForm, budget: BudgetSheet): void {
  form.budget = budget.section;
  form.budgetSheet = budget.sheet;
}
