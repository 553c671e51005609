import { isBlank, type SheetView } from '../sheet/grid';
import type { CellRead } from '../read/form';
import { findHeaders, formsAtHeaders, type ColumnRole, type TableHeader } from '../read/header';
import { cellRead, findYear, firstValueRightOf, LabelIndex, stripWeightSuffix, valueRightOf } from '../read/labels';
import type { MonitoringBudget, MonitoringForm, MonitoringIndicator } from '../read/monitoring';
import { emptyHeading, type FormHeading } from './heading';
import { composedValue, isPlaceholderName, spannedCell, updateLevels } from './indicator-row';
import { displayText, normaliseLabel, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import {
  CLOSING_WORDS,
  PROJECT_LINE_WORDS,
  IMPLEMENTING_UNIT_WORDS,
  YUAN_WORDS,
  FORECAST_WORDS,
} from '../vocabulary/form-words';
import {
  MONITORING_BUDGET_WORDS,
  MONITORING_COLUMN_WORDS,
  MONITORING_NOTE,
  MONITORING_REASON_BLOCK_WORDS,
  MONITORING_TITLE,
  OTHER_FORM_TITLE_WORDS,
  SUPERVISING_DEPARTMENT_WORDS,
} from '../vocabulary/other-forms';

type MonitoringRole = keyof typeof MONITORING_COLUMN_WORDS;
/** Tried in this order: `全年预计完成情况` is a forecast before it is a 完成情况. */
const ROLE_ORDER: MonitoringRole[] = ['forecast', 'likelihood', 'reason', 'progress'];
const ROLE_PATTERNS = ROLE_ORDER.map((role) => [role, wordsPattern(MONITORING_COLUMN_WORDS[role])] as const);
const BUDGET_PATTERNS = {
  budget: wordsPattern(MONITORING_BUDGET_WORDS.budget),
  executed: wordsPattern(MONITORING_BUDGET_WORDS.executed),
  rate: wordsPattern(MONITORING_BUDGET_WORDS.rate),
};
const CLOSING = wordsPattern(CLOSING_WORDS);
const NOTE = MONITORING_NOTE;
const PROJECT_LINE = wordsPattern(PROJECT_LINE_WORDS);
const SUPERVISING_DEPARTMENT = wordsPattern(SUPERVISING_DEPARTMENT_WORDS);
const IMPLEMENTING_UNIT = wordsPattern(IMPLEMENTING_UNIT_WORDS);
const YUAN = wordsPattern(YUAN_WORDS);
const FORECAST = wordsPattern(FORECAST_WORDS);
const OTHER_TITLE = wordsPattern(OTHER_FORM_TITLE_WORDS);
const REASON_BLOCK = wordsPattern(MONITORING_REASON_BLOCK_WORDS);

function monitoringRole(label: string): MonitoringRole | null {
  if (label.length > 30) return null;
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(label)) return role;
  return null;
}

/** The 监控表 columns of a header: single columns, or a group label over sub-labels (确定能 | 有可能 …). */
interface MonitoringColumns {
  progress: number | null;
  forecast: number | null;
  likelihood: Array<{ col: number; label: string }>;
  reasons: number[];
  /** The last header row: sub-labels may stand in the row below a one-row header. */
  lastRow: number;
}

function monitoringColumns(view: SheetView, labels: LabelIndex, header: TableHeader): MonitoringColumns {
  const found: MonitoringColumns = {
    progress: null,
    forecast: null,
    likelihood: [],
    reasons: [],
    lastRow: header.lastRow,
  };
  for (const row of header.lastRow === header.row ? [header.row] : [header.row, header.lastRow]) {
    const cells = labels.row(row);
    for (let i = 0; i < cells.length; i++) {
      const { col, label } = cells[i];
      const role = monitoringRole(label);
      if (!role || view.isCovered(row, col)) continue;
      // A group label spans its merge, or the run of cells repeating it (hosts that fill merged areas).
      let right = view.mergeAt(row, col)?.right ?? col;
      while (i + 1 < cells.length && cells[i + 1].label === label && cells[i + 1].col === right + 1)
        right = cells[++i].col;
      const subRow = view.mergeAt(row, col)?.bottom ?? row;
      // Merges lost (an export, a host that cannot report them): the group runs over the blank header cells
      // right of it that have a sub-label below.
      if (right === col && !view.mergeAt(row, col)) right = blankGroupEnd(view, labels, row, col, subRow + 1);
      // Sub-labels split the group (确定能 | 有可能 | 不可能): a single cell as wide as the group is its first answer.
      const inGroup = labels.row(subRow + 1).filter((cell) => cell.col >= col && cell.col <= right && right > col);
      const subs = inGroup.length >= 2 ? inGroup : [];
      if (subs.length > 0) found.lastRow = Math.max(found.lastRow, subRow + 1);
      if (role === 'likelihood')
        found.likelihood = subs.length > 0 ? subs.map((s) => ({ col: s.col, label: s.label })) : [{ col, label: '' }];
      else if (role === 'reason') found.reasons = subs.length > 0 ? subs.map((s) => s.col) : [col];
      else found[role] ??= col;
    }
  }
  return found;
}

