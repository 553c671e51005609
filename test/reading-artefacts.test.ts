import * as fs from 'fs';
import * as path from 'path';
import type { FormResult } from '../src/core/check/form-result';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook } from '../src/core/check/workbook';
import { INDICATOR_HEADER, sheetGrid } from './helpers/form-builder';
import { checkFixture, formSummary, type ExpectedForm } from './helpers/shape-answers';

/**
 * Forms with what typing, pasting and printing do to them (issue #32; test/fixtures/artefacts/, built by
 * make-artefacts.ts with exceljs and re-saved by LibreOffice as .xlsx, .xls and .xlsm and by openpyxl), against
 * answers worked out by hand. Every writer must give the same.
 *
 * The standard form: title, year, 项目名称, 主管部门 (rows 1–4), budget header and two lines (180 of 200 万元: 90 %,
 * 9 of 10), header, six indicators weighing 90 and scoring 89 (学员满意度 81 % of ≥ 90 %: 9 of 10, with a reason),
 * 总分 98, 优. Columns A 一级 … F 分值, G 得分, H 偏差原因.
 */
const FOLDER = path.join(__dirname, 'fixtures', 'artefacts');
const national = BUILT_IN_PROFILES.national;
const PROJECT = '家政服务从业人员技能培训';

const form = (sheet: string, range: string, rest: Omit<ExpectedForm, 'kind' | 'sheet' | 'range' | 'project'>) => ({
  kind: 'self-evaluation' as const,
  sheet,
  range,
  project: PROJECT,
  ...rest,
});

const EXPECTED: ExpectedForm[] = [
  // The cover (封面) is no form: nothing of it is reported.
  // Two names typed over two rows (rows 12–13 and 15–16, the second with its reason continued too): six
  // indicators, 98; the 总分 says 96.
  {
    ...form('名称跨行', 'A1:H18', {
      total: { cell: 'G17', declared: 96, computed: 98 },
      grade: { declared: '优', computed: '优' },
      findings: ['total-mismatch@G17'],
    }),
    project: '家政服务从业人员职业技能提升培训',
  },
  // The header again at row 13 after a blank row: one form of six indicators.
  form('表头重复', 'A1:H18', {
    total: { cell: 'G17', declared: 98, computed: 98 },
    grade: { declared: '优', computed: '优' },
    findings: [],
  }),
  // One template copied beside itself, no empty column between: the right one (I:P) writes 良 for 98.
  form('并排紧挨', 'A1:H16', {
    total: { cell: 'G15', declared: 98, computed: 98 },
    grade: { declared: '优', computed: '优' },
    findings: [],
  }),
  {
    ...form('并排紧挨', 'I1:P16', {
      total: { cell: 'O15', declared: 98, computed: 98 },
      grade: { declared: '良', computed: '优' },
      findings: ['grade-mismatch@N16'],
    }),
    project: '养老护理员技能培训',
  },
  // The budget down the rows (C5:C10): 180 of 200, 9 points; the 总分 says 100.
  form('预算竖排', 'A1:H19', {
    total: { cell: 'G18', declared: 100, computed: 98 },
    grade: { declared: '优', computed: '优' },
    findings: ['total-mismatch@G18'],
  }),
  // `90.00 | 89.00` under the header sums the six indicators below: no indicator.
  form('小计在上', 'A1:H17', {
    total: { cell: 'G16', declared: 98, computed: 98 },
    grade: { declared: '优', computed: '优' },
    findings: [],
  }),
  // Nothing filled in: each row lacks its 实际完成值 and its 得分; no total can be given.
  form('未填写', 'A1:H15', {
    total: { cell: 'G15', declared: null, computed: null },
    grade: { declared: null, computed: null },
    findings: [9, 10, 11, 12, 13, 14].flatMap((row) => [`actual-missing@E${row}`, `score-invalid@G${row}`]),
  }),
  // `综合得分 | 100 | 98（良）`: the total 98 and the grade 良 in one cell; 98 is 优.
  form('综合得分', 'A1:H15', {
    total: { cell: 'G15', declared: 98, computed: 98 },
    grade: { declared: '良', computed: '优' },
    findings: ['grade-mismatch@G15'],
  }),
  // The older 共性指标 framework: 一级 / 二级 / 三级 each with its 分值, then 得分 (rows 4–23): 20 + 25 + 55 = 100, the
  // scores 19 + 24 + 15 + 38 = 96 under 合计.
  {
    ...form('共性指标', 'A1:H24', {
      total: { cell: 'H24', declared: 96, computed: 96 },
      grade: { declared: null, computed: '优' },
      findings: [],
    }),
    kind: 'common-indicators',
  },
  // 管理制度 weighs 8, not 9: 组织实施 (10) and 项目管理 (25) hold one point less than they state, the 三级 make 99;
  // 产出质量 scores 5 of 4: the scores as written make 97, capped 96, and 合计 says 97.
  {
    ...form('共性指标有误', 'A1:H24', {
      total: { cell: 'H24', declared: 97, computed: 96 },
      grade: { declared: null, computed: '优' },
      findings: [
        'level-weights-mismatch@B9',
        'level-weights-mismatch@D13',
        'score-exceeds-weight@H16',
        'weights-total@F24',
        'total-mismatch@H24',
      ],
    }),
    kind: 'common-indicators',
  },
];

