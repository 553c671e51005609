import { FileHost } from '../hosts/file/file-host';
import { WorkerFileHost } from '../hosts/file/worker-host';
import type { SpreadsheetHost } from '../hosts/host';

/** The worker script, built beside the page (webpack entry `file-worker`). */
const WORKER_URL = 'file-worker.js';

/**
 * A file dropped on the standalone page, opened in the page's Web Worker (reading and checking never
 * freeze the page), or in the page itself where workers are not available.
 */
export async function openInPage(
  bytes: Uint8Array,
  name: string,
  progress: (fraction: number, label: string) => void,
): Promise<SpreadsheetHost & { toBuffer(): Promise<Uint8Array> }> {
  if (WorkerFileHost.available()) return WorkerFileHost.open(bytes, name, WORKER_URL, progress);
  return FileHost.load(bytes, name);
}
