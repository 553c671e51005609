import {
  emptySummaryRow,
  SUMMARY_COLUMNS,
  summaryRows,
  type ReportCell,
  type SummaryKey,
  type SummaryRow,
} from '../core/reports/reports';
import { formatNumber } from '../core/sheet/text';
import type { DeskEntry } from './desk-controller';

export type { DeskEntry };

/** The desk's columns, by key, from the 汇总表 the downloads contain: the page shows the same rows. */
const SHOWN: readonly SummaryKey[] = [
  'file',
  'sheet',
  'project',
  'kind',
  'declaredTotal',
  'computedTotal',
  'declaredGrade',
  'computedGrade',
  'errors',
  'warnings',
  'infos',
  'status',
  'verdict',
];
const NUMERIC = new Set<SummaryKey>(['declaredTotal', 'computedTotal', 'errors', 'warnings', 'infos']);
/** Each column's title, as the 汇总表 prints it. */
const TITLE = Object.fromEntries(SUMMARY_COLUMNS.map((column) => [column.key, column.title])) as Record<
  SummaryKey,
  string
>;
const STATUSES = ['全部', '需修改', '需核对', '未识别', '通过', '无法读取', '已退回', '未下结论'];
/** Filters by the reviewer's 审核结论 rather than by the engine's status. */
const VERDICT_FILTERS: Record<string, (verdict: string, state: string) => boolean> = {
  已退回: (verdict) => verdict === '退回',
  未下结论: (verdict, state) => verdict === '' && !state.startsWith('无法读取') && !state.startsWith('未识别'),
};

interface Row {
  entry: DeskEntry;
  /** The form's 汇总表 row, every column. */
  cells: SummaryRow;
  /** Every text of the form's 汇总表 row, shown or not (主管部门, 实施单位, 年度…): what the filter searches. */
  search: string;
}

/**
 * The table across every open file: a row per form (and per unreadable file), sortable by any column,
 * filtered by text and status; a row's file opens its detail, or closes.
 */
export function deskSummary(actions: { open(entry: DeskEntry): void; close(entry: DeskEntry): void }) {
  const element = document.createElement('section');
  element.id = 'desk-summary';
  element.setAttribute('aria-label', '全部文件汇总');
  const { filters, filterText, filterStatus } = filterControls();
  const totals = Object.assign(document.createElement('p'), { id: 'desk-totals' });
  const table = document.createElement('table');
  table.className = 'desk-table';
  const scroll = document.createElement('div');
  scroll.className = 'desk-scroll';
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', '汇总表，可横向滚动');
  scroll.append(table);
  element.append(filters, totals, scroll);
  const head = document.createElement('thead');
  const body = document.createElement('tbody');
  table.append(head, body);
  let headKey: string | null = null;
  let sort: { column: SummaryKey; descending: boolean } | null = null;
  let last: { entries: readonly DeskEntry[]; current: DeskEntry | null } = { entries: [], current: null };
  const render = (entries: readonly DeskEntry[], current: DeskEntry | null) => {
    last = { entries, current };
    element.hidden = entries.length === 0;
    const rows = rowsOf(entries);
    totals.textContent = totalsText(entries, rows);
    const shown = sorted(filtered(rows, filterText.value, filterStatus.value), sort);
    const onSort = (column: SummaryKey) => {
      sort = sort?.column === column ? { column, descending: !sort.descending } : { column, descending: false };
      render(last.entries, last.current);
    };
    const drawn = shown.slice(0, limit).map((row) => rowElement(row, row.entry === current, actions));
    // A header group and a body: the header row is printed again on every page of 打印汇总.
    const sortKey = sort ? `${sort.column}\u0000${sort.descending}` : '';
    if (sortKey !== headKey) {
      headKey = sortKey;
      head.replaceChildren(headerRow(sort, onSort));
    }
    // The desk is drawn on every change of every file: rows that did not change are the same elements, and they
    // stay where they are (rebuilding 100 rows per tick kept the page busy laying out).
    keepOnly(body, drawn);
    more.hidden = shown.length <= limit;
    more.textContent = more.hidden
      ? ''
      : `再显示 ${Math.min(PAGE_ROWS, shown.length - limit)} 行（共 ${shown.length} 行）`;
  };
  let limit = PAGE_ROWS;
  const more = Object.assign(document.createElement('button'), {
    type: 'button',
    id: 'desk-more',
    className: 'more',
    hidden: true,
  });
  more.addEventListener('click', () => {
    limit += PAGE_ROWS;
    render(last.entries, last.current);
  });
  element.append(more);
  filterText.addEventListener('input', () => render(last.entries, last.current));
  filterStatus.addEventListener('change', () => render(last.entries, last.current));
  return { element, render };
}

