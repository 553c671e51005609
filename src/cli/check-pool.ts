import { existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fork, type ChildProcess } from 'child_process';
import type { CheckedFile, CheckOptions, CheckWay } from './check-files';
import { RESIDENT_LIMIT_WORDS, type Task, type TaskReply, type TaskRequest, type TaskValues } from './pool-protocol';

/**
 * What one file may cost while it is read, checked and copied (README, 限制): past either, that file gets a Chinese
 * error and the batch goes on. The memory is the checking process's resident size, sampled while it works (the
 * JavaScript heap gets the same ceiling). Set by JIXIAO_FILE_MEMORY_MB and JIXIAO_FILE_SECONDS where a desk needs
 * others.
 */
export function fileBudget(env: NodeJS.ProcessEnv = process.env): { memoryMb: number; seconds: number } {
  const positive = (value: string | undefined, fallback: number) => {
    const number = Number(value);
    return Number.isFinite(number) && number > 0 ? number : fallback;
  };
  return { memoryMb: positive(env.JIXIAO_FILE_MEMORY_MB, 2048), seconds: positive(env.JIXIAO_FILE_SECONDS, 120) };
}

export type Budget = ReturnType<typeof fileBudget>;

/** A task done, or why its process was stopped (in Chinese; the caller says what that means for its task). */
type Outcome<K extends Task['kind']> = { value: TaskValues[K] } | { failure: string };

/**
 * Long-lived checking processes, each doing one task at a time under the budget. A process, not a thread: some
 * damaged files make the JavaScript engine itself abort, which ends a whole process. A process that broke, or kept
 * more than half its budget after a task, is replaced before the next.
 *
 * How many: one, and another (up to one per core) only while the work waiting would take longer than a new process
 * takes to start and warm up (one to two seconds here: most of a small file's cost is the engine's first run, which
 * every new process pays again). A fixed number when the caller (or JIXIAO_WORKERS) names one.
 */
