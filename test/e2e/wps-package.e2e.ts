import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import webpack from 'webpack';
import type { Browser } from 'playwright-core';
import { readXlsx } from '../../src/xlsx/xlsx-reader';
import { launchChromium, serveDist } from './harness';
import type { PortableCell } from './wps-fake-entry';

/**
 * The packaged WPS add-in, loaded the way WPS loads it: from the offline package's own folder, with
 * `window.Application` present before the pane's script runs. Every chunk the pane asks for must be there.
 */
const DIST = path.join(__dirname, '..', '..', 'dist');
const { version } = require('../../package.json') as { version: string };
const PACKAGE = path.join(DIST, 'wps-deploy', 'offline', `jixiao_${version}`);

async function bundleFake(): Promise<string> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'wps-fake-'));
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    entry: path.join(__dirname, 'wps-fake-entry.ts'),
    output: { path: out, filename: 'fake.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } }] },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) =>
      error || stats?.hasErrors() ? reject(error ?? new Error(stats?.toString())) : resolve(),
    ),
  );
  return fs.readFile(path.join(out, 'fake.js'), 'utf8');
}

function workbookCells(bytes: Uint8Array): Array<{ name: string; cells: PortableCell[] }> {
  const book = readXlsx(bytes);
  return book.sheets.map((entry) => {
    const grid = book.grid(entry);
    const cells: PortableCell[] = [];
    grid.values.forEach((line, r) =>
      line.forEach((value, c) => {
        const formula = grid.formulas?.[r]?.[c] ?? null;
        if (value === null && formula === null) return;
        let col = c + grid.originCol;
        let letters = '';
        for (; col > 0; col = Math.floor((col - 1) / 26))
          letters = String.fromCharCode(65 + ((col - 1) % 26)) + letters;
        cells.push({ address: `${letters}${r + grid.originRow}`, value, formula });
      }),
    );
    return { name: grid.name, cells };
  });
}

let browser: Browser;
let server: { origin: string; close: () => Promise<void> };
let fake: string;

beforeAll(async () => {
  fake = await bundleFake();
  server = await serveDist(PACKAGE);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the packaged WPS add-in', () => {
  it('starts from the offline package alone, loads every chunk it asks for, and checks a workbook', async () => {
    const bytes = new Uint8Array(
      await fs.readFile(path.join(__dirname, '..', 'fixtures', 'shared', 'seed002-2024.xlsx')),
    );
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const missing: string[] = [];
    const loaded: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(response.url());
      else loaded.push(new URL(response.url()).pathname);
    });
    await page.addInitScript(`${fake}\nwindow.installWpsFake(${JSON.stringify(workbookCells(bytes))});`);
    await page.goto(`${server.origin}/taskpane.html`);
    await page.waitForSelector('#check-all', { timeout: 15000 });
    expect(await page.textContent('header .host')).toContain('WPS');
    await page.click('#check-all');
    await page.waitForSelector('article.form', { timeout: 30000 });
    expect(await page.$$eval('article.form', (forms) => forms.length)).toBe(5);
    expect(await page.textContent('#status')).toContain('共 5 张自评表');
    // No script or chunk missing (a browser asks for /favicon.ico on its own: not the package's business).
    expect(missing.filter((url) => !url.endsWith('/favicon.ico'))).toEqual([]);
    expect(errors).toEqual([]);
    expect(loaded.some((p) => /^\/wps-host\.[0-9a-f]+\.js$/.test(p))).toBe(true);
    expect(loaded.some((p) => /^\/engine\.[0-9a-f]+\.js$/.test(p))).toBe(true);
    // Marks are written through the fake, as into WPS.
    await page.click('#more-actions');
    await page.click('#mark');
    await page.waitForFunction(() => /已标记/.test(document.querySelector('#status')?.textContent ?? ''), null, {
      timeout: 15000,
    });
    await page.close();
  });

  it('ships the installer kit beside the add-in: scripts filled in for this version, Windows files with CRLF', async () => {
    const kit = path.dirname(PACKAGE);
    const files = await fs.readdir(kit);
    for (const file of ['install.sh', 'install.bat', 'install.ps1', 'uninstall.bat', 'INSTALL.txt', 'oem.ini.example'])
      expect(files).toContain(file);
    for (const file of ['install.sh', 'install.bat', 'install.ps1', 'INSTALL.txt']) {
      const text = await fs.readFile(path.join(kit, file), 'utf8');
      expect(text).not.toContain('{{');
      expect(text).toContain(file === 'install.bat' ? version : `jixiao_${version}`);
      expect(text.includes('\r\n')).toBe(!file.endsWith('.sh'));
    }
    expect((await fs.stat(path.join(kit, 'install.sh'))).mode & 0o111).not.toBe(0);
  });
});
