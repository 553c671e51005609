import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { watchResidentMemory } from './resident-watch';

/**
 * The checking process's entry in the built CLI. Each new checking process used to spend most of its start loading
 * some sixty modules and compiling them; here the whole checking code is one file (check-worker.bundle.js, made by
 * scripts/bundle-worker.js), compiled with V8's code cache kept beside it. The cache is written once, after a first
 * task, so it also holds the functions that task compiled. A cache of another bundle or Node, or one V8 refuses
 * (other flags), is passed over: the bundle is compiled afresh and the cache written again. A cache that cannot be
 * written (a read-only install) only costs the time it would have saved; a bundle without its digest (written by
 * the build beside it) is run without a cache.
 */

type ModuleFunction = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
) => void;

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Whether V8 took the cache: false when there was none, or it was refused. */
  cacheUsed: boolean;
  /** Writes the code compiled so far as the bundle's cache (replacing one refused; never half-written). */
  saveCache(): void;
}

export function cacheFileOf(bundle: string): string {
  return bundle.replace(/\.js$/, '') + '.code-cache';
}

/** Runs a CommonJS bundle as a module, through its code cache when one is there and V8 takes it. */
export function loadBundle(bundle: string, requireFromBundle: NodeJS.Require = require): LoadedBundle {
  const cacheFile = cacheFileOf(bundle);
  const code = fs.readFileSync(bundle, 'utf8');
  const key = cacheKeyOf(bundle, code);
  const cachedData = key ? cachedDataFor(key, readIfPresent(cacheFile)) : undefined;
  const source = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as ModuleFunction)(
    module.exports,
    requireFromBundle,
    module,
    bundle,
    path.dirname(bundle),
  );
  return {
    exports: module.exports,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    saveCache: () => {
      if (key) writeAtomically(cacheFile, Buffer.concat([key, script.createCachedData()]));
    },
  };
}

export function digestFileOf(bundle: string): string {
  return bundle.replace(/\.js$/, '') + '.digest';
}

/**
 * Written by the build beside the bundle (scripts/bundle-worker.js): the bundle's SHA-256 and length. Hashing the
 * 1.6 MB bundle at every start, and loading the crypto module to do it, cost a new process ~15 ms.
 */
export function writeBundleDigest(bundle: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof import('crypto');
  const code = fs.readFileSync(bundle, 'utf8');
  fs.writeFileSync(digestFileOf(bundle), `${createHash('sha256').update(code).digest('hex')} ${code.length}`);
}

/**
 * What a cache must start with to be of this very bundle: V8 itself compares only the source's length (a rebuilt
 * bundle of the same length would run the old code), so the cache carries the bundle's digest and the Node it was
 * made by. None (no cache) without a digest of this bundle's length.
 */
function cacheKeyOf(bundle: string, code: string): Buffer | null {
  const [digest, length] = (readIfPresent(digestFileOf(bundle))?.toString('utf8') ?? '').split(' ');
  if (!digest || Number(length) !== code.length) return null;
  return Buffer.from(`${digest} ${process.version} ${process.arch}\n`);
}

function cachedDataFor(key: Buffer, cache: Buffer | undefined): Buffer | undefined {
  if (!cache || cache.length <= key.length || !cache.subarray(0, key.length).equals(key)) return undefined;
  return cache.subarray(key.length);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const draft = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(draft, data);
    fs.renameSync(draft, file);
  } catch {
    fs.rmSync(draft, { force: true });
  }
}

/** Where scripts/bundle-worker.js puts the bundle: beside this file. */
export const WORKER_BUNDLE = path.join(__dirname, 'check-worker.bundle.js');

if (process.send && require.main === module) {
  watchResidentMemory();
  const loaded = loadBundle(WORKER_BUNDLE);
  const serve = loaded.exports.serve as (afterTask: () => void) => void;
  let saved = loaded.cacheUsed;
  serve(() => {
    if (!saved) loaded.saveCache();
    saved = true;
  });
}