export class CheckPool {
  private readonly slots: CheckingProcess[] = [];
  private readonly idle: CheckingProcess[] = [];
  private readonly waiting: Array<{ prefer: CheckingProcess | undefined; take: (slot: CheckingProcess) => void }> = [];
  /** Which process checked each file: its copy goes there when it can (that process kept the results). */
  private readonly checkedBy = new Map<string, CheckingProcess>();
  private most: number;
  private readonly fixed: boolean;
  /** The tasks done so far, and what the last one took: what the waiting ones will take, judged warm. */
  private readonly done = { tasks: 0, lastMs: 0 };
  private growthCheck: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly budget: Budget = fileBudget(),
    size?: number,
    private readonly script = workerScript(),
  ) {
    const named = size ?? namedPoolSize();
    this.fixed = named !== null;
    this.most = named ?? defaultPoolSize();
    this.resize(this.most);
  }

  /** How many processes the pool may run at once. */
  get size(): number {
    return this.most;
  }

  /** How many processes the pool has started so far (it grows only while work waits). */
  get started(): number {
    return this.slots.length;
  }

  /** The most memory a checking process has held (resident, MB), over every task. */
  get peakMemoryMb(): number {
    return Math.max(0, ...this.slots.map((slot) => slot.peakMemoryMb));
  }

  /** Starts the first process now, while the caller still reads its arguments and lists its files. */
  warm(): this {
    this.slots[0]?.start();
    return this;
  }

  /** At most `size` processes (at least one): a batch of two files needs no third. */
  resize(size: number): void {
    this.most = Math.max(1, Math.floor(size));
    const wanted = this.fixed ? this.most : 1;
    while (this.slots.length < wanted) this.addSlot();
    // Idle processes go now; a busy one when its task is done (release).
    while (this.slots.length > this.most && this.idle.length > 0) this.retire(this.idle.pop() as CheckingProcess);
  }

  private retire(slot: CheckingProcess): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.close();
  }

  /**
   * Reads and checks one file as `way` says (CheckWay); every failure is the file's `error`, in Chinese. A file kept
   * for its copy is asked for later, maybe of another process: that one checks again.
   */
  async check(
    file: string,
    options: Pick<CheckOptions, 'profile' | 'layouts'>,
    way: CheckWay = {},
  ): Promise<CheckedFile> {
    const outcome = await this.run<'check'>({ kind: 'check', file, options: pick(options), way }, (slot) => {
      if (way.keep) this.checkedBy.set(file, slot);
    });
    if ('value' in outcome) return outcome.value;
    return { path: file, error: `${outcome.failure}，${STOPPED_CHECKING}`, results: [], output: null, skipped: 0 };
  }

  /** The annotated copy of a checked file, made under the file's budget (written by the caller). */
  async copy(file: CheckedFile, options: CheckOptions): Promise<TaskValues['copy']> {
    const prefer = this.checkedBy.get(file.path);
    this.checkedBy.delete(file.path);
    const outcome = await this.run<'copy'>({ kind: 'copy', file, options }, undefined, prefer);
    return 'value' in outcome ? outcome.value : { error: `${outcome.failure}，${STOPPED_COPY}` };
  }

  /** The batch's reports, made under one file's budget (written by the caller). */
  async reports(task: Omit<Extract<Task, { kind: 'reports' }>, 'kind'>): Promise<TaskValues['reports']> {
    const outcome = await this.run<'reports'>({ kind: 'reports', ...task });
    return 'value' in outcome ? outcome.value : { error: `${outcome.failure}，${STOPPED_REPORTS}` };
  }

  /** Ends every process (the batch is done). */
  close(): Promise<void> {
    this.stopGrowthCheck();
    for (const slot of this.slots) slot.close();
    return Promise.resolve();
  }

  /** Runs a task on an idle process (the one preferred, if idle) or the first to be free for it. */
  private async run<K extends Task['kind']>(
    task: Task & { kind: K },
    onStart?: (slot: CheckingProcess) => void,
    prefer?: CheckingProcess,
  ): Promise<Outcome<K>> {
    let slot =
      prefer && this.idle.includes(prefer) ? this.idle.splice(this.idle.indexOf(prefer), 1)[0] : this.idle.pop();
    if (!slot) {
      this.startGrowthCheck();
      slot = await new Promise<CheckingProcess>((take) => this.waiting.push({ prefer, take }));
    }
    onStart?.(slot);
    const started = Date.now();
    try {
      return (await slot.run(task)) as Outcome<K>;
    } finally {
      this.done.tasks++;
      this.done.lastMs = Date.now() - started;
      if (this.slots.includes(slot)) this.release(slot);
    }
  }

  private addSlot(): void {
    const slot = new CheckingProcess(this.budget, this.script);
    this.slots.push(slot);
    this.release(slot);
  }

  /** While tasks wait, now and then: another process when what waits is worth its start. */
  private startGrowthCheck(): void {
    if (this.fixed || this.growthCheck || this.slots.length >= this.most) return;
    this.growthCheck = setInterval(() => this.considerGrowth(), GROWTH_CHECK_MS);
  }

  private stopGrowthCheck(): void {
    if (this.growthCheck) clearInterval(this.growthCheck);
    this.growthCheck = null;
  }

  private considerGrowth(): void {
    if (this.waiting.length === 0 || this.slots.length >= this.most) {
      this.stopGrowthCheck();
      return;
    }
    // The first task is the process's cold one (start-up, the engine's first run): judged from the next ones.
    if (this.done.tasks < 2) return;
    if ((this.waiting.length * this.done.lastMs) / this.slots.length > NEW_PROCESS_MS) this.addSlot();
  }

  private release(slot: CheckingProcess): void {
    if (this.slots.length > this.most) {
      this.retire(slot);
      return;
    }
    // The task that wants this process most: one whose results it kept, else the first in line.
    const preferred = this.waiting.findIndex((waiter) => waiter.prefer === slot);
    const [next] = this.waiting.splice(Math.max(0, preferred), 1);
    if (next) next.take(slot);
    else this.idle.push(slot);
  }
}

const STOPPED_CHECKING = '已停止检查该文件；其余文件照常检查';
const STOPPED_COPY = '没有写出带标记的副本；检查结果和其余文件照常';
const STOPPED_REPORTS = '没有写出该报表；检查结果照常';

/** What a new checking process costs before it is of use: starting Node, loading the engine, its first run. */
const NEW_PROCESS_MS = 2000;
const GROWTH_CHECK_MS = 200;

/** The most processes: one per core the machine gives this process, or as many as JIXIAO_WORKERS names. */
export function defaultPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  return (
    namedPoolSize(env) ??
    (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1)
  );
}

/** JIXIAO_WORKERS: a fixed number of checking processes (a desk that wants fewer, or more), or null. */
function namedPoolSize(env: NodeJS.ProcessEnv = process.env): number | null {
  const wanted = Number(env.JIXIAO_WORKERS);
  return Number.isInteger(wanted) && wanted > 0 ? Math.min(wanted, 64) : null;
}

function pick(options: Pick<CheckOptions, 'profile' | 'layouts'>): Pick<CheckOptions, 'profile' | 'layouts'> {
  return { profile: options.profile, layouts: options.layouts };
}

/** One checking process, started when first needed and replaced after a task that broke it. */
class CheckingProcess {
  private child: ChildProcess | null = null;
  /** Whether the child said, on standard error, that it ran out of memory (a heap limit, an array too large). */
  private outOfMemory = false;
  private next = 1;
  peakMemoryMb = 0;

  constructor(
    private readonly budget: Budget,
    private readonly script: { file: string; execArgv: string[] },
  ) {}

