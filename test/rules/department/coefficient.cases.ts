import rules from '../../../src/core/rules/department/coefficient';
import { fixture, tableFor } from '../case-helpers';

/** The test table of src/core/rules/department/coefficient.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'coefficient-score-mismatch': {
    raise: { sheets: fixture('systems/department.xlsx'), cells: ['系数不符!H9'] },
    clean: { sheets: async () => (await fixture('systems/department.xlsx')()).slice(0, 1) },
  },
});
