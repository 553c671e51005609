import { strToU8, zipSync } from 'fflate';
import { findingsCsv, findingsTable, type ReportFile, type ReportTable } from '../core/reports/reports';
import { BUILT_IN_PROFILES, builtInProfile, DEFAULT_PROFILE_ID } from '../core/rules/profiles';
import { HostError, type SpreadsheetHost } from '../hosts/host';
import { batchReports } from '../xlsx/grid-workbook';
import { NEW_FORM_ACTIONS, TaskpaneController } from './controller';
import { FIT_WIDTH_KEY, PROFILE_KEY, type Preferences } from './preferences';
import { LayoutStore, type LayoutChange } from './layout-store';
import type { DeskStore } from './desk-store';
import type { DecisionKeeper } from './decision-book';
import { isEmptyDecisions } from '../core/check/decisions';
import { copyName, freeCopyName } from '../core/edits/copy-name';

/** A file open on the page: it gives its bytes for downloads, and lets go of its worker when closed. */
export type PageHost = SpreadsheetHost & { toBuffer(): Promise<Uint8Array>; close?(): Promise<unknown> };

/** A file on the reviewer's desk: open (with its pane's controller) or unreadable. */
export interface DeskEntry {
  key: string;
  name: string;
  host: PageHost | null;
  controller: TaskpaneController | null;
  error: string | null;
  /** Marked or filled since its last download. */
  dirty: boolean;
}

