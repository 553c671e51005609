import type { Edit } from '../../core/edits/edits';
import type { SheetGrid } from '../../core/sheet/grid';
import type { Profile } from '../../core/rules/profiles';
import type { TaughtLayout } from '../../core/recognise/layouts';
import type { CheckedForm } from '../../core/check/workbook';
import { HostError, type ApplyReport, type CellPreview, type ClearReport, type SpreadsheetHost } from '../host';
import type { WorkerAnswers, WorkerReply, WorkerRequest } from './worker-protocol';

type Progress = (fraction: number, label: string) => void;
type RequestType = WorkerRequest['type'];
type Message<T extends RequestType> = Omit<Extract<WorkerRequest, { type: T }>, 'id' | 'type'>;

/** How long one request of a file may take before its worker is stopped (the CLI's budget too). */
export const PAGE_FILE_SECONDS = 120;

/** A request waiting for its turn in a worker, or the one the worker is answering. */
interface Queued {
  id: number;
  message: WorkerRequest;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  progress?: Progress;
  /** The parts of a long answer received so far (worker-protocol.ts). */
  parts?: unknown[];
}

/** A file's request that was not answered because another file stopped the worker: asked again elsewhere. */
export class WorkerLost extends Error {}

/**
 * One of the page's workers, holding several files. It answers one request at a time, so the request sent is
 * the one running and its time budget starts when it does. A request past its budget, or a crash while it runs,
 * stops the worker: that request gets the Chinese reason, every other one a `WorkerLost` (its file was innocent).
 */
class WorkbookWorker {
  private readonly worker: Worker;
  private readonly queue: Queued[] = [];
  private running: Queued | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  stopped: string | null = null;
  /** Files open in it: of two workers equally busy, the pool gives a new file to the one holding fewer. */
  files = 0;

  /** Requests running or waiting: a new file goes to the worker with the least to do. */
  get load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  constructor(
    url: string,
    private readonly seconds: number,
  ) {
    this.worker = new Worker(url);
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => this.receive(event.data);
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      this.stop('读取此文件的后台线程出错（文件可能过大或已损坏），已停止；其他文件不受影响。请关闭此文件后重试');
    };
  }

  /** Stops the worker for good: the running request gets `reason`, the waiting ones are lost (asked again). */
  stop(reason: string): void {
    if (this.stopped !== null) return;
    this.stopped = reason;
    this.worker.terminate();
    if (this.timer) clearTimeout(this.timer);
    this.running?.reject(new HostError(reason));
    this.running = null;
    for (const waiting of this.queue.splice(0)) waiting.reject(new WorkerLost(reason));
  }

  /** Frees the worker when it holds no file any more. */
  retire(): void {
    if (this.files > 0 || this.stopped !== null) return;
    this.stopped = '文件已关闭';
    this.worker.terminate();
  }

  request<T extends RequestType>(
    type: T,
    message: Message<T>,
    progress?: Progress,
    transfer: ArrayBuffer[] = [],
  ): Promise<WorkerAnswers[T]> {
    if (this.stopped !== null) return Promise.reject(new WorkerLost(this.stopped));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const request = { ...message, type, id } as unknown as WorkerRequest;
      this.queue.push({
        id,
        message: request,
        transfer,
        resolve: resolve as (value: unknown) => void,
        reject,
        progress,
      });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.stopped !== null) return;
    const request = this.queue.shift();
    if (!request) return;
    this.running = request;
    this.timer = setTimeout(
      () =>
        this.stop(`读取超时：读取和检查此文件超过 ${this.seconds} 秒，已停止；其他文件不受影响。文件可能过大或已损坏`),
      this.seconds * 1000,
    );
    this.worker.postMessage(request.message, request.transfer);
  }

  private receive(reply: WorkerReply): void {
    const waiting = this.running;
    if (!waiting || waiting.id !== reply.id) return;
    if (reply.type === 'progress') {
      waiting.progress?.(reply.fraction, reply.label);
      return;
    }
    if (reply.type === 'part') {
      (waiting.parts ??= []).push(...reply.items);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = null;
    if (reply.type === 'done')
      waiting.resolve(waiting.parts ? [...waiting.parts, ...(reply.value as unknown[])] : reply.value);
    else waiting.reject(reply.hostError ? new HostError(reply.message) : new Error(reply.message));
    this.next();
  }
}

