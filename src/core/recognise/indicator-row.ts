import { EMPTY_MARK, PLACEHOLDER_NAME, OPERATOR_CODE, OPERATOR_SIGN } from '../vocabulary/value-words';
import { isBlank, SheetView } from '../sheet/grid';
import type { CellRead, IndicatorRow } from '../read/form';
import { type ColumnRole, type TableHeader } from '../read/header';
import { cellRead, shownCell } from '../read/labels';
import { displayText, foldWidth, formatNumber, isPercentFormat, normaliseLabel } from '../sheet/text';
import { splitOperator } from '../read/indicator-value';

/** One row of an indicator table as a person reads it: its levels, name, values and reason, and what counts as empty. */

/** Carry 一级 / 二级 labels down (written once, merged or repeated); true when the row shows one. */
export function updateLevels(
  view: SheetView,
  header: TableHeader,
  row: number,
  levels: { level1: string; level2: string },
): boolean {
  const level1 = levelText(view, header, row, 'level1');
  const level2 = levelText(view, header, row, 'level2');
  if (level1 !== '') {
    if (level1 !== levels.level1) levels.level2 = '';
    levels.level1 = level1;
  }
  if (level2 !== '') levels.level2 = level2;
  return level1 !== '' || level2 !== '';
}

export function levelText(view: SheetView, header: TableHeader, row: number, role: 'level1' | 'level2'): string {
  const col = header.columns.get(role);
  return col === undefined ? '' : displayText(view.shown(row, col));
}

export function readIndicatorRow(
  view: SheetView,
  header: TableHeader,
  row: number,
  firstDataCol: number,
): IndicatorRow {
  const name = spannedCell(view, header, row, 'name');
  const reasonCol = header.columns.get('reason');
  return {
    row,
    level1: '',
    level2: '',
    name: name ?? { row, col: firstDataCol, value: null, numberFormat: null, formula: null },
    target: composedValue(
      spannedCell(view, header, row, 'target'),
      cellRead(view, row, header.columns.get('operator')),
      // One 度量单位 column after 实际完成值 and none after 指标值: the unit of both.
      cellRead(view, row, header.columns.get('unit') ?? header.columns.get('actualUnit')),
    ),
    actual: composedValue(
      spannedCell(view, header, row, 'actual'),
      null,
      cellRead(view, row, header.columns.get('actualUnit')),
    ),
    weight: cellRead(view, row, header.columns.get('weight')),
    score: cellRead(view, row, header.columns.get('score')),
    reason: reasonCol === undefined ? null : spannedReason(view, header, row, reasonCol),
    adjustedTarget: cellRead(view, row, header.columns.get('adjustedTarget')),
    deduction: cellRead(view, row, header.columns.get('deduction')),
    reviewScore: cellRead(view, row, header.columns.get('reviewScore')),
    coefficient: cellRead(view, row, header.columns.get('coefficient')),
  };
}

/** The cell of a role; when its header spans two columns and the first is blank, the next one that holds a value. */
export function spannedCell(view: SheetView, header: TableHeader, row: number, role: ColumnRole): CellRead | null {
  const col = header.columns.get(role);
  if (col === undefined) return null;
  const first = cellRead(view, row, col) as CellRead;
  if (!isBlank(first.value) || first.formula !== null) return first;
  for (let c = col + 1; c <= (header.spans.get(role) ?? col); c++) {
    if (!view.isCovered(row, c) && !isBlank(view.raw(row, c))) return cellRead(view, row, c);
  }
  return first;
}

/** The deviation cell; a reason merged over several rows is its merge's master cell. */
function spannedReason(view: SheetView, header: TableHeader, row: number, col: number): CellRead {
  const shown = shownCell(view, row, col);
  if (!isBlank(shown.value)) return shown;
  for (let c = col + 1; c <= (header.spans.get('reason') ?? col); c++) {
    if (!view.isCovered(row, c) && !isBlank(view.raw(row, c))) return cellRead(view, row, c) as CellRead;
  }
  return shown;
}

