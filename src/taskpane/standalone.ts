import type { ReportTable } from '../core/reports/reports';
import { BUILT_IN_PROFILES } from '../core/rules/profiles';
import type { PaneState } from './controller';
import { DeskController, type DeskChange, type DeskEntry, type DeskState, type Download } from './desk-controller';
import { deskSummary } from './desk-summary';
import type { Preferences } from './preferences';
import { mountPane } from './view';
import { browserDeskStore } from './desk-store';
import { pageWorkers } from '../hosts/file/worker-host';

/**
 * How often the desk is drawn at most while files are being read (the progress line more often). Each drawing lays
 * the whole table out again (an automatic table measures every cell): with 50 files (some 170 rows) every 250 ms,
 * that alone kept the page's main thread busy a third of the batch on a 2-core machine, and the worker waited for it.
 */
const DRAW_INTERVAL_MS = 1000;
const PROGRESS_INTERVAL_MS = 100;

const ACCEPT =
  '.xlsx,.xlsm,.xls,.et,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,' +
  'application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';

/**
 * The page opened in a plain browser: a reviewer's desk for the workbooks received (.xlsx, .xlsm, .xls,
 * .et, .ods), without Office or WPS. Files are read in the page and never leave it. One table sums up
 * every form of every file; one 评分规则 judges them all; one click marks every file and downloads the
 * copies with the 汇总表, the 复核底稿 and the 问题清单 as a .zip.
 */
export function startStandalone(root: HTMLElement, preferences: Preferences): void {
  const desk = new Desk(root, preferences);
  desk.mount();
}

/** The desk's page: draws the `DeskController`'s state and passes the reviewer's clicks and files to it. */
class Desk {
  private readonly desk: DeskController;
  private readonly parts = deskParts();
  private readonly summary: ReturnType<typeof deskSummary>;
  /** The file whose pane is mounted below the desk, and how to draw it again. */
  private shown: DeskEntry | null = null;
  private renderPane: (state: PaneState) => void = () => undefined;

  constructor(
    private readonly root: HTMLElement,
    preferences: Preferences,
  ) {
    const openHost = async (...args: Parameters<typeof import('./open-in-page').openInPage>) =>
      (await import(/* webpackChunkName: "standalone-xlsx" */ './open-in-page')).openInPage(...args);
    // One file more in hand than the page has workers (worker-host.ts): the next is read and sent while they check.
    const inHand = pageWorkers() + 1;
    // The desk and the reviewer's decisions outlive a reload: the browser keeps them (IndexedDB, this origin only).
    const store = browserDeskStore();
    this.desk = new DeskController(
      openHost,
      preferences,
      (state, change) => this.draw(state, change),
      today,
      inHand,
      store,
    );
    this.summary = deskSummary({
      open: (entry) => this.show(entry),
      close: (entry) => this.close(entry),
    });
  }

