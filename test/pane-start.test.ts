/**
 * @jest-environment jsdom
 */
import { TextDecoder, TextEncoder } from 'util';
import { whenDom } from './helpers/wait';

/**
 * How the pane starts (`src/taskpane/index.ts`): in WPS (its `Application` injected before the script), in a plain
 * browser (the standalone desk), in a browser too old to read workbooks, and when Office fails to answer.
 */
Object.assign(globalThis, { TextDecoder, TextEncoder });

/** The pane's start script run on a prepared window, until the page shows what `shown` looks for. */
async function start(prepare: () => void | Promise<void>, shown: (root: HTMLElement) => boolean): Promise<HTMLElement> {
  document.body.innerHTML = '<main id="app"></main>';
  await prepare();
  jest.isolateModules(() => {
    require('../src/taskpane/index');
  });
  const root = document.getElementById('app')!;
  await whenDom(root, () => shown(root));
  return root;
}

afterEach(() => {
  for (const key of ['Application', 'Office']) delete (window as unknown as Record<string, unknown>)[key];
  Object.assign(globalThis, { TextDecoder });
});

describe('starting the pane', () => {
  it('in WPS: the pane on the WPS host, its 评分规则 choice kept in the page’s storage', async () => {
    const root = await start(
      async () => {
        const { etFakeFromXlsx, contractBytes } = await import('./helpers/saved-workbook');
        const { contractWorkbook } = await import('./contract/host-contract');
        const fake = await etFakeFromXlsx(await contractBytes(contractWorkbook()));
        Object.assign(window, { Application: fake.application() });
      },
      (root) => root.querySelector('#profile') !== null,
    );
    expect(root.querySelector('header .host')?.textContent).toContain('WPS');
    const select = root.querySelector('#profile') as HTMLSelectElement;
    select.value = 'hubei';
    select.dispatchEvent(new Event('change'));
    expect(window.localStorage.getItem('jixiao.profile')).toBe('hubei');
  });

  it('in a plain browser: the standalone desk', async () => {
    const root = await start(
      () => undefined,
      (root) => root.querySelector('#drop-zone') !== null,
    );
    expect(root.querySelector('#drop-zone')).not.toBeNull();
  });

  it('in a browser without TextDecoder: says it is too old instead of failing on the first file', async () => {
    const root = await start(
      () => {
        delete (globalThis as Record<string, unknown>).TextDecoder;
      },
      (root) => root.textContent !== '',
    );
    expect(root.textContent).toMatch(/^此浏览器版本过旧/);
  });

  it('when Office fails to start: a Chinese message naming what to do', async () => {
    const root = await start(
      () => {
        Object.assign(window, { Office: { onReady: () => Promise.reject(new Error('host failed')) } });
      },
      (root) => root.textContent !== '',
    );
    expect(root.textContent).toMatch(/^绩效自评助手无法在此版本中启动/);
  });
});
