import rules from '../../../src/core/rules/declaration/cross-check';
import { declaration, seed, tableFor } from '../case-helpers';
import { COMPLETE } from '../../helpers/declaration-builder';

/** The test table of src/core/rules/declaration/cross-check.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'target-changed': {
    raise: {
      sheets: () => [
        ...seed()(),
        ...declaration([['产出指标', '数量指标', '覆盖面', '≥18.00(个)'], ...COMPLETE.slice(1)])(),
      ],
      cells: ['表1!E13'],
    },
    clean: { sheets: () => [...seed()(), ...declaration()()] },
  },
  'target-dropped': {
    raise: {
      sheets: () => [...seed()(), ...declaration([...COMPLETE, ['产出指标', '数量指标', '培训场次', '≥4.00(场)']])()],
      cells: ['申报!D15'],
    },
    clean: { sheets: () => [...seed()(), ...declaration()()] },
  },
});
