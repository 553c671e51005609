import type { CellValue } from '../../src/core/sheet/grid';

/** A 绩效目标申报表 laid out as seed001 (rows from A1): project, funds with their parts, then the indicators. */
export function declarationRows(
  project: string,
  indicators: Array<[string, string, string, CellValue]>,
  total = 100,
  parts: number[] = [100, 0, 0],
): CellValue[][] {
  return [
    ['财政项目支出绩效目标申报表'],
    ['(2025 年度)'],
    ['项目名称', project],
    ['项目资金(万元)', '项目资金总额:', null, '年度资金申请总额:', total],
    [null, '其中: 财政资金', null, '其中: 当年财政拨款', parts[0]],
    [null, null, null, '上年结转资金', parts[1]],
    [null, '其他资金', null, '其他资金', parts[2]],
    [null, '一级指标', '二级指标', '三级指标', '年度(/项目)指标值'],
    ...indicators.map(([l1, l2, name, target]) => [null, l1, l2, name, target]),
  ];
}

/** A declaration with every category: no finding. */
export const COMPLETE: Array<[string, string, string, CellValue]> = [
  ['产出指标', '数量指标', '覆盖面', '≥16.00(个)'],
  ['产出指标', '质量指标', '达标率', '=100.00(%)'],
  ['产出指标', '时效指标', '及时率', '=100.00(%)'],
  ['效益指标', '社会效益指标', '基层科普服务能力提升情况', '有效提升'],
  ['效益指标', '可持续影响指标', '长效管理制度健全性', '健全'],
  ['满意度指标', '服务对象满意度指标', '受众群体满意度', '≥90.00(%)'],
];
