import { isBlank, SheetView, type SheetGrid } from '../sheet/grid';
import type {
  BudgetLine,
  BudgetSection,
  CellRead,
  GradeRow,
  IndicatorRow,
  SelfEvaluationForm,
  StatedWeight,
  TotalRow,
} from '../read/form';
import { findHeaders, formsAtHeaders, LABEL_MAX, type ColumnRole, type TableHeader } from '../read/header';
import {
  cellRead,
  findYear,
  firstValueRightOf,
  HINT_BODY_END,
  HINT_SCORE,
  HINT_UPPER,
  LabelIndex,
  shownCell,
  stripWeightSuffix,
  valueRightOf,
  weightSuffix,
  type LabelCell,
} from '../read/labels';
import { displayText, foldWidth, formatNumber, isPercentFormat, normaliseLabel, readNumber } from '../sheet/text';
import {
  BUDGET_COLUMN_WORDS,
  BUDGET_COMPONENT_WORDS,
  BUDGET_TOTAL_WORDS,
  CLOSING_WORDS,
  DEPARTMENT_INDICATOR_WORDS,
  DEPARTMENT_LINE_WORDS,
  OWN_DEPARTMENT_WORDS,
  DEPARTMENT_TITLE_WORDS,
  EVALUATION_TITLE,
  GOALS_WORDS,
  IMPLEMENTING_UNIT_WORDS,
  MONEY_WORDS,
  GRADE_VALUES,
  GRADE_WORDS,
  HEAD_TOTAL_WORDS,
  OPERATOR_CODE,
  OPERATOR_SIGN,
  PROJECT_LINE_WORDS,
  SUBTOTAL_WORDS,
  TOTAL_ALONE_WORDS,
  TOTAL_WORDS,
  wordsPattern,
} from '../vocabulary/vocabulary';
import { splitOperator } from '../read/indicator-value';

type BudgetColumn = keyof typeof BUDGET_COLUMN_WORDS;

const BUDGET_HEADERS = (Object.keys(BUDGET_COLUMN_WORDS) as BudgetColumn[]).map(
  (role) => [role, wordsPattern(BUDGET_COLUMN_WORDS[role])] as const,
);

const TITLE = EVALUATION_TITLE;
const TOTAL_LABEL = wordsPattern(TOTAL_WORDS);
const TOTAL_ALONE = wordsPattern(TOTAL_ALONE_WORDS);
const HEAD_TOTAL = wordsPattern(HEAD_TOTAL_WORDS);
const GRADE_LABEL = wordsPattern(GRADE_WORDS);
const GRADE_VALUE = wordsPattern({ exact: GRADE_VALUES });
const SUBTOTAL = wordsPattern(SUBTOTAL_WORDS);
const BUDGET_TOTAL = wordsPattern(BUDGET_TOTAL_WORDS);
const BUDGET_COMPONENT = wordsPattern(BUDGET_COMPONENT_WORDS);
const GOALS_LABEL = wordsPattern(GOALS_WORDS);
const IMPLEMENTING_UNIT = wordsPattern(IMPLEMENTING_UNIT_WORDS);
const MONEY_LABEL = wordsPattern(MONEY_WORDS);
/** A label that gives its amounts in 元, not 万元: `（元）`. */
const IN_YUAN = /[(（]元[)）]/;
const PROJECT_LINE = wordsPattern(PROJECT_LINE_WORDS);
/** A total stated in a header line or one cell: `总分：99.8分` (labels are compared without colons). */
const INLINE_TOTAL = /^(自评总分|总分|自评得分|综合得分|总得分)(\d+(?:\.\d+)?)分?$/;
const INLINE_GRADE = new RegExp(`^(${GRADE_WORDS.exact?.join('|')})(${GRADE_VALUES.join('|')})$`);
/** Rows after the table that end a form: conclusions, problems, measures, signatures, notes. */
const CLOSING_LABEL = wordsPattern(CLOSING_WORDS);
const CLOSING_NOTE = /^\s*(注|说明|备注|填表说明)\s*([:：0-9０-９.、．]|$)/;
/** Cells that say "nothing here": `/` (not applicable), dashes, an ellipsis, 无. */
const VOID_TEXT = /^([/／\\]+|[-—–─]+|[….。·．]+|无|空|略)$/;
/** A 部门整体支出 form: its title, its first-level indicators or its typical measures. */
const DEPARTMENT_TITLE = wordsPattern(DEPARTMENT_TITLE_WORDS);
const DEPARTMENT_INDICATOR = wordsPattern(DEPARTMENT_INDICATOR_WORDS);
const DEPARTMENT_LINE = wordsPattern(DEPARTMENT_LINE_WORDS);
const OWN_DEPARTMENT = wordsPattern(OWN_DEPARTMENT_WORDS);
/** Placeholder names a template leaves in unused rows: `指标2：`, `……`, `/`. */
const PLACEHOLDER_NAME = /^(指标[\d一二三四五六七八九十]*|[….。·．]+|[/／\\]+|[-—–─]+|无|空|略|\d+)$/;

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
  const body = readBody(view, labels, header, { ...heading, nextHeaderRow, repeatedHeaders });
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

