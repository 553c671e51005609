// Lint for the add-in: typescript-eslint everywhere; Office's own rules on the Excel host; browser
// compatibility (package.json's browserslist, IE 11 included) on every shipped script; a pure core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import compat from 'eslint-plugin-compat';
import officeAddins from 'eslint-plugin-office-addins';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** What core-js (Babel "usage" mode) or our own dom-polyfills.ts provide in the IE 11 pane. */
const POLYFILLED = [
  'Promise',
  'Promise.all',
  'Promise.race',
  'Promise.resolve',
  'Promise.reject',
  'Map',
  'Set',
  'WeakMap',
  'Symbol',
  'Array.from',
  'Object.assign',
  'Object.entries',
  'Object.values',
  'Object.fromEntries',
  'Number.isFinite',
  'Number.isNaN',
  'Math.imul',
  'TextDecoder',
  'Array.prototype.fill',
  'Array.fill',
  'Object.is',
  'String.fromCodePoint',
  // Not a polyfill: only URL.createObjectURL / revokeObjectURL are used, which IE 10+ has.
  'URL',
  'Element.prototype.append',
  'Element.prototype.replaceChildren',
  'Element.prototype.closest',
  'Element.prototype.remove',
];

/** The core's folders in the order of the pipeline: a folder imports only from those before it. */
const CORE_FOLDERS = ['vocabulary', 'sheet', 'read', 'recognise', 'rules', 'check', 'reports', 'edits'];

/** What no core file may import: hosts, the pane, the command line, Node's I/O. */
const CORE_PURITY = [
  { group: ['**/hosts/**', '**/taskpane/**', '**/cli/**'], message: 'src/core 不得依赖宿主、任务窗格或命令行。' },
  { group: ['fs', 'fs/*', 'path', 'os', 'zlib', 'child_process', 'node:*'], message: 'src/core 不做文件或网络 I/O。' },
];

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'coverage/', 'e2e-artifacts/', 'node_modules/', 'wps/', 'samples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      eqeqeq: ['error', 'always'],
      'prefer-const': ['error', { destructuring: 'all' }],
      // Full-width spaces belong in Chinese text (a signing line: 审核人：____　日期：____).
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true },
      ],
    },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Functions short enough to read at once; lines within the formatter's width (it cannot break
    // strings, template literals or regular expressions, so those may run on).
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  // The core is pure (no host, pane or command line, no Node or browser I/O), and its folders follow the pipeline:
  // each imports only from the folders before it (docs/ARCHITECTURE.md, "The core's folders").
  ...CORE_FOLDERS.map((folder, at) => ({
    files: [`src/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CORE_PURITY,
            ...(at + 1 < CORE_FOLDERS.length
              ? [
                  {
                    group: CORE_FOLDERS.slice(at + 1).map((later) => `**/${later}/*`),
                    message: `src/core/${folder} 只能引用流程中在它之前的文件夹（${CORE_FOLDERS.slice(0, at + 1).join(' → ')}）。`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  {
    files: ['src/core/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_PURITY }] },
  },
  {
    // Every script shipped to Excel 2016/2019 (IE 11), older WPS and the page.
    files: [
      'src/taskpane/**/*.ts',
      'src/hosts/**/*.ts',
      'src/xlsx/**/*.ts',
      'src/core/**/*.ts',
      'src/commands/**/*.ts',
    ],
    ignores: ['src/hosts/file/open-file.ts'],
    plugins: { compat },
    settings: { polyfills: POLYFILLED },
    rules: { 'compat/compat': 'error' },
  },
  {
    files: ['src/hosts/excel/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/no-empty-load': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    // The fakes stand in for object models (getters over shared state) and load fixtures on demand.
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
