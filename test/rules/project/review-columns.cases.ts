import rules from '../../../src/core/rules/project/review-columns';
import { fixture, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/review-columns.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'review-score-exceeds-weight': {
    raise: { sheets: fixture('systems/review-scores.xlsx'), cells: ['有错误!H10'] },
    clean: { sheets: async () => (await fixture('systems/review-scores.xlsx')()).slice(0, 1) },
  },
  'deduction-exceeds-score': {
    raise: { sheets: fixture('systems/deductions.xlsx'), cells: ['有错误!H10'] },
    clean: { sheets: async () => (await fixture('systems/deductions.xlsx')()).slice(0, 1) },
  },
});