  mount(): void {
    const { input, drop, profile, markAll, exportCsv, print, download, closeCurrent, closeAll } = this.parts;
    // The page says what matters once (the desk's notice); the whole page is no live region.
    this.root.removeAttribute('aria-live');
    this.parts.backToDesk.addEventListener('click', () => this.backToDesk());
    this.parts.previousFile.addEventListener('click', () => this.step(-1));
    this.parts.nextFile.addEventListener('click', () => this.step(1));
    input.addEventListener('change', () => {
      if (input.files) void this.desk.open(Array.prototype.slice.call(input.files) as File[]);
      input.value = '';
    });
    wireDropZone(drop, input, (files) => void this.desk.open(files));
    profile.value = this.desk.state.profileId;
    profile.addEventListener('change', () => void this.desk.changeProfile(profile.value));
    markAll.addEventListener('click', () => void this.desk.markAll().then(downloadFile));
    this.parts.fitWidth.checked = this.desk.fitWidth;
    this.parts.fitWidth.addEventListener('change', () => this.desk.setFitWidth(this.parts.fitWidth.checked));
    exportCsv.addEventListener('click', () => downloadFile(this.desk.findingsCsv()));
    print.addEventListener('click', () => window.print());
    // Ctrl+P as much as the button: the list is made just before the browser lays out the pages.
    window.addEventListener('beforeprint', () =>
      this.parts.printed.replaceChildren(printedTable(this.desk.findingsTable(), this.desk.state.entries.length)),
    );
    download.addEventListener('click', () => void this.desk.currentCopy().then(downloadFile));
    closeAll.addEventListener('click', () => {
      if (window.confirm(this.desk.closeAllQuestion())) void this.desk.closeAll();
    });
    closeCurrent.addEventListener('click', () => {
      const current = this.desk.state.current;
      if (current) this.close(current);
    });
    // Marks and fills live only in the page until downloaded (decisions too where the browser keeps nothing).
    window.addEventListener('beforeunload', (event) => {
      if (!this.desk.unsaved) return;
      event.preventDefault();
      event.returnValue = '';
    });
    // With dozens of files the desk is many Tab presses long: the first stop jumps to the open file's findings.
    const skip = create('a', {
      href: '#detail-title',
      id: 'skip-to-detail',
      className: 'skip-link',
      textContent: '跳到当前文件的问题',
      hidden: true,
    });
    skip.addEventListener('click', (event) => {
      event.preventDefault();
      this.parts.detailTitle.focus();
    });
    this.root.replaceChildren(skip, this.parts.frame, this.summary.element, this.parts.printed, this.parts.detail);
    this.draw(this.desk.state, { kind: 'desk' });
    void this.desk.restore();
    // The workers start while the reviewer picks files (the module is the one that opens them anyway).
    void import(/* webpackChunkName: "standalone-xlsx" */ './open-in-page')
      .then((m) => m.prepareWorkers())
      .catch(() => undefined);
  }

  /** From a row's 查看: the file's findings below the desk, scrolled into view with the focus on its title. */
  private show(entry: DeskEntry): void {
    this.desk.show(entry);
    this.parts.detailTitle.focus();
    if (this.parts.detail.scrollIntoView) this.parts.detail.scrollIntoView();
  }

  /** 返回汇总表: the summary table in view, the shown file's row focused (its 查看 button). */
  private backToDesk(): void {
    const element = this.summary.element;
    if (element.scrollIntoView) element.scrollIntoView();
    const row = element.querySelector<HTMLElement>('tr.current button, tr[aria-current] button');
    (row ?? element.querySelector<HTMLElement>('button') ?? element).focus();
  }

  /** 上一个文件 / 下一个文件 (and F8 past a file's last finding, with `firstFinding`). */
  private step(step: 1 | -1, firstFinding = false): boolean {
    const next = this.desk.neighbour(step, firstFinding);
    if (!next || next === this.desk.state.current) return false;
    this.show(next);
    // F8 goes on at the first finding of the next file (Shift+F8 at the last of the previous one).
    if (firstFinding) this.parts.pane.querySelector<HTMLElement>(step > 0 ? '#finding-next' : '#finding-prev')?.click();
    return true;
  }

  /** Closing a file asks first. */
  private close(entry: DeskEntry): void {
    if (window.confirm(this.desk.closeQuestion(entry))) void this.desk.close(entry);
  }

  private paneChanged = false;
  /**
   * The desk and the progress line are drawn at once when idle; while a batch is read, at most every
   * DRAW_INTERVAL_MS and PROGRESS_INTERVAL_MS (each drawing lays the page out again: drawn on every change of every
   * file, 50 files kept the page busy).
   */
  private readonly drawSoon = throttled(
    () => this.drawNow(),
    DRAW_INTERVAL_MS,
    () => this.busy(),
  );
  private readonly drawProgressSoon = throttled(
    () => this.drawProgress(this.desk.state),
    PROGRESS_INTERVAL_MS,
    () => this.busy(),
  );

  private busy(): boolean {
    return this.desk.state.progress !== null;
  }

  private draw(state: DeskState, change: DeskChange): void {
    this.drawProgressSoon();
    if (change.kind === 'progress') return;
    if (change.kind === 'pane' && change.entry === state.current) this.paneChanged = true;
    this.drawSoon();
  }

