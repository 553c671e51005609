import { HostError } from '../src/hosts/host';
import { PAGE_FILE_SECONDS, WorkerFileHost } from '../src/hosts/file/worker-host';
import type { WorkerReply, WorkerRequest } from '../src/hosts/file/worker-protocol';

/**
 * The page's workers (issue #22): each file in a worker of its own, within a time budget; a file that hangs
 * or breaks its worker gets a Chinese error, and the other files go on. The worker here stands in for the
 * browser's: it answers at once, never (a file that hangs the reader) or with an error event (a crash).
 */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: { data: WorkerReply }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  terminated = false;
  private name = '';

  constructor(readonly url: string) {
    FakeWorker.all.push(this);
  }

  postMessage(request: WorkerRequest): void {
    if (this.terminated) return;
    if (request.type === 'open') this.name = request.name;
    if (this.name.includes('卡住')) return;
    setTimeout(() => {
      if (this.terminated) return;
      if (this.name.includes('崩溃')) this.onerror?.({ preventDefault: () => undefined });
      else if (this.name.includes('长') && request.type === 'read') {
        // A long answer in parts, the last one in `done` (as file-worker.ts sends 4,400 forms).
        const items = Array.from({ length: 900 }, (_, i) => i);
        this.onmessage?.({ data: { id: request.id, type: 'part', items: items.slice(0, 400) } });
        this.onmessage?.({ data: { id: request.id, type: 'part', items: items.slice(400, 800) } });
        this.onmessage?.({ data: { id: request.id, type: 'done', value: items.slice(800) } });
      } else this.onmessage?.({ data: { id: request.id, type: 'done', value: request.type === 'read' ? [] : null } });
    }, 5);
  }

  terminate(): void {
    this.terminated = true;
  }
}

beforeAll(() => {
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});

afterAll(() => {
  delete (globalThis as { Worker?: unknown }).Worker;
});

beforeEach(() => (FakeWorker.all = []));

const open = (name: string, seconds = 0.2) =>
  WorkerFileHost.open(new Uint8Array([1, 2, 3]), name, 'file-worker.js', undefined, seconds);

describe('the page reads each file in a worker of its own, within a time budget', () => {
  it('puts a long answer back together from its parts, in order', async () => {
    const host = await open('长.xlsx');
    expect(await host.readSheets('all')).toEqual(Array.from({ length: 900 }, (_, i) => i));
  });

  it('stops a file that hangs, in Chinese, and the others are read', async () => {
    const [good, stuck, broken] = await Promise.allSettled([open('好.xlsx'), open('卡住.xlsx'), open('崩溃.xlsx')]);
    expect(good.status).toBe('fulfilled');
    expect(stuck).toMatchObject({ status: 'rejected', reason: expect.any(HostError) });
    expect((stuck as PromiseRejectedResult).reason.message).toMatch(
      /^读取超时：读取和检查此文件超过 0\.2 秒，已停止；其他文件不受影响/,
    );
    expect((broken as PromiseRejectedResult).reason.message).toMatch(/后台线程出错.*其他文件不受影响/);
    // Three workers: the hung one and the broken one stopped, the good one still answering.
    expect(FakeWorker.all.map((w) => w.terminated)).toEqual([false, true, true]);
    const host = (good as PromiseFulfilledResult<WorkerFileHost>).value;
    await expect(host.readSheets('all')).resolves.toEqual([]);
  });

  it('stops the worker of a closed file, and refuses what is asked of it after', async () => {
    const host = await open('好.xlsx');
    await host.close();
    expect(FakeWorker.all[0].terminated).toBe(true);
    await expect(host.readSheets('all')).rejects.toThrow('文件已关闭');
  });

  it('gives each file the CLI’s budget by default', () => {
    expect(PAGE_FILE_SECONDS).toBe(120);
  });
});
