import { isBlank, SheetView } from '../sheet/grid';
import type { CellRead, GradeRow, IndicatorRow, StatedWeight, TotalRow } from '../read/form';
import { type ColumnRole, type TableHeader } from '../read/header';
import { cellRead, HINT_BODY_END, LabelIndex, shownCell, stripWeightSuffix, weightSuffix } from '../read/labels';
import { displayText, readNumber } from '../sheet/text';
import {
  updateLevels,
  levelText,
  readIndicatorRow,
  isEmptyRow,
  isLeftover,
  isPlaceholderName,
  isEmptyCell,
} from './indicator-row';
import { SUBTOTAL } from './form-lines';
import { endsBody } from './body-end';

/** The indicator rows of a 自评表, read as a person reads them: continued names, category lines, subtotals, stated weights. */

export interface Body {
  indicators: IndicatorRow[];
  /** Rows that only name an indicator among rows with scores, read as neither (reading-uncertain). */
  uncertain: IndicatorRow[];
  total: TotalRow | null;
  grade: GradeRow | null;
  bottom: number;
  right: number;
}

/** Where a body may lie: its columns, the next form's header (where it must end), repeated headers to skip. */
interface BodyBounds {
  left: number;
  right: number;
  nextHeaderRow: number;
  repeatedHeaders: ReadonlySet<number>;
}

export function readBody(view: SheetView, labels: LabelIndex, header: TableHeader, bounds: BodyBounds): Body {
  const { left, nextHeaderRow, repeatedHeaders } = bounds;
  const body: Body = {
    indicators: [],
    uncertain: [],
    total: null,
    grade: null,
    bottom: header.lastRow,
    right: bounds.right,
  };
  const levels = { level1: '', level2: '' };
  const stated: StatedLevels = { level1: null, level2: null };
  const firstDataCol = Math.min(
    ...(['name', 'target', 'operator', 'actual', 'weight', 'score'] as ColumnRole[]).map(
      (role) => header.columns.get(role) ?? Infinity,
    ),
  );
  let blankRun = 0;
  // The last row that held anything: a continuation follows its indicator with nothing but blank rows between.
  let lastFilledRow = header.lastRow;
  for (let row = header.lastRow + 1; row < nextHeaderRow && row <= view.lastRow; row++) {
    if (repeatedHeaders.has(row)) continue;
    if (labels.hinted(row, HINT_BODY_END) && endsBody(view, labels, header, row, left, firstDataCol, body)) break;
    const indicator = readIndicatorRow(view, header, row, firstDataCol);
    const before = { ...levels };
    const shownLevels = updateLevels(view, header, row, levels);
    trackStatedWeights(view, header, row, before, levels, stated);
    if (isEmptyRow(indicator)) {
      // A form ends after a long blank gap even without a 总分 row.
      if (++blankRun >= 5) break;
      continue;
    }
    blankRun = 0;
    const previous = body.indicators[body.indicators.length - 1];
    const afterPrevious = previous !== undefined && lastFilledRow === lastRowOf(previous);
    lastFilledRow = row;
    if (afterPrevious && continues(indicator, previous, before, levels)) {
      body.indicators[body.indicators.length - 1] = joined(previous, indicator);
      body.bottom = row;
      continue;
    }
    if (isLeftover(indicator) || isSubtotal(labels, header, row, firstDataCol)) continue;
    // A category line (`产出指标 | | | | | 50`) carries its weight but no indicator of its own.
    const noIndicator = namesNothing(indicator);
    if (noIndicator && shownLevels) statedOnCategoryLine(view, header, row, indicator, stated);
    if (noIndicator && (shownLevels || addsUpAbove(indicator, body.indicators))) continue;
    indicator.level1 = stripWeightSuffix(levels.level1);
    indicator.level2 = stripWeightSuffix(levels.level2);
    indicator.levelWeights = { level1: stated.level1, level2: stated.level2 };
    body.indicators.push(indicator);
    body.bottom = row;
  }
  const read = body.indicators;
  body.indicators = read.filter((indicator, i) => !addsUpBelow(indicator, read, i + 1));
  doubtBareNames(body, (row) => showsOwnLevel(view, header, row));
  return body;
}

