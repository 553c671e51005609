/**
 * @jest-environment jsdom
 */
import './helpers/jsdom-text';
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { FileHost } from '../src/hosts/file/file-host';
import { checkWorkbook } from '../src/core/check/workbook';
import { BUILT_IN_PROFILES, DEFAULT_PROFILE_ID } from '../src/core/rules/profiles';
import { summaryTable, reviewTable, findingsTable, type ReportTable } from '../src/core/reports/reports';
import { emptyDecisions, withIgnored, withVerdict, type ReviewDecisions } from '../src/core/check/decisions';
import { parseMarkState } from '../src/core/edits/mark-state';
import { DeskController, type DeskFile } from '../src/taskpane/desk-controller';
import { memoryDeskStore, type DeskStore } from '../src/taskpane/desk-store';
import { TaskpaneController, type PaneState } from '../src/taskpane/controller';
import { mountPane } from '../src/taskpane/view';
import { readAndCheck } from '../src/cli/check-files';
import { reportFilesOf } from '../src/cli/batch-output';
import { fileReport } from '../src/cli/text-report';
import { decidedFormToJson } from '../src/cli/json-report';
import type { CheckedForm } from '../src/core/check/kinds';
import type { CellValue } from '../src/core/sheet/grid';

/**
 * The reviewer's decisions (忽略此问题 with a reason, a form's 通过 / 退回 with 审核意见): what they change in every
 * report, and that they last — in the workbook's state sheet (read back by every host and the CLI) and, on the
 * page, in the browser with the files (a reload restores the desk).
 */
const SHARED = path.join(__dirname, 'fixtures', 'shared');
const profile = BUILT_IN_PROFILES[DEFAULT_PROFILE_ID];
const SEED = 'seed000-2020.xlsx';
const seedBytes = () => new Uint8Array(fs.readFileSync(path.join(SHARED, SEED)));

function deskFile(name: string, bytes: Uint8Array, lastModified = 1): DeskFile {
  return { name, size: bytes.length, lastModified, arrayBuffer: async () => bytes.slice().buffer };
}

const preferences = () => {
  const stored = new Map<string, string>();
  return { get: (k: string) => stored.get(k) ?? null, set: (k: string, v: string) => void stored.set(k, v) };
};

function desk(store: DeskStore | null): DeskController {
  return new DeskController(
    (bytes, name) => FileHost.load(bytes, name),
    preferences(),
    () => undefined,
    () => '2026-12-06',
    1,
    store,
  );
}

function column(table: ReportTable, name: string): CellValue[] {
  const at = table.columns.indexOf(name);
  return table.rows.map((row) => {
    const cell = row[at];
    return cell !== null && typeof cell === 'object' ? cell.text : cell;
  });
}

async function seedResults(): Promise<CheckedForm[]> {
  const host = await FileHost.load(seedBytes(), SEED);
  return checkWorkbook(await host.readSheets('all'), profile);
}

/** The two forms of the seed, each with one score warning (a qualitative score outside its band) at H19. */
async function decided(): Promise<{ results: CheckedForm[]; decisions: ReviewDecisions }> {
  const results = await seedResults();
  const [first, second] = results;
  expect(first.findings.map((f) => [f.rule, f.cell])).toEqual([['qualitative-band-mismatch', 'H19']]);
  let decisions = withIgnored(emptyDecisions(), first.sheet, first.findings[0], '经核实，满意度调查口径已报备');
  decisions = withVerdict(decisions, second, '退回', '请按评分标准重新评分');
  return { results, decisions };
}

