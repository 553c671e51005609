import rules from '../../../src/core/rules/monitoring/monitoring';
import { fixture, tableFor } from '../case-helpers';

/** The test table of src/core/rules/monitoring/monitoring.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'monitoring-rate-mismatch': {
    raise: { sheets: fixture('unseen/monitoring-national.xlsx'), cells: ['有错误!E6'] },
    clean: { sheets: async () => (await fixture('unseen/monitoring-national.xlsx')()).slice(0, 1) },
  },
  'monitoring-reason-missing': {
    raise: { sheets: fixture('unseen/monitoring-city.xlsx'), cells: ['未说明原因!F10'] },
    clean: { sheets: async () => (await fixture('unseen/monitoring-city.xlsx')()).slice(0, 1) },
  },
  'monitoring-likelihood-missing': {
    raise: { sheets: fixture('unseen/monitoring-national.xlsx'), cells: ['有错误!K15'] },
    clean: { sheets: async () => (await fixture('unseen/monitoring-national.xlsx')()).slice(0, 1) },
  },
});
