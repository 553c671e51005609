import * as path from 'path';
import { fork, type ChildProcess } from 'child_process';
import type { CheckedFile, CheckOptions } from './check-files';
import type { CheckReply, CheckRequest } from './check-worker';

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
 * Reads and checks files one at a time in a child process with a memory ceiling and a time limit. A process,
 * not a thread: some damaged files make the JavaScript engine itself abort (an array past its largest size),
 * which ends a whole process. The process is kept from file to file (starting one costs more than most checks)
 * and replaced after a file that broke it.
 */
export class IsolatedChecker {
  private child: ChildProcess | null = null;
  /** Whether the child said, on standard error, that it ran out of memory (a heap limit, an array too large). */
  private outOfMemory = false;
  private next = 1;
  /** The most memory a checking process has held (resident, MB), over every file it answered for. */
  peakMemoryMb = 0;

  constructor(
    private readonly budget = fileBudget(),
    private readonly script = workerScript(),
  ) {}

  check(file: string, options: CheckOptions): Promise<CheckedFile> {
    const child = this.start();
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
      const onMessage = (message: CheckReply) => {
        if (message.id !== id) return;
        this.peakMemoryMb = Math.max(this.peakMemoryMb, message.peakMemoryMb);
        cleanup();
        resolve(message.outcome);
      };
      const onExit = () => failed(this.crashReason());
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('close', onExit);
      };
      child.on('message', onMessage);
      // 'close', not 'exit': the child's last words on standard error have arrived by then.
      child.once('close', onExit);
      child.send(request);
    });
  }

  /** Ends the process (the batch is done). */
  async close(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    });
  }

  private crashReason(): string {
    return this.outOfMemory
      ? `文件过大：读取和检查需要的内存超过上限（${this.budget.memoryMb} MB），已停止检查该文件；其余文件照常检查`
      : '读取该文件时检查进程意外终止（文件可能已损坏），已停止检查该文件；其余文件照常检查';
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    this.outOfMemory = false;
    const child = fork(this.script.file, [], {
      execArgv: [...this.script.execArgv, `--max-old-space-size=${this.budget.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      // Looked at as it arrives (with the end of the chunk before): the words may come before a long stack.
      tail = tail.slice(-200) + chunk.toString();
      if (OUT_OF_MEMORY.test(tail)) this.outOfMemory = true;
    });
    // A child that could not even start is reported on the file it was started for (as a crash).
    child.on('error', () => child.emit('close', 1, null));
    this.child = child;
    return child;
  }

  private stop(): void {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }
}

const OUT_OF_MEMORY =
  /heap limit|out of memory|invalid size|Invalid (array|typed array|string) length|allocation failed/i;

/** The compiled worker beside this file; under TypeScript (tests, tsx) its source, run through tsx. */
function workerScript(): { file: string; execArgv: string[] } {
  if (path.extname(__filename) === '.js') return { file: path.join(__dirname, 'check-worker.js'), execArgv: [] };
  return { file: path.join(__dirname, 'check-worker.ts'), execArgv: ['--require', 'tsx/cjs'] };
}
