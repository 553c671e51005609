import rules from '../../../src/core/rules/project/indicator-score';
import { clean, seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/indicator-score.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'target-missed-full-score': {
    raise: { sheets: seed([[0, 4, '12.00(个)']]), cells: ['表1!H13'] },
    clean: { sheets: seed([[0, 4, '17.00(个)']]) },
  },
  'quantitative-score-mismatch': {
    raise: {
      sheets: seed(
        [
          [0, 4, '12.00(个)'],
          [0, 6, 9],
          [0, 7, '部分区县未覆盖。'],
        ],
        { total: [100, 92] },
      ),
      cells: ['表1!H13'],
    },
    clean: {
      sheets: seed(
        [
          [0, 4, '12.00(个)'],
          [0, 6, 7.5],
          [0, 7, '部分区县未覆盖。'],
        ],
        { total: [100, 90.5] },
      ),
    },
  },
  'qualitative-band-mismatch': {
    raise: { sheets: seed([[4, 6, 10]], { total: [100, 87] }), cells: ['表1!H17'] },
    clean: { sheets: seed([[4, 6, 12]], { total: [100, 90] }) },
  },
  'negative-actual-scored': {
    raise: { sheets: seed([[0, 4, '-2(个)']]), cells: ['表1!H13'] },
    clean: {
      sheets: seed(
        [
          [0, 4, '0(个)'],
          [0, 6, 0],
          [0, 7, '未开展。'],
        ],
        { total: [100, 83] },
      ),
    },
  },
  'target-met-but-deducted': {
    raise: { sheets: clean, cells: ['表1!H18'] },
    clean: {
      sheets: seed(
        [
          [5, 6, 20],
          [5, 7, null],
        ],
        { total: [100, 96] },
      ),
    },
  },
});
