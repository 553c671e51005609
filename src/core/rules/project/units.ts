import { ruleModule, PROJECT } from '../meta';
import { displayText, formatNumber } from '../../sheet/text';

/** Units of an indicator's target and actual value: comparable, and a fraction beside a percentage read in percent. */
export default ruleModule(
  {
    'unit-mismatch': { severity: 'warning', title: '计量单位不一致', forms: PROJECT },
    // A share written 0.96 beside a target in % is read as 96 % (a percent cell that lost its format), and said so.
    'fraction-as-percent': { severity: 'info', title: '比率以小数填写，已按百分数理解', forms: PROJECT },
  },
  {
    indicator({ row, label, target, actual, percentReading, unitConflict }, report) {
      if (percentReading) {
        const { cell, which, value } = percentReading;
        const shown = formatNumber(value);
        const message = `${label}的${which}「${displayText(cell.value)}」是小数，按 ${shown}% 理解（宜写成 ${shown}%）`;
        report('fraction-as-percent', cell, message);
      }
      if (!unitConflict || !row.actual) return;
      if (unitConflict.kind === 'share-counted') {
        report('unit-mismatch', row.actual, `${label}是比率/满意度指标，应以 % 计量，却用了「${unitConflict.unit}」`);
      } else if (target.kind === 'quantitative' && actual.kind === 'quantitative') {
        const message = `${label}年度指标值单位为「${target.unit}」，实际完成值单位却是「${actual.unit}」`;
        report('unit-mismatch', row.actual, message);
      }
    },
  },
);
