import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchChromium, serveDist } from '../test/e2e/harness';

/**
 * `npm run bench:desk` (after `npm run build`): the page's desk against the CLI on the same 50 received files
 * (the shared fixtures and the unseen shapes, an unreadable file and an unrecognised layout among them).
 * Issue #34: the desk complete within 1.5× of the CLI's time. Medians of 3, each pair run one after the other.
 */
const FILES = 50;
const ROOT = path.join(__dirname, '..');
const TARGET_RATIO = 1.5;

function batch(): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-desk-'));
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const sources = [
    ...readdirSync(path.join(fixtures, 'shared')).map((n) => path.join(fixtures, 'shared', n)),
    ...readdirSync(path.join(fixtures, 'unseen')).map((n) => path.join(fixtures, 'unseen', n)),
  ].filter((n) => n.endsWith('.xlsx'));
  const files: string[] = [];
  for (let i = 0; files.length < FILES - 1; i++) {
    const name = path.join(dir, `${String(i + 1).padStart(2, '0')}-${path.basename(sources[i % sources.length])}`);
    copyFileSync(sources[i % sources.length], name);
    files.push(name);
  }
  const broken = path.join(dir, `${FILES}-截断的.xlsx`);
  writeFileSync(broken, 'PK\u0003\u0004 不是完整的工作簿');
  return [...files, broken];
}

function cliSeconds(files: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'lib', 'cli', 'main.js'), ...files], { encoding: 'utf8' });
  // 0: nothing wrong, 1: findings, 2: a file could not be read (one is unreadable on purpose).
  if (run.status === null || run.status > 2) throw new Error(run.stderr);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'checker.html'))) throw new Error('请先运行 npm run build');
  const files = batch();
  const server = await serveDist();
  const browser = await launchChromium();
  const desk: number[] = [];
  const cli: number[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      cli.push(cliSeconds(files));
      const context = await browser.newContext();
      const page = await context.newPage();
      // As a reviewer comes to it: the page open (its workers started) before the files are chosen.
      await page.goto(`${server.origin}/checker.html`, { waitUntil: 'networkidle' });
      await page.waitForSelector('#drop-zone');
      const start = Date.now();
      await page.setInputFiles('#file-input', files);
      // Complete: every file counted in the totals and none still being read or checked.
      await page.waitForFunction(
        (count) => {
          const totals = document.querySelector('#desk-totals')?.textContent ?? '';
          return totals.startsWith(`共 ${count} 个文件`) && !totals.includes('正在读取');
        },
        FILES,
        { timeout: 300000 },
      );
      desk.push((Date.now() - start) / 1000);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const ratio = median(desk) / median(cli);
  console.log(
    `desk50: page ${median(desk).toFixed(2)} s, CLI ${median(cli).toFixed(2)} s → ×${ratio.toFixed(2)} of the CLI ` +
      `(target ≤ ×${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
