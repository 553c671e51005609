import './compile-cache';
import { watchResidentMemory } from './resident-watch';
import { describeFailure, markedCopy, readAndCheck } from './check-files';
import { batchReports } from '../xlsx/grid-workbook';
import { type Task, type TaskReply, type TaskRequest, type TaskValues } from './pool-protocol';

/**
 * A checking process of the pool (check-pool.ts): it reads and checks files, makes their annotated copies and the
 * batch's reports, one task at a time (pool-protocol.ts).
 */

async function perform(task: Task): Promise<TaskValues[Task['kind']]> {
  if (task.kind === 'check') {
    const options = { ...task.options, outDir: null, fill: false, reasonTemplates: null };
    return readAndCheck(task.file, options, task.way);
  }
  try {
    if (task.kind === 'copy') return await markedCopy(task.file, task.options);
    return batchReports(task.files, task.profile, task.date);
  } catch (error) {
    return { error: describeFailure(error) };
  }
}

/**
 * Serves the pool's tasks over the IPC channel until the pool goes. `afterTask` runs when a task is done, before its
 * reply goes (bundled-worker.ts keeps the compiled code then: the pool may end this process as soon as it has the
 * reply).
 */
export function serve(afterTask: () => void = () => undefined): void {
  // The pool is gone (the batch ended or its process was killed): so is this process.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (request: TaskRequest) => {
    void perform(request.task).then((value) => {
      afterTask();
      const reply: TaskReply = {
        id: request.id,
        value,
        memoryMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
        peakMemoryMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      process.send?.(reply);
    });
  });
}

// Forked as itself (tests, and a build without the bundle); bundled-worker.ts calls serve() otherwise.
if (process.send && require.main === module) {
  watchResidentMemory();
  serve();
}
