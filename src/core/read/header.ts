import type { SheetView } from '../sheet/grid';
import { rememberedPerText } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { COLUMN_WORDS, VALUE_PART_WORDS } from '../vocabulary/table-words';
import { type ColumnRole } from '../vocabulary/column-roles';

export type { ColumnRole };

/** Longest text that can still be a header label. */
export const LABEL_MAX = 24;

// Header synonyms live in vocabulary.ts, one entry per role; labels are compared after normaliseLabel.
const ROLE_PATTERNS = (Object.keys(COLUMN_WORDS) as Array<keyof typeof COLUMN_WORDS>).map(
  (role) => [role, wordsPattern(COLUMN_WORDS[role])] as const,
);
const VALUE_PARTS = (Object.keys(VALUE_PART_WORDS) as Array<keyof typeof VALUE_PART_WORDS>).map(
  (part) => [part, wordsPattern(VALUE_PART_WORDS[part])] as const,
);

export function roleOf(label: string): ColumnRole | null {
  return label === '' || label.length > LABEL_MAX ? null : roleOfLabel(label);
}

/** The column a header label names, worked out once per text (header rows repeat their words, form after form). */
const roleOfLabel = rememberedPerText(
  (label): ColumnRole | null => ROLE_PATTERNS.find(([, pattern]) => pattern.test(label))?.[0] ?? null,
);

function valuePartOf(label: string): 'operator' | 'number' | 'unit' | null {
  for (const [part, pattern] of VALUE_PARTS) if (pattern.test(label)) return part;
  return null;
}

/** An indicator table's header: one row, or a group row over a sub-label row. */
export interface TableHeader {
  /** First header row. */
  row: number;
  /** Last header row (the row itself, or the sub-label row under it); the body starts below. */
  lastRow: number;
  columns: Map<ColumnRole, number>;
  /** The last column each role's header covers (a label merged over two columns). */
  spans: Map<ColumnRole, number>;
  left: number;
  right: number;
  /** The 分值 columns of the 一级 and 二级 levels, where each level has its own (the 共性指标 framework). */
  levelWeights?: { level1?: number; level2?: number };
}

/** The normalised text labels of a row, left to right (a LabelIndex). */
export interface RowLabels {
  row(row: number): ReadonlyArray<{ col: number; label: string }>;
  /** The rows with a label, top to bottom. */
  readonly labelledRows: readonly number[];
}

function labelAt(labels: RowLabels, row: number, col: number): string {
  for (const cell of labels.row(row)) if (cell.col === col) return cell.label;
  return '';
}

/** Whether a header has the columns a kind of form needs. */
export type HeaderTest = (columns: ReadonlyMap<ColumnRole, number>) => boolean;

interface ColumnLabel {
  col: number;
  /** Label of the upper row at this column (a merged group label reaches every column it covers). */
  upper: string;
  /** Whether this column is the first of the upper label's merge. */
  upperStarts: boolean;
  upperRight: number;
  /** Label of the sub-label row, '' when the upper label is merged down over it. */
  lower: string;
  lowerRight: number;
}

/**
 * Read the indicator header starting at `row`: the row alone, or with the row below when that row
 * holds sub-labels (`评分` over `分值 | 得分`, `年度指标值` over `指标性质 | 指标值 | 度量单位`, `年度` over `指标值`).
 */
export function readHeader(view: SheetView, labels: RowLabels, row: number, complete: HeaderTest): TableHeader | null {
  const single = mapColumns(view, labels, row, null);
  const singleOk = single !== null && complete(single.header.columns);
  if (row + 1 > view.lastRow || !mayBeSubLabels(view, labels, row + 1, single?.header.columns.size ?? 0))
    return singleOk ? single!.header : null;
  const pair = mapColumns(view, labels, row, row + 1);
  if (pair === null || !complete(pair.header.columns)) return singleOk ? single!.header : null;
  if (singleOk && pair.fromLower < 2 && pair.header.columns.size <= single!.header.columns.size) return single!.header;
  if (!singleOk) {
    // The lower row may be a header on its own (the upper row is a caption): keep the richer reading.
    const lower = mapColumns(view, labels, row + 1, null);
    if (lower && complete(lower.header.columns) && lower.header.columns.size >= pair.header.columns.size) return null;
    if (pair.fromLower === 0) return null;
  }
  return pair.header;
}