/**
 * The page's workers (pageWorkers: one per core but the page's own), each holding many files. Starting a worker
 * costs a tenth of a second and its engine starts cold, so 50 files in 50 workers took the page 17 times the
 * CLI's time; a few warm workers read them about as fast as the CLI's processes.
 */
class WorkerPool {
  private readonly workers: Array<WorkbookWorker | null>;

  constructor(
    private readonly url: string,
    readonly seconds: number,
    size: number,
  ) {
    this.workers = Array.from({ length: size }, () => null);
  }

  /** Every worker started before the first file comes: their start (a tenth of a second each) is then out of the way. */
  warm(): void {
    for (let i = 0; i < this.workers.length; i++) {
      const worker = this.workers[i];
      if (!worker || worker.stopped !== null) this.workers[i] = new WorkbookWorker(this.url, this.seconds);
    }
  }

  /** The live worker with the least to do (then the fewest files); a stopped one or an empty slot gets a fresh one. */
  take(): WorkbookWorker {
    let best: WorkbookWorker | null = null;
    for (let i = 0; i < this.workers.length; i++) {
      const worker = this.workers[i];
      if (!worker || worker.stopped !== null) return (this.workers[i] = new WorkbookWorker(this.url, this.seconds));
      if (!best || worker.load < best.load || (worker.load === best.load && worker.files < best.files)) best = worker;
    }
    return best as WorkbookWorker;
  }
}

const pools = new Map<string, WorkerPool>();

/**
 * How many workers the page keeps: one per core but one, which the page itself needs (it reads the chosen files,
 * keeps them, takes the results and draws the desk), at least one and at most four; two where the browser does not
 * say (IE and old browsers). On two cores a second worker only took turns with the page and with the first.
 */
export function pageWorkers(): number {
  // eslint-disable-next-line compat/compat -- absent in IE 11: two workers there.
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0;
  return cores ? Math.min(4, Math.max(1, cores - 1)) : 2;
}

