import { ruleModule, UNREAD } from '../meta';

/**
 * A sheet that looks like a 绩效 form but holds none the engine could read: never passed over in silence. The
 * recogniser's diagnosis (recognise/unrecognised.ts) says what the sheet shows and what is missing.
 */
export default ruleModule(
  {
    'form-unrecognised': { severity: 'warning', title: '表格未识别，未检查', forms: UNREAD },
  },
  {
    unread: ({ said }, report) => report('form-unrecognised', said.cell, said.message),
  },
);
