import type { Edit } from '../../core/edits';
import type { SheetGrid } from '../../core/grid';
import type { Profile } from '../../core/profiles';
import type { TaughtLayout } from '../../core/layouts';
import type { CheckedForm } from '../../core/workbook';
import { HostError, type ApplyReport, type CellPreview, type ClearReport, type SpreadsheetHost } from '../host';
import type { WorkerAnswers, WorkerReply, WorkerRequest } from './worker-protocol';

type Progress = (fraction: number, label: string) => void;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; progress?: Progress };

/** One worker for every file of the page; requests are answered in order, by id. */
class WorkbookWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(url: string) {
    this.worker = new Worker(url);
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => this.receive(event.data);
    this.worker.onerror = () => {
      for (const waiting of this.pending.values())
        waiting.reject(new HostError('读取工作簿的后台进程出错，请刷新页面后重试'));
      this.pending.clear();
    };
  }

  request<T extends WorkerRequest['type']>(
    type: T,
    message: Omit<Extract<WorkerRequest, { type: T }>, 'id' | 'type'>,
    progress?: Progress,
    transfer: ArrayBuffer[] = [],
  ): Promise<WorkerAnswers[T]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, progress });
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
    this.pending.delete(reply.id);
    if (reply.type === 'done') waiting.resolve(reply.value);
    else waiting.reject(reply.hostError ? new HostError(reply.message) : new Error(reply.message));
  }
}

let shared: WorkbookWorker | null = null;
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
  ): Promise<WorkerFileHost> {
    shared ??= new WorkbookWorker(workerUrl);
    const file = nextFile++;
    const copy = bytes.slice();
    await shared.request('open', { file, bytes: copy, name: fileName }, progress, [copy.buffer as ArrayBuffer]);
    return new WorkerFileHost(shared, file, fileName);
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

  close(): Promise<null> {
    return this.worker.request('close', { file: this.file });
  }
}