/**
 * The sign a 指标性质 cell asks for (`≥`, `004 >=`, `正向`, `不低于`), or '' for 定性 / 定量 / 共性, which say
 * what kind of target it is, not how to compare.
 */
function operatorSign(text: string): string {
  const written = foldWidth(text).replace(/\s+/g, '').replace(OPERATOR_CODE, '');
  const { operator, rest } = splitOperator(written);
  if (operator === null || rest !== '') return '';
  // Signs stay as the form writes them (messages quote it); words and codes become the sign.
  return /^[≥≤><=＝﹦≧≦⩾⩽﹥﹤≮≯]+$/.test(written) ? written : OPERATOR_SIGN[operator];
}

/**
 * One value from the 指标性质 | 指标值 | 度量单位 columns, as a single cell would write it (`≥95(%)`), at the
 * number's cell. A value with neither operator nor unit column is the cell itself.
 */
export function composedValue(
  number: CellRead | null,
  operator: CellRead | null,
  unit: CellRead | null,
): CellRead | null {
  if (!number || (!operator && !unit)) return number;
  if (isBlank(number.value) && number.formula === null) return number;
  const operatorText = operator ? displayText(operator.value) : '';
  const op = operatorSign(operatorText);
  let unitText = unit ? displayText(unit.value) : '';
  if (EMPTY_MARK.test(unitText)) unitText = '';
  let numberText: string;
  if (typeof number.value === 'number' && isPercentFormat(number.numberFormat)) {
    numberText = formatNumber(number.value * 100);
    unitText = '%';
  } else {
    numberText = displayText(number.value);
  }
  if (!/^[+-]?(\d|\.\d)/.test(numberText.replace(/^[≥≤><=＝﹦≧≦]+/, ''))) return number;
  const withUnit = unitText !== '' && !numberText.endsWith(unitText) ? `${numberText}(${unitText})` : numberText;
  return { ...number, value: `${op}${withUnit}`, numberFormat: null };
}

export function isEmptyRow(row: IndicatorRow): boolean {
  return [row.name, row.target, row.actual, row.weight, row.score].every(
    (cell) => cell === null || (isBlank(cell.value) && cell.formula === null),
  );
}

/**
 * A template's unused row (`指标2：`, `……`), a row marked `/` (not applicable), or an indicator whose 分值 and
 * 得分 are both marked `/` (not scored): no indicator to check at all.
 */
export function isLeftover(row: IndicatorRow): boolean {
  if (isMarkedVoid(row.weight) && isMarkedVoid(row.score)) return true;
  const values = [row.target, row.actual, row.weight, row.score];
  if (isPlaceholderName(row.name.value) || isBlank(row.name.value)) {
    if (values.every((cell) => cell === null || cell.formula !== null || isVoidOrZero(cell))) return true;
  }
  let marked = false;
  for (const cell of values) {
    if (cell === null || cell.formula !== null) continue;
    if (!isVoidCell(cell)) return false;
    marked ||= !isBlank(cell.value);
  }
  return marked;
}

function isVoidCell(cell: CellRead): boolean {
  return isBlank(cell.value) || EMPTY_MARK.test(normaliseLabel(cell.value));
}

function isVoidOrZero(cell: CellRead): boolean {
  return isVoidCell(cell) || cell.value === 0 || normaliseLabel(cell.value) === '0';
}

/** A cell that says `/` (or a dash, 无) on purpose, not one left blank. */
function isMarkedVoid(cell: CellRead | null): boolean {
  return cell !== null && cell.formula === null && !isBlank(cell.value) && isVoidCell(cell);
}

/** A name a template leaves in an unused row: `指标2：`, `……`, `/`. */
export function isPlaceholderName(value: CellRead['value']): boolean {
  return PLACEHOLDER_NAME.test(normaliseLabel(value));
}

// ---- the budget section ------------------------------------------------------------------------------

export function isEmptyCell(cell: CellRead | null): boolean {
  return !cell || (isBlank(cell.value) && cell.formula === null);
}
