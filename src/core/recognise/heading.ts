import { wordsPattern } from '../vocabulary/words';
import { DECLARING_WORDS } from '../vocabulary/other-forms';
import { SheetView } from '../sheet/grid';
import type { CellRead, GradeRow, TotalRow } from '../read/form';
import { type TableHeader } from '../read/header';
import {
  cellRead,
  findYear,
  firstValueRightOf,
  HINT_UPPER,
  LabelIndex,
  valueRightOf,
  type LabelCell,
} from '../read/labels';
import { displayText, normaliseLabel } from '../sheet/text';
import { GOALS_LABEL, MONEY_LABEL, IN_YUAN, isBudgetHeader, holdsFigures, isFigure } from './budget-section';
import {
  TITLE,
  HEAD_TOTAL,
  IMPLEMENTING_UNIT,
  PROJECT_LINE,
  INLINE_TOTAL,
  INLINE_GRADE,
  DEPARTMENT_LINE,
  OWN_DEPARTMENT,
  SCORE_WITH_GRADE,
} from './form-lines';

const DECLARING = wordsPattern(DECLARING_WORDS);

/** The lines above a 自评表's indicator header: title, year, project, department, unit, budget header, 总分 and 评分等级 written above. */

/** What every form's heading gives above its table: where it starts, its title, year, project and department. */
export interface FormHeading {
  top: number;
  left: number;
  right: number;
  title: string | null;
  year: number | null;
  project: string | null;
  department: string | null;
}

/**
 * A heading before anything above the table is read: the header's own extent, nothing named yet, and what a kind
 * of form reads besides (`extra`). Assigned, not spread: Node's V8 builds `{ ...heading, more }` with properties
 * the heading lacks some thirty times slower (microseconds a form, thousands of forms).
 */
export function emptyHeading<Extra extends object = object>(header: TableHeader, extra?: Extra): FormHeading & Extra {
  const heading: FormHeading = {
    top: header.row,
    left: header.left,
    right: header.right,
    title: null,
    year: null,
    project: null,
    department: null,
  };
  return Object.assign(heading, extra);
}

export interface Heading extends FormHeading {
  implementingUnit: string | null;
  /** Headed 部门名称 / 单位名称 (not 主管部门): the form may be about the department itself. */
  namesOwnDepartment: boolean;
  budgetHeaderRow: number | null;
  goalsRow: number | null;
  unit: '万元' | '元';
  total: TotalRow | null;
  grade: GradeRow | null;
}

export function readHeading(view: SheetView, labels: LabelIndex, header: TableHeader, previousBottom: number): Heading {
  const heading: Heading = emptyHeading(header, {
    implementingUnit: null,
    namesOwnDepartment: false,
    budgetHeaderRow: null,
    goalsRow: null,
    unit: '万元' as const,
    total: null,
    grade: null,
  });
  const upperLimit = Math.max(previousBottom + 1, header.row - 80, view.firstRow);
  for (let row = header.row - 1; row >= upperLimit; row--) {
    if (!labels.hinted(row, HINT_UPPER)) continue;
    if (readHeadingRow(view, labels, row, heading)) break;
  }
  if (heading.top === header.row && heading.goalsRow !== null) heading.top = heading.goalsRow;
  if (heading.budgetHeaderRow !== null) {
    for (const { col } of labels.row(heading.budgetHeaderRow)) heading.right = Math.max(heading.right, col);
    heading.top = Math.min(heading.top, heading.budgetHeaderRow);
  }
  return heading;
}

