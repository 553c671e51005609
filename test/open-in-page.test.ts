/**
 * @jest-environment jsdom
 */
import { TextDecoder, TextEncoder } from 'util';
import { HostError } from '../src/hosts/host';

// jsdom has no TextDecoder; the file host the module imports needs it.
Object.assign(globalThis, { TextDecoder, TextEncoder });

/**
 * Where the page's workers come from (open-in-page.ts): beside the page when served; opened as a file, from a blob
 * of the worker's text that file-worker-source.js hands over (a browser starts no worker from a file:// address).
 */
describe('the page’s worker address', () => {
  let made: Blob[];
  beforeEach(() => {
    jest.resetModules();
    document.head.innerHTML = '';
    made = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        made.push(blob);
        return `blob:page/${made.length}`;
      },
    });
    delete (window as { __jixiaoWorkerSource?: string }).__jixiaoWorkerSource;
  });

  const load = () => import('../src/taskpane/open-in-page');
  const script = () => document.head.querySelector('script') as HTMLScriptElement;

  it('is the worker script beside a served page', async () => {
    const { workerUrl } = await load();
    expect(await workerUrl({ protocol: 'https:' })).toBe('file-worker.js');
    expect(document.head.querySelector('script')).toBeNull();
  });

  it('is a blob of the worker’s text on a page opened as a file, made once', async () => {
    const { workerUrl } = await load();
    const first = workerUrl({ protocol: 'file:' });
    expect(script().getAttribute('src')).toBe('file-worker-source.js');
    Object.assign(window, { __jixiaoWorkerSource: 'self.onmessage = null;' });
    script().onload?.(new Event('load'));
    expect(await first).toBe('blob:page/1');
    expect(await workerUrl({ protocol: 'file:' })).toBe('blob:page/1');
    expect(made).toHaveLength(1);
    expect(document.head.querySelectorAll('script')).toHaveLength(1);
  });

  it('says in Chinese that the folder is incomplete when the worker’s text is missing, and tries again later', async () => {
    const { workerUrl } = await load();
    const missing = workerUrl({ protocol: 'file:' });
    script().onerror?.(new Event('error'));
    // A host error (the desk shows its words), of the module's own loading.
    await expect(missing).rejects.toHaveProperty('constructor.name', HostError.name);
    await expect(missing).rejects.toThrow(/^找不到 file-worker-source\.js：请把本工具的整个文件夹一起复制/);
    // A script that loads but hands over nothing is refused the same way.
    const empty = workerUrl({ protocol: 'file:' });
    document.head.querySelectorAll('script')[1].onload?.(new Event('load'));
    await expect(empty).rejects.toThrow(/^找不到 file-worker-source\.js/);
  });
});
