import { ruleModule, PROJECT } from '../meta';

/** How the form was read, said where the reading had a choice to make. */
export default ruleModule({
  // A form that can be read two ways (得分 net or gross of 扣减; dropped targets converted or not): the reading its
  // own 总分 confirms is taken, and said; so is a budget read from another sheet.
  'reading-chosen': { severity: 'info', title: '按表内数据确定的读法', forms: PROJECT },
  // Rows the reading could not place (a bare name among scored rows): said once, never turned into errors.
  'reading-uncertain': {
    severity: 'warning',
    title: '有行无法确定如何读取，请核对',
    forms: PROJECT,
    concernsScore: true,
  },
  'reason-filled': { severity: 'info', title: '偏差原因已按模板填写', forms: PROJECT },
});