describe('reviewer decisions in the reports', () => {
  it('an ignored score warning no longer keeps its form from 通过; a 退回 stands in its own columns', async () => {
    const { results, decisions } = await decided();
    const undecided = summaryTable([{ path: SEED, copy: null, error: null, results }]);
    expect(column(undecided, '状态')).toEqual(['需核对', '需核对']);
    const table = summaryTable([{ path: SEED, copy: null, error: null, results, decisions }]);
    expect(column(table, '状态')).toEqual(['通过', '需核对']);
    expect(column(table, '警告')).toEqual([0, 1]);
    expect(column(table, '已忽略')).toEqual([1, null]);
    expect(column(table, '审核结论')).toEqual(['', '退回']);
    expect(column(table, '审核意见')).toEqual(['', '请按评分标准重新评分']);
    // The landscape page still holds the row at full size.
    expect(table.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(130);
    expect(table.widths).toHaveLength(table.columns.length);
  });

  it('the 复核底稿 says what was ignored and why, and the 审核结论 after the form; 问题清单 keeps every finding', async () => {
    const { results, decisions } = await decided();
    const review = reviewTable([{ path: SEED, copy: null, error: null, results, decisions }], profile);
    const notes = column(review, '备注').map(String);
    expect(notes.filter((n) => n.includes('【已忽略：经核实，满意度调查口径已报备】'))).toHaveLength(1);
    expect(notes).toContain('【审核结论：退回】请按评分标准重新评分');
    const findings = findingsTable([{ path: SEED, error: null, results, decisions }]);
    expect(column(findings, '单元格')).toEqual(['H19', 'H19']);
    expect(column(findings, '审核处理')).toEqual(['已忽略：经核实，满意度调查口径已报备', '']);
  });

  it('the CLI reads the decisions a copy keeps: text, JSON and 汇总表 agree', async () => {
    const { results, decisions } = await decided();
    const host = await FileHost.load(seedBytes(), SEED);
    await host.applyEdits([{ type: 'decisions', record: decisions }]);
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'decisions-'));
    const copy = path.join(dir, '已审.xlsx');
    fs.writeFileSync(copy, await host.toBuffer());
    const outcome = await readAndCheck(copy, { profile, outDir: null, fill: false, reasonTemplates: null });
    expect(outcome.decisions).toEqual(decisions);
    const [file] = reportFilesOf([outcome]);
    expect(column(summaryTable([file]), '状态')).toEqual(['通过', '需核对']);
    const text = fileReport(outcome);
    expect(text).toMatch(/状态：通过[\s\S]*已忽略 H19[\s\S]*审核结论：退回：请按评分标准重新评分/);
    const json = outcome.results.map((r) => decidedFormToJson(r, outcome.decisions));
    expect(json.map((f) => f.status)).toEqual(['通过', '需核对']);
    expect(json[0].findings[0].ignored).toBe('经核实，满意度调查口径已报备');
    expect(json[1]).toMatchObject({ verdict: '退回', comment: '请按评分标准重新评分' });
    expect(results).toHaveLength(outcome.results.length);
  });
});

describe('decisions kept with the workbook', () => {
  it('are written into the state sheet, read back after a save, and kept when the marks are cleared', async () => {
    const { results, decisions } = await decided();
    const host = await FileHost.load(seedBytes(), SEED);
    const { planEdits } = await import('../src/core/edits/edits');
    await host.applyEdits([
      ...planEdits(results, { mark: true, reviewSheet: true, decisions }),
      { type: 'decisions', record: decisions },
    ]);
    const reopened = await FileHost.load(await host.toBuffer(), SEED);
    expect((await reopened.applyEdits([{ type: 'decisions', record: null }])).decisions).toEqual(decisions);
    // The ignored warning got no mark; the other form's did.
    const { PackageInspector } = await import('./helpers/xlsx-inspect');
    const inspect = new PackageInspector(reopened.workbookPackage);
    expect(inspect.fill(results[0].sheet, 'H19')).toBeNull();
    expect(inspect.fill(results[1].sheet, 'H19')).not.toBeNull();
    const headings = Array.from({ length: 20 }, (_, i) => String(inspect.value('审核意见', `A${i + 1}`) ?? ''));
    expect(headings.some((h) => h.includes('已忽略 1 项：H19'))).toBe(true);
    expect(headings.some((h) => h.includes('审核结论：退回：请按评分标准重新评分'))).toBe(true);
    await reopened.clearMarks();
    const cleared = await FileHost.load(await reopened.toBuffer(), SEED);
    expect((await cleared.applyEdits([{ type: 'decisions', record: null }])).decisions).toEqual(decisions);
  });

  it('damaged decisions are dropped without costing the saved marks their way back', async () => {
    const text = JSON.stringify({
      version: 2,
      marks: [{ sheet: 'S', cell: 'A1', fill: { rgb: null }, addedNote: true }],
      reviewSheet: '审核意见',
      decisions: { ignored: [{ sheet: 'S', cell: 'A1', rule: 'no-such-rule', reason: 'x' }], forms: [] },
    });
    const { state, damaged } = await parseMarkState(text);
    expect(damaged).toBe(false);
    expect(state.marks).toHaveLength(1);
    expect(state.decisions).toBeUndefined();
  });
});

