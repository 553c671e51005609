import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CheckedFile, CheckOptions } from './check-files';
import type { CheckRequest } from './check-worker';

/**
 * What one file may cost while it is read and checked (README, 限制): past either, that file gets a Chinese
 * error and the batch goes on. Set by JIXIAO_FILE_MEMORY_MB and JIXIAO_FILE_SECONDS where a desk needs others.
 */
export function fileBudget(env: NodeJS.ProcessEnv = process.env): { memoryMb: number; seconds: number } {
  const positive = (value: string | undefined, fallback: number) => {
    const number = Number(value);
    return Number.isFinite(number) && number > 0 ? number : fallback;
  };
  return { memoryMb: positive(env.JIXIAO_FILE_MEMORY_MB, 2048), seconds: positive(env.JIXIAO_FILE_SECONDS, 120) };
}

/**
 * Reads and checks files one at a time in a worker thread with a memory ceiling and a time limit. The thread is
 * kept from file to file (starting one costs more than most checks) and replaced after a file that broke it.
 */
export class IsolatedChecker {
  private worker: Worker | null = null;
  private next = 1;

  constructor(
    private readonly budget = fileBudget(),
    private readonly script = workerScript(),
  ) {}

  check(file: string, options: CheckOptions): Promise<CheckedFile> {
    const worker = this.start();
    const id = this.next++;
    const request: CheckRequest = { id, file, options: { profile: options.profile, layouts: options.layouts } };
    return new Promise((resolve) => {
      const failed = (error: string) => {
        cleanup();
        this.stop();
        resolve({ path: file, error, results: [], output: null, skipped: 0 });
      };
      const timer = setTimeout(
        () =>
          failed(
            `读取超时：超过 ${this.budget.seconds} 秒仍未读完并检查完，已停止检查该文件（文件可能已损坏）；其余文件照常检查`,
          ),
        this.budget.seconds * 1000,
      );
      const onMessage = (message: { id: number; outcome: CheckedFile }) => {
        if (message.id !== id) return;
        cleanup();
        resolve(message.outcome);
      };
      const onError = (error: Error & { code?: string }) =>
        failed(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `文件过大：读取和检查需要的内存超过上限（${this.budget.memoryMb} MB），已停止检查该文件；其余文件照常检查`
            : `检查该文件时出错（${error.message}），已停止检查该文件；其余文件照常检查`,
        );
      const onExit = () => failed('检查该文件的进程意外退出，已停止检查该文件；其余文件照常检查');
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(request);
    });
  }

  /** Ends the thread (the batch is done). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    this.worker ??= new Worker(this.script.source, {
      eval: this.script.eval,
      resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb },
    });
    return this.worker;
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }
}

/** The compiled worker beside this file; under TypeScript (tests, tsx) its source, required through tsx. */
function workerScript(): { source: string; eval: boolean } {
  if (path.extname(__filename) === '.js') return { source: path.join(__dirname, 'check-worker.js'), eval: false };
  const source = path.join(__dirname, 'check-worker.ts');
  return { source: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
}
