import rules from '../../../src/core/rules/project/filled';
import { seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/filled.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'actual-missing': {
    raise: { sheets: seed([[0, 4, null]]), cells: ['表1!F13'] },
    clean: { sheets: seed([[0, 4, 16]]) },
  },
  'reason-missing': {
    raise: { sheets: seed([[4, 7, null]]), cells: ['表1!I17'] },
    clean: {
      sheets: seed(
        [
          [4, 6, 20],
          [4, 7, null],
        ],
        { total: [100, 98] },
      ),
    },
  },
  'target-unit-missing': {
    raise: { sheets: seed([[0, 3, '≥16.00']]), cells: ['表1!E13'] },
    clean: { sheets: seed([[0, 3, '≥16个']]) },
  },
});