/** Each entry's rows, built again only when its results change (the desk re-renders on every progress tick). */
interface CachedRows {
  results: unknown;
  error: string | null;
  busy: string | null;
  decisions: unknown;
  rows: Row[];
}
const rowCache = new WeakMap<DeskEntry, CachedRows>();

/** Text and status filters above the table. */
function filterControls(): { filters: HTMLElement; filterText: HTMLInputElement; filterStatus: HTMLSelectElement } {
  const filterText = Object.assign(document.createElement('input'), {
    type: 'search',
    id: 'desk-filter',
    placeholder: '按文件、项目、主管部门、实施单位等筛选',
  });
  const filterStatus = document.createElement('select');
  filterStatus.id = 'desk-status';
  for (const status of STATUSES) {
    filterStatus.append(Object.assign(document.createElement('option'), { value: status, textContent: status }));
  }
  const label = (text: string, control: HTMLElement) =>
    Object.assign(document.createElement('label'), { htmlFor: control.id, textContent: text });
  const filters = document.createElement('div');
  filters.className = 'desk-filters';
  filters.append(label('筛选', filterText), filterText, label('状态', filterStatus), filterStatus);
  return { filters, filterText, filterStatus };
}

function rowsOf(entries: readonly DeskEntry[]): Row[] {
  const rows: Row[] = [];
  for (const entry of entries) {
    const cached = rowCache.get(entry);
    const current = entry.controller?.state.results ?? null;
    const busy = entry.controller?.state.busy ?? null;
    const decisions = entry.controller?.state.decisions ?? null;
    if (
      cached &&
      cached.results === current &&
      cached.error === entry.error &&
      cached.busy === busy &&
      cached.decisions === decisions
    ) {
      rows.push(...cached.rows);
      continue;
    }
    const own = entryRows(entry);
    rowCache.set(entry, { results: current, error: entry.error, busy, decisions, rows: own });
    rows.push(...own);
  }
  return rows;
}

function entryRows(entry: DeskEntry): Row[] {
  const rows: Row[] = [];
  {
    const results = entry.controller?.state.results ?? [];
    const decisions = entry.controller?.state.decisions ?? null;
    const records = summaryRows([{ path: entry.name, copy: null, error: entry.error, results, decisions }]);
    if (records.length === 0) records.push(fileOnlyRow(entry.name, pendingStatus(entry) ?? '未识别到自评表'));
    for (const cells of records)
      rows.push({ entry, cells, search: SUMMARY_COLUMNS.map((column) => cellText(cells[column.key])).join('\n') });
  }
  return rows;
}

/** What a file not yet checked is doing (its worker's own progress line), or null once it is checked or failed. */
function pendingStatus(entry: DeskEntry): string | null {
  if (entry.error) return null;
  if (!entry.controller) return '正在读取…';
  if (entry.controller.state.results !== null) return null;
  return entry.controller.state.busy ?? '正在检查…';
}

/** Rows drawn at first: a file of thousands of forms must not build thousands of rows at once. */
const PAGE_ROWS = 200;

/** A row for a file with no form in it: its name and what became of it. */
function fileOnlyRow(name: string, status: string): SummaryRow {
  return { ...emptySummaryRow(), file: name, status };
}

function totalsText(entries: readonly DeskEntry[], rows: readonly Row[]): string {
  const sum = (key: SummaryKey) =>
    rows.reduce((total, row) => total + (typeof row.cells[key] === 'number' ? (row.cells[key] as number) : 0), 0);
  const forms = rows.filter((row) => typeof row.cells.errors === 'number').length;
  const unreadable = entries.filter((entry) => entry.error).length;
  // While a file is still read or checked its forms are not counted yet: the line says so instead of "0 张表".
  const pending = entries.filter((entry) => pendingStatus(entry) !== null).length;
  const waiting = pending ? `（另有 ${pending} 个文件正在读取或检查，完成后计入）` : '';
  return `共 ${entries.length} 个文件、${forms} 张表${unreadable ? `（${unreadable} 个文件无法读取）` : ''}${waiting}：错误 ${sum('errors')} 项，警告 ${sum('warnings')} 项，提示 ${sum('infos')} 项。`;
}

function filtered(rows: Row[], text: string, status: string): Row[] {
  const wanted = text.trim();
  return rows.filter((row) => {
    const state = String(row.cells.status ?? '');
    const verdict = String(row.cells.verdict ?? '');
    const byVerdict = VERDICT_FILTERS[status];
    if (byVerdict ? !byVerdict(verdict, state) : status !== '全部' && !state.startsWith(status)) return false;
    return !wanted || row.search.indexOf(wanted) >= 0;
  });
}

