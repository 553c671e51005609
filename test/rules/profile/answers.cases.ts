import rules from '../../../src/core/rules/profile/answers';
import { clean, fixture, seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/profile/answers.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'quantity-answered-qualitatively': {
    raise: {
      sheets: seed(
        [
          [0, 4, '基本完成'],
          [0, 6, 8],
          [0, 7, '部分站点未覆盖。'],
        ],
        { total: [100, 91] },
      ),
      profile: 'strict-review',
      cells: ['表1!F13'],
    },
    clean: { sheets: clean, profile: 'strict-review' },
  },
  'quantitative-answered-with-text': {
    raise: { sheets: seed([[1, 4, '全部达标']]), profile: 'tianjin', cells: ['表1!F14'] },
    clean: { sheets: seed([[1, 4, '100%']]), profile: 'tianjin' },
  },
  'duplicate-across-levels': {
    raise: { sheets: seed([[3, 2, '覆盖面']]), profile: 'strict-review', cells: ['表1!D16'] },
    clean: { sheets: seed([[3, 2, '覆盖面扩大情况']]), profile: 'strict-review' },
  },
  'spending-as-output': {
    raise: { sheets: seed([[0, 2, '资金支付进度']]), profile: 'strict-review', cells: ['表1!D13'] },
    clean: {
      sheets: seed([
        [0, 1, '时效指标'],
        [0, 2, '资金支付进度'],
      ]),
      profile: 'strict-review',
    },
  },
  'deducted-though-all-met': {
    raise: { sheets: fixture('shared/seed002-2024.xlsx'), profile: 'strict-review', cells: ['3-惠民科普直通车!H21'] },
    clean: { sheets: clean, profile: 'strict-review' },
  },
  'satisfaction-without-figure': {
    raise: { sheets: seed([[5, 4, '比较满意']]), profile: 'strict-review', cells: ['表1!F18'] },
    clean: { sheets: seed([[5, 4, '95%']]), profile: 'strict-review' },
  },
});