/**
 * A sub-label row holds short texts and no numbers (a data row under a one-row header has numbers), and
 * either a label of its own (`分值`, `指标性质`) or the ends of words begun above (`一级` over `指标`).
 */
function mayBeSubLabels(view: SheetView, labels: RowLabels, row: number, upperRoles: number): boolean {
  if (!looksLikeLabels(view, labels, row)) return false;
  return upperRoles >= 2 || labels.row(row).some(({ label }) => roleOf(label) !== null || valuePartOf(label) !== null);
}

function looksLikeLabels(view: SheetView, labels: RowLabels, row: number): boolean {
  if (view.someValueIn(row, (value) => typeof value === 'number' || typeof value === 'boolean')) return false;
  const cells = labels.row(row);
  return (
    cells.length > 0 && cells.every(({ label }) => label.length <= LABEL_MAX && !/^[+-]?\d+(\.\d+)?%?$/.test(label))
  );
}

function columnLabels(view: SheetView, labels: RowLabels, upperRow: number, lowerRow: number | null): ColumnLabel[] {
  // Only columns with a label in either row can carry a role; a group label reaches its sub-columns.
  const cols = mergedColumns(labels.row(upperRow), lowerRow === null ? [] : labels.row(lowerRow));
  const result: ColumnLabel[] = [];
  for (const col of cols) {
    const upperMaster = view.masterOf(upperRow, col);
    const upperMerge = view.mergeAt(upperMaster.row, upperMaster.col);
    // A label merged down from a row above is a caption of the whole table, not a column's.
    const upper = upperMaster.row === upperRow ? labelAt(labels, upperRow, upperMaster.col) : '';
    let lower = '';
    let lowerRight = col;
    if (lowerRow !== null && !view.isCovered(lowerRow, col)) {
      lower = labelAt(labels, lowerRow, col);
      lowerRight = view.mergeAt(lowerRow, col)?.right ?? col;
    }
    if (upper === '' && lower === '') continue;
    result.push({
      col,
      upper,
      upperStarts: upperMaster.col === col,
      upperRight: upperMerge?.right ?? col,
      lower,
      lowerRight,
    });
  }
  return result;
}

/** The columns of two left-to-right label lists, in order, each once. */
function mergedColumns(upper: ReadonlyArray<{ col: number }>, lower: ReadonlyArray<{ col: number }>): number[] {
  const cols: number[] = [];
  let i = 0;
  let j = 0;
  while (i < upper.length || j < lower.length) {
    const a = i < upper.length ? upper[i].col : Infinity;
    const b = j < lower.length ? lower[j].col : Infinity;
    cols.push(Math.min(a, b));
    if (a <= b) i++;
    if (b <= a) j++;
  }
  return cols;
}

function mapColumns(
  view: SheetView,
  rowLabels: RowLabels,
  upperRow: number,
  lowerRow: number | null,
): { header: TableHeader; fromLower: number } | null {
  const labels = columnLabels(view, rowLabels, upperRow, lowerRow);
  if (labels.length < 3) return null;
  const found: FoundColumns = { columns: new Map(), spans: new Map(), weights: [], units: [] };
  const { columns, spans, weights, units } = found;
  let fromLower = 0;
  for (const label of labels) {
    const group = label.upper.length <= LABEL_MAX ? roleOf(label.upper) : null;
    if (label.lower !== '') {
      const part = group === 'target' || group === 'actual' ? valuePartOf(label.lower) : null;
      const role = part
        ? partRole(group as 'target' | 'actual', part)
        : (roleOf(label.lower) ?? (group ? null : roleOf(label.upper + label.lower)));
      if (role) {
        fromLower++;
        assignRole(found, role, label.col, label.lowerRight);
        continue;
      }
    }
    if (group && label.upperStarts) assignRole(found, group, label.col, label.upperRight);
  }
  resolveWeight(columns, spans, weights);
  resolveUnits(columns, spans, units);
  if (!columns.has('score') && !columns.has('target')) return null;
  const levelWeights = levelWeightColumns(columns, weights);
  let left = Infinity;
  let right = -Infinity;
  for (const label of labels) {
    left = Math.min(left, label.col);
    right = Math.max(right, label.upperRight, label.lowerRight);
  }
  const header: TableHeader = { row: upperRow, lastRow: lowerRow ?? upperRow, columns, spans, left, right };
  if (levelWeights) header.levelWeights = levelWeights;
  return { header, fromLower };
}

