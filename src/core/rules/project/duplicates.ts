import { ruleModule, PROJECT_AND_DECLARATION } from '../meta';

/** An indicator listed twice. */
export default ruleModule({
  'duplicate-indicator': {
    severity: 'warning',
    title: '指标重复',
    forms: PROJECT_AND_DECLARATION,
  },
});
