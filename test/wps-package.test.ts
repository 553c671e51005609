import { readFileSync } from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { parseStringPromise } from 'xml2js';

const WPS = path.join(__dirname, '..', 'wps');
const ribbonText = readFileSync(path.join(WPS, 'ribbon.xml'), 'utf8');

/** main.js evaluated as WPS does: plain script in a page with `window.Application`. */
function loadMain() {
  const panes: Array<{ ID: string; url: string; Visible: boolean }> = [];
  const storage = new Map<string, string>();
  const application = {
    PluginStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    },
    CreateTaskPane: (url: string) => {
      const pane = { ID: `pane${panes.length + 1}`, url, Visible: false };
      panes.push(pane);
      return pane;
    },
    GetTaskPane: (id: string) => panes.find((p) => p.ID === id) ?? null,
    ShowDialog: jest.fn(),
  };
  const context: Record<string, unknown> = {
    document: { location: { href: 'http://intranet.example/jixiao/wps/index.html' } },
  };
  context.window = { Application: application };
  context.Application = application;
  vm.createContext(context);
  vm.runInContext(readFileSync(path.join(WPS, 'main.js'), 'utf8'), context);
  return { context, panes, application };
}

describe('WPS packaging', () => {
  it('ribbon.xml is well-formed CustomUI with no XML declaration', async () => {
    expect(ribbonText.startsWith('<customUI')).toBe(true);
    expect(ribbonText).not.toMatch(/<\?xml/);
    const xml = await parseStringPromise(ribbonText);
    expect(Object.keys(xml)).toEqual(['customUI']);
    const tab = xml.customUI.ribbon[0].tabs[0].tab[0];
    expect(tab.$.label).toBe('绩效自评');
    expect(tab.group[0].button.map((b: { $: { label: string } }) => b.$.label)).toContain('检查自评表');
  });

  it('names only callbacks that main.js defines', () => {
    const callbacks = new Set(
      [
        ...ribbonText.matchAll(
          /\b(onLoad|onAction|getImage|getEnabled|getLabel|getVisible|getScreentip|getPressed|onChange)="([^"]+)"/g,
        ),
      ].map((m) => m[2]),
    );
    expect([...callbacks].sort()).toEqual(['GetImage', 'OnAction', 'OnAddinLoad', 'OnGetEnabled']);
    const { context } = loadMain();
    for (const name of callbacks) expect(typeof context[name]).toBe('function');
  });

  it('the button opens the shared task pane once, then toggles it', () => {
    const { context, panes } = loadMain();
    const call = (name: string, ...args: unknown[]) => (context[name] as (...a: unknown[]) => unknown)(...args);
    expect(call('OnAddinLoad', {})).toBe(true);
    call('OnAction', { Id: 'btnJixiaoPane' });
    expect(panes).toEqual([{ ID: 'pane1', url: 'http://intranet.example/jixiao/wps/taskpane.html', Visible: true }]);
    call('OnAction', { Id: 'btnJixiaoPane' });
    expect(panes).toHaveLength(1);
    expect(panes[0].Visible).toBe(false);
    expect(call('GetImage', { Id: 'btnJixiaoPane' })).toBe('assets/icon-80.png');
  });

  it('main.js uses nothing from wpsjs or any module system', () => {
    const main = readFileSync(path.join(WPS, 'main.js'), 'utf8');
    expect(main).not.toMatch(/\brequire\(|\bimport\b|wpsjs/);
  });
});