function sorted(rows: Row[], sort: { column: SummaryKey; descending: boolean } | null): Row[] {
  if (!sort) return rows;
  const numeric = NUMERIC.has(sort.column);
  const key = (row: Row) => row.cells[sort.column];
  const compare = (a: Row, b: Row) => {
    const x = key(a);
    const y = key(b);
    if (numeric) return (typeof x === 'number' ? x : -Infinity) - (typeof y === 'number' ? y : -Infinity);
    return cellText(x).localeCompare(cellText(y), 'zh-CN');
  };
  return rows.slice().sort((a, b) => (sort.descending ? -compare(a, b) : compare(a, b)));
}

function headerRow(
  sort: { column: SummaryKey; descending: boolean } | null,
  onSort: (column: SummaryKey) => void,
): HTMLElement {
  const head = document.createElement('tr');
  for (const column of SHOWN) {
    const th = document.createElement('th');
    th.scope = 'col';
    const active = sort?.column === column;
    th.setAttribute('aria-sort', active ? (sort!.descending ? 'descending' : 'ascending') : 'none');
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'sort',
      textContent: `${TITLE[column]}${active ? (sort!.descending ? ' ▼' : ' ▲') : ''}`,
    });
    button.dataset.column = TITLE[column];
    button.addEventListener('click', () => onSort(column));
    th.append(button);
    head.append(th);
  }
  const actions = document.createElement('th');
  actions.scope = 'col';
  actions.textContent = '操作';
  actions.className = 'no-print';
  head.append(actions);
  return head;
}

/**
 * Makes `parent`'s children `wanted`, in order, touching only what changed: a row taken out or put in, not every
 * row moved (a table lays out again only the rows it did not already have, and the ones that moved).
 */
function keepOnly(parent: HTMLElement, wanted: readonly HTMLElement[]): void {
  const keep = new Set<Element>(wanted);
  for (const child of Array.from(parent.children)) if (!keep.has(child)) parent.removeChild(child);
  wanted.forEach((element, i) => {
    const there = parent.children[i];
    if (there !== element) parent.insertBefore(element, there ?? null);
  });
}

/** A row's element, made again only when the row or whether its file is the one shown changed. */
const rowElements = new WeakMap<Row, { current: boolean; tr: HTMLElement }>();

function rowElement(
  row: Row,
  current: boolean,
  actions: { open(entry: DeskEntry): void; close(entry: DeskEntry): void },
): HTMLElement {
  const made = rowElements.get(row);
  if (made && made.current === current) return made.tr;
  const tr = bodyRow(row, current, actions);
  rowElements.set(row, { current, tr });
  return tr;
}

function bodyRow(
  row: Row,
  current: boolean,
  actions: { open(entry: DeskEntry): void; close(entry: DeskEntry): void },
): HTMLElement {
  const tr = document.createElement('tr');
  if (current) {
    tr.className = 'current';
    tr.setAttribute('aria-current', 'true');
  }
  const status = String(row.cells.status ?? '');
  tr.dataset.status = status.startsWith('无法读取')
    ? 'unreadable'
    : status.startsWith('未识别')
      ? 'unrecognised'
      : status === '需修改'
        ? 'fix'
        : status === '需核对'
          ? 'check'
          : status === '通过'
            ? 'pass'
            : 'other';
  for (const key of SHOWN) {
    const cell = row.cells[key];
    const td = document.createElement('td');
    td.textContent = typeof cell === 'number' ? formatNumber(cell) : cellText(cell);
    // The column's name, shown before the value where the desk becomes cards (narrow screens).
    td.setAttribute('data-label', TITLE[key]);
    if (NUMERIC.has(key)) td.className = 'number';
    tr.append(td);
  }
  const td = document.createElement('td');
  td.className = 'no-print';
  if (row.entry.controller) {
    const open = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'small',
      textContent: '查看',
    });
    open.setAttribute('aria-label', `查看「${row.entry.name}」`);
    open.addEventListener('click', () => actions.open(row.entry));
    td.append(open);
  }
  const close = Object.assign(document.createElement('button'), {
    type: 'button',
    className: 'small',
    textContent: '关闭文件',
  });
  close.setAttribute('aria-label', `关闭文件「${row.entry.name}」`);
  close.addEventListener('click', () => actions.close(row.entry));
  td.append(close);
  tr.append(td);
  return tr;
}

function cellText(cell: ReportCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'object' ? cell.text : String(cell);
}
