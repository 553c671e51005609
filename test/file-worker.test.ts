import * as fs from 'fs';
import * as path from 'path';
import { planEdits } from '../src/core/edits/edits';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import type { CheckedForm } from '../src/core/check/workbook';
import type { WorkerReply, WorkerRequest } from '../src/hosts/file/worker-protocol';
import { Happenings } from './helpers/wait';

/**
 * The page's worker script itself (`file-worker.ts`), driven as the page drives it: messages in, replies out
 * (progress, then done or failed), with `self` standing in for the worker's scope.
 */
type Scope = {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage: (reply: WorkerReply) => void;
};

const replies = new Happenings<WorkerReply>();
const scope: Scope = { onmessage: null, postMessage: (reply) => replies.add(reply) };
Object.assign(globalThis, { self: scope });

let nextId = 1;
/** Omit over each member of the union, so that every request keeps its own fields. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

async function ask(request: Request): Promise<{ reply: WorkerReply; progress: string[] }> {
  const id = nextId++;
  scope.onmessage!({ data: { ...request, id } as WorkerRequest });
  const reply = await replies.first((r) => r.id === id && r.type !== 'progress' && r.type !== 'part');
  const progress = replies.all
    .filter((r) => r.id === id && r.type === 'progress')
    .map((r) => (r as { label: string }).label);
  return { reply, progress };
}

const value = <T>(reply: WorkerReply): T => {
  if (reply.type !== 'done') throw new Error(JSON.stringify(reply));
  return reply.value as T;
};

beforeAll(async () => {
  await import('../src/hosts/file/file-worker');
});

describe('the page’s worker', () => {
  it('opens, checks with progress, marks, previews, clears and hands back the bytes of one file', async () => {
    const bytes = new Uint8Array(
      fs.readFileSync(path.join(__dirname, 'fixtures', 'shared', 'seed000-2020-errors.xlsx')),
    );
    const opened = await ask({ type: 'open', file: 1, bytes, name: 'a.xlsx' });
    expect(opened.progress[0]).toMatch(/^正在打开工作簿（\d+ KB）…$/);
    const checked = await ask({
      type: 'check',
      file: 1,
      scope: 'all',
      profile: BUILT_IN_PROFILES.national,
      layouts: [],
    });
    const results = value<CheckedForm[]>(checked.reply);
    expect(results).toHaveLength(2);
    expect(checked.progress).toContain('正在读取工作表「1-上海科协官方微信、微博策划与运维及视频拍」（1/2）…');
    expect(checked.progress[checked.progress.length - 1]).toBe(
      '正在检查：第 2/2 张工作表，已找到 2 张表，已检查 2 张…',
    );
    expect(value<unknown[]>((await ask({ type: 'read', file: 1, scope: 'all' })).reply)).toHaveLength(2);
    const applied = value<{ marked: number }>(
      (await ask({ type: 'apply', file: 1, edits: planEdits(results, { mark: true }) })).reply,
    );
    expect(applied.marked).toBeGreaterThan(0);
    const preview = value<{ cell: string }>(
      (await ask({ type: 'preview', file: 1, sheet: results[0].sheet, cell: 'H14' })).reply,
    );
    expect(preview.cell).toBe('H14');
    expect((await ask({ type: 'select', file: 1, sheet: results[0].sheet, cell: 'H14' })).reply.type).toBe('done');
    expect(value<{ restored: number }>((await ask({ type: 'clear', file: 1 })).reply).restored).toBe(applied.marked);
    expect(value<Uint8Array>((await ask({ type: 'bytes', file: 1 })).reply).length).toBeGreaterThan(1000);
    expect((await ask({ type: 'close', file: 1 })).reply.type).toBe('done');
  });

  it('answers a closed file and a damaged one in Chinese, as host errors', async () => {
    const closed = (await ask({ type: 'read', file: 1, scope: 'all' })).reply;
    expect(closed).toMatchObject({ type: 'failed', message: '文件已关闭', hostError: true });
    const damaged = (await ask({ type: 'open', file: 2, bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0]), name: 'b.xlsx' }))
      .reply;
    expect(damaged.type).toBe('failed');
    expect((damaged as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  });
  it('answers with the results of many forms in parts, the page unpacking each as a task of its own', async () => {
    const { readXlsx } = await import('../src/xlsx/xlsx-reader');
    const { stackedXlsx } = await import('./helpers/stacked-xlsx');
    const source = readXlsx(
      new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', 'shared', 'seed000-2020.xlsx'))),
    );
    const bytes = stackedXlsx(source.grid(source.sheets[1]), 900);
    await ask({ type: 'open', file: 7, bytes, name: '叠放.xlsx' });
    const id = nextId;
    const { reply } = await ask({
      type: 'check',
      file: 7,
      scope: 'all',
      profile: BUILT_IN_PROFILES.national,
      layouts: [],
    });
    const parts = replies.all.filter((r) => r.id === id && r.type === 'part') as Array<{ items: unknown[] }>;
    expect(parts.map((p) => p.items.length)).toEqual([400, 400]);
    expect(value<CheckedForm[]>(reply)).toHaveLength(100);
  });

  it('holds each file to the page’s memory ceiling: a part declared larger is refused before it is inflated', async () => {
    const { toZip64 } = await import('./helpers/hostile-xlsx');
    const clean = new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', 'shared', 'seed002-2024.xlsx')));
    // 100 MB is within the CLI's limits (512 MB a part): the page's worker refuses it all the same.
    const bytes = toZip64(clean, (name, size) => (name === 'xl/worksheets/sheet1.xml' ? 100 * 2 ** 20 : size));
    const { reply } = await ask({ type: 'open', file: 9, bytes, name: '大.xlsx' });
    expect(reply).toMatchObject({ type: 'failed', hostError: true });
    expect((reply as { message: string }).message).toBe(
      '工作簿解压后过大（超过 192 MB，或单个部件超过 96 MB），可能已损坏，无法读取',
    );
  });
});
