import { checkWorkbook, type CheckProgress } from '../../core/check/workbook';
import { BUILT_IN_PROFILES } from '../../core/rules/profiles';
import { HostError } from '../host';
import { FileHost } from './file-host';
import { REPLY_PART_SIZE, type WorkerReply, type WorkerRequest } from './worker-protocol';
import { limitReading } from '../../xlsx/xlsx-reader';

/**
 * The memory ceiling of a page's worker: a browser reports no worker's memory, so each file is held to a size
 * that, read and checked, stays far below what a tab may hold (a few hundred MB; real forms are a few MB).
 */
export const PAGE_READ_LIMITS = { partBytes: 96 * 1024 * 1024, totalBytes: 192 * 1024 * 1024 };
limitReading(PAGE_READ_LIMITS);

/** The worker's side: the page's workbooks live here, one FileHost each. */
interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply, transfer?: ArrayBuffer[]): void;
}

const scope = self as unknown as WorkerScope;
const hosts = new Map<number, FileHost>();

function megabytes(bytes: number): string {
  return bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function progress(id: number, fraction: number, label: string): void {
  scope.postMessage({ id, type: 'progress', fraction, label });
}

/** Reading is the first half of a check, recognising and checking the second, sheet by sheet and form by form. */
function checkFraction(p: CheckProgress): number {
  const withinSheet = p.formsFound > 0 ? p.formsChecked / p.formsFound : 0;
  return 0.5 + (0.5 * (p.sheetIndex + Math.min(1, withinSheet))) / Math.max(1, p.sheetCount);
}

/** 8600 as 8,600. */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function checkLabel(p: CheckProgress): string {
  const sheet = p.sheetCount > 1 ? `第 ${p.sheetIndex + 1}/${p.sheetCount} 张工作表，` : '';
  const checked = p.formsChecked > 0 ? `，已检查 ${grouped(p.formsChecked)} 张` : '';
  return `正在检查：${sheet}已找到 ${grouped(p.formsFound)} 张表${checked}…`;
}

async function answer(request: WorkerRequest): Promise<unknown> {
  if (request.type === 'open') {
    progress(request.id, 0.05, `正在打开工作簿（${megabytes(request.bytes.byteLength)}）…`);
    hosts.set(request.file, await FileHost.load(request.bytes, request.name));
    return null;
  }
  const host = hosts.get(request.file);
  if (!host) throw new HostError('文件已关闭');
  switch (request.type) {
    case 'read':
      return host.readSheets(request.scope);
    case 'check': {
      const sheets = host.readSheetsTelling(request.scope, (name, index, count) =>
        progress(request.id, 0.1 + (0.4 * index) / count, `正在读取工作表「${name}」（${index + 1}/${count}）…`),
      );
      return checkWorkbook(sheets, request.profile, {
        basis: true,
        layouts: request.layouts,
        onProgress: (p) => progress(request.id, checkFraction(p), checkLabel(p)),
      });
    }
    case 'apply':
      return host.applyEdits(request.edits);
    case 'clear':
      return host.clearMarks();
    case 'select':
      return host.selectCell(request.sheet, request.cell).then(() => null);
    case 'preview':
      return host.previewCell(request.sheet, request.cell);
    case 'bytes':
      return host.toBuffer();
    case 'close':
      hosts.delete(request.file);
      return null;
  }
}

/** The answer, a long list in parts (REPLY_PART_SIZE items each) with the last part in `done`. */
function reply(id: number, value: unknown): void {
  if (!Array.isArray(value) || value.length <= REPLY_PART_SIZE) {
    scope.postMessage({ id, type: 'done', value });
    return;
  }
  let at = 0;
  for (; value.length - at > REPLY_PART_SIZE; at += REPLY_PART_SIZE)
    scope.postMessage({ id, type: 'part', items: value.slice(at, at + REPLY_PART_SIZE) });
  scope.postMessage({ id, type: 'done', value: value.slice(at) });
}

/**
 * While the reviewer is still choosing files, the worker reads and checks the sample form the page ships
 * (warm-up.xlsx) over and over for a moment: the first files chosen then meet an engine already compiled, not a cold
 * one. It stops at the first real request; anything that fails (no fetch, a page opened as a file, no sample) only
 * skips it.
 */
let requested = false;
async function warmUp(): Promise<void> {
  const here = typeof location === 'undefined' ? '' : location.href;
  if (!/^https?:/.test(here) || typeof fetch !== 'function') return;
  try {
    // eslint-disable-next-line compat/compat -- tested for above: IE 11's workers skip the warm-up.
    const response = await fetch(here.replace(/[^/]*$/, 'warm-up.xlsx'));
    if (!response.ok) return;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const until = Date.now() + WARM_UP_MS;
    while (!requested && Date.now() < until) {
      const host = await FileHost.load(bytes, 'warm-up.xlsx');
      checkWorkbook(await host.readSheets('all'), BUILT_IN_PROFILES.national, { basis: true });
      // A request that came in the meantime is answered before another round.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch {
    // Only a head start: the files are read as they would have been.
  }
}

/** How long the warm-up may run (the engine is compiled within about this much checking). */
const WARM_UP_MS = 400;

scope.onmessage = (event) => {
  requested = true;
  const request = event.data;
  answer(request).then(
    (value) => reply(request.id, value),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        hostError: error instanceof HostError,
      }),
  );
};

/** Settles when the warm-up has stopped (its time was up, or the first request came). */
export const warmedUp = warmUp();
