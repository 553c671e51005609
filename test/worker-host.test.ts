import { HostError } from '../src/hosts/host';
import { PAGE_FILE_SECONDS, WorkerFileHost } from '../src/hosts/file/worker-host';
import type { WorkerReply, WorkerRequest } from '../src/hosts/file/worker-protocol';

/**
 * The page's workers (issues #22 and #35): a few workers, each holding several files and answering one request at
 * a time, each request within its file's time budget; a file that hangs or breaks its worker gets a Chinese error,
 * and the other files of that worker move to a fresh one (their marks replayed) and go on. The worker here stands
 * in for the browser's: it answers a file's requests at once, slowly, never (a file that hangs the reader) or with
 * an error event (a crash).
 */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: { data: WorkerReply }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  terminated = false;
  readonly received: string[] = [];
  private readonly names = new Map<number, string>();

  constructor(readonly url: string) {
    FakeWorker.all.push(this);
  }

  postMessage(request: WorkerRequest): void {
    if (this.terminated) return;
    if (request.type === 'open') this.names.set(request.file, request.name);
    const name = this.names.get(request.file) ?? '';
    this.received.push(`${name}:${request.type}`);
    if (name.includes('卡住')) return;
    setTimeout(
      () => {
        if (this.terminated) return;
        if (name.includes('崩溃')) this.onerror?.({ preventDefault: () => undefined });
        else if (name.includes('长') && request.type === 'read') {
          // A long answer in parts, the last one in `done` (as file-worker.ts sends 4,400 forms).
          const items = Array.from({ length: 900 }, (_, i) => i);
          this.onmessage?.({ data: { id: request.id, type: 'part', items: items.slice(0, 400) } });
          this.onmessage?.({ data: { id: request.id, type: 'part', items: items.slice(400, 800) } });
          this.onmessage?.({ data: { id: request.id, type: 'done', value: items.slice(800) } });
        } else this.onmessage?.({ data: { id: request.id, type: 'done', value: answer(request) } });
      },
      name.includes('慢') ? 120 : 5,
    );
  }

  terminate(): void {
    this.terminated = true;
  }
}

function answer(request: WorkerRequest): unknown {
  if (request.type === 'read') return [];
  if (request.type === 'apply') return { written: request.edits.length };
  return null;
}

beforeAll(() => {
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});

afterAll(() => {
  delete (globalThis as { Worker?: unknown }).Worker;
});

beforeEach(() => (FakeWorker.all = []));

/** Each test its own pool (the budget is part of a pool's key): 0.2 s and `size` workers. */
let budget = 0.2;
beforeEach(() => (budget += 0.001));
const open = (name: string, size = 2) =>
  WorkerFileHost.open(new Uint8Array([1, 2, 3]), name, 'file-worker.js', undefined, budget, size);

describe('the page reads files in a few workers, each request within its file’s time budget', () => {
  it('puts a long answer back together from its parts, in order', async () => {
    const host = await open('长.xlsx');
    expect(await host.readSheets('all')).toEqual(Array.from({ length: 900 }, (_, i) => i));
  });

  it('opens many files in as many workers as the pool has, not one each', async () => {
    const hosts = await Promise.all(['一', '二', '三', '四', '五'].map((n) => open(`${n}.xlsx`)));
    expect(FakeWorker.all).toHaveLength(2);
    await Promise.all(hosts.map((host) => host.readSheets('all')));
    expect(FakeWorker.all.map((w) => w.received.filter((r) => r.endsWith(':open')).length).sort()).toEqual([2, 3]);
  });

  it('stops a file that hangs or crashes, in Chinese; the files sharing its worker move on with their marks', async () => {
    const good = await open('好.xlsx', 1);
    const edits = [{ type: 'decisions' as const, record: null }];
    await good.applyEdits(edits);
    const [stuck, broken] = await Promise.allSettled([open('卡住.xlsx', 1), open('崩溃.xlsx', 1)]);
    expect(stuck).toMatchObject({ status: 'rejected', reason: expect.any(HostError) });
    expect((stuck as PromiseRejectedResult).reason.message).toMatch(
      /^读取超时：读取和检查此文件超过 0\.2\d* 秒，已停止/,
    );
    // The crash waited behind the hang, was moved to a fresh worker with it, and broke that one.
    expect((broken as PromiseRejectedResult).reason.message).toMatch(/后台线程出错.*其他文件不受影响/);
    // The good file answers from a third worker, opened again from its bytes with its edits replayed.
    await expect(good.readSheets('all')).resolves.toEqual([]);
    const last = FakeWorker.all[FakeWorker.all.length - 1];
    expect(FakeWorker.all.map((w) => w.terminated)).toEqual([true, true, false]);
    expect(last.received).toEqual(['好.xlsx:open', '好.xlsx:apply', '好.xlsx:read']);
  });

  it('times a request from when its worker starts it: files waiting behind a slow one are not stopped', async () => {
    const slow = await Promise.all(['慢一.xlsx', '慢二.xlsx', '慢三.xlsx'].map((name) => open(name, 1)));
    await expect(Promise.all(slow.map((host) => host.readSheets('all')))).resolves.toEqual([[], [], []]);
    expect(FakeWorker.all).toHaveLength(1);
  });

  it('a closed file leaves its worker and is refused after; a worker left with no file is stopped', async () => {
    const [one, two] = await Promise.all([open('一.xlsx', 1), open('二.xlsx', 1)]);
    await one.close();
    await expect(one.readSheets('all')).rejects.toThrow('文件已关闭');
    expect(FakeWorker.all[0].terminated).toBe(false);
    await expect(two.readSheets('all')).resolves.toEqual([]);
    await two.close();
    expect(FakeWorker.all[0].terminated).toBe(true);
    expect(FakeWorker.all[0].received).toContain('一.xlsx:close');
  });

  it('gives each file the CLI’s budget by default', () => {
    expect(PAGE_FILE_SECONDS).toBe(120);
  });
});
