import type { Edit } from '../../core/edits';
import type { SheetGrid } from '../../core/grid';
import type { Profile } from '../../core/profiles';
import type { TaughtLayout } from '../../core/layouts';
import type { CheckedForm } from '../../core/workbook';
import { HostError, type ApplyReport, type CellPreview, type ClearReport, type SpreadsheetHost } from '../host';
import type { WorkerAnswers, WorkerReply, WorkerRequest } from './worker-protocol';

type Progress = (fraction: number, label: string) => void;
type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  progress?: Progress;
  /** The parts of a long answer received so far (worker-protocol.ts). */
  parts?: unknown[];
};

/** How long one request of a file may take before its worker is stopped (the CLI's budget too). */
export const PAGE_FILE_SECONDS = 120;

/**
 * One worker per file: a file that hangs or breaks its worker takes only itself down. Every request has a
 * time budget; past it, or when the worker fails, the worker is stopped and the file's requests get a
 * Chinese error, while the other files go on in their own workers.
 */
class WorkbookWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending & { timer: ReturnType<typeof setTimeout> }>();
  private nextId = 1;
  private stopped: string | null = null;

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

  /** Stops the worker for good; what is waiting, and what comes after, is refused with the reason. */
  stop(reason: string): void {
    if (this.stopped !== null) return;
    this.stopped = reason;
    this.worker.terminate();
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new HostError(reason));
    }
    this.pending.clear();
  }

  request<T extends WorkerRequest['type']>(
    type: T,
    message: Omit<Extract<WorkerRequest, { type: T }>, 'id' | 'type'>,
    progress?: Progress,
    transfer: ArrayBuffer[] = [],
  ): Promise<WorkerAnswers[T]> {
    if (this.stopped !== null) return Promise.reject(new HostError(this.stopped));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.stop(
            `读取超时：读取和检查此文件超过 ${this.seconds} 秒，已停止；其他文件不受影响。文件可能过大或已损坏`,
          ),
        this.seconds * 1000,
      );
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, progress, timer });
      this.worker.postMessage({ ...message, type, id }, transfer);
    });
  }

  private receive(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    if (reply.type === 'progress') {
      waiting.progress?.(reply.fraction, reply.label);
      return;
    }
    if (reply.type === 'part') {
      (waiting.parts ??= []).push(...reply.items);
      return;
    }
    this.pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.type === 'done')
      waiting.resolve(waiting.parts ? [...waiting.parts, ...(reply.value as unknown[])] : reply.value);
    else waiting.reject(reply.hostError ? new HostError(reply.message) : new Error(reply.message));
  }
}

let nextFile = 1;

/**
 * The file host of the standalone page, run in a Web Worker: the page only sends requests and shows
 * progress, so reading and checking a large workbook never freezes it.
 */
export class WorkerFileHost implements SpreadsheetHost {
  readonly displayName = '文件';

  private constructor(
    private readonly worker: WorkbookWorker,
    private readonly file: number,
    readonly fileName: string,
  ) {}

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
  ): Promise<WorkerFileHost> {
    const worker = new WorkbookWorker(workerUrl, seconds);
    const file = nextFile++;
    const copy = bytes.slice();
    try {
      await worker.request('open', { file, bytes: copy, name: fileName }, progress, [copy.buffer as ArrayBuffer]);
    } catch (error) {
      worker.stop('文件已关闭');
      throw error;
    }
    return new WorkerFileHost(worker, file, fileName);
  }

  readSheets(scope: 'active' | 'all'): Promise<SheetGrid[]> {
    return this.worker.request('read', { file: this.file, scope });
  }

  /** Read and check in the worker: the grids never cross to the page. */
  checkInPlace(
    scope: 'active' | 'all',
    profile: Profile,
    progress?: Progress,
    layouts: readonly TaughtLayout[] = [],
  ): Promise<CheckedForm[]> {
    return this.worker.request('check', { file: this.file, scope, profile, layouts: [...layouts] }, progress);
  }

  applyEdits(edits: readonly Edit[]): Promise<ApplyReport> {
    return this.worker.request('apply', { file: this.file, edits });
  }

  clearMarks(): Promise<ClearReport> {
    return this.worker.request('clear', { file: this.file });
  }

  previewCell(sheet: string, cell: string): Promise<CellPreview> {
    return this.worker.request('preview', { file: this.file, sheet, cell });
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    await this.worker.request('select', { file: this.file, sheet, cell });
  }

  toBuffer(): Promise<Uint8Array> {
    return this.worker.request('bytes', { file: this.file });
  }

  /** The file's worker is stopped: its memory goes back to the browser. */
  async close(): Promise<null> {
    this.worker.stop('文件已关闭');
    return null;
  }
}
