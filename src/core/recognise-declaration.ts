import { isBlank, SheetView, type SheetGrid } from './grid';
import type { SelfEvaluationForm } from './form';
import type { DeclarationFunds, DeclarationForm, DeclarationIndicator } from './declaration';
import type { CellRead } from './form';
import { cellRead, findYear, firstValueRightOf, HINT_INDICATOR_TABLE, INDICATOR_HEADERS, LabelIndex, LABEL_MAX, recogniseEvaluations, stripWeightSuffix, valueRightOf, type IndicatorColumn } from './recognise';
import { displayText, readNumber } from './text';

const DECLARATION_TITLE = /目标申报表|绩效目标表|目标申报|绩效目标汇总表/;
const ANY_TITLE = /申报表|自评表/;
const FUNDS_TOTAL = /^(年度资金申请总额|项目当年预算|当年预算|年度预算|年度资金总额)/;
const FUNDS_COMPONENT = /^(其中)?(当年财政拨款|上年结转资金|上年结转|其他资金|自筹资金|单位自筹)$/;
const SUBPROJECT_HEADER = /^子项目名称/;
const END_OF_TABLE = /^(备注|填报说明|审核意见|单位负责人|填表人)/;

/** A 申报表's indicator table header: 三级指标 and a target column, but no 分值/得分 (that is a 自评表). */
function declarationHeader(labels: LabelIndex, row: number): { columns: Map<IndicatorColumn, number>; left: number; right: number } | null {
  if (!labels.hinted(row, HINT_INDICATOR_TABLE)) return null;
  const columns = new Map<IndicatorColumn, number>();
  let left = Infinity;
  let right = -Infinity;
  for (const { col, label } of labels.row(row)) {
    left = Math.min(left, col);
    right = Math.max(right, col);
    if (label.length > LABEL_MAX) continue;
    for (const [role, pattern] of INDICATOR_HEADERS) {
      if (!columns.has(role) && pattern.test(label)) {
        columns.set(role, col);
        break;
      }
    }
  }
  if (!columns.has('name') || !columns.has('target') || columns.has('score')) return null;
  return { columns, left, right };
}

/** Every 申报表 of a sheet, top to bottom; `taken` rows belong to 自评表 already. */
export function recogniseDeclarations(view: SheetView, labels: LabelIndex, isTaken: (row: number) => boolean): DeclarationForm[] {
  const headers: Array<{ row: number; columns: Map<IndicatorColumn, number>; left: number; right: number }> = [];
  for (let row = view.firstRow; row <= view.lastRow; row++) {
    if (isTaken(row)) continue;
    const header = declarationHeader(labels, row);
    if (header) headers.push({ row, ...header });
  }
  const forms: DeclarationForm[] = [];
  let previousBottom = view.firstRow - 1;
  for (let i = 0; i < headers.length; i++) {
    const nextHeader = i + 1 < headers.length ? headers[i + 1].row : view.lastRow + 1;
    const form = readDeclaration(view, labels, headers[i], previousBottom, nextHeader);
    if (form) {
      forms.push(form);
      previousBottom = form.range.bottom;
    }
  }
  return forms;
}

