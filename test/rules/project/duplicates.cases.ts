import rules from '../../../src/core/rules/project/duplicates';
import { seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/duplicates.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'duplicate-indicator': {
    raise: {
      sheets: seed([
        [2, 1, '质量指标'],
        [2, 2, '达标率'],
      ]),
      cells: ['表1!D15'],
    },
    clean: { sheets: seed([[2, 2, '达标率']]) },
  },
});