function blankGroupEnd(view: SheetView, labels: LabelIndex, row: number, col: number, subRow: number): number {
  const below = new Set(labels.row(subRow).map((cell) => cell.col));
  const nextLabel = labels.row(row).find((cell) => cell.col > col)?.col ?? view.lastCol + 1;
  let right = col;
  while (right + 1 < nextLabel && below.has(right + 1) && !view.isCovered(row, right + 1)) right++;
  return right;
}

const isMonitoringHeader = (columns: ReadonlyMap<ColumnRole, number>) => columns.has('name') || columns.has('target');

/** Every 绩效运行监控表 of a sheet, top to bottom; `taken` rows belong to 自评表 already. */
export function recogniseMonitoring(
  view: SheetView,
  labels: LabelIndex,
  isTaken: (row: number) => boolean,
): MonitoringForm[] {
  const hasRole = (row: number) =>
    labels.row(row).some(({ label }) => {
      const role = monitoringRole(label);
      return role === 'likelihood' || role === 'forecast';
    });
  const mayStart = (row: number) => !isTaken(row) && labels.row(row).length >= 3 && (hasRole(row) || hasRole(row + 1));
  return formsAtHeaders(view, findHeaders(view, labels, mayStart, isMonitoringHeader), (header, previousBottom) =>
    readMonitoring(view, labels, header, previousBottom, isTaken),
  );
}

function readMonitoring(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  previousBottom: number,
  isTaken: (row: number) => boolean,
): MonitoringForm | null {
  const columns = monitoringColumns(view, labels, header);
  if (columns.likelihood.length === 0 && columns.forecast === null) return null;
  const head = readHead(view, labels, header, previousBottom);
  const body = readBody(view, labels, header, columns, isTaken);
  if (body.indicators.length === 0) return null;
  const right = Math.max(head.right, header.right, ...columns.reasons, ...columns.likelihood.map((l) => l.col));
  return {
    kind: 'monitoring',
    sheet: view.name,
    range: { top: head.top, left: Math.min(head.left, header.left), bottom: body.bottom, right },
    title: head.title,
    year: head.year,
    project: head.project,
    department: head.department,
    implementingUnit: head.implementingUnit,
    headerRow: header.row,
    budget: head.budget,
    indicators: body.indicators,
    formReason: body.formReason,
  };
}

interface Head extends FormHeading {
  implementingUnit: string | null;
  budget: MonitoringBudget | null;
}

/** Upwards from the header to the title: project, department, unit and the budget lines. */
function readHead(view: SheetView, labels: LabelIndex, header: TableHeader, previousBottom: number): Head {
  const head: Head = emptyHeading(header, { implementingUnit: null, budget: null });
  const upperLimit = Math.max(previousBottom + 1, header.row - 60, view.firstRow);
  for (let row = header.row - 1; row >= upperLimit; row--) {
    const cells = labels.row(row);
    if (cells.length === 0) continue;
    if (labels.find(row, OTHER_TITLE)) break;
    const title = labels.find(row, MONITORING_TITLE);
    if (title) {
      head.title = displayText(view.raw(row, title.col));
      head.year ??= findYear(labels, row, row + 2);
      head.top = row;
      head.left = Math.min(head.left, title.col);
      head.right = Math.max(head.right, view.mergeAt(row, title.col)?.right ?? title.col);
      break;
    }
    const budget = readBudgetHeader(view, labels, row, header.row);
    let known = budget !== null;
    head.budget = budget ?? head.budget;
    for (const { col, label } of cells) known = readHeadLabel(view, head, row, col, label) || known;
    head.year ??= findYear(labels, row, row);
    if (known) head.top = row;
  }
  return head;
}

/** 项目名称, 主管部门 or 实施单位 above the table; true when the label was one of them. */
function readHeadLabel(view: SheetView, head: Head, row: number, col: number, label: string): boolean {
  const value = (prefix: RegExp) => valueRightOf(view, row, col, label, prefix);
  if (PROJECT_LINE.test(label)) head.project = value(PROJECT_LINE);
  else if (SUPERVISING_DEPARTMENT.test(label)) head.department = value(SUPERVISING_DEPARTMENT);
  else if (IMPLEMENTING_UNIT.test(label)) head.implementingUnit = value(IMPLEMENTING_UNIT);
  else return false;
  head.left = Math.min(head.left, col);
  return true;
}

