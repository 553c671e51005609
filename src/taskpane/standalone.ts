import { strToU8, zipSync } from 'fflate';
import {
  findingsCsv,
  findingsTable,
  reviewTable,
  ruleCountTable,
  summaryTable,
  type ReportFile,
  type ReportTable,
} from '../core/reports';
import { BUILT_IN_PROFILES, builtInProfile, DEFAULT_PROFILE_ID } from '../core/profiles';
import { HostError, type SpreadsheetHost } from '../hosts/host';
import { reportWorkbook } from '../hosts/file/report-workbook';
import { NEW_FORM_ACTIONS, TaskpaneController, type PaneState } from './controller';
import { deskSummary, type DeskEntry } from './desk-summary';
import { PROFILE_KEY, type Preferences } from './preferences';
import { mountPane } from './view';

type PageHost = SpreadsheetHost & { toBuffer(): Promise<Uint8Array> };

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

class Desk {
  private readonly entries: DeskEntry[] = [];
  private current: DeskEntry | null = null;
  private profileId: string;
  private readonly parts = deskParts();
  private readonly summary: ReturnType<typeof deskSummary>;

  constructor(
    private readonly root: HTMLElement,
    private readonly preferences: Preferences,
  ) {
    const saved = preferences.get(PROFILE_KEY);
    this.profileId = saved && BUILT_IN_PROFILES[saved] ? saved : DEFAULT_PROFILE_ID;
    this.summary = deskSummary({
      open: (entry) => this.show(entry, true),
      close: (entry) => this.close(entry),
    });
  }

