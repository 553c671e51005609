import { FileHost } from '../hosts/file/file-host';
import { WorkerFileHost } from '../hosts/file/worker-host';
import { HostError, type SpreadsheetHost } from '../hosts/host';

/** The worker script, built beside the page (webpack entry `file-worker`). */
const WORKER_URL = 'file-worker.js';
/** The same worker as text, for a page opened as a file (webpack's WorkerSource). */
const WORKER_SOURCE = 'file-worker-source.js';

let blobUrl: Promise<string> | null = null;

/**
 * Where the page's workers come from: beside the page when it is served; when it is opened as a file (a copied
 * folder, no server), from a blob of the worker's text, which a script tag brings (a browser starts no worker
 * from a file:// address, and fetches nothing from one).
 */
export function workerUrl(location: { protocol: string } = window.location): Promise<string> {
  if (location.protocol !== 'file:') return Promise.resolve(WORKER_URL);
  blobUrl ??= new Promise<string>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = WORKER_SOURCE;
    script.onload = () => {
      const source = (window as unknown as { __jixiaoWorkerSource?: string }).__jixiaoWorkerSource;
      if (typeof source === 'string') resolve(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      else reject(new HostError(MISSING_WORKER));
    };
    script.onerror = () => reject(new HostError(MISSING_WORKER));
    document.head.appendChild(script);
  }).catch((error: unknown) => {
    blobUrl = null;
    throw error;
  });
  return blobUrl;
}

const MISSING_WORKER = `找不到 ${WORKER_SOURCE}：请把本工具的整个文件夹一起复制，再打开其中的 checker.html`;

/**
 * A file dropped on the standalone page, opened in the page's Web Worker (reading and checking never
 * freeze the page), or in the page itself where workers are not available.
 */
export async function openInPage(
  bytes: Uint8Array,
  name: string,
  progress: (fraction: number, label: string) => void,
): Promise<SpreadsheetHost & { toBuffer(): Promise<Uint8Array> }> {
  if (WorkerFileHost.available()) return WorkerFileHost.open(bytes, name, await workerUrl(), progress);
  return FileHost.load(bytes, name);
}

/** The page's workers started while the reviewer chooses files (nothing happens where there are none). */
export async function prepareWorkers(): Promise<void> {
  if (WorkerFileHost.available()) WorkerFileHost.prepare(await workerUrl());
}