/**
 * Rows that only name an indicator (no target, actual, 分值 or 得分) among rows that have their scores: read as
 * indicators they would be rows with no scores — errors only the reading made. A person reads the name's head
 * typed above its values (joined to the indicator below, at the same levels), else cannot tell: such rows are set
 * aside and said once (reading-uncertain), never accused.
 */
function doubtBareNames(body: Body, ownLevel: (row: number) => boolean): void {
  const scored = body.indicators.filter((row) => !isEmptyCell(row.weight) || !isEmptyCell(row.score));
  if (scored.length < 2) return;
  const kept: IndicatorRow[] = [];
  const rows = body.indicators;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isBareName(row)) {
      kept.push(row);
      continue;
    }
    const next = rows[i + 1];
    // The same levels, or the row's 二级 not named yet (a 一级 merged over the head row, the 二级 beside the values).
    const sameLevels = next && next.level1 === row.level1 && (row.level2 === '' || next.level2 === row.level2);
    // A head row with no 一级 / 二级 of its own (they carry down from above) may stand before a new group.
    if (next && !isBareName(next) && (sameLevels || !ownLevel(row.row))) {
      rows[i + 1] = {
        ...next,
        name: { ...next.name, value: `${displayText(row.name.value)}${displayText(next.name.value)}` },
      };
      continue;
    }
    body.uncertain.push(row);
  }
  body.indicators = kept;
}

/** A 一级 or 二级 label written on the row itself, not a merge's or a carried one. */
function showsOwnLevel(view: SheetView, header: TableHeader, row: number): boolean {
  return (['level1', 'level2'] as const).some((role) => {
    const col = header.columns.get(role);
    return col !== undefined && !view.isCovered(row, col) && !isBlank(view.raw(row, col));
  });
}

function isBareName(row: IndicatorRow): boolean {
  return (
    typeof row.name.value === 'string' &&
    [row.target, row.actual, row.weight, row.score].every((cell) => isEmptyCell(cell))
  );
}

/**
 * A row that only continues the indicator above it (a long name typed over two sheet rows, or pasted from Word
 * or a PDF): text in the name (or target, actual, reason) columns and nothing else, no new 一级 / 二级 label,
 * right under an indicator that has its 分值 or 得分. Read as its own indicator it would be a row with no scores.
 */
function continues(
  row: IndicatorRow,
  above: IndicatorRow,
  levelsBefore: { level1: string; level2: string },
  levelsNow: { level1: string; level2: string },
): boolean {
  if (levelsBefore.level1 !== levelsNow.level1 || levelsBefore.level2 !== levelsNow.level2) return false;
  if (!isEmptyCell(row.weight) || !isEmptyCell(row.score)) return false;
  if (isEmptyCell(above.weight) && isEmptyCell(above.score)) return false;
  if (typeof row.name.value !== 'string' || isPlaceholderName(row.name.value)) return false;
  if (above.name.row === row.row) return false;
  // A value with a figure is an indicator's own target or actual, not the tail of a sentence.
  return [row.target, row.actual].every((cell) => isEmptyCell(cell) || !/\d/.test(displayText(cell?.value ?? null)));
}

/** The last sheet row an indicator (with its continuation rows) covers. */
function lastRowOf(indicator: IndicatorRow): number {
  return indicator.continuedTo ?? indicator.row;
}

/** The indicator with a continuation row's text appended to its name, target, actual and reason. */
function joined(indicator: IndicatorRow, tail: IndicatorRow): IndicatorRow {
  const append = (cell: CellRead | null, more: CellRead | null): CellRead | null => {
    if (!more || isEmptyCell(more) || (cell && cell.row === more.row)) return cell;
    if (!cell || isEmptyCell(cell)) return more;
    return { ...cell, value: `${displayText(cell.value)}${displayText(more.value)}` };
  };
  return {
    ...indicator,
    name: append(indicator.name, tail.name) ?? indicator.name,
    target: append(indicator.target, tail.target),
    actual: append(indicator.actual, tail.actual),
    reason: append(indicator.reason, tail.reason),
    continuedTo: tail.row,
  };
}

type StatedLevels = { level1: StatedWeight | null; level2: StatedWeight | null };