/** A heading before anything above the table is read: the header's own extent, nothing named yet. */
export function emptyHeading(header: TableHeader): FormHeading {
  return {
    top: header.row,
    left: header.left,
    right: header.right,
    title: null,
    year: null,
    project: null,
    department: null,
  };
}

interface Heading extends FormHeading {
  implementingUnit: string | null;
  /** Headed 部门名称 / 单位名称 (not 主管部门): the form may be about the department itself. */
  namesOwnDepartment: boolean;
  budgetHeaderRow: number | null;
  goalsRow: number | null;
  unit: '万元' | '元';
  total: TotalRow | null;
  grade: GradeRow | null;
}

function readHeading(view: SheetView, labels: LabelIndex, header: TableHeader, previousBottom: number): Heading {
  const heading: Heading = {
    ...emptyHeading(header),
    implementingUnit: null,
    namesOwnDepartment: false,
    budgetHeaderRow: null,
    goalsRow: null,
    unit: '万元',
    total: null,
    grade: null,
  };
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
    if (/[(（]元[)）]|\(元\)|单位元/.test(label)) heading.unit = '元';
    heading.left = Math.min(heading.left, col);
  }
  heading.total ??= headerLineTotal(view, row, cells);
  heading.grade ??= headerLineGrade(view, row, cells);
  const titleCell = labels.find(row, TITLE);
  if (titleCell && !/申报/.test(titleCell.label)) {
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

interface Body {
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

function readBody(view: SheetView, labels: LabelIndex, header: TableHeader, bounds: BodyBounds): Body {
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

/** 总分, 评分等级, a new title or budget header, or a conclusion or signature line: the table ends here. */
function endsBody(
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

function isClosingRow(view: SheetView, labels: LabelIndex, row: number, left: number, right: number): boolean {
  const first = labels.row(row).find((cell) => cell.col >= left && cell.col <= right);
  if (!first) return false;
  return CLOSING_LABEL.test(first.label) || CLOSING_NOTE.test(String(view.raw(row, first.col)));
}

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

function levelText(view: SheetView, header: TableHeader, row: number, role: 'level1' | 'level2'): string {
  const col = header.columns.get(role);
  return col === undefined ? '' : displayText(view.shown(row, col));
}

function readIndicatorRow(view: SheetView, header: TableHeader, row: number, firstDataCol: number): IndicatorRow {
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
  if (VOID_TEXT.test(unitText)) unitText = '';
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

function isEmptyRow(row: IndicatorRow): boolean {
  return [row.name, row.target, row.actual, row.weight, row.score].every(
    (cell) => cell === null || (isBlank(cell.value) && cell.formula === null),
  );
}

/**
 * A template's unused row (`指标2：`, `……`), a row marked `/` (not applicable), or an indicator whose 分值 and
 * 得分 are both marked `/` (not scored): no indicator to check at all.
 */
function isLeftover(row: IndicatorRow): boolean {
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
  return isBlank(cell.value) || VOID_TEXT.test(normaliseLabel(cell.value));
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

export function isBudgetHeader(cells: readonly LabelCell[]): boolean {
  let budget = false;
  let executed = false;
  for (const { label } of cells) {
    if (label.length > LABEL_MAX) continue;
    if (/预算数|^全年预算/.test(label)) budget = true;
    if (/执行数|^全年执行|^实际支出/.test(label)) executed = true;
  }
  return budget && executed;
}

/** `（20分）` or `（20分*执行率）` in a budget label. */
function weightInLabel(label: string): number | null {
  const match = /[(（](\d+(?:\.\d+)?)分(?:[)）]|[*×xX])/.exec(label);
  return match ? Number(match[1]) : null;
}

/** The budget section's header row: which column is which, and what its labels say about units and weight. */
function readBudgetHeader(labels: LabelIndex, headerRow: number) {
  const columns = new Map<BudgetColumn, number>();
  let rateInPercentPoints = false;
  let labelWeight: number | null = null;
  let inYuan = false;
  for (const { col, label } of labels.row(headerRow)) {
    labelWeight ??= weightInLabel(label);
    for (const [role, pattern] of BUDGET_HEADERS) {
      if (!columns.has(role) && pattern.test(label)) {
        columns.set(role, col);
        if (role === 'rate' && /%|百分/.test(label)) rateInPercentPoints = true;
        break;
      }
    }
    if (IN_YUAN.test(label)) inYuan = true;
  }
  // `年初预算数（A）| 全年执行数（B）| 执行率（B/A）`: with no 全年预算数, the rate divides by 年初预算数.
  const initialOnly = !columns.has('budget') && columns.has('initial');
  if (initialOnly) {
    columns.set('budget', columns.get('initial') as number);
    columns.delete('initial');
  }
  return { columns, rateInPercentPoints, labelWeight, inYuan, initialOnly };
}

export function readBudget(
  view: SheetView,
  labels: LabelIndex,
  headerRow: number,
  endRow: number,
  unit: '万元' | '元',
): BudgetSection {
  const head = readBudgetHeader(labels, headerRow);
  const { columns, rateInPercentPoints, initialOnly } = head;
  let labelWeight = head.labelWeight;
  if (head.inYuan) unit = '元';
  let firstNumberCol = Infinity;
  let lastNumberCol = -Infinity;
  for (const col of columns.values()) {
    firstNumberCol = Math.min(firstNumberCol, col);
    lastNumberCol = Math.max(lastNumberCol, col);
  }
  const lines: BudgetLine[] = [];
  for (let row = headerRow + 1; row < endRow; row++) {
    let label = '';
    for (const cell of labels.row(row))
      if (cell.col < firstNumberCol && !MONEY_LABEL.test(cell.label)) label = cell.label;
    if (GOALS_LABEL.test(label)) break;
    labelWeight ??= weightInLabel(label);
    const line: BudgetLine = {
      row,
      label,
      initial: cellRead(view, row, columns.get('initial')),
      budget: cellRead(view, row, columns.get('budget')),
      executed: cellRead(view, row, columns.get('executed')),
      weight: cellRead(view, row, columns.get('weight')),
      rate: cellRead(view, row, columns.get('rate')),
      score: cellRead(view, row, columns.get('score')),
      reason: textRightOf(view, row, lastNumberCol),
    };
    if (label === '' && [line.initial, line.budget, line.executed].every((c) => c === null || isBlank(c.value)))
      continue;
    lines.push(line);
  }
  // The 年度资金总额 line, else the first line; its 其中 parts follow it.
  const totalIndex = Math.max(
    0,
    lines.findIndex((line) => BUDGET_TOTAL.test(line.label)),
  );
  const total = lines[totalIndex] ?? null;
  const components = lines.slice(totalIndex + 1).filter((line) => BUDGET_COMPONENT.test(line.label));
  const budgetTitle = initialOnly ? '年初预算数' : '全年预算数';
  return { headerRow, unit, budgetTitle, rateInPercentPoints, labelWeight, total, components };
}

/**
 * A budget laid out down the rows (`年初预算数 | 500` on one row, `全年预算数 | 500` below, `全年执行数 | 480`, `执行率 |
 * 96%`, `得分 | 9.6`), or as label–value pairs along a row: each budget word with the value right of it. A budget
 * needs its 预算数 and its 执行数; anything less is no budget.
 */
export function readBudgetDown(
  view: SheetView,
  labels: LabelIndex,
  heading: { top: number; unit: '万元' | '元' },
  endRow: number,
): BudgetSection | null {
  const cells = new Map<BudgetColumn, CellRead>();
  let firstRow = Infinity;
  let rateInPercentPoints = false;
  let labelWeight: number | null = null;
  let unit = heading.unit;
  for (let row = heading.top; row < endRow; row++) {
    for (const { col, label } of labels.row(row)) {
      if (label.length > LABEL_MAX) continue;
      labelWeight ??= weightInLabel(label);
      if (MONEY_LABEL.test(label) && IN_YUAN.test(label)) unit = '元';
      const role = BUDGET_HEADERS.find(([, pattern]) => pattern.test(label))?.[0];
      if (!role || cells.has(role)) continue;
      const value = firstValueRightOf(view, row, col);
      if (!value || !isFigure(value)) continue;
      cells.set(role, value);
      firstRow = Math.min(firstRow, row);
      if (role === 'rate' && /%|百分/.test(label)) rateInPercentPoints = true;
      if (IN_YUAN.test(label)) unit = '元';
    }
  }
  const initialOnly = !cells.has('budget') && cells.has('initial');
  const budget = cells.get('budget') ?? cells.get('initial') ?? null;
  if (!budget || !cells.has('executed')) return null;
  const line: BudgetLine = {
    row: firstRow,
    label: '',
    initial: initialOnly ? null : (cells.get('initial') ?? null),
    budget,
    executed: cells.get('executed') ?? null,
    weight: cells.get('weight') ?? null,
    rate: cells.get('rate') ?? null,
    score: cells.get('score') ?? null,
    reason: null,
  };
  const budgetTitle = initialOnly ? '年初预算数' : '全年预算数';
  return { headerRow: firstRow, unit, budgetTitle, rateInPercentPoints, labelWeight, total: line, components: [] };
}

export function holdsFigures(view: SheetView, row: number): boolean {
  return view.columnsIn(row).some((col) => typeof readNumber(view.raw(row, col)) === 'number');
}

/** A number, a formula or a number written as text (`96%`, `500.00`): what a budget line's cell holds. */
function isFigure(cell: CellRead): boolean {
  return cell.formula !== null || typeof readNumber(cell.value) === 'number';
}

/** The first text cell after a column (a budget line's explanation). */
function textRightOf(view: SheetView, row: number, col: number): CellRead | null {
  for (const c of view.columnsIn(row)) {
    const value = view.raw(row, c);
    if (c > col && typeof value === 'string' && value.trim() !== '') return cellRead(view, row, c);
  }
  return null;
}

// ---- 总分 and 评分等级 -------------------------------------------------------------------------------------

function isEmptyCell(cell: CellRead | null): boolean {
  return !cell || (isBlank(cell.value) && cell.formula === null);
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

/** `90.5（优）`, `96分(良)`: a total written with its grade in one cell. */
const SCORE_WITH_GRADE = new RegExp(`^(\\d+(?:\\.\\d+)?)分?[(（](${GRADE_VALUES.join('|')})[)）]$`);

/** The grade a total's cell writes beside its number (`90.5（优）`), as the form's grade when it has no other. */
function gradeInTotal(total: TotalRow): GradeRow | null {
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