  run(task: Task): Promise<{ value: TaskValues[Task['kind']] } | { failure: string }> {
    const child = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      const failed = (failure: string) => {
        cleanup();
        this.stop();
        resolve({ failure });
      };
      const timer = setTimeout(
        () => failed(`读取超时：超过 ${this.budget.seconds} 秒仍未完成（文件可能已损坏）`),
        this.budget.seconds * 1000,
      );
      const onMessage = (message: TaskReply) => {
        if (message.id !== id) return;
        this.peakMemoryMb = Math.max(this.peakMemoryMb, message.peakMemoryMb);
        // Past the budget between two samples: stopped all the same (an earlier task never left this much).
        if (message.peakMemoryMb > this.budget.memoryMb) {
          this.outOfMemory = true;
          failed(this.crashReason());
          return;
        }
        cleanup();
        // Memory a process keeps after a large file would count against the next one: a fresh process instead.
        if (message.memoryMb > this.budget.memoryMb / 2) this.stop();
        resolve({ value: message.value });
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
      const request: TaskRequest = { id, task };
      child.send(request);
    });
  }

  start(): ChildProcess {
    if (this.child) return this.child;
    this.outOfMemory = false;
    const child = fork(this.script.file, [], {
      execArgv: [...this.script.execArgv, ...CHECKING_V8_FLAGS, `--max-old-space-size=${this.budget.memoryMb}`],
      env: checkingEnvironment(process.env, this.budget.memoryMb),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let tail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      // Looked at as it arrives (with the end of the chunk before): the words may come before a long stack.
      tail = tail.slice(-200) + chunk.toString();
      if (OUT_OF_MEMORY.test(tail)) this.outOfMemory = true;
    });
    // A child that could not even start is reported on the task it was started for (as a crash).
    child.on('error', () => child.emit('close', 1, null));
    this.child = child;
    return child;
  }

  /**
   * Ends the process without waiting for it to be gone: one that held a large workbook takes tens of milliseconds
   * to give its memory back, and nothing of it is needed any more (the batch is done).
   */
  close(): void {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill();
    child.unref();
    child.channel?.unref();
    child.stderr?.destroy();
  }

  private crashReason(): string {
    return this.outOfMemory
      ? `文件过大：读取和检查需要的内存超过上限（${this.budget.memoryMb} MB）`
      : '处理该文件时检查进程意外终止（文件可能已损坏）';
  }

  private stop(): void {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) child.kill('SIGKILL');
  }
}

/**
 * The checking process's environment: the caller's, with its memory limit, less what only costs it time. Node reads
 * and parses every certificate NODE_EXTRA_CA_CERTS names as it starts, before any script runs (a desk behind an
 * intranet's own certificate authority often sets it: ~100 ms here for the system's bundle), and a checking process
 * never opens a connection.
 */
export function checkingEnvironment(env: NodeJS.ProcessEnv, memoryMb: number): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  // By any spelling: Windows reads the environment without regard to case.
  for (const name of Object.keys(env)) if (name.toUpperCase() !== 'NODE_EXTRA_CA_CERTS') kept[name] = env[name];
  kept.JIXIAO_RESIDENT_LIMIT_MB = String(memoryMb);
  return kept;
}

/**
 * A checking process lives for one run: most of its work is the engine's first pass, while V8's optimising compiler
 * compiles the hot functions on other threads. With V8's defaults that compiler spent some two seconds of processor
 * time on one 500-form workbook, and Node gives V8 four helper threads whatever the machine: on two cores they take
 * turns with the check itself. Helper threads as many as the cores allow (`--v8-pool-size=0`: one fewer than the
 * cores) and a smaller inlining budget make that cost less. Measured here (2 cores; 15 and 7 runs, medians): the
 * first check of 500 forms 444 → 282 ms, of 2,000 stacked forms ~1,000 → 765 ms; a check already warm unchanged
 * within 5 %. No inlining at all gained as much at first but cost 13 % warm (a long batch).
 */
const CHECKING_V8_FLAGS = ['--v8-pool-size=0', '--max-inlined-bytecode-size-cumulative=200'];

const OUT_OF_MEMORY = new RegExp(
  `heap limit|out of memory|invalid size|Invalid (array|typed array|string) length|allocation failed|${RESIDENT_LIMIT_WORDS}`,
  'i',
);

/**
 * The built worker beside this file: its bundle through the code cache (bundled-worker.ts) when the build made one,
 * else the compiled module; under TypeScript (tests, tsx) its source, run through tsx.
 */
function workerScript(): { file: string; execArgv: string[] } {
  if (path.extname(__filename) !== '.js')
    return { file: path.join(__dirname, 'check-worker.ts'), execArgv: ['--import', 'tsx'] };
  const bundled = existsSync(path.join(__dirname, 'check-worker.bundle.js'));
  return { file: path.join(__dirname, bundled ? 'bundled-worker.js' : 'check-worker.js'), execArgv: [] };
}