/** A file the reviewer chose or dropped (a browser `File`, or a test's bytes). */
export interface DeskFile {
  name: string;
  size: number;
  lastModified: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Opens a workbook where it is read and checked (the page's worker, or the page itself). */
export type OpenHost = (
  bytes: Uint8Array,
  name: string,
  progress: (fraction: number, label: string) => void,
) => Promise<PageHost>;

export interface DeskState {
  entries: readonly DeskEntry[];
  /** The file whose findings are shown below the desk. */
  current: DeskEntry | null;
  profileId: string;
  /** Long work under way: which file, how far, what. */
  progress: { name: string; fraction: number; label: string } | null;
  /** What the last action has to tell (files already open, unreadable, downloaded). */
  notice: string;
}

/**
 * What changed, so that the page redraws only that: the progress line, the desk (files, the one shown, notices),
 * or one file's pane (its findings, busy state: the desk's row for it too).
 */
export type DeskChange = { kind: 'progress' } | { kind: 'desk' } | { kind: 'pane'; entry: DeskEntry };

/** A file for the browser to download. */
export interface Download {
  name: string;
  bytes: Uint8Array;
  type: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The reviewer's desk without its page: the files open, the one shown, the session's 评分规则, and what each
 * action does (open, check again, close, mark all, export). The page (`standalone.ts`) only draws this state
 * and hands the downloads to the browser, so every rule of the desk is tested without a DOM.
 */
export class DeskController {
  private readonly entries: DeskEntry[] = [];
  private current: DeskEntry | null = null;
  private profileId: string;
  private progressNow: DeskState['progress'] = null;
  private notice = '';

  constructor(
    private readonly openHost: OpenHost,
    private readonly preferences: Preferences,
    private readonly onChange: (state: DeskState, change: DeskChange) => void,
    private readonly today: () => string,
    /** How many files are read at once (the page: one more than its workers). */
    private readonly parallel = 1,
    /** Where the desk's files and decisions outlive a reload (the browser's IndexedDB); null: nowhere. */
    private readonly store: DeskStore | null = null,
  ) {
    const saved = preferences.get(PROFILE_KEY);
    this.profileId = saved && BUILT_IN_PROFILES[saved] ? saved : DEFAULT_PROFILE_ID;
    this.layouts = new LayoutStore(preferences);
    this.layouts.subscribe((change) => void this.applyLayouts(change));
  }

  /** Each file's bytes on their way into the store. */
  private readonly kept = new WeakMap<DeskEntry, Promise<boolean>>();

  /** The order files were added in, kept with them (the restored desk lists them the same way). */
  private readonly orders = new WeakMap<DeskEntry, number>();
  private nextOrder = Date.now();

  /** The layouts taught on any file of the desk (手动指定表格), applied to every file open and opened later. */
  private readonly layouts: LayoutStore;

  /**
   * A layout taught, imported or removed on the shown file: every other open file it may change is checked again
   * (a new layout can only read more of a file with a table left unread; a removed one, any file).
   */
  private async applyLayouts(change: LayoutChange): Promise<void> {
    const affected = this.entries.filter(
      (entry) =>
        entry !== this.current &&
        entry.controller?.state.results &&
        (change === 'removed' || entry.controller.state.results.some((r) => r.kind === 'unrecognised')),
    );
    for (const [i, entry] of affected.entries()) {
      this.report(
        entry.name,
        (i + 1) / (affected.length + 1),
        `正在按表格版式重新检查（${i + 1}/${affected.length}）…`,
      );
      await (entry.controller as TaskpaneController).check('all');
    }
    if (affected.length) this.finish(`已按表格版式重新检查其他 ${affected.length} 个文件。`);
  }

  get state(): DeskState {
    return {
      entries: [...this.entries],
      current: this.current,
      profileId: this.profileId,
      progress: this.progressNow,
      notice: this.notice,
    };
  }

  /** Whether 全部标记并下载 sets each form's sheet in the copies to print one page wide (it changes their print setup). */
  get fitWidth(): boolean {
    return this.preferences.get(FIT_WIDTH_KEY) === '1';
  }

  setFitWidth(on: boolean): void {
    this.preferences.set(FIT_WIDTH_KEY, on ? '1' : '0');
  }

  /** Whether leaving the page would lose marks or fills not downloaded yet, or decisions the browser did not keep. */
  get unsaved(): boolean {
    return this.entries.some((entry) => entry.dirty || entry.controller?.decisions.unsaved);
  }

  /**
   * The files of the last visit, as the browser kept them, opened again with the reviewer's decisions (marks and
   * fills made on the page are not kept: leaving with them asks first). How many there were.
   */
  async restore(): Promise<number> {
    const stored = this.store ? await this.store.list().catch(() => []) : [];
    if (stored.length === 0) return 0;
    const files: DeskFile[] = stored.map((file) => ({
      name: file.name,
      size: file.size,
      lastModified: file.lastModified,
      arrayBuffer: async () => file.bytes.slice().buffer as ArrayBuffer,
    }));
    await this.open(files);
    const decided = stored.filter((file) => file.decisions).length;
    this.finish(
      `已恢复上次打开的 ${stored.length} 个文件${decided ? `（其中 ${decided} 个有审核决定）` : ''}。${this.notice}`,
    );
    return stored.length;
  }

  /**
   * Reads each file once: a file dropped again (same name, size and date) is the one already open. Files are read
   * and checked `parallel` at a time (on the page: one more than its workers, so the next file is read while they
   * check), listed in the order given; the first readable one is shown.
   */
  async open(files: readonly DeskFile[]): Promise<void> {
    const notices: string[] = [];
    const added: Array<{ entry: DeskEntry; file: DeskFile; problem: string | null }> = [];
    const failures: string[] = [];
    for (const file of files) {
      const key = `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
      const known = this.entries.find((entry) => entry.key === key);
      if (known) {
        notices.push(`「${file.name}」已经打开，未重复添加。`);
        if (known.controller) this.show(known);
        continue;
      }
      const entry: DeskEntry = { key, name: file.name, host: null, controller: null, error: null, dirty: false };
      this.entries.push(entry);
      this.orders.set(entry, this.nextOrder++);
      added.push({ entry, file, problem: null });
    }
    let next = 0;
    const reader = async () => {
      for (let item = added[next++]; item; item = added[next++]) {
        item.problem = await this.read(item.entry, item.file);
        this.changed();
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, added.length) }, reader));
    for (const { file, problem } of added) if (problem) failures.push(`文件「${file.name}」：${problem}`);
    // A file the browser would not keep (its storage full or refused) is not there after a reload: said now.
    const kept = await Promise.all(added.map(({ entry }) => this.kept.get(entry) ?? Promise.resolve(true)));
    const unkept = added.filter((_, i) => !kept[i]).map(({ file }) => `「${file.name}」`);
    const unkeptNotice = unkept.length
      ? [`${unkept.join('')}未能保存在本浏览器中（存储空间不足或不允许），刷新页面后需要重新选择。`]
      : [];
    this.current ??= this.entries.find((entry) => entry.controller) ?? null;
    // One line for the whole batch (read out once), then what went wrong, file by file.
    const read = added.length - failures.length;
    if (added.length > 1)
      notices.unshift(`已读取并检查 ${read} 个文件${failures.length ? `，${failures.length} 个无法读取` : ''}。`);
    this.finish([...notices, ...failures, ...unkeptNotice].join('\n'));
  }

  /** Opens and checks one file; the reason it could not, in Chinese, or null. */
  private async read(entry: DeskEntry, file: DeskFile): Promise<string | null> {
    try {
      this.report(file.name, 0.05, '正在读取…');
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Kept while the file is read (the reviewer's first decision waits for it, not the reading).
      this.kept.set(entry, this.keep(entry, file, bytes));
      const host = trackWrites(
        await this.openHost(bytes, file.name, (f, label) => this.report(file.name, f, label)),
        entry,
      );
      entry.host = host;
      entry.controller = new TaskpaneController(
        host,
        this.preferences,
        () => this.changed({ kind: 'pane', entry }),
        this.layouts,
        this.keeperOf(entry),
      );
      entry.controller.setProfile(this.profileId);
      await entry.controller.check('all');
      // A file whose check failed (its worker stopped: over time, or broken) is a file the desk could not read.
      const { results, message } = entry.controller.state;
      if (results === null && message?.kind === 'error') throw new HostError(message.text);
      return null;
    } catch (error) {
      entry.host = entry.controller = null;
      entry.error = error instanceof HostError ? error.message : '无法读取';
      return entry.error;
    }
  }

  /** The file's bytes as chosen, kept by the browser for the next visit (unreadable ones too: the desk is whole). */
  private async keep(entry: DeskEntry, file: DeskFile, bytes: Uint8Array): Promise<boolean> {
    if (!this.store) return true;
    const order = this.orders.get(entry) ?? Date.now();
    const record = { key: entry.key, name: file.name, size: file.size, lastModified: file.lastModified, order };
    const kept = await this.store.putFile({ ...record, bytes }).catch(() => false);
    // A file closed while it was being kept is not kept.
    if (!this.entries.includes(entry)) await this.store.remove(entry.key);
    return kept;
  }

  /** Where a file's decisions are kept besides the workbook: the store, or nowhere (then leaving warns). */
  private keeperOf(entry: DeskEntry): DecisionKeeper {
    const store = this.store;
    if (!store) return { load: async () => null, save: async () => false };
    const kept = () => this.kept.get(entry) ?? Promise.resolve(true);
    return {
      load: () => kept().then(() => store.decisionsOf(entry.key)),
      save: (decisions) => kept().then(() => store.saveDecisions(entry.key, decisions)),
    };
  }

  /** One 评分规则 for the session: every file is checked again with it, saying how far it is. */
  async changeProfile(id: string): Promise<void> {
    if (!BUILT_IN_PROFILES[id]) return;
    this.profileId = id;
    this.preferences.set(PROFILE_KEY, id);
    const open = this.entries.filter((entry) => entry.controller);
    for (const [i, entry] of open.entries()) {
      const name = builtInProfile(id)?.name ?? id;
      this.report(entry.name, (i + 1) / (open.length + 1), `正在按“${name}”重新检查（${i + 1}/${open.length}）…`);
      const controller = entry.controller as TaskpaneController;
      controller.setProfile(id);
      await controller.check(controller.state.scope ?? 'all');
    }
    this.finish(this.notice);
  }

  /** The file whose findings are shown. */
  show(entry: DeskEntry): void {
    if (!entry.controller) return;
    this.current = entry;
    this.changed();
  }

  /**
   * The readable file before or after the shown one in the desk's order (round from the last to the first), or
   * null when no other is readable; `withFindings` passes over files with nothing to look at (F8 across files).
   */
  neighbour(step: 1 | -1, withFindings = false): DeskEntry | null {
    const readable = this.entries.filter(
      (entry) =>
        entry.controller &&
        (!withFindings || (entry.controller.state.results ?? []).some((r) => r.findings.length > 0)),
    );
    const at = this.current ? this.entries.indexOf(this.current) : -1;
    const ordered = step > 0 ? readable : [...readable].reverse();
    const next =
      ordered.find((entry) => (this.entries.indexOf(entry) - at) * step > 0) ??
      ordered.find((entry) => entry !== this.current);
    return next ?? null;
  }

  /** What closing a file asks, naming it (a row's 关闭 closes its whole file, with all its forms). */
  closeQuestion(entry: DeskEntry): string {
    const decisions = isEmptyDecisions(entry.controller?.state.decisions)
      ? ''
      : '它的审核决定（忽略、审核结论）也将从本浏览器删除（已下载的副本中仍保留）。';
    return entry.dirty
      ? `「${entry.name}」有未下载的标记或填写，关闭后将丢失。${decisions}确定关闭这个文件吗？`
      : `关闭文件「${entry.name}」？它的全部表格将从汇总表中移除（可重新选择该文件再检查）。${decisions}`;
  }

  /** What 全部关闭 asks: the whole desk goes, with the decisions the browser kept for it. */
  closeAllQuestion(): string {
    const dirty = this.entries.filter((entry) => entry.dirty).length;
    const decided = this.entries.filter((entry) => !isEmptyDecisions(entry.controller?.state.decisions)).length;
    const lost = [
      dirty ? `${dirty} 个文件有未下载的标记或填写` : '',
      decided ? `${decided} 个文件的审核决定（忽略、审核结论）将从本浏览器删除，请先“全部标记并下载”保留` : '',
    ].filter(Boolean);
    return `关闭全部 ${this.entries.length} 个文件？${lost.length ? `${lost.join('；')}。` : ''}`;
  }

  /** Closes every file; settles when the browser has forgotten them. */
  async closeAll(): Promise<void> {
    const forgotten = [...this.entries].map((entry) => this.close(entry));
    this.finish('已关闭全部文件。');
    await Promise.all(forgotten);
  }

  /** Closes a file at once; settles when the browser has forgotten it too. */
  async close(entry: DeskEntry): Promise<void> {
    const index = this.entries.indexOf(entry);
    if (index < 0) return;
    this.entries.splice(index, 1);
    entry.controller?.dispose();
    void entry.host?.close?.();
    if (this.current === entry) this.current = this.entries.find((e) => e.controller) ?? null;
    this.changed();
    await this.store?.remove(entry.key);
  }

  /**
   * Marks every readable file; one .zip of the annotated copies, 汇总表, 复核底稿 and 问题清单 (null: no file). A file
   * whose marking fails is left out with its reason (in the notice and in 未能标记的文件.txt), never zipped unmarked
   * under a marked copy's name; its findings still stand in the reports.
   */
  async markAll(): Promise<Download | null> {
    const readable = this.entries.filter((entry) => entry.controller && entry.host);
    if (readable.length === 0) {
      this.finish('请先选择要检查的工作簿。');
      return null;
    }
    const files: Record<string, Uint8Array> = {};
    const report: ReportFile[] = [];
    const failed: string[] = [];
    const taken = new Set<string>();
    for (const [i, entry] of readable.entries()) {
      this.report(entry.name, (i + 1) / (readable.length + 2), `正在标记（${i + 1}/${readable.length}）…`);
      const controller = entry.controller as TaskpaneController;
      const results = controller.state.results ?? [];
      const bytes = await this.markedCopy(entry).catch((error: unknown) => {
        failed.push(`「${entry.name}」：${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
      const copy = bytes ? freeCopyName(entry.name, (name) => taken.has(name)) : null;
      if (copy) taken.add(copy);
      if (copy && bytes) files[copy] = bytes;
      report.push({ path: entry.name, copy, error: null, results, decisions: controller.state.decisions });
    }
    for (const entry of this.entries)
      if (entry.error) report.push({ path: entry.name, copy: null, error: entry.error, results: [] });
    this.report('汇总', (readable.length + 1) / (readable.length + 2), '正在生成汇总表与复核底稿…');
    this.addReports(files, report);
    if (failed.length)
      files['未能标记的文件.txt'] = strToU8(`\uFEFF未能标记的文件（未放入压缩包）：\r\n${failed.join('\r\n')}\r\n`);
    const marked = readable.length - failed.length;
    this.finish(
      `已标记 ${marked} 个文件并下载：带标记的副本、汇总表、复核底稿和问题清单。` +
        (failed.length ? `${failed.length} 个文件未能标记，未放入压缩包：${failed.join('；')}` : ''),
    );
    return { name: `审核结果-${this.today()}.zip`, bytes: zipSync(files), type: 'application/zip' };
  }

  /** One file marked and its bytes; throws the reason when the marks could not be written. */
  private async markedCopy(entry: DeskEntry): Promise<Uint8Array> {
    const controller = entry.controller as TaskpaneController;
    if (!(await controller.mark({ fitWidth: this.fitWidth }))) {
      const message = controller.state.message;
      throw new Error(message && message.kind !== 'success' ? message.text : '标记未能写入');
    }
    const bytes = await (entry.host as PageHost).toBuffer();
    entry.dirty = false;
    return bytes;
  }

  /** 汇总表, 复核底稿 and 问题清单 of the files, under the session's 评分规则 (the CLI's reports). */
  private addReports(files: Record<string, Uint8Array>, report: ReportFile[]): void {
    const profile = builtInProfile(this.profileId) ?? BUILT_IN_PROFILES[DEFAULT_PROFILE_ID];
    const reports = batchReports(report, profile, this.today());
    files['汇总表.xlsx'] = reports.summary;
    files['复核底稿.xlsx'] = reports.review;
    files['问题清单.csv'] = strToU8(reports.findingsCsv);
  }

  /** Every file's findings (unreadable files with their reason): the CSV export and the printout. */
  private findingsReport(): Array<Pick<ReportFile, 'path' | 'error' | 'results' | 'decisions'>> {
    return this.entries.map((entry) => ({
      path: entry.name,
      error: entry.error,
      results: entry.controller?.state.results ?? [],
      decisions: entry.controller?.state.decisions ?? null,
    }));
  }

  findingsCsv(): Download {
    return {
      name: `问题清单-${this.today()}.csv`,
      bytes: strToU8(findingsCsv(this.findingsReport())),
      type: 'text/csv',
    };
  }

  findingsTable(): ReportTable {
    return findingsTable(this.findingsReport());
  }

  /** The shown file as it is now; a file the page only started new forms in is a new 自评表, not a reviewed copy. */
  async currentCopy(): Promise<Download | null> {
    const entry = this.current;
    if (!entry?.host) return null;
    const history = entry.controller?.state.history ?? [];
    const newForms =
      history.length > 0 && history.every((h) => (NEW_FORM_ACTIONS as readonly string[]).includes(h.label));
    const bytes = await entry.host.toBuffer();
    entry.dirty = false;
    this.changed();
    return { name: copyName(entry.name, newForms ? '自评表' : '审核'), bytes, type: XLSX_TYPE };
  }

  private report(name: string, fraction: number, label: string): void {
    this.progressNow = { name, fraction, label };
    this.changed({ kind: 'progress' });
  }

  private finish(notice: string): void {
    this.progressNow = null;
    this.notice = notice;
    this.changed();
  }

  private changed(change: DeskChange = { kind: 'desk' }): void {
    this.onChange(this.state, change);
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
