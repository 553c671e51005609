import { parentPort } from 'worker_threads';
import { readAndCheck, type CheckOptions } from './check-files';

/**
 * One file read and checked in a worker thread of its own (isolated-check.ts): a file that needs more memory or
 * time than its budget ends this thread, never the batch.
 */
export interface CheckRequest {
  id: number;
  file: string;
  options: Pick<CheckOptions, 'profile' | 'layouts'>;
}

parentPort?.on('message', (request: CheckRequest) => {
  const options: CheckOptions = { ...request.options, outDir: null, fill: false, reasonTemplates: null };
  void readAndCheck(request.file, options).then((outcome) => parentPort?.postMessage({ id: request.id, outcome }));
});