describe('decisions on the desk', () => {
  async function decideOnDesk(store: DeskStore): Promise<DeskController> {
    const first = desk(store);
    await first.open([deskFile(SEED, seedBytes()), deskFile('损坏.xlsx', new Uint8Array([0x50, 0x4b, 3, 4]))]);
    const controller = first.state.entries[0].controller!;
    const [one, two] = controller.state.results!;
    await controller.decisions.ignore(one.sheet, one.findings[0], '经核实，满意度调查口径已报备');
    await controller.decisions.decide(two, '退回', '请按评分标准重新评分');
    expect(controller.state.message?.text).toBe('已记录审核结论：退回。');
    return first;
  }

  it('survive a reload: the files come back in order with their decisions, and 汇总表 shows them', async () => {
    const store = memoryDeskStore();
    const first = await decideOnDesk(store);
    expect(first.unsaved).toBe(false);
    const second = desk(store);
    expect(await second.restore()).toBe(2);
    expect(second.state.entries.map((e) => [e.name, e.error === null])).toEqual([
      [SEED, true],
      ['损坏.xlsx', false],
    ]);
    expect(second.state.notice).toMatch(/^已恢复上次打开的 2 个文件（其中 1 个有审核决定）。/);
    const controller = second.state.entries[0].controller!;
    expect(controller.state.decisions.ignored).toHaveLength(1);
    expect(controller.state.decisions.forms[0]).toMatchObject({ verdict: '退回', comment: '请按评分标准重新评分' });
    const zip = unzipSync((await second.markAll())!.bytes);
    const summary = await FileHost.load(zip['汇总表.xlsx'], '汇总表.xlsx');
    const [sheet] = await summary.readSheets('all');
    const header = sheet.values.findIndex((row) => row.includes('审核结论'));
    const at = (name: string) => sheet.values[header].indexOf(name);
    const rows = sheet.values.slice(header + 1).filter((row) => row[at('工作表')]);
    const text = (row: CellValue[], name: string) => row[at(name)] ?? '';
    expect(rows.map((row) => [text(row, '状态'), text(row, '审核结论'), text(row, '审核意见')])).toEqual([
      ['通过', '', ''],
      ['需核对', '退回', '请按评分标准重新评分'],
    ]);
    // The copy keeps them too: opened anywhere else, the decisions come with it.
    const copyName = Object.keys(zip).find((name) => name.endsWith('-审核.xlsx'))!;
    const copy = await FileHost.load(zip[copyName], copyName);
    expect((await copy.applyEdits([{ type: 'decisions', record: null }])).decisions?.forms).toHaveLength(1);
  });

  it('closing a file forgets it; where the browser keeps nothing, leaving warns', async () => {
    const store = memoryDeskStore();
    const first = await decideOnDesk(store);
    const entry = first.state.entries[0];
    expect(first.closeQuestion(entry)).toMatch(/审核决定.*将从本浏览器删除/);
    await first.close(entry);
    expect([...store.files.values()].map((f) => f.name)).toEqual(['损坏.xlsx']);
    expect(first.closeAllQuestion()).toBe('关闭全部 1 个文件？');
    await first.closeAll();
    expect(first.state.entries).toHaveLength(0);

    const nowhere = desk(null);
    await nowhere.open([deskFile(SEED, seedBytes())]);
    const controller = nowhere.state.entries[0].controller!;
    expect(nowhere.unsaved).toBe(false);
    await controller.decisions.decide(controller.state.results![0], '通过', '');
    expect(nowhere.unsaved).toBe(true);
    expect(controller.state.message).toMatchObject({ kind: 'error' });
    expect(controller.state.message?.text).toMatch(/未能保存.*请下载带标记的副本/);
  });

  it('an ignore needs a reason', async () => {
    const d = desk(memoryDeskStore());
    await d.open([deskFile(SEED, seedBytes())]);
    const controller = d.state.entries[0].controller!;
    const [one] = controller.state.results!;
    controller.decisions.startIgnore(one.sheet, one.findings[0]);
    expect(await controller.decisions.ignore(one.sheet, one.findings[0], '  ')).toBe(false);
    expect(controller.state.message?.text).toMatch(/请填写忽略的理由/);
    expect(controller.state.ignoring).not.toBeNull();
    expect(controller.state.decisions.ignored).toHaveLength(0);
  });
});

