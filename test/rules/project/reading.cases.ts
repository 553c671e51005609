import rules from '../../../src/core/rules/project/reading';
import { clean, fixture, grid, seed, tableFor } from '../case-helpers';
import { INDICATOR_HEADER } from '../../helpers/form-builder';
import { afterReasonFills, builtInTemplates, reasonEdits } from '../../../src/core/edits/templates';

/** The test table of src/core/rules/project/reading.ts (see case-helpers.ts). */
export default tableFor(rules, {
  'reason-filled': {
    raise: {
      sheets: seed([[4, 7, null]]),
      after: (results) => afterReasonFills(results, reasonEdits(results, builtInTemplates())),
      cells: ['表1!I17'],
    },
    clean: { sheets: seed([[4, 7, null]]) },
  },
  // A row with a 一级 of its own and a name only, between scored rows: neither an indicator nor a continuation.
  'reading-uncertain': {
    raise: {
      sheets: () => [
        grid([
          ['项目支出绩效自评表'],
          ['项目名称', '社区服务'],
          INDICATOR_HEADER,
          ['产出指标', '数量指标', '完成数量', '≥10个', '10个', 50, 50],
          ['效益指标', '社会效益指标', '社会影响'],
          ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '95%', 50, 50],
          ['总分', null, null, null, null, 100, 100],
        ]),
      ],
      cells: ['表1!C5'],
    },
    clean: { sheets: clean },
  },
  // 得分 written net of 扣减分数 (48 after 2 off), the 总分 98 their plain sum: that reading is taken and said.
  'reading-chosen': {
    raise: {
      sheets: () => [
        grid([
          ['项目支出绩效自评表'],
          ['项目名称', '高标准农田建设'],
          [...INDICATOR_HEADER.slice(0, 7), '扣减分数', INDICATOR_HEADER[7]],
          ['产出指标', '数量指标', '建成面积', '≥1万亩', '1万亩', 50, 48, 2, '部分地块验收资料不全，按规定扣减。'],
          ['效益指标', '经济效益指标', '粮食亩产提高', '≥50公斤', '60公斤', 30, 30],
          ['满意度指标', '服务对象满意度指标', '农户满意度', '≥90%', '95%', 20, 20],
          ['总分', null, null, null, null, 100, 98],
        ]),
      ],
      cells: ['表1!G7'],
    },
    clean: { sheets: fixture('systems/deductions.xlsx') },
  },
});
