import { isBlank, SheetView } from '../sheet/grid';
import type { BudgetLine, BudgetSection, CellRead } from '../read/form';
import { LABEL_MAX } from '../read/header';
import { NUMBER_WORDS } from '../vocabulary/value-words';
import { cellRead, firstValueRightOf, LabelIndex, type LabelCell } from '../read/labels';
import { readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import {
  BUDGET_COLUMN_WORDS,
  BUDGET_COMPONENT_WORDS,
  BUDGET_TOTAL_WORDS,
  GOALS_WORDS,
  MONEY_WORDS,
  BUDGET_HEADER_WORDS,
  PERCENT_WORDS,
  YUAN_WORDS,
} from '../vocabulary/form-words';

/** The 预算执行情况 section above a 自评表's indicators: its header of figures, its lines, read across or down. */

export const GOALS_LABEL = wordsPattern(GOALS_WORDS);

export const MONEY_LABEL = wordsPattern(MONEY_WORDS);

/** A label that gives its amounts in 元, not 万元: `（元）`, `单位：元`. */
export const IN_YUAN = wordsPattern(YUAN_WORDS);

type BudgetColumn = keyof typeof BUDGET_COLUMN_WORDS;

const BUDGET_HEADERS = (Object.keys(BUDGET_COLUMN_WORDS) as BudgetColumn[]).map(
  (role) => [role, wordsPattern(BUDGET_COLUMN_WORDS[role])] as const,
);

const BUDGET_TOTAL = wordsPattern(BUDGET_TOTAL_WORDS);

const BUDGET_COMPONENT = wordsPattern(BUDGET_COMPONENT_WORDS);

const BUDGET_HEADER = {
  budget: wordsPattern(BUDGET_HEADER_WORDS.budget),
  executed: wordsPattern(BUDGET_HEADER_WORDS.executed),
};
const PERCENT = wordsPattern(PERCENT_WORDS);

export function isBudgetHeader(cells: readonly LabelCell[]): boolean {
  let budget = false;
  let executed = false;
  for (const { label } of cells) {
    if (label.length > LABEL_MAX) continue;
    if (BUDGET_HEADER.budget.test(label)) budget = true;
    if (BUDGET_HEADER.executed.test(label)) executed = true;
  }
  return budget && executed;
}

const WEIGHT_IN_LABEL = new RegExp(`[(（](\\d+(?:\\.\\d+)?)${NUMBER_WORDS.points}(?:[)）]|[*×xX])`);

/** `（20分）` or `（20分*执行率）` in a budget label. */
function weightInLabel(label: string): number | null {
  const match = WEIGHT_IN_LABEL.exec(label);
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
        if (role === 'rate' && PERCENT.test(label)) rateInPercentPoints = true;
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
      if (role === 'rate' && PERCENT.test(label)) rateInPercentPoints = true;
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
  return view.someValueIn(row, (value) => typeof readNumber(value) === 'number');
}

/** A number, a formula or a number written as text (`96%`, `500.00`): what a budget line's cell holds. */
export function isFigure(cell: CellRead): boolean {
  return cell.formula !== null || typeof readNumber(cell.value) === 'number';
}

/** The first text cell after a column (a budget line's explanation). */
function textRightOf(view: SheetView, row: number, col: number): CellRead | null {
  let found = -1;
  view.someValueIn(row, (value, c) => {
    if (c > col && typeof value === 'string' && value.trim() !== '') found = c;
    return found >= 0;
  });
  return found < 0 ? null : cellRead(view, row, found);
}

// ---- 总分 and 评分等级 -------------------------------------------------------------------------------------