/** A budget header (`年初预算数 | 1-7月执行数 | 1-7月执行率`) and its 年度资金总额 line below it. */
function readBudgetHeader(view: SheetView, labels: LabelIndex, row: number, endRow: number): MonitoringBudget | null {
  const cols: { budget?: number; executed?: number; rate?: number } = {};
  let unit: MonitoringBudget['unit'] = '万元';
  for (const { col, label } of labels.row(row)) {
    if (label.length > 30) continue;
    if (YUAN.test(label)) unit = '元';
    if (BUDGET_PATTERNS.rate.test(label)) cols.rate ??= col;
    else if (BUDGET_PATTERNS.executed.test(label) && !FORECAST.test(label)) cols.executed ??= col;
    else if (BUDGET_PATTERNS.budget.test(label)) cols.budget ??= col;
  }
  if (cols.budget === undefined || cols.executed === undefined) return null;
  for (let line = row + 1; line < endRow; line++) {
    const executed = cellRead(view, line, cols.executed) as CellRead;
    if (typeof readNumber(executed.value) !== 'number') continue;
    const first = labels.row(line).find((cell) => cell.col < (cols.budget as number));
    return {
      row: line,
      label: first ? first.label : '',
      budget: cellRead(view, line, cols.budget),
      executed,
      rate: cellRead(view, line, cols.rate),
      unit,
    };
  }
  return null;
}

interface Body {
  indicators: MonitoringIndicator[];
  formReason: CellRead | null;
  bottom: number;
}

function readBody(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  columns: MonitoringColumns,
  isTaken: (row: number) => boolean,
): Body {
  const body: Body = { indicators: [], formReason: null, bottom: columns.lastRow };
  const levels = { level1: '', level2: '' };
  let blankRun = 0;
  for (let row = columns.lastRow + 1; row <= view.lastRow; row++) {
    const first = labels.row(row)[0];
    if (isTaken(row) || labels.find(row, OTHER_TITLE) || labels.find(row, MONITORING_TITLE)) break;
    if (first && (CLOSING.test(first.label) || NOTE.test(first.label))) break;
    if (first && REASON_BLOCK.test(first.label) && first.col <= (header.columns.get('name') ?? first.col)) {
      const text = firstValueRightOf(view, row, view.mergeAt(row, first.col)?.right ?? first.col);
      if (text && !isBlank(text.value)) body.formReason ??= text;
      body.bottom = row;
      continue;
    }
    const shownLevels = updateLevels(view, header, row, levels);
    const indicator = readIndicator(view, header, columns, row, levels);
    if (indicator === null) {
      if (shownLevels) body.bottom = row;
      else if (++blankRun >= 3) break;
      continue;
    }
    blankRun = 0;
    body.indicators.push(indicator);
    body.bottom = row;
  }
  return body;
}

function readIndicator(
  view: SheetView,
  header: TableHeader,
  columns: MonitoringColumns,
  row: number,
  levels: { level1: string; level2: string },
): MonitoringIndicator | null {
  const name = spannedCell(view, header, row, 'name') ?? spannedCell(view, header, row, 'target');
  if (!name || isBlank(name.value) || isPlaceholderName(name.value)) return null;
  const target = composedValue(
    spannedCell(view, header, row, 'target'),
    cellRead(view, row, header.columns.get('operator')),
    cellRead(view, row, header.columns.get('unit')),
  );
  const likelihood = readLikelihood(view, columns, row);
  const reasons = columns.reasons.map((col) => cellRead(view, row, col) as CellRead);
  return {
    row,
    level1: stripWeightSuffix(levels.level1),
    level2: stripWeightSuffix(levels.level2),
    name,
    target,
    progress: cellRead(view, row, columns.progress ?? undefined),
    forecast: cellRead(view, row, columns.forecast ?? undefined),
    likelihood: likelihood.text,
    likelihoodCell: likelihood.cell,
    reasonGiven: reasons.some((cell) => !isBlank(cell.value) && !/^[/／\\-—]+$/.test(normaliseLabel(cell.value))),
    reasonCell: reasons[0] ?? null,
  };
}

/** The answer in 完成目标可能性: the text of its one column, or the label of the sub-column that is marked. */
function readLikelihood(
  view: SheetView,
  columns: MonitoringColumns,
  row: number,
): { text: string | null; cell: CellRead | null } {
  let firstCell: CellRead | null = null;
  for (const { col, label } of columns.likelihood) {
    const cell = cellRead(view, row, col) as CellRead;
    firstCell ??= cell;
    if (isBlank(cell.value)) continue;
    const text = normaliseLabel(cell.value);
    // A sub-column marked with √ (or 是, 1, ✓) answers with its own label.
    return { text: label !== '' ? label : text, cell };
  }
  return { text: null, cell: firstCell };
}
