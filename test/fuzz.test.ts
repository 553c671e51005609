import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { CheckPool } from '../src/cli/check-pool';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { isScored } from '../src/core/check/workbook';
import { parseA1 } from '../src/core/sheet/address';

/**
 * Damaged and hostile workbooks (issue #22), made from real fixtures by seeded mutations: of the bytes of .xls,
 * .et and .ods files, and of the XML inside .xlsx files (tags left open, rows far away, odd entities, parts
 * repeated or cut). Every case ends in a result or a Chinese error within the budget — never a crash, a hang,
 * an "unexpected error" or English from a stack.
 */
const FIXTURES = path.join(__dirname, 'fixtures');
const SOURCES = {
  xlsx: ['shared/seed002-2024.xlsx', 'shapes/anhui-two-row.xlsx', 'unseen/monitoring-national.xlsx'],
  legacy: ['formats/seed002-2024.xls', 'formats/anhui-two-row.et', 'formats/department.ods'],
};
const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };

const XML_DAMAGE: Array<(xml: string, n: number) => string> = [
  (xml, n) => xml.slice(0, Math.max(0, xml.length - 1 - (n % Math.max(1, xml.length)))),
  (xml) => xml.replace(/<\/c>/g, ''),
  (xml) => xml.replace(/<\/row>/g, ''),
  (xml) => xml.replace(/<\/si>/g, ''),
  (xml, n) => xml.replace(/r="([A-Z]+)(\d+)"/, `r="$1${1 + (n % 1048576)}"`),
  (xml) => xml.replace(/<t>/, '<t>&#x110000;&#0;&bogus;_x001B_'),
  (xml, n) => xml.replace(/<v>[^<]*<\/v>/, `<v>${['NaN', '1e999', '-', '', '<<', '9'.repeat(400)][n % 6]}</v>`),
  (xml) => xml.replace(/<mergeCell ref="[^"]*"/, '<mergeCell ref="A1:XFD1048576"'),
  (xml, n) => xml.replace(/(<row[^>]*>)/, `$1${'<c r="B2" t="s"><v>99999</v></c>'.repeat(1 + (n % 50))}`),
  (xml) => xml.split('<c ').join('<c r="ZZZZZ9999999" '),
];

function damagedXlsx(bytes: Uint8Array, part: number, damage: number, n: number): Uint8Array {
  const parts = unzipSync(bytes);
  const names = Object.keys(parts).filter((name) => name.endsWith('.xml'));
  const name = names[part % names.length];
  parts[name] = strToU8(XML_DAMAGE[damage % XML_DAMAGE.length](strFromU8(parts[name]), n));
  return zipSync(parts);
}

function damagedBytes(bytes: Uint8Array, kind: number, at: number, n: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = at % Math.max(1, copy.length);
  if (kind % 4 === 0) return copy.slice(0, i);
  if (kind % 4 === 1) {
    for (let k = 0; k < 1 + (n % 64); k++) copy[(i + k * 97) % copy.length] ^= 0xff;
    return copy;
  }
  if (kind % 4 === 2) return new Uint8Array([...copy.slice(0, i), ...copy.slice(i, i + 512), ...copy.slice(i)]);
  return new Uint8Array([...copy.slice(0, i), ...new Uint8Array(n % 4096).fill(n % 256), ...copy.slice(i)]);
}

function assertWellFormed(outcome: Awaited<ReturnType<CheckPool['check']>>): void {
  if (outcome.error !== null) {
    expect(outcome.error).toMatch(/[\u4e00-\u9fa5]/);
    expect(outcome.error).not.toMatch(/意外错误|\n\s+at |TypeError|RangeError|undefined|Cannot |is not/);
    expect(outcome.results).toEqual([]);
    return;
  }
  for (const result of outcome.results) {
    for (const finding of result.findings) {
      expect(parseA1(finding.cell)).not.toBeNull();
      expect(finding.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    if (isScored(result) && result.total.computed !== null) expect(Number.isFinite(result.total.computed)).toBe(true);
  }
}

describe('fuzzed workbooks', () => {
  let dir: string;
  let checker: CheckPool;
  const sources = new Map<string, Uint8Array>();
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fuzz-'));
    checker = new CheckPool({ memoryMb: 1024, seconds: 20 }, 1);
    for (const file of [...SOURCES.xlsx, ...SOURCES.legacy])
      sources.set(file, new Uint8Array(await fs.readFile(path.join(FIXTURES, file))));
  });
  afterAll(async () => {
    // Every case within the file's memory budget (the README's limits table states the figure).
    expect(checker.peakMemoryMb).toBeGreaterThan(0);
    expect(checker.peakMemoryMb).toBeLessThan(1024);
    if (process.env.FUZZ_REPORT) console.log(`fuzz: peak memory of a checking process ${checker.peakMemoryMb} MB`);
    await checker.close();
  });

  const runCase = async (bytes: Uint8Array, name: string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, bytes);
    const started = Date.now();
    const outcome = await checker.check(file, options);
    assertWellFormed(outcome);
    expect(Date.now() - started).toBeLessThan(20500);
  };

  it('.xlsx with damaged XML inside a valid zip: a result or a Chinese error, every time', async () => {
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(40), fc.nat(XML_DAMAGE.length - 1), fc.nat(100000), async (s, p, d, n) => {
        const source = SOURCES.xlsx[s];
        await runCase(damagedXlsx(sources.get(source)!, p, d, n), `x${count++}.xlsx`);
      }),
      { seed: 20261203, numRuns: 150 },
    );
  }, 120000);

  it('.xlsx, .xls, .et and .ods with damaged bytes: a result or a Chinese error, every time', async () => {
    let count = 0;
    const all = [...SOURCES.xlsx, ...SOURCES.legacy];
    await fc.assert(
      fc.asyncProperty(fc.nat(all.length - 1), fc.nat(3), fc.nat(1 << 20), fc.nat(100000), async (s, k, at, n) => {
        const source = all[s];
        await runCase(damagedBytes(sources.get(source)!, k, at, n), `b${count++}${path.extname(source)}`);
      }),
      { seed: 20261203, numRuns: 150 },
    );
  }, 120000);

  it('.xls, .et and .ods with one byte changed: a result or a Chinese error, every time', async () => {
    // Two bytes of the .et that once gave English inside 意外错误 (a sheet listed but missing; a backwards range).
    const et = sources.get('formats/anhui-two-row.et')!;
    for (const [at, value] of [
      [2695, 1],
      [11662, 0],
    ]) {
      const changed = new Uint8Array(et);
      changed[at] = value;
      await runCase(changed, `one-${at}.et`);
    }
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(SOURCES.legacy.length - 1), fc.nat(1 << 20), fc.nat(255), async (s, at, value) => {
        const source = SOURCES.legacy[s];
        const changed = new Uint8Array(sources.get(source)!);
        changed[at % changed.length] = value;
        await runCase(changed, `o${count++}${path.extname(source)}`);
      }),
      { seed: 20261206, numRuns: 200 },
    );
  }, 120000);
});
