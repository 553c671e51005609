import { CLOSING_NOTE } from '../vocabulary/form-words';
import { isBlank, SheetView } from '../sheet/grid';
import type { CellRead, GradeRow, TotalRow } from '../read/form';
import { type ColumnRole, type TableHeader } from '../read/header';
import { cellRead, firstValueRightOf, LabelIndex, type LabelCell } from '../read/labels';
import { normaliseLabel } from '../sheet/text';
import { isBudgetHeader } from './budget-section';
import {
  TITLE,
  TOTAL_LABEL,
  TOTAL_ALONE,
  GRADE_LABEL,
  GRADE_VALUE,
  INLINE_TOTAL,
  INLINE_GRADE,
  CLOSING_LABEL,
  SCORE_WITH_GRADE,
} from './form-lines';
import type { Body } from './body';
import { isEmptyCell } from './indicator-row';

/** Where a 自评表's indicator rows end: its 总分 and 评分等级 lines (in their many shapes), a closing line, a new form. */

/** 总分, 评分等级, a new title or budget header, or a conclusion or signature line: the table ends here. */
export function endsBody(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  row: number,
  left: number,
  firstDataCol: number,
  body: Body,
): boolean {
  const columns = header.columns;
  const totalLabel =
    labels.find(row, TOTAL_LABEL, left, firstDataCol) ?? totalFurtherAlong(labels, header, row, firstDataCol);
  if (totalLabel) {
    body.total = readTotal(view, row, totalLabel.col, columns);
    body.bottom = row;
    // 评分等级 is on the next rows, or further along the 总分 row itself (labelled, or a bare `优` after 得分).
    body.grade =
      findGradeRow(view, labels, row, row, totalLabel.col + 1, view.lastCol, columns) ??
      bareGradeAfter(view, labels, row, body.total.score?.col ?? totalLabel.col) ??
      findGradeRow(view, labels, row + 1, Math.min(row + 3, view.lastRow), left, body.right, columns) ??
      gradeInTotal(body.total);
    if (body.grade) {
      body.right = Math.max(body.right, body.grade.value.col);
      body.bottom = Math.max(body.bottom, body.grade.row);
    }
    return true;
  }
  const gradeOnly = findGradeRow(view, labels, row, row, left, body.right, columns);
  if (gradeOnly) {
    body.grade = gradeOnly;
    body.bottom = row;
    return true;
  }
  if (labels.find(row, TITLE) || isBudgetHeader(labels.row(row))) return true;
  return isClosingRow(view, labels, row, left, body.right);
}

/**
 * `其他需要说明事项 | 无 | 总分 | 100 | 96 | 优`: a 总分 label standing alone between the first data column and
 * the 分值 / 得分 columns, on a row that starts with another label.
 */
function totalFurtherAlong(
  labels: LabelIndex,
  header: TableHeader,
  row: number,
  firstDataCol: number,
): LabelCell | null {
  const numbersFrom = Math.min(header.columns.get('weight') ?? Infinity, header.columns.get('score') ?? Infinity);
  if (numbersFrom === Infinity) return null;
  return labels.find(row, TOTAL_ALONE, firstDataCol + 1, numbersFrom - 1);
}

/** A grade written without its label right of the 总分's score: `总分 | 100 | 96 | 优`. */
function bareGradeAfter(view: SheetView, labels: LabelIndex, row: number, scoreCol: number): GradeRow | null {
  const cell = labels.row(row).find((c) => c.col > scoreCol);
  if (!cell || !GRADE_VALUE.test(cell.label)) return null;
  const value = cellRead(view, row, cell.col) as CellRead;
  return { row, label: value, value, inlineGrade: null };
}

export function isClosingRow(view: SheetView, labels: LabelIndex, row: number, left: number, right: number): boolean {
  const first = labels.row(row).find((cell) => cell.col >= left && cell.col <= right);
  if (!first) return false;
  return CLOSING_LABEL.test(first.label) || CLOSING_NOTE.test(String(view.raw(row, first.col)));
}

function readTotal(view: SheetView, row: number, labelCol: number, columns: ReadonlyMap<ColumnRole, number>): TotalRow {
  const labelCell = cellRead(view, row, labelCol) as CellRead;
  let weight = cellRead(view, row, columns.get('weight'));
  let score = cellRead(view, row, columns.get('score'));
  const inline = INLINE_TOTAL.exec(normaliseLabel(labelCell.value));
  if (inline && isEmptyCell(score))
    return {
      row,
      label: labelCell,
      weight: isEmptyCell(weight) ? null : weight,
      score: labelCell,
      inlineScore: Number(inline[2]),
    };
  // Some forms write `总分 | 93` with the number right after the label instead of under 得分.
  if (score && isEmptyCell(score) && weight && !isBlank(weight.value)) {
    const after = firstValueRightOf(view, row, labelCol);
    if (after && after.col !== weight.col) score = after;
  }
  if (weight && score && weight.col === score.col) weight = null;
  const graded = score ? SCORE_WITH_GRADE.exec(normaliseLabel(score.value)) : null;
  return { row, label: labelCell, weight, score, inlineScore: graded ? Number(graded[1]) : null };
}

/** The grade a total's cell writes beside its number (`90.5（优）`), as the form's grade when it has no other. */
export function gradeInTotal(total: TotalRow): GradeRow | null {
  const graded = total.score ? SCORE_WITH_GRADE.exec(normaliseLabel(total.score.value)) : null;
  if (!graded || !total.score) return null;
  return { row: total.row, label: total.score, value: total.score, inlineGrade: graded[2] };
}

function findGradeRow(
  view: SheetView,
  labels: LabelIndex,
  fromRow: number,
  toRow: number,
  left: number,
  right: number,
  columns: ReadonlyMap<ColumnRole, number>,
): GradeRow | null {
  for (let row = fromRow; row <= toRow; row++) {
    const inline = labels.find(row, INLINE_GRADE, left, right);
    if (inline) {
      const cell = cellRead(view, row, inline.col) as CellRead;
      return { row, label: cell, value: cell, inlineGrade: (INLINE_GRADE.exec(inline.label) as RegExpExecArray)[2] };
    }
    const label = labels.find(row, GRADE_LABEL, left, right);
    if (!label) continue;
    const labelCell = cellRead(view, row, label.col) as CellRead;
    const value = firstValueRightOf(view, row, label.col, right);
    if (value) return { row, label: labelCell, value, inlineGrade: null };
    // Empty grade: the first cell after the label's merge, else the 分值 column.
    const merge = view.mergeAt(row, label.col);
    const col = merge ? merge.right + 1 : (columns.get('weight') ?? label.col + 1);
    return { row, label: labelCell, value: cellRead(view, row, col) as CellRead, inlineGrade: null };
  }
  return null;
}
