import rules from '../../../src/core/rules/scored/totals';
import { clean, fixture, seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/scored/totals.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'weights-total': {
    raise: { sheets: seed([[0, 5, 15]]), cells: ['表1!G19'] },
    clean: {
      sheets: seed([
        [0, 5, 15],
        [0, 6, 15],
        [1, 5, 5],
        [1, 6, 5],
      ]),
    },
  },
  'total-mismatch': {
    raise: { sheets: seed([], { total: [100, 95] }), cells: ['表1!H19'] },
    clean: { sheets: seed([], { total: [100, '93分'] }) },
  },
  'grade-mismatch': {
    raise: { sheets: seed([], { grade: '良' }), cells: ['表1!G20'] },
    clean: { sheets: seed([], { grade: '优秀' }) },
  },
  'level-weights-mismatch': {
    raise: {
      sheets: seed([
        [0, 0, '产出指标（35分）'],
        [1, 0, '产出指标（35分）'],
        [2, 0, '产出指标（35分）'],
      ]),
      cells: ['表1!B13'],
    },
    clean: {
      sheets: seed([
        [0, 0, '产出指标（30分）'],
        [1, 0, '产出指标（30分）'],
        [2, 0, '产出指标（30分）'],
      ]),
    },
  },
  'total-missing': {
    raise: { sheets: seed([], { total: [100, null] }), cells: ['表1!H19'] },
    clean: { sheets: seed([], { total: [100, '93分'] }) },
  },
  'grade-missing': {
    raise: { sheets: seed([], { grade: null }), cells: ['表1!G20'] },
    clean: { sheets: seed([], { grade: '优秀' }) },
  },
  'weights-absent': {
    raise: { sheets: fixture('unseen/no-weights.xlsx'), cells: ['自评表!F5'] },
    clean: { sheets: clean },
  },
});
