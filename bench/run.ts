import { spawnSync } from 'child_process';
import { existsSync, mkdirSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../src/core/workbook';
import { BUILT_IN_PROFILES } from '../src/core/profiles';
import { cellCount, fixtureSheets, stackedWorkload } from './workload';
import { workbookBytes } from '../test/helpers/form-builder';
import { promises as fs } from 'fs';

/** `npm run bench`: core throughput, memory growth and the CLI's cost over a bare exceljs load. */
const TARGET_FORMS_PER_SECOND = 5000;
const TARGET_CLI_RATIO = 1.3;
const CORE_FORMS = 5000;
const CLI_FORMS = 500;
const ROOT = path.join(__dirname, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}

function timedRun(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

async function main(): Promise<void> {
  const profile = BUILT_IN_PROFILES.national;
  const sources = await fixtureSheets();

  // ---- core: recognise + validate --------------------------------------------------------------
  const workload = stackedWorkload(sources, CORE_FORMS, 50);
  const cells = cellCount(workload);
  checkWorkbook(stackedWorkload(sources, 500, 50), profile); // warm-up
  const runs: number[] = [];
  let forms = 0;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    forms = checkWorkbook(workload, profile).length;
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (forms !== CORE_FORMS) throw new Error(`expected ${CORE_FORMS} forms, recognised ${forms}`);
  const coreSeconds = median(runs);
  const formsPerSecond = Math.round(forms / coreSeconds);
  const cellsPerSecond = Math.round(cells / coreSeconds);
  console.log(`core: ${forms} forms (${cells} cells) in ${coreSeconds.toFixed(3)} s → ${formsPerSecond} forms/s, ${cellsPerSecond} cells/s`);

  // ---- memory: grids + results held for n and 2n forms ------------------------------------------
  const heapFor = (count: number): number => {
    const before = heapAfterGc();
    const held = stackedWorkload(sources, count, 50);
    const results = checkWorkbook(held, profile);
    const after = heapAfterGc();
    if (results.length !== count) throw new Error('memory workload mismatch');
    return after - before;
  };
  const heapHalf = heapFor(CORE_FORMS / 2);
  const heapFull = heapFor(CORE_FORMS);
  const memoryGrowth = heapFull / heapHalf;
  console.log(`memory: ${(heapHalf / 2 ** 20).toFixed(1)} MiB for ${CORE_FORMS / 2} forms, ${(heapFull / 2 ** 20).toFixed(1)} MiB for ${CORE_FORMS} (×${memoryGrowth.toFixed(2)} for ×2 forms)`);

  // ---- CLI end to end versus a bare exceljs load -------------------------------------------------
  const cacheDir = path.join(__dirname, '.cache');
  const file = path.join(cacheDir, `bench-${CLI_FORMS}.xlsx`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    await fs.writeFile(file, await workbookBytes(stackedWorkload(sources, CLI_FORMS, 50)));
  }
  const check = new ExcelJS.Workbook();
  await check.xlsx.readFile(file);
  const compiledCli = path.join(ROOT, 'lib', 'cli', 'main.js');
  const bare: number[] = [];
  const cli: number[] = [];
  // Alternating runs, median of seven: this machine's timings wander by ±10 %.
  for (let i = 0; i < 7; i++) {
    bare.push(timedRun([path.join(__dirname, 'bare-load.js'), file]));
    cli.push(timedRun([compiledCli, '--json', file]));
  }
  const bareSeconds = median(bare);
  const cliSeconds = median(cli);
  const cliOverParseRatio = Number((cliSeconds / bareSeconds).toFixed(3));
  console.log(`cli: ${CLI_FORMS}-form workbook checked in ${cliSeconds.toFixed(2)} s; bare exceljs load ${bareSeconds.toFixed(2)} s → ratio ${cliOverParseRatio}`);

  const meets = formsPerSecond >= TARGET_FORMS_PER_SECOND && cliOverParseRatio <= TARGET_CLI_RATIO && memoryGrowth < 2.3;
  console.log(`targets: ≥ ${TARGET_FORMS_PER_SECOND} forms/s, ratio ≤ ${TARGET_CLI_RATIO}, memory linear → ${meets ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ formsPerSecond, cellsPerSecond, cliOverParseRatio, cliSeconds: Number(cliSeconds.toFixed(3)), bareLoadSeconds: Number(bareSeconds.toFixed(3)), memoryGrowthForDoubleForms: Number(memoryGrowth.toFixed(2)), targetsMet: meets }));
  if (!meets) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
