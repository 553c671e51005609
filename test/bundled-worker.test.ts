import { buildSync } from 'esbuild';
import { promises as fs, existsSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckPool, fileBudget } from '../src/cli/check-pool';
import { cacheFileOf, digestFileOf, loadBundle, writeBundleDigest } from '../src/cli/bundled-worker';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';

/** The built CLI's checking process: one bundle, compiled through a code cache kept beside it (issue #35). */
const CLEAN = path.join(__dirname, 'fixtures', 'shared', 'seed002-2024.xlsx');
const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };

async function scratch(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'bundle-'));
}

describe('a bundle run through its code cache', () => {
  const source = 'let calls = 0; exports.twice = (n) => { calls++; return 2 * n; }; exports.calls = () => calls;';

  it('runs without a cache, keeps one, and is taken from it next time with the same answers', async () => {
    const bundle = path.join(await scratch(), 'some.bundle.js');
    await fs.writeFile(bundle, source);
    writeBundleDigest(bundle);
    const first = loadBundle(bundle);
    expect(first.cacheUsed).toBe(false);
    expect((first.exports.twice as (n: number) => number)(21)).toBe(42);
    first.saveCache();
    expect(statSync(cacheFileOf(bundle)).size).toBeGreaterThan(0);
    const second = loadBundle(bundle);
    expect(second.cacheUsed).toBe(true);
    expect((second.exports.twice as (n: number) => number)(4)).toBe(8);
    // A module of its own: the second load does not share the first one's state.
    expect((second.exports.calls as () => number)()).toBe(1);
  });

  it('compiles afresh past a damaged cache or one of another bundle, and a cache it cannot write costs nothing', async () => {
    const dir = await scratch();
    const bundle = path.join(dir, 'some.bundle.js');
    await fs.writeFile(bundle, source);
    writeBundleDigest(bundle);
    await fs.writeFile(cacheFileOf(bundle), 'not a code cache');
    const damaged = loadBundle(bundle);
    expect(damaged.cacheUsed).toBe(false);
    expect((damaged.exports.twice as (n: number) => number)(1)).toBe(2);
    damaged.saveCache();
    // Rebuilt, to the same length (V8 alone would take the old cache and run the old code).
    await fs.writeFile(bundle, source.replace('2 * n', '3 * n'));
    writeBundleDigest(bundle);
    const changed = loadBundle(bundle);
    expect(changed.cacheUsed).toBe(false);
    expect((changed.exports.twice as (n: number) => number)(1)).toBe(3);
    changed.saveCache();
    // Changed without its digest (not by the build): run as it is, without a cache, and none kept.
    await fs.writeFile(bundle, source.replace('2 * n', '4 * n + 0'));
    const undigested = loadBundle(bundle);
    expect(undigested.cacheUsed).toBe(false);
    expect((undigested.exports.twice as (n: number) => number)(1)).toBe(4);
    await fs.rm(digestFileOf(bundle));
    const cached = statSync(cacheFileOf(bundle)).mtimeMs;
    loadBundle(bundle).saveCache();
    expect(statSync(cacheFileOf(bundle)).mtimeMs).toBe(cached);
    // Its folder gone (as good as read-only here, whoever runs the tests): nothing thrown, nothing left.
    await fs.rm(dir, { recursive: true });
    expect(() => changed.saveCache()).not.toThrow();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('the pool running the bundled checking process', () => {
  let dir: string;
  beforeAll(async () => {
    // As scripts/bundle-worker.js makes it from the build, here from the sources (esbuild reads TypeScript).
    dir = await scratch();
    const build = (entry: string, out: string) =>
      buildSync({
        entryPoints: [path.join(__dirname, '..', 'src', 'cli', entry)],
        outfile: path.join(dir, out),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        external: ['@e965/xlsx', './check-worker.bundle.js'],
        logLevel: 'error',
      });
    build('check-worker.ts', 'check-worker.bundle.js');
    build('bundled-worker.ts', 'bundled-worker.js');
    writeBundleDigest(path.join(dir, 'check-worker.bundle.js'));
  });

  it('answers as the unbundled process does, and keeps the code cache after its first task for the next process', async () => {
    const bundled = new CheckPool(fileBudget({}), 1, { file: path.join(dir, 'bundled-worker.js'), execArgv: [] });
    const plain = new CheckPool(fileBudget({}), 1);
    const [fromBundle, fromSources] = await Promise.all([bundled.check(CLEAN, options), plain.check(CLEAN, options)]);
    await Promise.all([bundled.close(), plain.close()]);
    expect(fromBundle.error).toBeNull();
    expect(fromBundle.results).toHaveLength(5);
    expect(fromBundle).toEqual(fromSources);
    const cache = cacheFileOf(path.join(dir, 'check-worker.bundle.js'));
    expect(statSync(cache).size).toBeGreaterThan(10_000);
    // The next process takes that cache (V8 accepted it: it is not written again).
    const written = statSync(cache).mtimeMs;
    const again = new CheckPool(fileBudget({}), 1, { file: path.join(dir, 'bundled-worker.js'), execArgv: [] });
    expect((await again.check(CLEAN, options)).results).toHaveLength(5);
    await again.close();
    expect(statSync(cache).mtimeMs).toBe(written);
  });
});
