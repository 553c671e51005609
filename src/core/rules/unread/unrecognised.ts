import { ruleModule, UNREAD } from '../meta';

/** A sheet that looks like a 绩效 form but holds none the engine could read: never passed over in silence. */
export default ruleModule({
  // A sheet that looks like a 绩效 form but holds none the engine could read: never passed over in silence.
  'form-unrecognised': { severity: 'warning', title: '表格未识别，未检查', forms: UNREAD },
});
