import rules from '../../../src/core/rules/profile/execution';
import { seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/profile/execution.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'budget-rate-reason-missing': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 136], weight: 10, rate: 80, score: 8 }, total: [100, 91] }),
      profile: 'sichuan',
      cells: ['表1!H6'],
    },
    clean: {
      sheets: seed([], { budget: { total: [170, 170, 153], weight: 10, rate: 90, score: 9 }, total: [100, 92] }),
      profile: 'sichuan',
    },
  },
  'score-capped-by-execution': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 68], weight: 10, rate: 40, score: 4 }, total: [100, 87] }),
      profile: 'strict-review',
      cells: ['表1!H19'],
    },
    clean: {
      sheets: seed([], { budget: { total: [170, 170, 136], weight: 10, rate: 80, score: 8 }, total: [100, 91] }),
      profile: 'strict-review',
    },
  },
});
