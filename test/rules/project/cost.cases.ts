import rules from '../../../src/core/rules/project/cost';
import { clean, seed, tableFor } from '../case-helpers';

/** The test table of src/core/rules/project/cost.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'cost-target-direction': {
    raise: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≥5万元'],
        [0, 4, '6万元'],
      ]),
      cells: ['表1!E13'],
    },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5万元'],
        [0, 4, '4万元'],
      ]),
    },
  },
  'cost-target-unit': {
    raise: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5'],
        [0, 4, '4'],
      ]),
      cells: ['表1!E13'],
    },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5万元'],
        [0, 4, '4万元'],
      ]),
    },
  },
  'cost-exceeds-budget': {
    raise: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤200万元'],
        [0, 4, '150万元'],
      ]),
      cells: ['表1!E13'],
    },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤150万元'],
        [0, 4, '150万元'],
      ]),
    },
  },
  'cost-indicator-unset': {
    raise: { sheets: clean, profile: 'shanxi', cells: ['表1!D13'] },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5万元'],
        [0, 4, '4万元'],
      ]),
      profile: 'shanxi',
    },
  },
});