/** A new 一级 or 二级 label starts its own stated weight: the one at its end (`数量指标（10分）`), if any. */
function trackStatedWeights(
  view: SheetView,
  header: TableHeader,
  row: number,
  before: { level1: string; level2: string },
  after: { level1: string; level2: string },
  stated: StatedLevels,
): void {
  for (const level of ['level1', 'level2'] as const) {
    if (after[level] === before[level] && !(level === 'level2' && after.level1 !== before.level1)) continue;
    const col = header.columns.get(level);
    const value = weightSuffix(after[level]);
    const cell = col === undefined ? null : cellRead(view, row, col);
    stated[level] = value !== null && cell ? { value, cell } : levelColumnWeight(view, header, row, level);
  }
}

/** The weight a level's own 分值 column states on the row its label starts (`项目决策 | 20`), if it has one. */
function levelColumnWeight(
  view: SheetView,
  header: TableHeader,
  row: number,
  level: 'level1' | 'level2',
): StatedWeight | null {
  const col = header.levelWeights?.[level];
  if (col === undefined) return null;
  const cell = shownCell(view, row, col);
  const value = readNumber(cell.value);
  return typeof value === 'number' ? { value, cell } : null;
}

/** A category line (`产出指标 | | | | 50`) states its level's weight in the 分值 column, unless its label did. */
function statedOnCategoryLine(
  view: SheetView,
  header: TableHeader,
  row: number,
  line: IndicatorRow,
  stated: StatedLevels,
): void {
  const weight = line.weight ? readNumber(line.weight.value) : null;
  if (typeof weight !== 'number' || !line.weight) return;
  const level = levelText(view, header, row, 'level2') !== '' ? 'level2' : 'level1';
  stated[level] ??= { value: weight, cell: line.weight };
}

/** A `小计` (or 合计) label anywhere left of the numbers: the row adds up others. */
function isSubtotal(labels: LabelIndex, header: TableHeader, row: number, firstDataCol: number): boolean {
  const numbersFrom = Math.min(header.columns.get('weight') ?? Infinity, header.columns.get('score') ?? Infinity);
  const right = numbersFrom === Infinity ? firstDataCol : numbersFrom - 1;
  return labels.find(row, SUBTOTAL, -Infinity, right) !== null;
}

/**
 * A row with no indicator and no label whose 分值 is the sum of the 分值 above it from the start of a 一级
 * group (or of the table): an unlabelled subtotal (`90.00 | 88.00`), never an indicator.
 */
function addsUpAbove(row: IndicatorRow, above: readonly IndicatorRow[]): boolean {
  const weight = row.weight ? readNumber(row.weight.value) : null;
  return typeof weight === 'number' && sumsGroups(weight, above, above.length - 1, -1);
}

/**
 * Whether `weight` is the sum of the 分值 of the rows walked from `from` by `step` (up or down the table), at the
 * end of a 一级 group or of the rows.
 */
function sumsGroups(weight: number, rows: readonly IndicatorRow[], from: number, step: 1 | -1): boolean {
  let sum = 0;
  for (let i = from; i >= 0 && i < rows.length; i += step) {
    sum += readNumber(rows[i].weight?.value ?? null) ?? 0;
    const next = rows[i + step] as IndicatorRow | undefined;
    const groupEnd = next === undefined || next.level1 !== rows[i].level1;
    if (groupEnd && Math.abs(sum - weight) < 0.005) return true;
  }
  return false;
}

/** A row with no name, target or actual: a category line, a subtotal or nothing at all. */
function namesNothing(row: IndicatorRow): boolean {
  return [row.name, row.target, row.actual].every((cell) => cell === null || isBlank(cell.value));
}

/**
 * A row with no indicator whose 分值 is the sum of the 分值 below it, to the end of a 一级 group or of the table:
 * a subtotal written above what it sums (`90.00 | 90.00` right under the header), never an indicator.
 */
function addsUpBelow(row: IndicatorRow, rows: readonly IndicatorRow[], from: number): boolean {
  const weight = row.weight ? readNumber(row.weight.value) : null;
  return namesNothing(row) && typeof weight === 'number' && sumsGroups(weight, rows, from, 1);
}
