// The built CLI's checking process as one file (lib/cli/check-worker.bundle.js), run by lib/cli/bundled-worker.js
// with V8's code cache: a new checking process starts without resolving and compiling some sixty modules.
// SheetJS stays outside (loaded only for .xls, .et and .ods files, and large).
const path = require('path');
const { buildSync } = require('esbuild');

const lib = path.join(__dirname, '..', 'lib', 'cli');
buildSync({
  entryPoints: [path.join(lib, 'check-worker.js')],
  outfile: path.join(lib, 'check-worker.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['@e965/xlsx'],
  logLevel: 'warning',
});
// Its digest beside it: the checking process keys its code cache by it without hashing the bundle at every start.
require(path.join(lib, 'bundled-worker.js')).writeBundleDigest(path.join(lib, 'check-worker.bundle.js'));
