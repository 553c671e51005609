import rules from '../../../src/core/rules/unread/unrecognised';
import { clean, fixture, tableFor } from '../case-helpers';

/** The test table of src/core/rules/unread/unrecognised.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'form-unrecognised': {
    raise: { sheets: fixture('unseen/unreadable-layout.xlsx'), cells: ['自评表!A1', '说明!A1'] },
    clean: { sheets: clean },
  },
});