/** The pane on the seed's file, checked. */
async function mounted() {
  document.body.innerHTML = '<main id="app"></main>';
  const root = document.getElementById('app')!;
  const host = await FileHost.load(seedBytes(), SEED);
  let render: (state: PaneState) => void = () => undefined;
  const waiting: Array<() => void> = [];
  const controller = new TaskpaneController(host, preferences(), (state) => {
    render(state);
    for (const wake of waiting.splice(0)) wake();
  });
  render = mountPane(root, controller);
  render(controller.state);
  await controller.check('all');
  /** Waits for the pane's changes until `done` holds and the pane is idle. */
  const until = async (done: () => boolean) => {
    while (!done() || controller.state.busy !== null) await new Promise<void>((wake) => waiting.push(wake));
  };
  return { root, controller, host, until };
}

describe('decisions in the pane', () => {
  it('忽略此问题 asks for the reason, moves the finding to 已忽略, and 恢复 brings it back', async () => {
    const { root, controller, until } = await mounted();
    const card = () => root.querySelector('article.form')!;
    expect(card().querySelector('.status')!.textContent).toMatch(/状态：需核对/);
    (card().querySelector('button.ignore') as HTMLButtonElement).click();
    const input = card().querySelector('input.ignore-reason') as HTMLInputElement;
    expect(root.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('忽略的理由');
    input.value = '经核实，满意度调查口径已报备';
    (card().querySelector('[id^="ignore-ok-"]') as HTMLButtonElement).click();
    await until(() => controller.state.decisions.ignored.length === 1);
    expect(card().querySelector('.status')!.textContent).toMatch(/状态：通过/);
    expect(card().querySelector('.group.ignored')!.textContent).toMatch(/理由：经核实，满意度调查口径已报备/);
    expect(card().querySelector('button.finding[data-rule]')).toBeNull();
    (card().querySelector('[id^="unignore-"]') as HTMLButtonElement).click();
    await until(() => controller.state.decisions.ignored.length === 0);
    expect(card().querySelector('.status')!.textContent).toMatch(/状态：需核对/);
  });

  it('a form’s 审核结论 is chosen by radio, saved with its 审核意见, kept in the workbook, and withdrawn', async () => {
    const { root, controller, host, until } = await mounted();
    const card = () => root.querySelectorAll('article.form')[1];
    (card().querySelector('input[value="退回"]') as HTMLInputElement).checked = true;
    (card().querySelector('textarea') as HTMLTextAreaElement).value = '请按评分标准重新评分';
    (card().querySelector('[id$="-save"]') as HTMLButtonElement).click();
    await until(() => controller.state.decisions.forms.length === 1);
    expect(card().querySelector('.verdict-saved')!.textContent).toBe('已记录：退回（请按评分标准重新评分）');
    const reopened = await FileHost.load(await host.toBuffer(), SEED);
    const again = new TaskpaneController(reopened, preferences());
    await again.check('all');
    expect(again.state.decisions.forms).toEqual(controller.state.decisions.forms);
    (card().querySelector('[id$="-withdraw"]') as HTMLButtonElement).click();
    await until(() => controller.state.decisions.forms.length === 0);
    expect(card().querySelector('.verdict-saved')).toBeNull();
  });
});

describe('decisions where things go wrong', () => {
  it('a workbook that cannot be written and a keeper that fails: the decision stands in the pane, said unsaved', async () => {
    const host = await FileHost.load(seedBytes(), SEED);
    const refusing = Object.assign(Object.create(host) as FileHost, {
      applyEdits: () => Promise.reject(new Error('只读')),
    });
    const failingKeeper = {
      load: () => Promise.reject(new Error('存储不可用')),
      save: () => Promise.reject(new Error('存储不可用')),
    };
    const controller = new TaskpaneController(refusing, preferences(), () => undefined, undefined, failingKeeper);
    await controller.check('all');
    expect(controller.state.decisions).toEqual(emptyDecisions());
    await controller.decisions.decide(controller.state.results![0], '退回', '');
    expect(controller.state.decisions.forms).toHaveLength(1);
    expect(controller.decisions.unsaved).toBe(true);
    expect(controller.state.message?.text).toMatch(/未能保存（浏览器不允许保存数据）/);
    const paneOnly = new TaskpaneController(refusing, preferences());
    await paneOnly.check('all');
    await paneOnly.decisions.decide(paneOnly.state.results![0], '通过', '');
    expect(paneOnly.state.message?.text).toMatch(/未能保存（工作簿不能写入）/);
  });

  it('the reports show an unrecognised sheet and several ignored findings of one form', async () => {
    const { results } = await decided();
    const [first] = results;
    const twice = withIgnored(
      withIgnored(emptyDecisions(), first.sheet, first.findings[0], '第一次'),
      first.sheet,
      first.findings[0],
      '改过的理由',
    );
    expect(twice.ignored.map((i) => i.reason)).toEqual(['改过的理由']);
    const unread = {
      kind: 'unrecognised',
      sheet: '备注',
      range: 'A1:C3',
      findings: [],
      form: { reason: '没有“三级指标”表头', candidates: [], found: [], missing: [], project: null },
    } as unknown as CheckedForm;
    const review = reviewTable([{ path: SEED, copy: null, error: null, results: [unread], decisions: twice }], profile);
    expect(column(review, '备注')).toEqual(['【未识别】没有“三级指标”表头']);
  });
});

describe('the desk table filters by 审核结论', () => {
  it('已退回 and 未下结论 pick rows by the reviewer’s word, not by the engine’s status', async () => {
    const { deskSummary } = await import('../src/taskpane/desk-summary');
    const d = desk(memoryDeskStore());
    await d.open([deskFile(SEED, seedBytes())]);
    const controller = d.state.entries[0].controller!;
    await controller.decisions.decide(controller.state.results![1], '退回', '补充材料');
    const summary = deskSummary({ open: () => undefined, close: () => undefined });
    document.body.replaceChildren(summary.element);
    summary.render(d.state.entries, d.state.current);
    const status = summary.element.querySelector('#desk-status') as HTMLSelectElement;
    const shown = (value: string) => {
      status.value = value;
      status.dispatchEvent(new Event('change'));
      return [...summary.element.querySelectorAll('tbody tr')].map(
        (tr) => tr.querySelector('td[data-label="审核结论"]')?.textContent,
      );
    };
    expect(shown('已退回')).toEqual(['退回']);
    expect(shown('未下结论')).toEqual(['']);
    expect(shown('全部')).toEqual(['', '退回']);
  });

  it('keeps the rows that did not change where they are when one file changes (the table lays out only the new)', async () => {
    const { deskSummary } = await import('../src/taskpane/desk-summary');
    const d = desk(memoryDeskStore());
    await d.open(['甲.xlsx', '乙.xlsx', '丙.xlsx'].map((name) => deskFile(name, seedBytes())));
    const summary = deskSummary({ open: () => undefined, close: () => undefined });
    document.body.replaceChildren(summary.element);
    summary.render(d.state.entries, d.state.current);
    const rows = () => [...summary.element.querySelectorAll('tbody tr')];
    const before = rows();
    expect(before).toHaveLength(6);
    const second = d.state.entries[1].controller!;
    await second.decisions.decide(second.state.results![1], '退回', '补充材料');
    const changed = new MutationObserver(() => undefined);
    changed.observe(summary.element.querySelector('tbody') as Node, { childList: true });
    summary.render(d.state.entries, d.state.current);
    const after = rows();
    const mutations = changed.takeRecords();
    // The first and the third file's rows are the very same elements; only the second file's were taken and put.
    expect([after[0], after[1], after[4], after[5]]).toEqual([before[0], before[1], before[4], before[5]]);
    expect(after[2]).not.toBe(before[2]);
    expect(after.map((tr) => tr.querySelector('td[data-label="审核结论"]')?.textContent)).toEqual([
      '',
      '',
      '',
      '退回',
      '',
      '',
    ]);
    const touched = mutations.flatMap((m) => [...m.addedNodes, ...m.removedNodes]);
    expect(touched).toHaveLength(4);
  });
});

describe('忽略此问题 by keyboard', () => {
  it('Enter confirms the reason, Escape closes the field without ignoring', async () => {
    const { root, controller, until } = await mounted();
    const press = (key: string) => {
      const input = root.querySelector('input.ignore-reason') as HTMLInputElement;
      input.value = '已核实';
      input.dispatchEvent(new KeyboardEvent('keydown', { key }));
    };
    (root.querySelector('button.ignore') as HTMLButtonElement).click();
    press('Escape');
    expect(root.querySelector('input.ignore-reason')).toBeNull();
    expect(controller.state.decisions.ignored).toHaveLength(0);
    (root.querySelector('button.ignore') as HTMLButtonElement).click();
    press('Enter');
    await until(() => controller.state.decisions.ignored.length > 0);
    expect(controller.state.decisions.ignored.map((i) => i.reason)).toEqual(['已核实']);
  });
});

describe('marks of a cell with several findings', () => {
  it('take the most severe finding’s colour; an ignored one leaves the others on the cell', async () => {
    const { markEdits, SEVERITY_COLORS } = await import('../src/core/edits/edits');
    const { results } = await decided();
    const [first] = results;
    const finding = first.findings[0];
    const error = { ...finding, rule: 'score-exceeds-weight' as const, severity: 'error' as const, message: '超分' };
    const both = { ...first, findings: [finding, error] };
    const [mark] = markEdits([both]);
    expect(mark).toMatchObject({ cell: finding.cell, color: SEVERITY_COLORS.error });
    expect(mark.message.split('\n').slice(1)).toEqual([`【错误】超分`, `【警告】${finding.message}`]);
    const decisions = withIgnored(emptyDecisions(), first.sheet, error, '已核实');
    const { decidedResults } = await import('../src/core/check/decisions');
    expect(markEdits(decidedResults([both], decisions))).toMatchObject([{ color: SEVERITY_COLORS.warning }]);
  });
});

describe('a browser that will not keep a file', () => {
  it('says which files will not be there after a reload; the others are kept', async () => {
    const store = memoryDeskStore();
    const full = {
      ...store,
      putFile: async (file: Parameters<DeskStore['putFile']>[0]) => file.name !== '大.xlsx' && store.putFile(file),
    };
    const d = desk(full);
    await d.open([deskFile(SEED, seedBytes()), deskFile('大.xlsx', seedBytes(), 2)]);
    expect(d.state.notice).toMatch(/^已读取并检查 2 个文件。\n「大.xlsx」未能保存在本浏览器中/);
    expect([...store.files.values()].map((f) => f.name)).toEqual([SEED]);
  });
});
