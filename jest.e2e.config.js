/** Real-browser tests against the built dist/ (run by `npm run test:e2e`). */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/test/e2e/**/*.e2e.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
