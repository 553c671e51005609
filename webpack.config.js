/* Builds the task pane (Excel, and the shared page for WPS and the browser) into dist/.
 * ADDIN_BASE_URL (default https://localhost:3000/) is written into dist/manifest.xml. */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { DefinePlugin } = require('webpack');
const PACKAGE = require('./package.json');

const DEV_URL = 'https://localhost:3000/';
/**
 * Polyfills "usage" mode adds by method name alone that this code never needs: `.filter` on an array
 * also pulls in Iterator.prototype.filter and %TypedArray%.prototype.filter, `URL.createObjectURL`
 * (which IE11 has) the whole URL class. Each entry is a family the code does not use.
 */
const POLYFILLS_NOT_NEEDED = [
  /^es\.iterator\./, // iterator helpers (ES2025): the code iterates arrays
  /^es\.(set|map|weak-map)\..*(v2|get-or-insert)/, // Set methods, Map.getOrInsert (ES2025+)
  /^es\.uint8-array\.(to|set-from)-(base64|hex)/, // base64 helpers (ES2026)
  /^es\.typed-array\.(to-sorted|to-reversed|with|find-last|find-last-index|to-locale-string)/,
  /^es\.array-buffer\.(transfer|detached)/,
  /^web\.url/, // URL and URLSearchParams: only URL.createObjectURL is used
  /^es\.json\.(parse|stringify)$/, // well-formed stringify, JSON.parse source access: not relied on
  /^es\.error\.cause$/,
  // `new RegExp(source)` (the vocabulary's word lists): ES3 has it; the polyfill is for flags y/s, named groups
  // and RegExp subclassing, none of which the code uses.
  /^es\.regexp\.(constructor|dot-all|sticky)$/,
  /^es\.symbol\.description$/,
  /^es\.string\.(bold|anchor|big|blink|fixed|fontcolor|fontsize|italics|link|small|strike|sub|sup)$/, // HTML methods matched by name
];

/** ES5 for the browsers of package.json's browserslist, with core-js polyfills for what the code uses. */
const BABEL = {
  babelrc: false,
  configFile: false,
  sourceType: 'unambiguous',
  presets: [
    [
      '@babel/preset-env',
      {
        useBuiltIns: 'usage',
        corejs: require('core-js/package.json').version,
        modules: false,
        exclude: POLYFILLS_NOT_NEEDED,
      },
    ],
  ],
};
const TASKPANE_BUDGET_GZIP = 100 * 1024;

function baseUrl() {
  const raw = process.env.ADDIN_BASE_URL || DEV_URL;
  const url = raw.endsWith('/') ? raw : `${raw}/`;
  if (!/^https:\/\//.test(url)) throw new Error(`ADDIN_BASE_URL 必须是 https 地址（Office 只加载 https 页面）：${raw}`);
  return url;
}

/** Reports the task pane's own script size (office.js excluded) and fails the build over budget. */
class BundleBudget {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('BundleBudget', (compilation) => {
      const file = path.join(compilation.outputOptions.path, 'taskpane.js');
      if (!fs.existsSync(file)) return;
      const content = fs.readFileSync(file);
      const gzip = zlib.gzipSync(content).length;
      const line = `任务窗格脚本 taskpane.js：${(content.length / 1024).toFixed(1)} KB，gzip ${(gzip / 1024).toFixed(1)} KB（上限 ${TASKPANE_BUDGET_GZIP / 1024} KB，不含 office.js）`;
      console.log(line);
      if (gzip > TASKPANE_BUDGET_GZIP) compilation.errors.push(new Error(`任务窗格脚本超出体积上限：${line}`));
    });
  }
}

/**
 * The page opened from a copied folder (file://) may not start a worker from a file: it starts one from a blob
 * made of this script's text instead. `file-worker-whole` is the worker in one piece (no chunks to fetch), and
 * is shipped as `file-worker-source.js`, a classic script the page loads with a script tag (which file:// allows)
 * that hands over the worker's text.
 */
class WorkerSource {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('WorkerSource', (compilation) => {
      const { Compilation, sources } = compiler.webpack;
      compilation.hooks.processAssets.tap(
        { name: 'WorkerSource', stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        () => {
          const whole = compilation.getAsset('file-worker-whole.js');
          if (!whole) return;
          const text = JSON.stringify(whole.source.source().toString());
          compilation.emitAsset(
            'file-worker-source.js',
            new sources.RawSource(`window.__jixiaoWorkerSource = ${text};\n`),
            { minimized: true },
          );
          compilation.deleteAsset('file-worker-whole.js');
          compilation.deleteAsset('file-worker-whole.js.map');
        },
      );
    });
  }
}