/** Take what one row above the header says; true at the title, where the form starts. */
function readHeadingRow(view: SheetView, labels: LabelIndex, row: number, heading: Heading): boolean {
  const cells = labels.row(row);
  // A budget header holds words only: `年初预算数 | 500 | 全年执行数 | 480` is a line of pairs (readBudgetDown).
  if (heading.budgetHeaderRow === null && isBudgetHeader(cells) && !holdsFigures(view, row))
    heading.budgetHeaderRow = row;
  if (heading.goalsRow === null && heading.budgetHeaderRow === null && labels.find(row, GOALS_LABEL))
    heading.goalsRow = row;
  for (const { col, label } of cells) {
    if (!MONEY_LABEL.test(label)) continue;
    if (IN_YUAN.test(label)) heading.unit = '元';
    heading.left = Math.min(heading.left, col);
  }
  heading.total ??= headerLineTotal(view, row, cells);
  heading.grade ??= headerLineGrade(view, row, cells);
  const titleCell = labels.find(row, TITLE);
  if (titleCell && !DECLARING.test(titleCell.label)) {
    heading.title = displayText(view.raw(row, titleCell.col));
    heading.year = heading.year ?? findYear(labels, row, row + 2);
    heading.top = row;
    heading.left = Math.min(heading.left, titleCell.col);
    const merge = view.mergeAt(row, titleCell.col);
    if (merge) heading.right = Math.max(heading.right, merge.right);
    return true;
  }
  const projectCell = labels.find(row, PROJECT_LINE);
  if (projectCell) {
    heading.project = valueRightOf(view, row, projectCell.col, projectCell.label, PROJECT_LINE) ?? heading.project;
    heading.left = Math.min(heading.left, projectCell.col);
    heading.top = row;
  }
  const departmentCell = labels.find(row, DEPARTMENT_LINE);
  if (departmentCell) {
    heading.department = valueRightOf(view, row, departmentCell.col, departmentCell.label, DEPARTMENT_LINE);
    heading.namesOwnDepartment ||= OWN_DEPARTMENT.test(departmentCell.label);
    heading.left = Math.min(heading.left, departmentCell.col);
    heading.top = Math.min(heading.top, row);
  }
  const unitCell = labels.find(row, IMPLEMENTING_UNIT);
  if (unitCell) heading.implementingUnit = valueRightOf(view, row, unitCell.col, unitCell.label, IMPLEMENTING_UNIT);
  if (heading.budgetHeaderRow === row || heading.goalsRow === row) heading.top = Math.min(heading.top, row);
  if (heading.total?.row === row || heading.grade?.row === row) heading.top = Math.min(heading.top, row);
  if (heading.year === null) heading.year = findYear(labels, row, row);
  return false;
}

/** `总分：99.8分` in one cell, or `总分 | 99.8` in a line above the table. */
function headerLineTotal(view: SheetView, row: number, cells: readonly LabelCell[]): TotalRow | null {
  for (const { col, label } of cells) {
    const inline = INLINE_TOTAL.exec(label);
    // Read only for a cell that is a total's (every line above every form passes here).
    if (!inline && !HEAD_TOTAL.test(label)) continue;
    const labelCell = cellRead(view, row, col) as CellRead;
    if (inline) return { row, label: labelCell, weight: null, score: labelCell, inlineScore: Number(inline[2]) };
    // `自评得分 | 98` beside `财政审核评分`: a number (or a formula) right after the label, never a label.
    const value = firstValueRightOf(view, row, col);
    if (value && isFigure(value)) return { row, label: labelCell, weight: null, score: value, inlineScore: null };
    const graded = value ? SCORE_WITH_GRADE.exec(normaliseLabel(value.value)) : null;
    if (graded) return { row, label: labelCell, weight: null, score: value, inlineScore: Number(graded[1]) };
  }
  return null;
}

function headerLineGrade(view: SheetView, row: number, cells: readonly LabelCell[]): GradeRow | null {
  for (const { col, label } of cells) {
    const inline = INLINE_GRADE.exec(label);
    if (!inline) continue;
    const labelCell = cellRead(view, row, col) as CellRead;
    return { row, label: labelCell, value: labelCell, inlineGrade: inline[2] };
  }
  return null;
}

// ---- downwards from the header: indicator rows, 总分, 评分等级 ---------------------------------------------
