import { Worker } from 'worker_threads';
import { RESIDENT_LIMIT_WORDS } from './pool-protocol';

/**
 * Samples this process's resident size from a thread of its own (the main thread may be busy for seconds in one
 * file) and ends the process past the limit the pool set (JIXIAO_RESIDENT_LIMIT_MB): the heap limit alone leaves
 * zip buffers and strings outside it. Started first thing, before the checking code loads: a thread takes some
 * 40 ms of processor time to start, better spent while the main thread only reads the code than during a check.
 */
export function watchResidentMemory(env: NodeJS.ProcessEnv = process.env): void {
  const limitMb = Number(env.JIXIAO_RESIDENT_LIMIT_MB);
  if (!(limitMb > 0)) return;
  const code = `
    const { workerData } = require('worker_threads');
    const { writeSync } = require('fs');
    setInterval(() => {
      if (process.memoryUsage.rss() > workerData.limit) {
        writeSync(2, workerData.words + '\\n');
        process.kill(process.pid, 'SIGKILL');
      }
    }, 25);`;
  const words = RESIDENT_LIMIT_WORDS;
  new Worker(code, { eval: true, workerData: { limit: limitMb * 2 ** 20, words } }).unref();
}
