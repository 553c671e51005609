import { isBlank, SheetView, type SheetGrid } from './grid';
import type { BudgetLine, BudgetSection, CellRead, GradeRow, IndicatorRow, SelfEvaluationForm, TotalRow } from './form';
import { normaliseLabel, displayText } from './text';

/** Roles a cell of the indicator header row can play. */
export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'reason';
type BudgetColumn = 'initial' | 'budget' | 'executed' | 'weight' | 'rate' | 'score';

export const LABEL_MAX = 24;

// Header synonyms seen in real forms (DOMAIN.md §1); labels are compared after normaliseLabel.
export const INDICATOR_HEADERS: Array<[IndicatorColumn, RegExp]> = [
  ['level1', /^一级(指标)?$|^一级指标/],
  ['level2', /^二级(指标)?$|^二级指标/],
  ['name', /^三级(指标)?$|^三级指标|^指标名称$|^具体指标$|^绩效指标名称$/],
  ['actual', /^(实际完成值|全年实际完成值|全年实际值|实际值|实际完成数|实际完成|完成值|实际完成情况|实际达成值)/],
  ['target', /^(年度指标值|年度\(\/项目\)指标值|年初目标值|年度目标值|指标值|目标值|预期指标值|预期目标值|全年指标值|指标目标值|年初指标值|计划指标值)/],
  ['weight', /^(分值|权重|分数|指标分值|指标权重|标准分值|满分)/],
  ['score', /^(得分|自评得分|评价得分|实际得分|评分)$|^(自评)?得分[(（]/],
  ['reason', /原因|改进措施/],
];

const BUDGET_HEADERS: Array<[BudgetColumn, RegExp]> = [
  ['initial', /^年初预算/],
  ['budget', /^(全年预算|调整后预算|预算数|全年预算数)/],
  ['executed', /^(全年执行|执行数|实际执行|实际支出|全年支出)/],
  ['weight', /^(分值|分数|权重)/],
  ['rate', /^执行率/],
  ['score', /^得分/],
];

const TITLE = /自评表$|自评表[(（]|绩效自评表/;
const TOTAL_LABEL = /^(总分|合计|总计|总得分|综合得分)/;
const GRADE_LABEL = /^(评分等级|自评等级|绩效等级|评价等级|等级)$/;
const BUDGET_TOTAL = /资金总额|总额|合计|总计/;
const BUDGET_COMPONENT = /其中|财政拨款|结转|其他资金|自筹|专项|资金/;
const GOALS_LABEL = /^年度总体目标|^总体目标|^年度目标$/;

/** Find every 自评表 in one sheet, top to bottom. Never throws on odd input: it skips what it cannot read. */
export function recogniseSheet(grid: SheetGrid): SelfEvaluationForm[] {
  const view = new SheetView(grid);
  return recogniseEvaluations(view, new LabelIndex(view));
}

export function recogniseEvaluations(view: SheetView, labels: LabelIndex): SelfEvaluationForm[] {
  const headerRows: Array<{ row: number; columns: Map<IndicatorColumn, number>; left: number; right: number }> = [];
  for (let row = view.firstRow; row <= view.lastRow; row++) {
    const header = labels.indicatorHeader(row);
    if (header) headerRows.push({ row, ...header });
  }

  const forms: SelfEvaluationForm[] = [];
  let previousBottom = view.firstRow - 1;
  for (let i = 0; i < headerRows.length; i++) {
    const header = headerRows[i];
    if (header.row <= previousBottom) continue;
    const nextHeaderRow = i + 1 < headerRows.length ? headerRows[i + 1].row : view.lastRow + 1;
    const form = readForm(view, labels, header, previousBottom, nextHeaderRow);
    forms.push(form);
    previousBottom = form.range.bottom;
  }
  return forms;
}

export interface LabelCell {
  col: number;
  label: string;
}

// Hints computed once per label, so the row scans below are bit tests rather than regex runs.
const HINT_SCORE = 1;
const HINT_UPPER = 2;
const HINT_BODY_END = 4;
/** A 三级指标 label: the header of a form's indicator table (自评表 or 申报表). */
export const HINT_INDICATOR_TABLE = 8;

function hintsOf(label: string): number {
  const score = (label.includes('得分') || label === '评分' ? HINT_SCORE : 0) | (/^三级(指标)?$/.test(label) ? HINT_INDICATOR_TABLE : 0);
  // Most labels are indicator names and values: one combined test rules them out.
  if (!ANY_STRUCTURE_HINT.test(label)) return score;
  return score | (UPPER_HINT.test(label) ? HINT_UPPER : 0) | (BODY_END_HINT.test(label) ? HINT_BODY_END : 0);
}

/** Text longer than this is prose (goals, reasons), never a label. */
const PROSE_LENGTH = 200;

/** Normalised text of every text cell, computed once per sheet. */
export class LabelIndex {
  private readonly rows: Array<LabelCell[] | undefined> = [];
  private readonly rowHints: number[] = [];

  constructor(readonly view: SheetView) {
    for (let row = view.firstRow; row <= view.lastRow; row++) {
      let cells: LabelCell[] | undefined;
      let hints = 0;
      for (let col = view.firstCol; col <= view.lastCol; col++) {
        const value = view.raw(row, col);
        if (typeof value !== 'string' || value.length > PROSE_LENGTH) continue;
        const label = normaliseLabel(value);
        if (label === '') continue;
        (cells ??= []).push({ col, label });
        if (label.length <= LABEL_MAX * 3) hints |= hintsOf(label);
      }
      this.rows[row - view.firstRow] = cells;
      this.rowHints[row - view.firstRow] = hints;
    }
  }

  /** Whether some label of the row carries the hint (HINT_*). */
  hinted(row: number, hint: number): boolean {
    return ((this.rowHints[row - this.view.firstRow] ?? 0) & hint) !== 0;
  }

  row(row: number): readonly LabelCell[] {
    return this.rows[row - this.view.firstRow] ?? NO_LABELS;
  }

  /** The first cell of a row (within columns) whose label matches. */
  find(row: number, pattern: RegExp, left = -Infinity, right = Infinity): LabelCell | null {
    for (const cell of this.row(row)) {
      if (cell.col >= left && cell.col <= right && cell.label.length <= LABEL_MAX * 3 && pattern.test(cell.label)) return cell;
    }
    return null;
  }

  indicatorHeader(row: number): { columns: Map<IndicatorColumn, number>; left: number; right: number } | null {
    const cells = this.row(row);
    if (cells.length < 3 || !this.hinted(row, HINT_SCORE)) return null;
    const columns = new Map<IndicatorColumn, number>();
    let left = Infinity;
    let right = -Infinity;
    for (const { col, label } of cells) {
      if (col < left) left = col;
      if (col > right) right = col;
      if (label.length > LABEL_MAX) continue;
      for (const [role, pattern] of INDICATOR_HEADERS) {
        if (!columns.has(role) && pattern.test(label)) {
          columns.set(role, col);
          break;
        }
      }
    }
    if (!columns.has('score') || !columns.has('weight')) return null;
    if (!columns.has('name') && !columns.has('target')) return null;
    // A header merged over several columns reaches to the end of its merge.
    const lastMerge = this.view.mergeAt(row, right);
    if (lastMerge) right = Math.max(right, lastMerge.right);
    return { columns, left, right };
  }
}

const NO_LABELS: readonly LabelCell[] = [];
/** Labels that can matter above an indicator header. */
const UPPER_HINT = /^(项目名称|主管部门|实施单位|项目单位|预算单位|项目资金|资金情况|年度总体目标|总体目标|年度目标)|自评表|预算|执行数|支出|\d{4}年/;
/** Labels that end an indicator body: 总分, 评分等级, a new title or budget header. */
const BODY_END_HINT = /^(总分|合计|总计|总得分|综合得分|评分等级|自评等级|绩效等级|评价等级|等级$)|自评表|预算数|执行数/;
/** Either of the two above, as one quick test. */
const ANY_STRUCTURE_HINT = /^(项目|主管|实施|预算|资金|年度|总体|总分|合计|总计|总得|综合|评分|自评|绩效等|评价等|等级)|自评表|预算|执行数|支出|\d{4}年/;

export function cellRead(view: SheetView, row: number, col: number | undefined): CellRead | null {
  if (col === undefined) return null;
  return { row, col, value: view.raw(row, col), numberFormat: view.numberFormat(row, col), formula: view.formula(row, col) };
}

/** The master cell of the merge covering (row, col), or the cell itself. */
function shownCell(view: SheetView, row: number, col: number): CellRead {
  const master = view.masterOf(row, col);
  return cellRead(view, master.row, master.col) as CellRead;
}

function readForm(
  view: SheetView,
  labels: LabelIndex,
  header: { row: number; columns: Map<IndicatorColumn, number>; left: number; right: number },
  previousBottom: number,
  nextHeaderRow: number,
): SelfEvaluationForm {
  const { columns } = header;
  let left = header.left;
  let right = header.right;

  // ---- upwards: budget section, project name, title -------------------------------------------
  const upperLimit = Math.max(previousBottom + 1, header.row - 80, view.firstRow);
  let top = header.row;
  let title: string | null = null;
  let year: number | null = null;
  let project: string | null = null;
  let department: string | null = null;
  let implementingUnit: string | null = null;
  let budgetHeaderRow: number | null = null;
  let goalsRow: number | null = null;
  let unit: '万元' | '元' = '万元';
  for (let row = header.row - 1; row >= upperLimit; row--) {
    if (!labels.hinted(row, HINT_UPPER)) continue;
    const cells = labels.row(row);
    if (budgetHeaderRow === null && isBudgetHeader(cells)) budgetHeaderRow = row;
    if (goalsRow === null && labels.find(row, GOALS_LABEL) && budgetHeaderRow === null) goalsRow = row;
    for (const { col, label } of cells) {
      if (/^项目资金|^资金情况|^项目资金情况/.test(label)) {
        if (/[(（]元[)）]|\(元\)|单位元/.test(label)) unit = '元';
        left = Math.min(left, col);
      }
    }
    const titleCell = labels.find(row, TITLE);
    if (titleCell && !/申报/.test(titleCell.label)) {
      title = displayText(view.raw(row, titleCell.col));
      year = year ?? findYear(labels, row, row + 2);
      top = row;
      left = Math.min(left, titleCell.col);
      const merge = view.mergeAt(row, titleCell.col);
      if (merge) right = Math.max(right, merge.right);
      break;
    }
    const projectCell = labels.find(row, /^项目名称/);
    if (projectCell) {
      project = valueRightOf(view, row, projectCell.col, projectCell.label, /^项目名称/) ?? project;
      left = Math.min(left, projectCell.col);
      top = row;
    }
    const departmentCell = labels.find(row, /^主管部门/);
    if (departmentCell) {
      department = valueRightOf(view, row, departmentCell.col, departmentCell.label, /^主管部门/);
      left = Math.min(left, departmentCell.col);
      top = Math.min(top, row);
    }
    const unitCell = labels.find(row, /^(实施单位|项目单位|预算单位)/);
    if (unitCell) implementingUnit = valueRightOf(view, row, unitCell.col, unitCell.label, /^(实施单位|项目单位|预算单位)/);
    if (budgetHeaderRow === row || goalsRow === row) top = Math.min(top, row);
    if (year === null) year = findYear(labels, row, row);
  }
  if (top === header.row && goalsRow !== null) top = goalsRow;

  let budget: BudgetSection | null = null;
  if (budgetHeaderRow !== null) {
    budget = readBudget(view, labels, budgetHeaderRow, goalsRow ?? header.row, unit);
    for (const { col } of labels.row(budgetHeaderRow)) right = Math.max(right, col);
    top = Math.min(top, budgetHeaderRow);
  }

  // ---- downwards: indicator rows, 总分, 评分等级 ---------------------------------------------------
  const indicators: IndicatorRow[] = [];
  let total: TotalRow | null = null;
  let grade: GradeRow | null = null;
  let bottom = header.row;
  let level1 = '';
  let level2 = '';
  let blankRun = 0;
  const firstDataCol = Math.min(
    ...(['name', 'target', 'actual', 'weight', 'score'] as IndicatorColumn[]).map((role) => columns.get(role) ?? Infinity),
  );
  for (let row = header.row + 1; row < nextHeaderRow && row <= view.lastRow; row++) {
    const mayEnd = labels.hinted(row, HINT_BODY_END);
    const totalLabel = mayEnd ? labels.find(row, TOTAL_LABEL, left, firstDataCol) : null;
    if (totalLabel) {
      total = readTotal(view, row, totalLabel.col, columns);
      bottom = row;
      // 评分等级 is on the next rows, or further along the 总分 row itself.
      grade =
        findGradeRow(view, labels, row, row, totalLabel.col + 1, view.lastCol, columns) ??
        findGradeRow(view, labels, row + 1, Math.min(row + 3, nextHeaderRow - 1), left, right, columns);
      if (grade) right = Math.max(right, grade.value.col);
      if (grade) bottom = grade.row;
      break;
    }
    if (mayEnd) {
      const gradeOnly = findGradeRow(view, labels, row, row, left, right, columns);
      if (gradeOnly) {
        grade = gradeOnly;
        bottom = row;
        break;
      }
      if (labels.find(row, TITLE) || isBudgetHeader(labels.row(row))) break;
    }

    const nameCell = cellRead(view, row, columns.get('name'));
    const indicator: IndicatorRow = {
      row,
      level1: '',
      level2: '',
      name: nameCell ?? { row, col: firstDataCol, value: null, numberFormat: null, formula: null },
      target: cellRead(view, row, columns.get('target')),
      actual: cellRead(view, row, columns.get('actual')),
      weight: cellRead(view, row, columns.get('weight')),
      score: cellRead(view, row, columns.get('score')),
      reason: columns.has('reason') ? shownCell(view, row, columns.get('reason') as number) : null,
    };
    const l1 = columns.has('level1') ? displayText(view.shown(row, columns.get('level1') as number)) : '';
    const l2 = columns.has('level2') ? displayText(view.shown(row, columns.get('level2') as number)) : '';
    if (l1 !== '') {
      if (l1 !== level1) level2 = '';
      level1 = l1;
    }
    if (l2 !== '') level2 = l2;
    const empty = [indicator.name, indicator.target, indicator.actual, indicator.weight, indicator.score].every(
      (cell) => cell === null || (isBlank(cell.value) && cell.formula === null),
    );
    if (empty) {
      // A form ends after a long blank gap even without a 总分 row.
      if (++blankRun >= 5) break;
      continue;
    }
    blankRun = 0;
    if (/^(小计|合计)$/.test(normaliseLabel(indicator.name.value))) continue;
    // A category line (`产出指标 | | | | | 50`) carries its weight but no indicator of its own.
    const noIndicator = [indicator.name, indicator.target, indicator.actual].every((cell) => cell === null || isBlank(cell.value));
    if (noIndicator && (l1 !== '' || l2 !== '')) continue;
    indicator.level1 = stripWeightSuffix(level1);
    indicator.level2 = stripWeightSuffix(level2);
    indicators.push(indicator);
    bottom = row;
  }

  return {
    kind: 'self-evaluation',
    sheet: view.name,
    range: { top, left, bottom, right },
    title,
    year,
    project,
    department,
    implementingUnit,
    headerRow: header.row,
    budget,
    indicators,
    total,
    grade,
  };
}

function isBudgetHeader(cells: readonly LabelCell[]): boolean {
  let budget = false;
  let executed = false;
  for (const { label } of cells) {
    if (label.length > LABEL_MAX) continue;
    if (/预算数|^全年预算/.test(label)) budget = true;
    if (/执行数|^全年执行|^实际支出/.test(label)) executed = true;
  }
  return budget && executed;
}

function readBudget(view: SheetView, labels: LabelIndex, headerRow: number, endRow: number, unit: '万元' | '元'): BudgetSection {
  const columns = new Map<BudgetColumn, number>();
  let rateInPercentPoints = false;
  for (const { col, label } of labels.row(headerRow)) {
    for (const [role, pattern] of BUDGET_HEADERS) {
      if (!columns.has(role) && pattern.test(label)) {
        columns.set(role, col);
        if (role === 'rate' && /%|百分/.test(label)) rateInPercentPoints = true;
        break;
      }
    }
    if (/[(（]元[)）]/.test(label)) unit = '元';
  }
  let firstNumberCol = Infinity;
  for (const col of columns.values()) firstNumberCol = Math.min(firstNumberCol, col);
  const lines: BudgetLine[] = [];
  for (let row = headerRow + 1; row < endRow; row++) {
    let label = '';
    for (const cell of labels.row(row)) if (cell.col < firstNumberCol && !/^项目资金/.test(cell.label)) label = cell.label;
    if (GOALS_LABEL.test(label)) break;
    const line: BudgetLine = {
      row,
      label,
      initial: cellRead(view, row, columns.get('initial')),
      budget: cellRead(view, row, columns.get('budget')),
      executed: cellRead(view, row, columns.get('executed')),
      weight: cellRead(view, row, columns.get('weight')),
      rate: cellRead(view, row, columns.get('rate')),
      score: cellRead(view, row, columns.get('score')),
    };
    if (label === '' && [line.initial, line.budget, line.executed].every((c) => c === null || isBlank(c.value))) continue;
    lines.push(line);
  }
  // The 年度资金总额 line, else the first line; its 其中 parts follow it.
  const totalIndex = Math.max(0, lines.findIndex((line) => BUDGET_TOTAL.test(line.label)));
  const total = lines[totalIndex] ?? null;
  const components = lines.slice(totalIndex + 1).filter((line) => BUDGET_COMPONENT.test(line.label));
  return { headerRow, unit, rateInPercentPoints, total, components };
}

function readTotal(view: SheetView, row: number, labelCol: number, columns: Map<IndicatorColumn, number>): TotalRow {
  const labelCell = cellRead(view, row, labelCol) as CellRead;
  let weight = cellRead(view, row, columns.get('weight'));
  let score = cellRead(view, row, columns.get('score'));
  // Some forms write `总分 | 93` with the number right after the label instead of under 得分.
  if (score && isBlank(score.value) && score.formula === null && weight && !isBlank(weight.value)) {
    const after = firstValueRightOf(view, row, labelCol);
    if (after && after.col !== weight.col) score = after;
  }
  if (weight && score && weight.col === score.col) weight = null;
  return { row, label: labelCell, weight, score };
}

function findGradeRow(
  view: SheetView,
  labels: LabelIndex,
  fromRow: number,
  toRow: number,
  left: number,
  right: number,
  columns: Map<IndicatorColumn, number>,
): GradeRow | null {
  for (let row = fromRow; row <= toRow; row++) {
    const label = labels.find(row, GRADE_LABEL, left, right);
    if (!label) continue;
    const labelCell = cellRead(view, row, label.col) as CellRead;
    const value = firstValueRightOf(view, row, label.col, right);
    if (value) return { row, label: labelCell, value };
    // Empty grade: the first cell after the label's merge, else the 分值 column.
    const merge = view.mergeAt(row, label.col);
    const col = merge ? merge.right + 1 : columns.get('weight') ?? label.col + 1;
    return { row, label: labelCell, value: cellRead(view, row, col) as CellRead };
  }
  return null;
}

export function firstValueRightOf(view: SheetView, row: number, col: number, right = view.lastCol): CellRead | null {
  for (let c = col + 1; c <= right; c++) {
    if (view.isCovered(row, c)) continue;
    const value = view.raw(row, c);
    if (!isBlank(value) || view.formula(row, c) !== null) return cellRead(view, row, c);
  }
  return null;
}

/** `项目名称 | X`, or `项目名称：X` in one cell. */
export function valueRightOf(view: SheetView, row: number, col: number, label: string, prefix: RegExp): string | null {
  const inline = label.replace(prefix, '');
  if (inline !== '') return displayText(String(view.raw(row, col)).replace(/^[^:：]*[:：]/, '')) || inline;
  const value = firstValueRightOf(view, row, col);
  return value ? displayText(value.value) : null;
}

export function findYear(labels: LabelIndex, fromRow: number, toRow: number): number | null {
  for (let row = fromRow; row <= toRow; row++) {
    for (const { label } of labels.row(row)) {
      const match = /(20\d{2}|19\d{2})年度?/.exec(label);
      if (match && label.length <= 40) return Number(match[1]);
    }
  }
  return null;
}

export function stripWeightSuffix(label: string): string {
  return label.replace(/[(（]\s*\d+(\.\d+)?\s*分?\s*[)）]$/, '').trim();
}