function readDeclaration(
  view: SheetView,
  labels: LabelIndex,
  header: { row: number; columns: Map<IndicatorColumn, number>; left: number; right: number },
  previousBottom: number,
  nextHeader: number,
): DeclarationForm | null {
  let { left, right } = header;
  let top = header.row;
  let title: string | null = null;
  let year: number | null = null;
  let project: string | null = null;
  let department: string | null = null;
  const funds: DeclarationFunds = { unit: '元', total: null, components: [] };
  let subprojectHeader: number | null = null;

  // Upwards, to the title: project, funds.
  const upperLimit = Math.max(previousBottom + 1, header.row - 120, view.firstRow);
  for (let row = header.row - 1; row >= upperLimit; row--) {
    const cells = labels.row(row);
    if (cells.length === 0) continue;
    const titleCell = labels.find(row, DECLARATION_TITLE);
    if (titleCell) {
      title = displayText(view.raw(row, titleCell.col));
      year = year ?? findYear(labels, row, row + 2);
      top = row;
      left = Math.min(left, titleCell.col);
      const merge = view.mergeAt(row, titleCell.col);
      if (merge) right = Math.max(right, merge.right);
      break;
    }
    if (labels.find(row, /自评表/)) break;
    for (const { col, label } of cells) {
      if (/^项目名称/.test(label)) {
        project = valueRightOf(view, row, col, label, /^项目名称/) ?? project;
        top = row;
        left = Math.min(left, col);
      } else if (/^主管部门/.test(label)) {
        department = valueRightOf(view, row, col, label, /^主管部门/);
      } else if (/^(项目资金|项目总预算|项目当年预算|子项目名称)/.test(label) && /[(（]万元[)）]/.test(label)) {
        funds.unit = '万元';
      }
      if (FUNDS_TOTAL.test(label) && !funds.total) {
        const cell = numberRightOf(view, row, col);
        if (cell) funds.total = { label, cell };
      } else if (FUNDS_COMPONENT.test(label)) {
        const cell = numberRightOf(view, row, col);
        if (cell) funds.components.unshift({ label, cell });
      } else if (SUBPROJECT_HEADER.test(label)) {
        subprojectHeader = row;
      }
    }
    if (year === null) year = findYear(labels, row, row);
  }
  // The 2019 layout lists 子项目 with their budgets under a header row: those are the components.
  if (subprojectHeader !== null && funds.components.length === 0) {
    for (let row = subprojectHeader + 1; row < header.row; row++) {
      const first = labels.row(row)[0];
      if (!first || first.label.length > 60) break;
      const cell = numberRightOf(view, row, first.col);
      if (!cell) break;
      funds.components.push({ label: first.label, cell });
    }
  }

  // Downwards: the indicators.
  const { columns } = header;
  const indicators: DeclarationIndicator[] = [];
  let bottom = header.row;
  let level1 = '';
  let level2 = '';
  let blankRun = 0;
  for (let row = header.row + 1; row < nextHeader && row <= view.lastRow; row++) {
    if (labels.find(row, ANY_TITLE) || labels.find(row, END_OF_TABLE)) break;
    const name = cellRead(view, row, columns.get('name')) as CellRead;
    const target = cellRead(view, row, columns.get('target'));
    const l1 = columns.has('level1') ? displayText(view.shown(row, columns.get('level1') as number)) : '';
    const l2 = columns.has('level2') ? displayText(view.shown(row, columns.get('level2') as number)) : '';
    if (l1 !== '' && l1 !== level1) {
      level1 = l1;
      level2 = '';
    }
    if (l2 !== '') level2 = l2;
    if (isBlank(name.value) && (!target || isBlank(target.value))) {
      if (l1 === '' && l2 === '' && ++blankRun >= 3) break;
      if (l1 !== '' || l2 !== '') bottom = row;
      continue;
    }
    blankRun = 0;
    indicators.push({ row, level1: stripWeightSuffix(level1), level2: stripWeightSuffix(level2), name, target });
    bottom = row;
  }
  if (indicators.length === 0) return null;
  const headerCell = (cellRead(view, header.row, columns.get('level1') ?? columns.get('name')) as CellRead);
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
  };
}

/** The amount right after a funds label, or null when the next value is another label (`其中：财政资金 | 其中：当年财政拨款 | 2,180,000`). */
function numberRightOf(view: SheetView, row: number, col: number): CellRead | null {
  const next = firstValueRightOf(view, row, col);
  return next && typeof readNumber(next.value) === 'number' ? next : null;
}

/** Every form of a sheet: 自评表 first (their rows are theirs), then 申报表 elsewhere. */
export function recogniseForms(grid: SheetGrid): { evaluations: SelfEvaluationForm[]; declarations: DeclarationForm[] } {
  const view = new SheetView(grid);
  const labels = new LabelIndex(view);
  const evaluations = recogniseEvaluations(view, labels);
  const taken = (row: number) => evaluations.some((form) => form.range.top <= row && row <= form.range.bottom);
  return { evaluations, declarations: recogniseDeclarations(view, labels, taken) };
}
