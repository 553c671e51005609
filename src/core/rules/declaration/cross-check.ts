import { ruleModule, CROSS } from '../meta';

/** The 自评表 ↔ 申报表 cross-check. */
export default ruleModule({
  'target-changed': { severity: 'warning', title: '指标值与申报表不一致', forms: CROSS },
  'target-dropped': { severity: 'warning', title: '申报的指标未在自评表中', forms: CROSS },
});
