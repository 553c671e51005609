import { isBlank, type SheetView } from '../sheet/grid';
import type { DeclarationFunds, DeclarationForm, DeclarationIndicator } from '../read/declaration';
import type { CellRead } from '../read/form';
import { findHeaders, formsAtHeaders, readHeader, type ColumnRole, type TableHeader } from '../read/header';
import {
  cellRead,
  findYear,
  firstValueRightOf,
  HINT_INDICATOR_TABLE,
  LabelIndex,
  stripWeightSuffix,
  valueRightOf,
} from '../read/labels';
import { emptyHeading, type FormHeading } from './heading';
import { composedValue, isPlaceholderName, spannedCell, updateLevels } from './indicator-row';
import { displayText, normaliseLabel, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { GOALS_WORDS, IMPLEMENTING_UNIT_WORDS, PROJECT_LINE_WORDS, WAN_YUAN_WORDS } from '../vocabulary/form-words';
import {
  ANNUAL_BLOCK_WORDS,
  DECLARATION_END_WORDS,
  DECLARATION_FUND_SOURCE_WORDS,
  DECLARATION_FUNDS_TOTAL_WORDS,
  DECLARATION_TITLE_WORDS,
  LONG_TERM_BLOCK_WORDS,
  OTHER_FORM_TITLE_WORDS,
  SUBPROJECT_HEADER_WORDS,
  SELF_EVALUATION_WORDS,
  SUPERVISING_DEPARTMENT_WORDS,
  DECLARATION_MONEY_WORDS,
} from '../vocabulary/other-forms';

const DECLARATION_TITLE = wordsPattern(DECLARATION_TITLE_WORDS);
const ANY_TITLE = wordsPattern(OTHER_FORM_TITLE_WORDS);
const FUNDS_TOTAL = wordsPattern(DECLARATION_FUNDS_TOTAL_WORDS);
const FUNDS_COMPONENT = wordsPattern(DECLARATION_FUND_SOURCE_WORDS);
const SUBPROJECT_HEADER = wordsPattern(SUBPROJECT_HEADER_WORDS);
const END_OF_TABLE = wordsPattern(DECLARATION_END_WORDS);
const LONG_TERM_BLOCK = wordsPattern(LONG_TERM_BLOCK_WORDS);
const ANNUAL_BLOCK = wordsPattern(ANNUAL_BLOCK_WORDS);
const SELF_EVALUATION = wordsPattern(SELF_EVALUATION_WORDS);
const PROJECT_LINE = wordsPattern(PROJECT_LINE_WORDS);
const SUPERVISING_DEPARTMENT = wordsPattern(SUPERVISING_DEPARTMENT_WORDS);
const DECLARATION_MONEY = wordsPattern(DECLARATION_MONEY_WORDS);
const WAN_YUAN = wordsPattern(WAN_YUAN_WORDS);

/** A 申报表's indicator table header: 三级指标 (or 指标内容) and a target column, but no 得分 (that is a 自评表). */
function isDeclarationHeader(columns: ReadonlyMap<ColumnRole, number>): boolean {
  return columns.has('name') && columns.has('target') && !columns.has('score');
}

/** Every 申报表 of a sheet, top to bottom; `taken` rows belong to 自评表 already. */
export function recogniseDeclarations(
  view: SheetView,
  labels: LabelIndex,
  isTaken: (row: number) => boolean,
): DeclarationForm[] {
  const mayStart = (row: number) =>
    !isTaken(row) && (labels.hinted(row, HINT_INDICATOR_TABLE) || labels.hinted(row + 1, HINT_INDICATOR_TABLE));
  const headers = findHeaders(view, labels, mayStart, isDeclarationHeader);
  return formsAtHeaders(view, headers, (header, previousBottom, nextHeader) =>
    readDeclaration(view, labels, header, previousBottom, nextHeader, isTaken),
  );
}

function readDeclaration(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  previousBottom: number,
  nextHeader: number,
  isTaken: (row: number) => boolean,
): DeclarationForm | null {
  const head = readDeclarationHead(view, labels, header, previousBottom);
  const { indicators, bottom } = readDeclarationBody(view, labels, header, nextHeader, isTaken);
  if (indicators.length === 0) return null;
  const { columns } = header;
  const headerCell =
    header.lastRow !== header.row && columns.has('level1')
      ? (cellRead(view, header.lastRow, columns.get('level1')) as CellRead)
      : (cellRead(view, header.row, columns.get('level1') ?? columns.get('name')) as CellRead);
  const { top, left, right, title, year, project, department, funds, implementingUnit, goal } = head;
  return {
    kind: 'target-declaration',
    sheet: view.name,
    range: { top, left, bottom, right },
    title,
    year,
    project,
    department,
    headerRow: header.row,
    headerCell,
    funds,
    indicators,
    implementingUnit,
    goal,
  };
}

interface DeclarationHead extends FormHeading {
  funds: DeclarationFunds;
  implementingUnit: string | null;
  goal: string | null;
}

/** Upwards from the indicator header to the title: the project, the department and the funds. */
function readDeclarationHead(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  previousBottom: number,
): DeclarationHead {
  const head: DeclarationHead = emptyHeading(header, {
    funds: { unit: '元' as const, total: null, components: [] },
    implementingUnit: null,
    goal: null,
  });
  let subprojectHeader: number | null = null;
  const upperLimit = Math.max(previousBottom + 1, header.row - 120, view.firstRow);
  for (let row = header.row - 1; row >= upperLimit; row--) {
    const cells = labels.row(row);
    if (cells.length === 0) continue;
    const titleCell = labels.find(row, DECLARATION_TITLE);
    if (titleCell) {
      readTitle(view, labels, head, row, titleCell.col);
      break;
    }
    if (labels.find(row, SELF_EVALUATION)) break;
    for (const { col, label } of cells) if (readHeadLabel(view, head, row, col, label)) subprojectHeader = row;
    if (head.year === null) head.year = findYear(labels, row, row);
  }
  if (subprojectHeader !== null && head.funds.components.length === 0) {
    head.funds.components = subprojectComponents(view, labels, subprojectHeader, header.row);
  }
  return head;
}

function readTitle(view: SheetView, labels: LabelIndex, head: DeclarationHead, row: number, col: number): void {
  head.title = displayText(view.raw(row, col));
  head.year = head.year ?? findYear(labels, row, row + 2);
  head.top = row;
  head.left = Math.min(head.left, col);
  const merge = view.mergeAt(row, col);
  if (merge) head.right = Math.max(head.right, merge.right);
}

/** One label above the table; true for the 子项目 header of the 2019 layout. */
function readHeadLabel(view: SheetView, head: DeclarationHead, row: number, col: number, label: string): boolean {
  const { funds } = head;
  if (PROJECT_LINE.test(label)) {
    head.project = valueRightOf(view, row, col, label, PROJECT_LINE) ?? head.project;
    head.top = row;
    head.left = Math.min(head.left, col);
  } else if (SUPERVISING_DEPARTMENT.test(label)) {
    head.department = valueRightOf(view, row, col, label, SUPERVISING_DEPARTMENT);
  } else if (IMPLEMENTING_UNIT.test(label)) {
    head.implementingUnit = valueRightOf(view, row, col, label, IMPLEMENTING_UNIT);
  } else if (ANNUAL_GOAL.test(label)) {
    head.goal = goalText(view, row, col, label);
  } else if (DECLARATION_MONEY.test(label) && WAN_YUAN.test(label)) {
    funds.unit = '万元';
  }
  // The funds the form reads are part of it, even where its 项目名称 row is missing or damaged.
  if (FUNDS_TOTAL.test(label) && !funds.total) {
    const cell = numberRightOf(view, row, col);
    if (cell) funds.total = { label, cell };
    if (cell) head.top = row;
  } else if (FUNDS_COMPONENT.test(label)) {
    const cell = numberRightOf(view, row, col);
    // `其他资金` under 项目资金总额 and under 年度资金申请总额 read the same figure: one line, the nearer label's.
    const same = cell && funds.components.find((c) => c.cell.row === cell.row && c.cell.col === cell.col);
    if (same) same.label = label;
    else if (cell) funds.components.unshift({ label, cell });
    if (cell) head.top = row;
  } else if (SUBPROJECT_HEADER.test(label)) {
    return true;
  }
  return false;
}

const IMPLEMENTING_UNIT = wordsPattern(IMPLEMENTING_UNIT_WORDS);
const ANNUAL_GOAL = wordsPattern(GOALS_WORDS);

/** The 年度总体目标 text: right of its label, or under it (the 2025 layout writes it on the next row). */
function goalText(view: SheetView, row: number, col: number, label: string): string | null {
  const right = valueRightOf(view, row, col, label, ANNUAL_GOAL);
  if (right) return right;
  const below = displayText(view.raw(row + 1, col)).trim();
  return below === '' ? null : below;
}

/** The 2019 layout lists 子项目 with their budgets under a header row: those are the components. */
function subprojectComponents(
  view: SheetView,
  labels: LabelIndex,
  from: number,
  headerRow: number,
): DeclarationFunds['components'] {
  const components: DeclarationFunds['components'] = [];
  for (let row = from + 1; row < headerRow; row++) {
    const first = labels.row(row)[0];
    if (!first || first.label.length > 60) break;
    const cell = numberRightOf(view, row, first.col);
    if (!cell) break;
    components.push({ label: first.label, cell });
  }
  return components;
}

/** The indicator rows, through the 长期 / 年度 blocks of a 项目绩效目标表 (each may repeat the header). */
function readDeclarationBody(
  view: SheetView,
  labels: LabelIndex,
  header: TableHeader,
  nextHeader: number,
  isTaken: (row: number) => boolean,
): { indicators: DeclarationIndicator[]; bottom: number } {
  const { columns } = header;
  const indicators: DeclarationIndicator[] = [];
  let bottom = header.lastRow;
  const levels = { level1: '', level2: '' };
  let term: DeclarationIndicator['term'] = blockOf(view, header, header.row);
  let blankRun = 0;
  for (let row = header.lastRow + 1; row <= view.lastRow; row++) {
    const first = labels.row(row)[0];
    if (isTaken(row) || labels.find(row, ANY_TITLE) || (first && END_OF_TABLE.test(first.label))) break;
    const block = blockOf(view, header, row);
    const repeated = row >= nextHeader ? readHeader(view, labels, row, isDeclarationHeader) : null;
    if (repeated) {
      // A header of its own: the next block of this form when it says 长期 / 年度, else the next form.
      if (block === null || term === null) break;
      term = block;
      row = repeated.lastRow;
      bottom = row;
      continue;
    }
    term = block ?? term;
    const name = spannedCell(view, header, row, 'name') as CellRead;
    const target = composedValue(
      spannedCell(view, header, row, 'target'),
      cellRead(view, row, columns.get('operator')),
      cellRead(view, row, columns.get('unit')),
    );
    const shownLevels = updateLevels(view, header, row, levels);
    if (isBlank(name.value) && (!target || isBlank(target.value))) {
      if (!shownLevels && ++blankRun >= 3) break;
      if (shownLevels) bottom = row;
      continue;
    }
    blankRun = 0;
    if (isPlaceholderName(name.value) && (!target || isBlank(target.value) || isPlaceholderName(target.value)))
      continue;
    indicators.push({
      row,
      level1: stripWeightSuffix(levels.level1),
      level2: stripWeightSuffix(levels.level2),
      name,
      target,
      term,
    });
    bottom = row;
  }
  return { indicators, bottom };
}

/** Which block a row stands in, by a 长期 / 年度 label left of the indicator columns (merged down or not). */
function blockOf(view: SheetView, header: TableHeader, row: number): DeclarationIndicator['term'] | null {
  const firstRole = Math.min(header.columns.get('level1') ?? Infinity, header.columns.get('name') ?? Infinity);
  for (let col = view.firstCol; col < firstRole && col <= view.lastCol; col++) {
    const label = normaliseLabel(view.shown(row, col));
    if (LONG_TERM_BLOCK.test(label)) return 'long-term';
    if (ANNUAL_BLOCK.test(label)) return 'annual';
  }
  return null;
}

/**
 * The amount right after a funds label, or null when the next value is another label
 * (`其中：财政资金 | 其中：当年财政拨款 | 2,180,000`).
 */
function numberRightOf(view: SheetView, row: number, col: number): CellRead | null {
  const next = firstValueRightOf(view, row, col);
  return next && typeof readNumber(next.value) === 'number' ? next : null;
}
