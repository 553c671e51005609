import rules from '../../../src/core/rules/project/units';
import { seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/units.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'unit-mismatch': {
    raise: { sheets: seed([[0, 4, '16.00(场)']]), cells: ['表1!F13'] },
    clean: { sheets: seed([[0, 4, '16个']]) },
  },
  'fraction-as-percent': {
    raise: { sheets: seed([[1, 4, 1]]), cells: ['表1!F14'] },
    clean: { sheets: seed([[1, 4, 100]]) },
  },
});
