import rules from '../../../src/core/rules/declaration/declaration';
import { declaration, fixture, tableFor } from '../case-helpers';
import { COMPLETE } from '../../helpers/declaration-builder';

/** The test table of src/core/rules/declaration/declaration.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'target-unparseable': {
    raise: {
      sheets: declaration([...COMPLETE.slice(0, 2), ['产出指标', '时效指标', '及时率', '≥(%)'], ...COMPLETE.slice(3)]),
      cells: ['申报!E11'],
    },
    clean: { sheets: declaration() },
  },
  'target-unit-mismatch': {
    raise: {
      sheets: fixture('declarations/seed001-2025-declarations.xlsx'),
      cells: [
        '2025年度绩效目标!E20',
        '2025年度绩效目标!E85',
        '2025年度绩效目标!E86',
        '2025年度绩效目标!E87',
        '2025年度绩效目标!E88',
      ],
    },
    clean: { sheets: declaration() },
  },
  'categories-missing': {
    raise: { sheets: declaration(COMPLETE.slice(0, 1)), cells: ['申报!B8'] },
    clean: { sheets: declaration() },
  },
  'target-implausible': {
    raise: {
      sheets: declaration([COMPLETE[0], ['产出指标', '质量指标', '达标率', '≥120%'], ...COMPLETE.slice(2)]),
      cells: ['申报!E10'],
    },
    clean: { sheets: declaration() },
  },
  'funds-components-mismatch': {
    raise: { sheets: declaration(COMPLETE, 100, [80, 10, 0]), cells: ['申报!E4'] },
    clean: { sheets: declaration() },
  },
});