interface FoundColumns {
  columns: Map<ColumnRole, number>;
  spans: Map<ColumnRole, number>;
  /** Every 分值 / 权重 column, and every 度量单位 column: which one counts is decided once all are seen. */
  weights: number[];
  units: number[];
}

/** The first column of a role wins; 分值 and 度量单位 columns are collected. */
function assignRole(found: FoundColumns, role: ColumnRole, col: number, right: number): void {
  if (role === 'weight') found.weights.push(col);
  if (role === 'unit') {
    found.units.push(col);
    return;
  }
  if (found.columns.has(role)) return;
  found.columns.set(role, col);
  found.spans.set(role, right);
}

function partRole(group: 'target' | 'actual', part: 'operator' | 'number' | 'unit'): ColumnRole {
  if (part === 'number') return group;
  if (part === 'unit') return group === 'target' ? 'unit' : 'actualUnit';
  return 'operator';
}

/** Department forms give each level its own 分值: the one that counts is the last before 得分. */
function resolveWeight(columns: Map<ColumnRole, number>, spans: Map<ColumnRole, number>, weights: number[]): void {
  const score = columns.get('score');
  if (weights.length < 2 || score === undefined) return;
  const before = weights.filter((col) => col < score);
  if (before.length === 0) return;
  const chosen = before[before.length - 1];
  columns.set('weight', chosen);
  spans.set('weight', chosen);
}

/**
 * Each level's own 分值 column, as the 共性指标 framework lays them out (`一级指标 | 分值 | 二级指标 | 分值 | 三级指标
 * | 分值 | 得分`): the 分值 right of a level's column and left of the next level's.
 */
function levelWeightColumns(
  columns: ReadonlyMap<ColumnRole, number>,
  weights: readonly number[],
): TableHeader['levelWeights'] | null {
  const level1 = columns.get('level1');
  const level2 = columns.get('level2');
  const name = columns.get('name');
  if (weights.length < 2 || level1 === undefined || name === undefined) return null;
  const found: NonNullable<TableHeader['levelWeights']> = {};
  for (const col of weights) {
    if (col > level1 && col < (level2 ?? name)) found.level1 ??= col;
    else if (level2 !== undefined && col > level2 && col < name) found.level2 ??= col;
  }
  return found.level1 === undefined && found.level2 === undefined ? null : found;
}

/** A 度量单位 column belongs to the value left of it: 年度指标值, else 实际完成值. */
function resolveUnits(columns: Map<ColumnRole, number>, spans: Map<ColumnRole, number>, units: number[]): void {
  const target = columns.get('target');
  const actual = columns.get('actual');
  for (const col of units) {
    const nearestActual = actual !== undefined && actual < col && (target === undefined || target < actual);
    const role: ColumnRole = nearestActual ? 'actualUnit' : 'unit';
    if (columns.has(role)) continue;
    columns.set(role, col);
    spans.set(role, col);
  }
}

/**
 * One form read at each header, top to bottom: a header inside the form read before it belongs to that form.
 * `read` gets the last row of the form above and the row of the next header (where this form must end).
 */
export function formsAtHeaders<T extends { range: { bottom: number } }>(
  view: SheetView,
  headers: readonly TableHeader[],
  read: (header: TableHeader, previousBottom: number, nextHeaderRow: number) => T | null,
): T[] {
  const forms: T[] = [];
  let previousBottom = view.firstRow - 1;
  headers.forEach((header, i) => {
    if (header.row <= previousBottom) return;
    const form = read(header, previousBottom, i + 1 < headers.length ? headers[i + 1].row : view.lastRow + 1);
    if (!form) return;
    forms.push(form);
    previousBottom = form.range.bottom;
  });
  return forms;
}

/**
 * Every indicator header of a sheet, top to bottom. `mayStart` is a cheap test of a row (label hints);
 * a two-row header is returned once, and its sub-label row is not tried again.
 */
export function findHeaders(
  view: SheetView,
  labels: RowLabels,
  mayStart: (row: number) => boolean,
  complete: HeaderTest,
): TableHeader[] {
  const headers: TableHeader[] = [];
  let after = -Infinity;
  for (const row of labels.labelledRows) {
    if (row <= after || !mayStart(row)) continue;
    const header = readHeader(view, labels, row, complete);
    if (!header) continue;
    headers.push(header);
    after = header.lastRow;
  }
  return headers;
}
