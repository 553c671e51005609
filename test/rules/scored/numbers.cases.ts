import rules from '../../../src/core/rules/scored/numbers';
import { seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/scored/numbers.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'score-invalid': {
    raise: { sheets: seed([[0, 6, '满分']]), cells: ['表1!H13'] },
    clean: { sheets: seed([[0, 6, '10']]) },
  },
  'score-exceeds-weight': {
    raise: { sheets: seed([[0, 6, 12]]), cells: ['表1!H13'] },
    clean: {
      sheets: seed([
        [0, 5, 12],
        [0, 6, 12],
      ]),
    },
  },
});
