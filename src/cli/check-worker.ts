import { readAndCheck, type CheckedFile, type CheckOptions } from './check-files';

/**
 * One file read and checked in a process of its own (isolated-check.ts): a file that needs more memory or time
 * than its budget — or that trips a fatal error in the JavaScript engine itself — ends this process, never the
 * batch.
 */
export interface CheckRequest {
  id: number;
  file: string;
  options: Pick<CheckOptions, 'profile' | 'layouts'>;
}

export interface CheckReply {
  id: number;
  outcome: CheckedFile;
  /** The most this process has held so far (resident set), for the limits the README states. */
  peakMemoryMb: number;
}

process.on('message', (request: CheckRequest) => {
  const options: CheckOptions = { ...request.options, outDir: null, fill: false, reasonTemplates: null };
  void readAndCheck(request.file, options).then((outcome) => {
    const reply: CheckReply = {
      id: request.id,
      outcome,
      peakMemoryMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.send?.(reply);
  });
});