  mount(): void {
    const { input, drop, profile, markAll, exportCsv, print, download, closeCurrent } = this.parts;
    input.addEventListener('change', () => {
      if (input.files) void this.open(Array.prototype.slice.call(input.files) as File[]);
      input.value = '';
    });
    wireDropZone(drop, input, (files) => void this.open(files));
    profile.value = this.profileId;
    profile.addEventListener('change', () => void this.changeProfile(profile.value));
    markAll.addEventListener('click', () => void this.markAllAndDownload());
    exportCsv.addEventListener('click', () => this.exportFindings());
    print.addEventListener('click', () => window.print());
    // Ctrl+P as much as the button: the list is made just before the browser lays out the pages.
    window.addEventListener('beforeprint', () => this.preparePrint());
    download.addEventListener('click', () => void this.saveCurrent());
    closeCurrent.addEventListener('click', () => this.current && this.close(this.current));
    // Marks and fills live only in the page until downloaded: leaving would lose them.
    window.addEventListener('beforeunload', (event) => {
      if (!this.entries.some((entry) => entry.dirty)) return;
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
    this.refresh();
  }

  /** Reads each file once: a file dropped again (same name, size and date) is the one already open. */
  private async open(list: File[]): Promise<void> {
    const notices: string[] = [];
    const { openInPage } = await import(/* webpackChunkName: "standalone-xlsx" */ './open-in-page');
    for (const file of list) {
      const key = `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
      const known = this.entries.find((entry) => entry.key === key);
      if (known) {
        notices.push(`「${file.name}」已经打开，未重复添加。`);
        if (known.controller) this.show(known);
        continue;
      }
      const entry: DeskEntry = { key, name: file.name, host: null, controller: null, error: null, dirty: false };
      this.entries.push(entry);
      try {
        this.progress(file.name, 0.05, '正在读取…');
        const bytes = new Uint8Array(await file.arrayBuffer());
        const host = trackWrites(
          await openInPage(bytes, file.name, (f, label) => this.progress(file.name, f, label)),
          entry,
        );
        entry.host = host;
        entry.controller = new TaskpaneController(host, this.preferences, () => this.refresh());
        entry.controller.setProfile(this.profileId);
        await entry.controller.check('all');
        // A file whose check failed (its worker stopped: over time, or broken) is a file the desk could not read.
        const { results, message } = entry.controller.state;
        if (results === null && message?.kind === 'error') throw new HostError(message.text);
        if (!this.current) this.show(entry);
      } catch (error) {
        entry.host = entry.controller = null;
        entry.error = error instanceof HostError ? error.message : '无法读取';
        notices.push(`文件「${file.name}」：${entry.error}`);
      }
      this.refresh();
    }
    this.parts.reading.hidden = true;
    this.parts.notice.textContent = notices.join('\n');
  }

  /** One 评分规则 for the session: every file is checked again with it, and the page says how far it is. */
  private async changeProfile(id: string): Promise<void> {
    if (!BUILT_IN_PROFILES[id]) return;
    this.profileId = id;
    this.preferences.set(PROFILE_KEY, id);
    const open = this.entries.filter((entry) => entry.controller);
    for (const [i, entry] of open.entries()) {
      this.progress(
        entry.name,
        (i + 1) / (open.length + 1),
        `正在按“${builtInProfile(id)?.name ?? id}”重新检查（${i + 1}/${open.length}）…`,
      );
      entry.controller!.setProfile(id);
      await entry.controller!.check(entry.controller!.state.scope ?? 'all');
    }
    this.parts.reading.hidden = true;
    this.refresh();
  }

  /** The file's findings below the desk; from 查看, scrolled into view with the focus on its title. */
  private show(entry: DeskEntry, focus = false): void {
    if (!entry.controller) return;
    this.current = entry;
    const controller = entry.controller;
    let render: (state: PaneState) => void = () => undefined;
    // The controller outlives re-renders; its changes go to whichever pane shows it now.
    controller.listen((state) => {
      if (this.current === entry) render(state);
      this.refresh();
    });
    render = mountPane(this.parts.pane, controller, { header: false, profile: false, checkActive: false });
    render(controller.state);
    this.refresh();
    if (focus) {
      this.parts.detailTitle.focus();
      if (this.parts.detail.scrollIntoView) this.parts.detail.scrollIntoView();
    }
  }

  /** Closing a file asks first, naming it (a row's 关闭 closes its whole file, with all its forms). */
  private close(entry: DeskEntry): void {
    const question = entry.dirty
      ? `「${entry.name}」有未下载的标记或填写，关闭后将丢失。确定关闭这个文件吗？`
      : `关闭文件「${entry.name}」？它的全部表格将从汇总表中移除（可重新选择该文件再检查）。`;
    if (!window.confirm(question)) return;
    this.entries.splice(this.entries.indexOf(entry), 1);
    if (this.current === entry) {
      this.current = null;
      this.parts.pane.replaceChildren();
      const next = this.entries.find((e) => e.controller);
      if (next) this.show(next);
    }
    this.refresh();
  }

  /** Marks every readable file, then one .zip: the annotated copies, 汇总表, 复核底稿 and 问题清单. */
  private async markAllAndDownload(): Promise<void> {
    const readable = this.entries.filter((entry) => entry.controller && entry.host);
    if (readable.length === 0) {
      this.parts.notice.textContent = '请先选择要检查的工作簿。';
      return;
    }
    const files: Record<string, Uint8Array> = {};
    const report: ReportFile[] = [];
    const taken = new Set<string>();
    for (const [i, entry] of readable.entries()) {
      this.progress(entry.name, (i + 1) / (readable.length + 2), `正在标记（${i + 1}/${readable.length}）…`);
      await entry.controller!.mark();
      const copy = uniqueName(copyName(entry.name), taken);
      files[copy] = await entry.host!.toBuffer();
      entry.dirty = false;
      report.push({ path: entry.name, copy, error: null, results: entry.controller!.state.results ?? [] });
    }
    for (const entry of this.entries)
      if (entry.error) report.push({ path: entry.name, copy: null, error: entry.error, results: [] });
    this.progress('汇总', (readable.length + 1) / (readable.length + 2), '正在生成汇总表与复核底稿…');
    const profile = builtInProfile(this.profileId) ?? BUILT_IN_PROFILES[DEFAULT_PROFILE_ID];
    const heading = { date: today(), profile: profile.name };
    files['汇总表.xlsx'] = reportWorkbook([summaryTable(report), ruleCountTable(report)], heading);
    files['复核底稿.xlsx'] = reportWorkbook([reviewTable(report, profile)], heading);
    files['问题清单.csv'] = strToU8(findingsCsv(report));
    downloadBytes(zipSync(files), `审核结果-${today()}.zip`, 'application/zip');
    this.parts.reading.hidden = true;
    this.parts.notice.textContent = `已标记 ${readable.length} 个文件并下载：带标记的副本、汇总表、复核底稿和问题清单。`;
    this.refresh();
  }

  private findingsReport(): Array<Pick<ReportFile, 'path' | 'error' | 'results'>> {
    return this.entries.map((entry) => ({
      path: entry.name,
      error: entry.error,
      results: entry.controller?.state.results ?? [],
    }));
  }

  private exportFindings(): void {
    downloadBytes(strToU8(findingsCsv(this.findingsReport())), `问题清单-${today()}.csv`, 'text/csv');
  }

  /** What the page prints below the desk: every file's findings (not only the open file's), headers on each page. */
  private preparePrint(): void {
    this.parts.printed.replaceChildren(printedTable(findingsTable(this.findingsReport()), this.entries.length));
  }

  private async saveCurrent(): Promise<void> {
    const entry = this.current;
    if (!entry?.host) return;
    // A file the page only started new forms in is a new 自评表 to fill in, not a reviewed copy.
    const history = entry.controller?.state.history ?? [];
    const newForms =
      history.length > 0 && history.every((h) => (NEW_FORM_ACTIONS as readonly string[]).includes(h.label));
    downloadBytes(
      await entry.host.toBuffer(),
      copyName(entry.name, newForms ? '自评表' : '审核'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    entry.dirty = false;
    this.refresh();
  }

  /** Reading and checking run in a worker: the page stays usable and says how far it is. */
  private progress(name: string, fraction: number, label: string): void {
    this.parts.reading.hidden = false;
    this.parts.readingText.textContent = `「${name}」：${label}`;
    this.parts.readingBar.value = fraction;
  }

  private refresh(): void {
    this.summary.render(this.entries, this.current);
    const { detail, detailTitle, markAll, exportCsv, print } = this.parts;
    // The skip link leads somewhere only while a file is open below the desk.
    const skip = this.root.querySelector('#skip-to-detail') as HTMLElement | null;
    if (skip) skip.hidden = !this.current;
    detail.hidden = !this.current;
    detailTitle.textContent = this.current
      ? `文件：${this.current.name}${this.current.dirty ? '（有未下载的改动）' : ''}`
      : '';
    const any = this.entries.length > 0;
    for (const button of [markAll, exportCsv, print]) button.hidden = !any;
  }
}

/** Every write the pane makes through this host marks the file as changed since its last download. */
function trackWrites(host: PageHost, entry: DeskEntry): PageHost {
  const applyEdits = host.applyEdits.bind(host);
  const clearMarks = host.clearMarks.bind(host);
  host.applyEdits = async (edits) => {
    const report = await applyEdits(edits);
    if (
      report.written ||
      report.marked ||
      report.reviewSheet ||
      report.sheetsAdded.length ||
      report.sheetsRemoved.length
    )
      entry.dirty = true;
    return report;
  };
  host.clearMarks = async () => {
    const report = await clearMarks();
    if (report.restored) entry.dirty = true;
    return report;
  };
  return host;
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
  const reading = create('div', { id: 'file-progress', hidden: true }, readingText, readingBar);
  reading.setAttribute('role', 'status');
  const notice = create('div', { id: 'file-notice' });
  notice.setAttribute('role', 'alert');
  const options = Object.values(BUILT_IN_PROFILES).map((p) => create('option', { value: p.id }, p.name));
  const profile = create('select', { id: 'desk-profile' }, ...options);
  const markAll = pageButton('mark-all', '全部标记并下载（.zip）', 'primary');
  const exportCsv = pageButton('export-findings', '导出问题清单（CSV）');
  const print = pageButton('print', '打印汇总');
  const tools = create('div', { id: 'desk-tools', className: 'actions' }, markAll, exportCsv, print);
  tools.setAttribute('role', 'group');
  tools.setAttribute('aria-label', '全部文件');
  const profileLabel = create('label', { htmlFor: 'desk-profile' }, '评分规则（所有文件）');
  const profileField = create('div', { className: 'field' }, profileLabel, profile);
  const heading = create('h1', {}, '绩效自评助手');
  const subtitle = create('p', { className: 'host' }, `独立网页版：检查收到的自评表工作簿 · ${today()}`);
  const frame = create('div', { id: 'desk' }, heading, subtitle, input, drop, profileField, tools, reading, notice);
  const printed = create('section', { id: 'printed-findings', className: 'print-only' });
  return { frame, input, drop, reading, readingText, readingBar, notice, profile, markAll, exportCsv, print, printed };
}

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
  return create(
    'div',
    {},
    heading,
    create('table', { className: 'printed-table' }, head, create('tbody', {}, ...body)),
  );
}

/** The open file: its name, download and close, and its pane. */
function deskDetail() {
  const detailTitle = create('h2', { id: 'detail-title', tabIndex: -1 });
  const download = pageButton('download', '下载副本（含标记与填写）');
  const closeCurrent = pageButton('close-file', '关闭此文件');
  const detailTools = create('div', { className: 'actions detail-tools' }, download, closeCurrent);
  const pane = create('div', { id: 'pane' });
  const detail = create('section', { id: 'detail', hidden: true }, detailTitle, detailTools, pane);
  detail.setAttribute('aria-labelledby', 'detail-title');
  return { detail, detailTitle, download, closeCurrent, pane };
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

/** Whatever format the file came in, the copy is an .xlsx (an .xlsm stays .xlsm: it keeps its macros). */
function copyName(name: string, suffix: '审核' | '自评表' = '审核'): string {
  const extension = /\.xlsm$/i.test(name) ? '.xlsm' : '.xlsx';
  return `${name.replace(/\.(xlsx|xlsm|xls|et|ods)$/i, '')}-${suffix}${extension}`;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = name.replace(/(\.[^.]+)$/, `(${i})$1`);
  taken.add(candidate);
  return candidate;
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
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
