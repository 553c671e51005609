/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // src as a root too: files no unit test imports still count (at 0 %) instead of vanishing from the report.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': 'ts-jest',
    // office-addin-manifest (used by office-addin-mock) depends on ES-module-only packages.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, esModuleInterop: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(uuid|strip-bom)/).*/node_modules/'],
  testTimeout: 60000,
  // `npm test` measures coverage of the shipped code; the thresholds only ever go up.
  // check-worker.ts runs only inside the pool's child processes (tested through the pool: test/hostile.test.ts).
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.d.ts', '!src/cli/demo.ts', '!src/cli/check-worker.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    './src/core/': { statements: 96, branches: 87, functions: 99, lines: 98 },
    './src/hosts/': { statements: 91, branches: 79, functions: 95, lines: 94 },
    './src/xlsx/': { statements: 92, branches: 84, functions: 96, lines: 95 },
    './src/taskpane/': { statements: 86, branches: 70, functions: 88, lines: 90 },
    './src/cli/': { statements: 85, branches: 68, functions: 90, lines: 88 },
  },
};
