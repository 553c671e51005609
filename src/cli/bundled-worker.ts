import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

/**
 * The checking process's entry in the built CLI. Each new checking process used to spend most of its start loading
 * some sixty modules and compiling them; here the whole checking code is one file (check-worker.bundle.js, made by
 * scripts/bundle-worker.js), compiled with V8's code cache kept beside it. The cache is written once, after a first
 * task, so it also holds the functions that task compiled. A cache of another bundle or Node, or one V8 refuses
 * (other flags), is passed over: the bundle is compiled afresh and the cache written again. A cache that cannot be
 * written (a read-only install) only costs the time it would have saved.
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
  const key = cacheKeyOf(code);
  const cachedData = cachedDataFor(key, readIfPresent(cacheFile));
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
    saveCache: () => writeAtomically(cacheFile, Buffer.concat([key, script.createCachedData()])),
  };
}

/**
 * What a cache must start with to be of this very bundle: V8 itself compares only the source's length (a rebuilt
 * bundle of the same length would run the old code), so the cache carries a digest of the source and the Node it
 * was made by.
 */
function cacheKeyOf(code: string): Buffer {
  return createHash('sha256').update(`${process.version} ${process.arch}\n`).update(code).digest();
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
  const loaded = loadBundle(WORKER_BUNDLE);
  const serve = loaded.exports.serve as (afterTask: () => void) => void;
  let saved = loaded.cacheUsed;
  serve(() => {
    if (!saved) loaded.saveCache();
    saved = true;
  });
}