const WRITERS = [
  'artefacts.xlsx',
  'artefacts-libreoffice.xlsx',
  'artefacts-libreoffice.xls',
  'artefacts-libreoffice.xlsm',
  'artefacts-openpyxl.xlsx',
];

it('every writer of the artefacts is here', () => {
  expect(
    fs
      .readdirSync(FOLDER)
      .filter((name) => /\.xls[xm]?$/.test(name))
      .sort(),
  ).toEqual([...WRITERS].sort());
});

describe.each(WRITERS)('artefacts as %s', (file) => {
  it('gives the forms, totals, grades and every finding worked out by hand', async () => {
    const { results } = await checkFixture(FOLDER, file, national);
    expect(results.map(formSummary)).toEqual(EXPECTED);
  });
});

describe('a form over two sheets: the budget on 附表1, the indicators on 附表2', () => {
  const budgetSheet = (project: string) =>
    sheetGrid('附表1', [
      {
        rows: [
          ['项目支出绩效自评表（附表1：预算执行情况）'],
          ['项目名称', project],
          ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
          [null, '年度资金总额', 200, 200, 180, 10, 0.9, 9],
          [null, '其中：当年财政拨款', 200, 200, 180, '—', 0.9, '—'],
        ],
        top: 1,
        left: 1,
      },
    ]);
  const indicatorSheet = (total: number) =>
    sheetGrid('附表2', [
      {
        rows: [
          ['项目支出绩效自评表（附表2：绩效指标）'],
          ['项目名称', PROJECT],
          INDICATOR_HEADER,
          ['产出指标', '数量指标', '培训人次', '≥500人次', '520人次', 50, 50],
          ['效益指标', '社会效益指标', '从业人员技能', '有效提升', '有效提升', 30, 30],
          ['满意度指标', '服务对象满意度指标', '学员满意度', '≥90%', '81%', 10, 9, '部分课程安排不合理。'],
          ['总分', null, null, null, null, 100, total],
        ],
        top: 1,
        left: 1,
      },
    ]);

  it('takes the budget from the other sheet: 9 of 10 with the indicators’ 89 is 98, and 附表1 is no unread form', () => {
    for (const order of [
      [budgetSheet(PROJECT), indicatorSheet(98)],
      [indicatorSheet(98), budgetSheet(PROJECT)],
    ]) {
      const results = checkWorkbook(order, national);
      expect(results.map((r) => [r.sheet, r.kind])).toEqual([['附表2', 'self-evaluation']]);
      const [form] = results as FormResult[];
      expect(form.total).toMatchObject({ declared: 98, computed: 98 });
      expect(form.findings.map((f) => f.rule)).toEqual(['reading-chosen']);
    }
    // A wrong 总分 is found, not left unchecked (it was budget-unread).
    const [wrong] = checkWorkbook([budgetSheet(PROJECT), indicatorSheet(99)], national) as FormResult[];
    expect(wrong.findings.map((f) => f.rule)).toContain('total-mismatch');
  });

  it('lends a budget only to its own project, or where one budget meets one form', () => {
    const other = checkWorkbook([budgetSheet('另一个项目'), indicatorSheet(98), indicatorSheet(98)], national);
    expect(
      other
        .filter((r) => r.kind === 'self-evaluation')
        .every((r) => r.findings.some((f) => f.rule === 'budget-unread')),
    ).toBe(true);
  });
});
