import { SheetView, type SheetGrid } from '../sheet/grid';
import type { IndicatorRow, SelfEvaluationForm } from '../read/form';
import { findHeaders, formsAtHeaders, type ColumnRole, type TableHeader } from '../read/header';
import { HINT_BODY_END, HINT_SCORE, HINT_UPPER, LabelIndex } from '../read/labels';
import { normaliseLabel } from '../sheet/text';
import { isBudgetHeader, readBudget, readBudgetDown } from './budget-section';
import {
  TITLE,
  TOTAL_LABEL,
  GRADE_LABEL,
  PROJECT_LINE,
  INLINE_TOTAL,
  DEPARTMENT_TITLE,
  DEPARTMENT_INDICATOR,
} from './form-lines';
import { isClosingRow, gradeInTotal } from './body-end';
import { Heading, readHeading } from './heading';
import { readBody } from './body';
/** Find every scored form in one sheet, top to bottom. Never throws on odd input: it skips what it cannot read. */
export function recogniseSheet(grid: SheetGrid): SelfEvaluationForm[] {
  const view = new SheetView(grid);
  return recogniseEvaluations(view, new LabelIndex(view));
}

/**
 * A 自评表 header: 得分, the indicator's name or target, and 分值 — or, in templates that have no 分值 column,
 * both a target and an actual value.
 */
export function isEvaluationHeader(columns: ReadonlyMap<ColumnRole, number>): boolean {
  if (!columns.has('score') || !(columns.has('name') || columns.has('target'))) return false;
  return columns.has('weight') || (columns.has('target') && columns.has('actual'));
}

export function recogniseEvaluations(view: SheetView, labels: LabelIndex): SelfEvaluationForm[] {
  const mayStart = (row: number) =>
    labels.row(row).length >= 3 && (labels.hinted(row, HINT_SCORE) || labels.hinted(row + 1, HINT_SCORE));
  const { starts, repeated } = repeatsSetAside(view, labels, findHeaders(view, labels, mayStart, isEvaluationHeader));
  return formsAtHeaders(view, starts, (header, previousBottom, nextHeaderRow) =>
    readForm(view, labels, header, previousBottom, nextHeaderRow, repeated),
  );
}

/**
 * Headers that repeat the one above inside its table (print titles pasted in, a form re-typed from a two-page
 * printout) start no form: the same roles in the same columns, with nothing between them that ends a form or
 * starts one (a 总分 or 评分等级, a title, 项目名称, a budget header, a conclusion). Their rows are set aside.
 */
function repeatsSetAside(
  view: SheetView,
  labels: LabelIndex,
  headers: readonly TableHeader[],
): { starts: TableHeader[]; repeated: ReadonlySet<number> } {
  const starts: TableHeader[] = [];
  const repeated = new Set<number>();
  let last: TableHeader | null = null;
  for (const header of headers) {
    if (last && sameColumns(last, header) && !formBoundaryBetween(view, labels, last.lastRow + 1, header.row - 1)) {
      for (let row = header.row; row <= header.lastRow; row++) repeated.add(row);
    } else starts.push(header);
    last = header;
  }
  return { starts, repeated };
}

function sameColumns(a: TableHeader, b: TableHeader): boolean {
  if (a.columns.size !== b.columns.size) return false;
  for (const [role, col] of a.columns) if (b.columns.get(role) !== col) return false;
  return true;
}

/** A row between two headers that ends the form above or starts another one. */
function formBoundaryBetween(view: SheetView, labels: LabelIndex, from: number, to: number): boolean {
  for (let row = from; row <= to; row++) {
    if (!labels.hinted(row, HINT_BODY_END | HINT_UPPER)) continue;
    const cells = labels.row(row);
    if (labels.find(row, TITLE) || labels.find(row, PROJECT_LINE) || isBudgetHeader(cells)) return true;
    if (labels.find(row, TOTAL_LABEL) || labels.find(row, GRADE_LABEL) || labels.find(row, INLINE_TOTAL)) return true;
    if (isClosingRow(view, labels, row, -Infinity, Infinity)) return true;
  }
  return false;
}

function readForm(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  previousBottom: number,
  nextHeaderRow: number,
  repeatedHeaders: ReadonlySet<number>,
): SelfEvaluationForm | null {
  const heading = readHeading(view, labels, header, previousBottom);
  const body = readBody(view, labels, header, {
    left: heading.left,
    right: heading.right,
    nextHeaderRow,
    repeatedHeaders,
  });
  const kind = formKind(header, heading, view.name, body.indicators);
  if (kind === null || (body.indicators.length === 0 && heading.title === null)) return null;
  const budgetEnd = heading.goalsRow ?? header.row;
  const budget =
    heading.budgetHeaderRow === null
      ? readBudgetDown(view, labels, heading, budgetEnd)
      : readBudget(view, labels, heading.budgetHeaderRow, budgetEnd, heading.unit);
  return {
    kind,
    sheet: view.name,
    range: { top: heading.top, left: heading.left, bottom: body.bottom, right: Math.max(heading.right, body.right) },
    title: heading.title,
    year: heading.year,
    // A 部门整体支出 form is about the department: its name stands where a project's would.
    project: heading.project ?? (kind === 'department-evaluation' ? heading.department : null),
    department: heading.department,
    implementingUnit: heading.implementingUnit,
    headerRow: header.row,
    budget,
    indicators: body.indicators,
    uncertainRows: body.uncertain.map((row) => row.name),
    total: body.total ?? heading.total,
    grade: body.grade ?? heading.grade ?? (heading.total ? gradeInTotal(heading.total) : null),
  };
}

/**
 * A 部门整体支出 form by its title or its indicators; a 项目支出 form needs a target or actual column.
 * Anything else with 分值 / 得分 columns (a staff appraisal, a summary table) is no form.
 */
function formKind(
  header: TableHeader,
  heading: Heading,
  sheetName: string,
  indicators: readonly IndicatorRow[],
): SelfEvaluationForm['kind'] | null {
  // With no title on the sheet, its name may be the title (a form pasted into a sheet named for it).
  const title = heading.title ?? sheetName;
  if (DEPARTMENT_TITLE.test(normaliseLabel(title))) return 'department-evaluation';
  let departmentLike = 0;
  for (const row of indicators) {
    if (
      DEPARTMENT_INDICATOR.test(normaliseLabel(row.level1)) ||
      DEPARTMENT_INDICATOR.test(normaliseLabel(row.name.value))
    )
      departmentLike++;
  }
  if (departmentLike >= 2) return 'department-evaluation';
  // Indicators scored for a 部门名称 and no project: a 部门整体 form without its title.
  const indicatorTable = header.columns.has('level1') && header.columns.has('name');
  if (indicatorTable && heading.namesOwnDepartment && heading.project === null) return 'department-evaluation';
  if (header.columns.has('target') || header.columns.has('actual')) return 'self-evaluation';
  // Levels each with its own 分值, then 得分, and no values to reach: the older 共性指标 scoring table.
  return header.levelWeights && header.columns.has('level1') && header.columns.has('name') ? 'common-indicators' : null;
}

// ---- upwards from the header: title, project, units, budget section, a header-line total ----------------
