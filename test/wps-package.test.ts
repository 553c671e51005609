import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
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

describe('the installer kit for units’ IT', () => {
  const kit = path.join(WPS, 'install');
  const filled = (file: string) =>
    readFileSync(path.join(kit, file), 'utf8')
      .replace(/\{\{NAME\}\}/g, 'jixiao')
      .replace(/\{\{VERSION\}\}/g, '9.9.9')
      .replace(/\{\{FOLDER\}\}/g, 'jixiao_9.9.9');

  /** How each installer is run: the shell, its uninstall switch; PowerShell where it is installed (Windows, pwsh). */
  const INSTALLERS = {
    'install.sh': { shell: 'sh', args: [] as string[], uninstall: '--uninstall' },
    'install.ps1': { shell: 'pwsh', args: ['-NoProfile', '-NonInteractive', '-File'], uninstall: '-Uninstall' },
  };
  type Installer = keyof typeof INSTALLERS;
  const hasPowerShell = spawnSync('pwsh', ['-Version']).status === 0;

  /** The kit as the package lays it out: the scripts beside the add-in's folder. */
  function unpackedKit(
    home = 'home',
    installer: Installer = 'install.sh',
  ): { dir: string; addons: string; run: (...args: string[]) => string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'wps-kit-'));
    writeFileSync(path.join(dir, installer), filled(installer));
    mkdirSync(path.join(dir, 'jixiao_9.9.9'));
    writeFileSync(path.join(dir, 'jixiao_9.9.9', 'ribbon.xml'), '<customUI/>');
    const addons = path.join(dir, home, '.local', 'share', 'Kingsoft', 'wps', 'jsaddons');
    const { shell, args, uninstall } = INSTALLERS[installer];
    const run = (...given: string[]) =>
      execFileSync(
        shell,
        [...args, path.join(dir, installer), ...given.map((a) => (a === '--uninstall' ? uninstall : a))],
        { env: { ...process.env, JIXIAO_JSADDONS: addons }, encoding: 'utf8', stdio: 'pipe' },
      );
    return { dir, addons, run };
  }

  it('installs on 信创 Linux into jsaddons, registered in the three lists WPS reads, in Chinese', async () => {
    const { addons, run } = unpackedKit();
    expect(run()).toMatch(/已安装绩效自评助手 9\.9\.9[\s\S]*重新打开 WPS 表格/);
    expect(readFileSync(path.join(addons, 'jixiao_9.9.9', 'ribbon.xml'), 'utf8')).toBe('<customUI/>');
    const jsplugins = await parseStringPromise(readFileSync(path.join(addons, 'jsplugins.xml'), 'utf8'));
    expect(jsplugins.jsplugins.jsplugin[0].$).toMatchObject({ name: 'jixiao', type: 'et', version: '9.9.9' });
    expect(jsplugins.jsplugins.jsplugin[0].$.url).toBe(`file://${addons}/jixiao_9.9.9/`);
    const publish = await parseStringPromise(readFileSync(path.join(addons, 'publish.xml'), 'utf8'));
    expect(publish.jsplugins.jsplugin[0].$).toMatchObject({ name: 'jixiao', enable: 'enable_dev' });
    const sites = await parseStringPromise(readFileSync(path.join(addons, 'authwebsite.xml'), 'utf8'));
    expect(sites.websites.website[0].$).toMatchObject({ name: 'jixiao', origin: 'null', status: 'enable' });
  });

  it('keeps other add-ins’ entries, registers once however often it runs, and uninstalls only itself', async () => {
    const { addons, run } = unpackedKit();
    mkdirSync(addons, { recursive: true });
    writeFileSync(
      path.join(addons, 'jsplugins.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins><jsplugin name="other" type="wps" version="1.0" url="file:///opt/other/"/><jsplugin name="jixiao" type="et" version="0.0.1" url="file:///old/"/></jsplugins>\n',
    );
    run();
    run();
    const names = async () =>
      (
        (await parseStringPromise(readFileSync(path.join(addons, 'jsplugins.xml'), 'utf8'))).jsplugins.jsplugin ?? []
      ).map((p: { $: { name: string } }) => p.$.name);
    expect(await names()).toEqual(['other', 'jixiao']);
    expect(run('--uninstall')).toMatch(/已卸载/);
    expect(await names()).toEqual(['other']);
    expect(readdirSync(addons).filter((f) => f.startsWith('jixiao_'))).toEqual([]);
  });

  // Issue #37, for each installer: PowerShell's is run where PowerShell is installed (pwsh on the PATH).
  describe.each(Object.keys(INSTALLERS).filter((i) => i === 'install.sh' || hasPowerShell) as Installer[])(
    '%s',
    (installer) => {
      /** The script's run that fails: its standard error and status. */
      const refused = (run: () => string) => {
        try {
          run();
        } catch (error) {
          const { stderr, status } = error as { stderr: string; status: number };
          return { stderr, status };
        }
        throw new Error('the installer did not refuse');
      };
      const OTHER = '<jsplugin name="other" type="wps" version="1.0" url="file:///opt/other/"/>';

      // Issue #37: lists written by other tools, or damaged, never lose another add-in's registration.
      it.each([
        ['cut short', `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  ${OTHER}\n`],
        ['with another root', `<plugins>${OTHER}</plugins>`],
        ['not XML at all', 'jsplugins: other'],
      ])('refuses a list %s: a Chinese reason, a backup, nothing changed', (_case, damaged) => {
        const { addons, run } = unpackedKit('home', installer);
        mkdirSync(path.join(addons, 'jixiao_0.0.1'), { recursive: true });
        writeFileSync(path.join(addons, 'jsplugins.xml'), damaged);
        const { stderr, status } = refused(run);
        expect(status).toBe(1);
        expect(stderr).toMatch(/不是有效的 XML[\s\S]*未做任何改动/);
        expect(readFileSync(path.join(addons, 'jsplugins.xml'), 'utf8')).toBe(damaged);
        const backups = readdirSync(addons).filter((f) => /^jsplugins\.xml\.\d+\.bak$/.test(f));
        expect(backups.map((f) => readFileSync(path.join(addons, f), 'utf8'))).toEqual([damaged]);
        // The installed version is still there.
        expect(readdirSync(addons)).toContain('jixiao_0.0.1');
        expect(readdirSync(addons)).not.toContain('jixiao_9.9.9');
      });

      it.each([
        ['a closing tag with a space', `<?xml version="1.0"?><jsplugins>${OTHER}</jsplugins >`, 'utf8'],
        ['UTF-16', `\ufeff<?xml version="1.0" encoding="UTF-16"?><jsplugins>${OTHER}</jsplugins>`, 'utf16le'],
        [
          'an attribute merely ending in name="jixiao"',
          `<jsplugins><jsplugin displayname="jixiao" name="other" url="file:///opt/other/"/></jsplugins>`,
          'utf8',
        ],
      ] as const)('keeps every other entry of a list written with %s', async (_case, list, encoding) => {
        const { addons, run } = unpackedKit('home', installer);
        mkdirSync(addons, { recursive: true });
        writeFileSync(path.join(addons, 'jsplugins.xml'), Buffer.from(list, encoding));
        run();
        const parsed = await parseStringPromise(readFileSync(path.join(addons, 'jsplugins.xml'), 'utf8'));
        expect(parsed.jsplugins.jsplugin.map((p: { $: { name: string } }) => p.$.name)).toEqual(['other', 'jixiao']);
        run('--uninstall');
        const after = await parseStringPromise(readFileSync(path.join(addons, 'jsplugins.xml'), 'utf8'));
        expect(after.jsplugins.jsplugin.map((p: { $: { name: string } }) => p.$.name)).toEqual(['other']);
      });

      it('escapes what it writes: a home folder with & " < in its name gives lists that parse, with the path intact', async () => {
        const { addons, run } = unpackedKit('张&"<三', installer);
        run();
        for (const list of ['jsplugins.xml', 'publish.xml']) {
          const parsed = await parseStringPromise(readFileSync(path.join(addons, list), 'utf8'));
          expect(parsed.jsplugins.jsplugin[0].$.url).toMatch(/^file:\/\/.*jixiao_9\.9\.9\/$/);
          expect(parsed.jsplugins.jsplugin[0].$.url).toContain(addons.replace(/\\/g, '/'));
        }
      });

      it('checks the kit before removing anything: a half-extracted kit leaves the installed version, in Chinese', () => {
        const { dir, addons, run } = unpackedKit('home', installer);
        run();
        rmSync(path.join(dir, 'jixiao_9.9.9'), { recursive: true });
        const { stderr, status } = refused(run);
        expect(status).toBe(1);
        expect(stderr).toMatch(/^安装包不完整：缺少 jixiao_9\.9\.9 文件夹[\s\S]*已安装的版本未做改动/);
        expect(stderr).not.toMatch(/cp:|No such file/);
        expect(readFileSync(path.join(addons, 'jixiao_9.9.9', 'ribbon.xml'), 'utf8')).toBe('<customUI/>');
        expect(readFileSync(path.join(addons, 'jsplugins.xml'), 'utf8')).toContain('name="jixiao"');
      });
    },
  );

  it('the Windows scripts install to %APPDATA%\\kingsoft\\wps\\jsaddons with the same three entries, without admin rights', () => {
    const ps1 = filled('install.ps1');
    expect(ps1).toContain("Join-Path $env:APPDATA 'kingsoft\\wps\\jsaddons'");
    for (const list of ['jsplugins.xml', 'publish.xml', 'authwebsite.xml']) expect(ps1).toContain(`'${list}'`);
    expect(ps1).toContain("@('type', 'et')");
    // Lists are read and written as XML documents, never searched as text.
    expect(ps1).toContain('System.Xml.XmlDocument');
    expect(ps1).toContain('XmlResolver = $null');
    // PowerShell 2.0 (Windows 7): no -Raw, no -Directory.
    expect(ps1).not.toMatch(/-Raw\b|-Directory\b/);
    expect(filled('install.bat')).toContain('-ExecutionPolicy Bypass -File "%~dp0install.ps1"');
    expect(filled('uninstall.bat')).toContain('-Uninstall');
    expect(filled('INSTALL.txt')).toMatch(/install\.bat[\s\S]*install\.sh[\s\S]*oem\.ini/);
  });
});
