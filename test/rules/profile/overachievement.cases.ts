import rules from '../../../src/core/rules/profile/overachievement';
import { seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/profile/overachievement.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'target-comparison-review': {
    raise: { sheets: seed([[1, 4, '98.00(%)']]), profile: 'tianjin', cells: ['表1!F14'] },
    clean: {
      sheets: seed([
        [1, 3, '≤5.00(%)'],
        [1, 4, '5.00(%)'],
      ]),
      profile: 'tianjin',
    },
  },
  'overachievement-reason-missing': {
    raise: { sheets: seed([[0, 4, '30.00(个)']]), profile: 'guangxi', cells: ['表1!I13'] },
    clean: {
      sheets: seed([
        [0, 4, '30.00(个)'],
        [0, 7, '新增社区站点，超额完成。'],
      ]),
      profile: 'guangxi',
    },
  },
  'overachievement-review': {
    raise: { sheets: seed([[0, 4, '20.00(个)']]), profile: 'tianjin', cells: ['表1!H13'] },
    clean: { sheets: seed([[0, 4, '19.00(个)']]), profile: 'tianjin' },
  },
});
