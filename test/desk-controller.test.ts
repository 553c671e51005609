import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { FileHost } from '../src/hosts/file/file-host';
import { DeskController, type DeskChange, type DeskFile, type DeskState } from '../src/taskpane/desk-controller';
import { PackageInspector } from './helpers/xlsx-inspect';

/**
 * The reviewer's desk without a page: which files are open, which is shown, what each action does and what the
 * reviewer is told, on real workbooks (the page that draws it is tested in jsdom and Chromium).
 */
const SHARED = path.join(__dirname, 'fixtures', 'shared');

function file(name: string, bytes: Uint8Array, lastModified = 1): DeskFile {
  return { name, size: bytes.length, lastModified, arrayBuffer: async () => bytes.slice().buffer };
}

const fixture = (name: string) => file(name, new Uint8Array(fs.readFileSync(path.join(SHARED, name))));

function deskOnFiles() {
  const stored = new Map<string, string>();
  const changes: DeskChange['kind'][] = [];
  const states: DeskState[] = [];
  const desk = new DeskController(
    (bytes, name) => FileHost.load(bytes, name),
    { get: (key) => stored.get(key) ?? null, set: (key, value) => void stored.set(key, value) },
    (state, change) => {
      states.push(state);
      changes.push(change.kind);
    },
    () => '2026-12-03',
  );
  return { desk, stored, changes, states };
}

/** Waits for what another file's re-check brings (it runs after the action that caused it). */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}