  private drawNow(): void {
    const state = this.desk.state;
    const paneChanged = this.paneChanged;
    this.paneChanged = false;
    if (state.current !== this.shown) this.mountCurrent(state.current);
    else if (paneChanged && state.current?.controller) this.renderPane(state.current.controller.state);
    this.summary.render(state.entries, state.current);
    const { detail, detailTitle, markAll, exportCsv, print } = this.parts;
    // The skip link leads somewhere only while a file is open below the desk.
    const skip = this.root.querySelector('#skip-to-detail') as HTMLElement | null;
    if (skip) skip.hidden = !state.current;
    detail.hidden = !state.current;
    detailTitle.textContent = state.current
      ? `文件：${state.current.name}${state.current.dirty ? '（有未下载的改动）' : ''}`
      : '';
    const { closeAll, fitWidthLabel } = this.parts;
    for (const button of [markAll, exportCsv, print, closeAll, fitWidthLabel])
      button.hidden = state.entries.length === 0;
    const others = state.entries.filter((entry) => entry.controller && entry !== state.current).length;
    this.parts.previousFile.hidden = this.parts.nextFile.hidden = others === 0;
  }

  /** Reading, checking and marking say how far they are; the notice says what the last action has to tell. */
  private drawProgress(state: DeskState): void {
    const { reading, readingText, readingBar, notice } = this.parts;
    reading.hidden = state.progress === null;
    if (state.progress) {
      readingText.textContent = `「${state.progress.name}」：${state.progress.label}`;
      readingBar.value = state.progress.fraction;
    }
    notice.textContent = state.notice;
  }

  private mountCurrent(entry: DeskEntry | null): void {
    this.shown = entry;
    if (!entry?.controller) {
      this.parts.pane.replaceChildren();
      this.renderPane = () => undefined;
      return;
    }
    this.renderPane = mountPane(this.parts.pane, entry.controller, {
      header: false,
      profile: false,
      checkActive: false,
      beyondLast: (step) => this.step(step, true),
    });
    this.renderPane(entry.controller.state);
  }
}

/**
 * `run` at once while `busy()` is false; while it is true, at most every `ms`, the last call always run in the end.
 */
function throttled(run: () => void, ms: number, busy: () => boolean): () => void {
  let ranAt = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const now = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    ranAt = Date.now();
    run();
  };
  return () => {
    const wait = busy() ? ranAt + ms - Date.now() : 0;
    if (wait <= 0) now();
    else pending ??= setTimeout(now, wait);
  };
}

/** An element of the page with its properties set, e.g. `create('input', { type: 'file' })`. */
function create<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  Object.assign(element, props);
  element.append(...children);
  return element;
}

function pageButton(id: string, label: string, className = ''): HTMLButtonElement {
  return create('button', { type: 'button', id, className }, label);
}

/** What is done to every file at once: mark all and download, export, print, close all. */
function deskTools() {
  const markAll = pageButton('mark-all', '全部标记并下载（.zip）', 'primary');
  const exportCsv = pageButton('export-findings', '导出问题清单（CSV）');
  const print = pageButton('print', '打印汇总');
  const closeAll = pageButton('close-all', '全部关闭');
  // Asked for, not done unasked: it changes the copies' print setup (清除标记 gives it back).
  const fitWidth = create('input', { type: 'checkbox', id: 'fit-width' });
  const fitWidthLabel = create(
    'label',
    { htmlFor: 'fit-width', className: 'check' },
    fitWidth,
    '副本中每张表按一页宽打印',
  );
  const tools = create(
    'div',
    { id: 'desk-tools', className: 'actions' },
    markAll,
    fitWidthLabel,
    exportCsv,
    print,
    closeAll,
  );
  tools.setAttribute('role', 'group');
  tools.setAttribute('aria-label', '全部文件');
  return { tools, markAll, exportCsv, print, closeAll, fitWidth, fitWidthLabel };
}

