import { checkWorkbook } from '../../core/workbook';
import { HostError } from '../host';
import { FileHost } from './file-host';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/** The worker's side: the page's workbooks live here, one FileHost each. */
interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply, transfer?: ArrayBuffer[]): void;
}

const scope = self as unknown as WorkerScope;
const hosts = new Map<number, FileHost>();

function progress(id: number, fraction: number, label: string): void {
  scope.postMessage({ id, type: 'progress', fraction, label });
}

async function answer(request: WorkerRequest): Promise<unknown> {
  if (request.type === 'open') {
    progress(request.id, 0.2, '正在解压工作簿…');
    hosts.set(request.file, await FileHost.load(request.bytes, request.name));
    return null;
  }
  const host = hosts.get(request.file);
  if (!host) throw new HostError('文件已关闭');
  switch (request.type) {
    case 'read':
      return host.readSheets(request.scope);
    case 'check': {
      progress(request.id, 0.3, '正在读取工作表…');
      const sheets = await host.readSheets(request.scope);
      progress(request.id, 0.6, `正在识别与检查 ${sheets.length} 张工作表…`);
      return checkWorkbook(sheets, request.profile, { basis: true, layouts: request.layouts });
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

scope.onmessage = (event) => {
  const request = event.data;
  answer(request).then(
    (value) => scope.postMessage({ id: request.id, type: 'done', value }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        hostError: error instanceof HostError,
      }),
  );
};