describe('the desk controller', () => {
  it('opens each file once, shows the first readable one, and names an unreadable file and why', async () => {
    const { desk, changes, states } = deskOnFiles();
    const broken = file('损坏的.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    await desk.open([broken, fixture('seed000-2020-errors.xlsx'), fixture('seed002-2024.xlsx')]);
    const { entries, current, progress, notice } = desk.state;
    expect(entries.map((e) => [e.name, e.error === null, e.controller !== null])).toEqual([
      ['损坏的.xlsx', false, false],
      ['seed000-2020-errors.xlsx', true, true],
      ['seed002-2024.xlsx', true, true],
    ]);
    expect(current?.name).toBe('seed000-2020-errors.xlsx');
    expect(notice).toMatch(/^已读取并检查 2 个文件，1 个无法读取。\n文件「损坏的.xlsx」：\S+/);
    // Progress was told along the way and is gone once done.
    expect(changes).toContain('progress');
    expect(states.some((s) => s.progress?.name === 'seed002-2024.xlsx')).toBe(true);
    expect(progress).toBeNull();
    expect(entries[1].controller?.state.results?.length).toBeGreaterThan(0);
    // The same file again stays one file, and is shown.
    await desk.open([fixture('seed002-2024.xlsx')]);
    expect(desk.state.entries).toHaveLength(3);
    expect(desk.state.notice).toBe('「seed002-2024.xlsx」已经打开，未重复添加。');
    expect(desk.state.current?.name).toBe('seed002-2024.xlsx');
  });

  it('reads files two at a time when told, listed in the order given, the first readable one shown', async () => {
    let reading = 0;
    let most = 0;
    const desk = new DeskController(
      async (bytes, name) => {
        most = Math.max(most, ++reading);
        try {
          return await FileHost.load(bytes, name);
        } finally {
          reading--;
        }
      },
      { get: () => null, set: () => undefined },
      () => undefined,
      () => '2026-12-06',
      2,
    );
    const broken = file('损坏的.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    await desk.open([
      broken,
      fixture('seed002-2024.xlsx'),
      fixture('seed000-2020-errors.xlsx'),
      fixture('seed000-2020.xlsx'),
    ]);
    expect(most).toBe(2);
    expect(desk.state.entries.map((e) => [e.name, e.error === null])).toEqual([
      ['损坏的.xlsx', false],
      ['seed002-2024.xlsx', true],
      ['seed000-2020-errors.xlsx', true],
      ['seed000-2020.xlsx', true],
    ]);
    expect(desk.state.current?.name).toBe('seed002-2024.xlsx');
    expect(desk.state.notice).toMatch(/^已读取并检查 3 个文件，1 个无法读取。\n文件「损坏的.xlsx」：/);
    // 上一个文件 / 下一个文件 pass over the unreadable one and go round.
    expect(desk.neighbour(1)?.name).toBe('seed000-2020-errors.xlsx');
    expect(desk.neighbour(-1)?.name).toBe('seed000-2020.xlsx');
  });

  it('applies a layout taught on one file to its twin from another unit, open or opened later, and after a reload', async () => {
    const { sheetGrid, workbookBytes } = await import('./helpers/form-builder');
    const twin = async (name: string, score: number) =>
      file(
        name,
        await workbookBytes([
          sheetGrid('自评表', [
            {
              rows: [
                ['项目支出绩效自评表'],
                ['项目名称', name],
                ['考核内容', '考核要求', '完成结果', '标分', '实评'],
                ['培训人次', '500', '510', 40, 40],
                ['满意度', '90%', '80%', 60, score],
              ],
              top: 1,
              left: 1,
            },
          ]),
        ]),
      );
    const unread = (entry: DeskState['entries'][number] | undefined) =>
      entry?.controller?.state.results?.map((r) => r.kind);
    const { desk, stored } = deskOnFiles();
    await desk.open([fixture('seed002-2024.xlsx'), await twin('甲单位项目', 50), await twin('乙单位项目', 60)]);
    const [, first, second] = desk.state.entries;
    expect(unread(second)).toEqual(['unrecognised']);
    // Taught on the first twin, shown.
    desk.show(first);
    const pane = first.controller!;
    pane.teaching.open('自评表');
    pane.teaching.rename('某县考核式');
    await pane.teaching.save();
    expect(unread(first)).toEqual(['self-evaluation']);
    // The other twin is read too, with every rule (乙's 满意度 scored 60 of 60 for a missed target).
    await waitFor(() => unread(second)?.[0] === 'self-evaluation');
    expect(second.controller!.state.results![0].findings.map((f) => f.rule)).toContain('target-missed-full-score');
    // A twin opened later, and a new desk on the same storage (a reload), read it at once.
    await desk.open([await twin('丙单位项目', 55)]);
    expect(unread(desk.state.entries[3])).toEqual(['self-evaluation']);
    const reloaded = new DeskController(
      (bytes, name) => FileHost.load(bytes, name),
      { get: (key) => stored.get(key) ?? null, set: (key, value) => void stored.set(key, value) },
      () => undefined,
      () => '2026-12-06',
    );
    await reloaded.open([await twin('丁单位项目', 50)]);
    expect(unread(reloaded.state.entries[0])).toEqual(['self-evaluation']);
  });

  it('checks every file again under a new 评分规则 and keeps the choice', async () => {
    const { desk, stored } = deskOnFiles();
    await desk.open([fixture('seed000-2020-errors.xlsx'), fixture('seed002-2024.xlsx')]);
    await desk.changeProfile('no-such-profile');
    expect(desk.state.profileId).toBe('national');
    await desk.changeProfile('sichuan');
    expect(desk.state.profileId).toBe('sichuan');
    expect([...stored.values()]).toContain('sichuan');
    for (const entry of desk.state.entries) expect(entry.controller?.state.profileId).toBe('sichuan');
    expect(desk.state.progress).toBeNull();
  });

  it('asks before closing a file with changes, and shows the next file when the shown one closes', async () => {
    const { desk } = deskOnFiles();
    await desk.open([fixture('seed000-2020-errors.xlsx'), fixture('seed002-2024.xlsx')]);
    const [first, second] = desk.state.entries;
    expect(desk.closeQuestion(first)).toMatch(/^关闭文件「seed000-2020-errors.xlsx」？/);
    await first.controller?.mark();
    expect(first.dirty).toBe(true);
    expect(desk.unsaved).toBe(true);
    expect(desk.closeQuestion(first)).toMatch(/有未下载的标记或填写，关闭后将丢失/);
    desk.close(first);
    expect(desk.state.entries).toEqual([second]);
    expect(desk.state.current).toBe(second);
    expect(desk.unsaved).toBe(false);
    // The closed file's pane no longer hears of the desk's layouts; the open one does.
    const { layoutFileText } = await import('../src/core/recognise/layouts');
    const columns = [
      { label: '考核内容', role: 'name' as const },
      { label: '考核要求', role: 'target' as const },
      { label: '标分', role: 'weight' as const },
      { label: '实评', role: 'score' as const },
    ];
    await second.controller!.teaching.importText(layoutFileText([{ name: '考核式', columns }]), '版式.json');
    expect(second.controller!.state.customLayouts).toHaveLength(1);
    expect(first.controller!.state.customLayouts).toHaveLength(0);
  });

  it('marks every readable file into one .zip with the copies and the three reports', async () => {
    const { desk } = deskOnFiles();
    expect(await desk.markAll()).toBeNull();
    expect(desk.state.notice).toBe('请先选择要检查的工作簿。');
    const broken = file('损坏的.xlsx', new Uint8Array([1, 2, 3]));
    // Two files of one name (from two units' folders) get two copies.
    const again = file('seed000-2020-errors.xlsx', fs.readFileSync(path.join(SHARED, 'seed000-2020-errors.xlsx')), 2);
    await desk.open([fixture('seed000-2020-errors.xlsx'), again, broken]);
    const zip = await desk.markAll();
    expect(zip?.name).toBe('审核结果-2026-12-03.zip');
    const files = unzipSync(zip!.bytes);
    expect(Object.keys(files).sort()).toEqual(
      [
        'seed000-2020-errors-审核.xlsx',
        'seed000-2020-errors-审核(2).xlsx',
        '汇总表.xlsx',
        '复核底稿.xlsx',
        '问题清单.csv',
      ].sort(),
    );
    const copy = await FileHost.load(files['seed000-2020-errors-审核.xlsx'], 'copy.xlsx');
    expect(new PackageInspector(copy.workbookPackage).sheetNames()).toContain('审核意见');
    expect(strFromU8(files['问题清单.csv'])).toContain('损坏的.xlsx');
    expect(desk.state.notice).toBe('已标记 2 个文件并下载：带标记的副本、汇总表、复核底稿和问题清单。');
    expect(desk.unsaved).toBe(false);
    expect(desk.findingsCsv().name).toBe('问题清单-2026-12-03.csv');
    expect(desk.findingsTable().rows.length).toBeGreaterThan(0);
  });

  it('leaves out a file whose marking fails, with its reason, and zips the rest (never an unmarked copy)', async () => {
    const { HostError } = await import('../src/hosts/host');
    const stopped = '读取超时：读取和检查此文件超过 120 秒，已停止；其他文件不受影响。文件可能过大或已损坏';
    const desk = new DeskController(
      async (bytes, name) => {
        const host = await FileHost.load(bytes, name);
        // One file's worker stops while marking; another's marks are written but its bytes never come back.
        if (name === '标记超时.xlsx') host.applyEdits = () => Promise.reject(new HostError(stopped));
        if (name === '下载失败.xlsx') host.toBuffer = () => Promise.reject(new HostError('文件已关闭'));
        return host;
      },
      { get: () => null, set: () => undefined },
      () => undefined,
      () => '2026-12-03',
    );
    const bytes = new Uint8Array(fs.readFileSync(path.join(SHARED, 'seed000-2020-errors.xlsx')));
    await desk.open([file('标记超时.xlsx', bytes), file('下载失败.xlsx', bytes, 2), fixture('seed002-2024.xlsx')]);
    const files = unzipSync((await desk.markAll())!.bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['seed002-2024-审核.xlsx', '汇总表.xlsx', '复核底稿.xlsx', '问题清单.csv', '未能标记的文件.txt'].sort(),
    );
    const left = strFromU8(files['未能标记的文件.txt']);
    expect(left).toContain(`「标记超时.xlsx」：${stopped}`);
    expect(left).toContain('「下载失败.xlsx」：文件已关闭');
    expect(desk.state.notice).toMatch(/^已标记 1 个文件并下载：.*2 个文件未能标记，未放入压缩包：「标记超时.xlsx」/);
    // Their findings still stand in the reports, without a link to a copy.
    expect(strFromU8(files['问题清单.csv'])).toContain('标记超时.xlsx');
  });

  it('downloads the shown file as a reviewed copy, or as a new 自评表 when the page only started forms in it', async () => {
    const { desk } = deskOnFiles();
    await desk.open([fixture('seed002-2024.xlsx')]);
    const entry = desk.state.current!;
    await entry.controller?.fill();
    const copy = await desk.currentCopy();
    expect(copy?.name).toBe('seed002-2024-审核.xlsx');
    expect(entry.dirty).toBe(false);
    const other = deskOnFiles().desk;
    await other.open([fixture('seed000-2020.xlsx')]);
    await other.state.current?.controller?.insertBlankForm();
    expect(other.state.current?.dirty).toBe(true);
    const started = await other.currentCopy();
    expect(started?.name).toBe('seed000-2020-自评表.xlsx');
    const sheets = new PackageInspector((await FileHost.load(started!.bytes, 'x.xlsx')).workbookPackage).sheetNames();
    expect(sheets.length).toBeGreaterThan(1);
  });
});