/** The desk's top: choosing files, the session's 评分规则, the actions on every file, progress and notices. */
function deskFrame() {
  const input = create('input', {
    type: 'file',
    accept: ACCEPT,
    multiple: true,
    id: 'file-input',
    className: 'visually-hidden',
  });
  // The drop zone is the one keyboard stop for choosing files (Enter or Space opens the picker).
  input.tabIndex = -1;
  const dropText = '选择或拖入工作簿（.xlsx、.xls、.et、.ods，可多选）。文件只在本页面中读取，不会上传。';
  const drop = create('label', { htmlFor: 'file-input', id: 'drop-zone', tabIndex: 0 }, dropText);
  const readingText = create('span');
  const readingBar = create('progress', { max: 1 });
  readingBar.setAttribute('aria-label', '进度');
  // Shown, not read out file by file: the notice sums the batch up once it is done.
  const reading = create('div', { id: 'file-progress', hidden: true }, readingText, readingBar);
  const notice = create('div', { id: 'file-notice' });
  notice.setAttribute('role', 'alert');
  const options = Object.values(BUILT_IN_PROFILES).map((p) => create('option', { value: p.id }, p.name));
  const profile = create('select', { id: 'desk-profile' }, ...options);
  const { tools, markAll, exportCsv, print, closeAll, fitWidth, fitWidthLabel } = deskTools();
  const profileLabel = create('label', { htmlFor: 'desk-profile' }, '评分规则（所有文件）');
  const profileField = create('div', { className: 'field' }, profileLabel, profile);
  const heading = create('h1', {}, '绩效自评助手');
  const subtitle = create('p', { className: 'host' }, `独立网页版：检查收到的自评表工作簿 · ${today()}`);
  const frame = create('div', { id: 'desk' }, heading, subtitle, input, drop, profileField, tools, reading, notice);
  const printed = create('section', { id: 'printed-findings', className: 'print-only' });
  return {
    frame,
    input,
    drop,
    reading,
    readingText,
    readingBar,
    notice,
    profile,
    markAll,
    exportCsv,
    print,
    closeAll,
    fitWidth,
    fitWidthLabel,
    printed,
  };
}

const SIGNATURE_LINE = '审核人：____________　　复核人：____________　　日期：____________';

/** A report table as printed HTML: its header row repeats on every page (a table header group). */
function printedTable(table: ReportTable, fileCount: number): HTMLElement {
  const head = create('thead', {}, create('tr', {}, ...table.columns.map((column) => create('th', {}, column))));
  const rows = table.rows.map((row) =>
    create(
      'tr',
      {},
      ...row.map((cell) => create('td', {}, cell === null ? '' : typeof cell === 'object' ? cell.text : String(cell))),
    ),
  );
  const body = rows.length > 0 ? rows : [create('tr', {}, create('td', { colSpan: table.columns.length }, '没有问题'))];
  const heading = create('h2', {}, `问题清单（${fileCount} 个文件，共 ${table.rows.length} 项）`);
  // Where the reviewers sign the printout, as on 汇总表.xlsx.
  const signature = create('p', { className: 'signature' }, SIGNATURE_LINE);
  return create(
    'div',
    {},
    heading,
    create('table', { className: 'printed-table' }, head, create('tbody', {}, ...body)),
    signature,
  );
}

/** The open file: its name, download and close, and its pane. */
function deskDetail() {
  const detailTitle = create('h2', { id: 'detail-title', tabIndex: -1 });
  const download = pageButton('download', '下载副本（含标记与填写）');
  const closeCurrent = pageButton('close-file', '关闭此文件');
  // Working through a batch: back to the summary, or on to the file before or after without scrolling up.
  const backToDesk = pageButton('back-to-desk', '返回汇总表');
  const previousFile = pageButton('previous-file', '上一个文件');
  const nextFile = pageButton('next-file', '下一个文件');
  const detailTools = create(
    'div',
    { className: 'actions detail-tools' },
    backToDesk,
    previousFile,
    nextFile,
    download,
    closeCurrent,
  );
  const pane = create('div', { id: 'pane' });
  const detail = create('section', { id: 'detail', hidden: true }, detailTitle, detailTools, pane);
  detail.setAttribute('aria-labelledby', 'detail-title');
  return { detail, detailTitle, download, closeCurrent, pane, backToDesk, previousFile, nextFile };
}

function deskParts() {
  return { ...deskFrame(), ...deskDetail() };
}

function wireDropZone(drop: HTMLElement, input: HTMLInputElement, open: (files: File[]) => void): void {
  drop.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    input.click();
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer?.files) open(Array.prototype.slice.call(event.dataTransfer.files) as File[]);
  });
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function downloadFile(file: Download | null): void {
  if (file) downloadBytes(file.bytes, file.name, file.type);
}

function downloadBytes(bytes: Uint8Array, name: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
