import rules from '../../../src/core/rules/project/budget';
import { clean, fixture, seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/budget.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'budget-rate-mismatch': {
    raise: { sheets: fixture('shared/seed000-2020-errors.xlsx'), cells: ['2-科普资源平台建设及大众学奖评选项目!H6'] },
    clean: { sheets: clean },
  },
  'budget-components-mismatch': {
    raise: {
      sheets: fixture('shapes/hebei-split-header-libreoffice.xlsx'),
      cells: ['Sheet1!C5', 'Sheet1!D5', 'Sheet1!E5'],
    },
    clean: { sheets: clean },
  },
  'budget-score-mismatch': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 85], weight: 10, rate: 50, score: 10 } }),
      cells: ['表1!I6'],
    },
    clean: { sheets: seed([], { budget: { total: [170, 170, 85], weight: 10, rate: 50, score: 5 } }) },
  },
  'budget-overspent': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 180], weight: 10, rate: 100, score: 10 } }),
      cells: ['表1!F6'],
    },
    clean: { sheets: seed([], { budget: { total: [150, 170, 170], weight: 10, rate: 100, score: 10 } }) },
  },
  'budget-rate-missing': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 170], weight: 10, rate: null, score: 10 } }),
      cells: ['表1!H6'],
    },
    clean: { sheets: clean },
  },
  'budget-unread': { raise: { sheets: seed([], { budget: null }), cells: ['表1!H14'] }, clean: { sheets: clean } },
});