/** The manifest as shipped: the add-in's address, and the version of package.json. */
function manifestFor(xml, url) {
  return xml
    .split(DEV_URL)
    .join(url)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${PACKAGE.version}.0</Version>`);
}

// office.js loads its host- and language-specific files from its own folder at run time.
const OFFICE_JS = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
const OFFICE_FILES = [
  'office.js',
  'excel-*.js',
  'excelwebapp-*.js',
  'excelios-*.js',
  'o15apptofilemappingtable.js',
  'es6-promise.js',
  '{zh-cn,zh-tw,en-us}/office_strings.js',
];

/** Development only (`npm run dev-server` / `npm start`): Office needs https with a trusted certificate. */
async function devHttps() {
  const devCerts = require('office-addin-dev-certs');
  const options = await devCerts.getHttpsServerOptions();
  return { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } };
}

module.exports = async (env, argv) => {
  const main = await mainConfig(env, argv);
  // The worker in one piece for the page opened as a file, built after the main build (which cleans dist/).
  const whole = {
    name: 'file-worker-whole',
    dependencies: ['main'],
    mode: main.mode,
    devtool: false,
    entry: { 'file-worker-whole': './src/hosts/file/file-worker.ts' },
    output: { path: main.output.path, filename: '[name].js', clean: false },
    target: main.target,
    resolve: main.resolve,
    module: main.module,
    performance: main.performance,
    plugins: [new (require('webpack').optimize.LimitChunkCountPlugin)({ maxChunks: 1 }), new WorkerSource()],
  };
  return [main, whole];
};

async function mainConfig(env, argv) {
  const url = baseUrl();
  const production = argv.mode !== 'development';
  return {
    name: 'main',
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: {
      taskpane: './src/taskpane/index.ts',
      commands: './src/commands/commands.ts',
      // The standalone page's workbooks are read, checked and written in this Web Worker.
      // Its own chunks (the .xls / .ods reader) load with importScripts, as a worker can.
      'file-worker': { import: './src/hosts/file/file-worker.ts', chunkLoading: 'import-scripts' },
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    // Every shipped script is ES5 with the polyfills it uses: Excel 2016/2019 run add-ins in IE11 (Trident),
    // older WPS builds in an old Chromium (browserslist in package.json names them).
    target: ['web', 'es5'],
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: [
            { loader: 'babel-loader', options: BABEL },
            { loader: 'ts-loader', options: { configFile: 'tsconfig.web.json', transpileOnly: true } },
          ],
        },
        // Dependencies too (zod, fflate, SheetJS): several ship ES2015+ syntax.
        {
          test: /\.[cm]?js$/,
          include: /node_modules/,
          exclude: /node_modules[\\/](core-js|webpack|@babel)[\\/]/,
          use: { loader: 'babel-loader', options: BABEL },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      // The standalone checker for a plain browser: the same script, without office.js.
      new HtmlWebpackPlugin({
        filename: 'checker.html',
        template: './src/taskpane/checker.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css', info: { minimized: true } },
          { from: 'src/taskpane/help.html', to: 'help.html' },
          // The page's workers check it while the reviewer chooses files (file-worker.ts: warm-up).
          { from: 'samples/示例-自评表.xlsx', to: 'warm-up.xlsx' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestFor(content.toString(), url) },
          // Copied as shipped (already minified); the debug builds stay out.
          ...OFFICE_FILES.map((pattern) => ({
            from: pattern,
            context: OFFICE_JS,
            to: 'office-js/',
            info: { minimized: true },
            globOptions: { ignore: ['**/*.debug.js'] },
          })),
        ],
      }),
      // The version 帮助 shows, and the manifest's (Office wants four parts).
      new DefinePlugin({ __APP_VERSION__: JSON.stringify(PACKAGE.version) }),
      new BundleBudget(),
    ],
    devServer: process.env.WEBPACK_SERVE
      ? {
          static: path.resolve(__dirname, 'dist'),
          port: 3000,
          server: await devHttps(),
          headers: { 'Access-Control-Allow-Origin': '*' },
        }
      : undefined,
  };
}