function poolFor(url: string, seconds: number, size: number): WorkerPool {
  const key = `${url}\u0000${seconds}\u0000${size}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new WorkerPool(url, seconds, size)));
  return pool;
}

/** What changes a file in its worker: replayed, in order, when the file has to move to another worker. */
type Change = { type: 'apply'; edits: readonly Edit[] } | { type: 'clear' };

let nextFile = 1;
/** How often a file moves when the workers it waits in are stopped by others, before it gives up. */
const MOVES = 3;

/**
 * The file host of the standalone page, run in a worker of the page's pool: the page only sends requests and shows
 * progress, so reading and checking a large workbook never freezes it. Every request has the file's time budget;
 * a file that runs past it, or crashes its worker, is stopped with a Chinese reason. The other files of that
 * worker move to a fresh one (opened again from their bytes, with their marks and fills replayed) and go on.
 */
export class WorkerFileHost implements SpreadsheetHost {
  readonly displayName = '文件';
  private readonly changes: Change[] = [];
  /** Why this file was stopped (its own budget or crash), or closed; then every request is refused. */
  private ended: string | null = null;
  /** Not yet opened in the worker it is in (a new file, or one moved to a fresh worker). */
  private unopened = true;

  private constructor(
    private worker: WorkbookWorker,
    private readonly pool: WorkerPool,
    private readonly file: number,
    private readonly bytes: Uint8Array,
    readonly fileName: string,
  ) {}

  /** Starts the page's workers ahead of the first file (the page does when it opens). */
  static prepare(workerUrl: string, seconds = PAGE_FILE_SECONDS, workers = pageWorkers()): void {
    poolFor(workerUrl, seconds, workers).warm();
  }

  /** Whether this browser can run the worker (every browser the page supports; not jsdom). */
  static available(): boolean {
    return typeof Worker !== 'undefined';
  }

  static async open(
    bytes: Uint8Array,
    fileName: string,
    workerUrl: string,
    progress?: Progress,
    seconds = PAGE_FILE_SECONDS,
    workers = pageWorkers(),
  ): Promise<WorkerFileHost> {
    const pool = poolFor(workerUrl, seconds, workers);
    const host = new WorkerFileHost(pool.take(), pool, nextFile++, bytes.slice(), fileName);
    host.worker.files++;
    try {
      await host.inWorker(async () => undefined, progress);
    } catch (error) {
      await host.close();
      throw error;
    }
    return host;
  }

  /** The file opened in its worker (again, after a move: with its changes replayed). */
  private async send(progress?: Progress): Promise<void> {
    const copy = this.bytes.slice();
    const message = { file: this.file, bytes: copy, name: this.fileName };
    await this.worker.request('open', message, progress, [copy.buffer as ArrayBuffer]);
    for (const change of this.changes)
      if (change.type === 'apply') await this.worker.request('apply', { file: this.file, edits: change.edits });
      else await this.worker.request('clear', { file: this.file });
  }

  /**
   * `run` in the file's worker, the file opened there first where it is not yet (at the start, and after a move, its
   * changes replayed); asked again in a fresh worker when another file stopped the one it was in.
   */
  private async inWorker<T>(run: () => Promise<T>, progress?: Progress): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.ended !== null) throw new HostError(this.ended);
      try {
        if (this.unopened) await this.send(progress);
        this.unopened = false;
        return await run();
      } catch (error) {
        if (!(error instanceof WorkerLost) || attempt >= MOVES) throw this.failed(error);
        this.move();
      }
    }
  }

  private ask<T extends RequestType>(type: T, message: Message<T>, progress?: Progress): Promise<WorkerAnswers[T]> {
    return this.inWorker(() => this.worker.request(type, message, progress), progress);
  }

  /** The file's own failure: a stop by its budget or a crash ends it; a worker lost too often is said plainly. */
  private failed(error: unknown): unknown {
    if (error instanceof HostError && this.worker.stopped !== null) this.ended = error.message;
    return error instanceof WorkerLost ? new HostError(error.message) : error;
  }

  private move(): void {
    this.worker.files--;
    this.worker = this.pool.take();
    this.worker.files++;
    this.unopened = true;
  }

  readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    return this.ask('read', { file: this.file, scope });
  }

  /** Read and check in the worker: the grids never cross to the page. */
  checkInPlace(
    scope: 'active' | 'all',
    profile: Profile,
    progress?: Progress,
    layouts: readonly TaughtLayout[] = [],
  ): Promise<CheckedForm[]> {
    return this.ask('check', { file: this.file, scope, profile, layouts: [...layouts] }, progress);
  }

  async applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    const report = await this.ask('apply', { file: this.file, edits });
    this.changes.push({ type: 'apply', edits });
    return report;
  }

  async clearMarks(): Promise<ClearReport> {
    const report = await this.ask('clear', { file: this.file });
    this.changes.push({ type: 'clear' });
    return report;
  }

  previewCell(sheet: string, cell: string): Promise<CellPreview> {
    return this.ask('preview', { file: this.file, sheet, cell });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.ask('select', { file: this.file, sheet, cell });
  }

  toBuffer(): Promise<Uint8Array> {
    return this.ask('bytes', { file: this.file });
  }

  /** The file leaves its worker (its memory goes back); a worker left with no file is stopped. */
  async close(): Promise<null> {
    if (this.ended === '文件已关闭') return null;
    const worker = this.worker;
    this.ended = '文件已关闭';
    worker.files--;
    if (worker.stopped === null) await worker.request('close', { file: this.file }).catch(() => null);
    worker.retire();
    return null;
  }
}
