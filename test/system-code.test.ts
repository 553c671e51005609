import type { FormResult } from '../src/core/check/form-result';
import type { CellValue } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES, type Profile } from '../src/core/rules/profiles';
import { checkWorkbook } from '../src/core/check/workbook';
import { INDICATOR_HEADER, sheetGrid } from './helpers/form-builder';

/**
 * The checker against the 一体化 system's own scoring code (issue #33; gov.mof.fasp2.pmkpi, read in the stored code
 * index): its auto-scoring SQL (selfpositiveindex, selfequalindex, selfreverseindex, selfqualscorecheck), its grade
 * and budget score, and its page's save-time checks. The oracle below is that code, transcribed; every boundary
 * value is checked against it: the score the system gives is the score the checker expects, and a form filled
 * with the system's answers raises no error and no score warning.
 */

type Sign = '≥' | '=' | '≤';

/** The system's score for a quantitative row (Ext.lt.pmkpi.warn sets a negative actual to 0 first). */
function systemScore(sign: Sign, target: number, given: number, weight: number): number {
  const actual = given < 0 ? 0 : given;
  const round = (value: number) => Math.round(value * 100 + 1e-7) / 100;
  if (sign === '=' && target === 0) return actual <= 0 ? weight : 0;
  if (sign === '≤') {
    if (actual <= target) return weight;
    if (actual < 2 * target) return round((1 - (actual - target) / target) * weight);
    return 0;
  }
  return actual >= target ? weight : round((actual / target) * weight);
}

/** selfqualscorecheck: whether the system accepts a score for a qualitative answer of one of its three levels. */
function systemAcceptsBand(level: 'achieved' | 'partial' | 'poor', score: number, weight: number): boolean {
  const at = (share: number) => Math.round(weight * share * 100 + 1e-7) / 100;
  if (level === 'achieved') return at(0.8) <= score && score <= weight;
  if (level === 'partial') return at(0.6) <= score && score < at(0.8);
  return score >= 0 && score < at(0.6);
}

const HEADER = INDICATOR_HEADER;
const REASON = '受客观因素影响，后续加强管理。';

/** One 自评表 of the given indicator rows (weights making 100), its 总分 as given, checked under a profile. */
function checkRows(rows: CellValue[][], total: CellValue, profile: Profile, header = HEADER): FormResult {
  const totalRow: CellValue[] = ['总分'];
  totalRow[header.indexOf('分值')] = 100;
  totalRow[header.indexOf('得分')] = total;
  const grid = sheetGrid('表1', [
    {
      rows: [['项目支出绩效自评表'], ['项目名称', '测试项目'], header, ...rows, totalRow],
      top: 1,
      left: 1,
    },
  ]);
  const [result] = checkWorkbook([grid], profile) as FormResult[];
  return result;
}

/** The boundary values of a target: at it, a hundredth either side, 0, negative, and twice it. */
function boundaries(target: number): number[] {
  return [target, target + 0.01, target - 0.01, 0, -5, 2 * target, 2 * target + 0.01, 1.5 * target];
}

const SCORE_WARNINGS = ['target-missed-full-score', 'quantitative-score-mismatch', 'qualitative-band-mismatch'];

describe.each<[string, Sign[]]>([
  // The national profile follows the published rule, the system's where they agree (≥ and =); vendor-80 the
  // system's code for ≤ too (1 − (actual − target) / target, 0 from twice the target).
  ['national', ['≥', '=']],
  ['vendor-80', ['≥', '=', '≤']],
])('quantitative rows under %s, as the system scores them', (profileId, signs) => {
  const profile = BUILT_IN_PROFILES[profileId];
  const cases = signs.flatMap((sign) =>
    [50, 0].flatMap((target) =>
      (target === 0 && sign === '≤' ? [] : boundaries(target)).map((actual) => ({ sign, target, actual })),
    ),
  );

  it.each(cases)('$sign$target, actual $actual: the system’s score, and no error or score warning', (c) => {
    const weight = 20;
    const score = systemScore(c.sign, c.target, c.actual, weight);
    const filler: CellValue[] = ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', 80, 80];
    const row: CellValue[] = [
      '产出指标',
      '数量指标',
      '完成数量',
      `${c.sign}${c.target}个`,
      `${c.actual}个`,
      weight,
      score,
      REASON,
    ];
    const result = checkRows([row, filler], score + 80, profile);
    const [indicator] = result.indicators;
    const expected = indicator.status === 'met' ? weight : indicator.expectedScore;
    expect([c, expected]).toEqual([c, score]);
    const wrong = result.findings.filter((f) => f.severity === 'error' || SCORE_WARNINGS.includes(f.rule));
    expect([c, wrong.map((f) => f.message)]).toEqual([c, []]);
  });
});

describe('qualitative bands, half-open as selfqualscorecheck compares them', () => {
  const answers = {
    achieved: '达成年度指标',
    partial: '部分达成年度指标并具有一定效果',
    poor: '未达成年度指标且效果较差',
  };
  const cases = (['achieved', 'partial', 'poor'] as const).flatMap((level) =>
    [20, 15, 11].flatMap((weight) =>
      [0, 0.6, 0.8, 1].flatMap((share) => {
        const at = Math.round(weight * share * 100) / 100;
        return [at - 0.01, at, at + 0.01]
          .filter((score) => score >= 0 && score <= weight)
          .map((score) => ({ level, weight, score: Math.round(score * 100) / 100 }));
      }),
    ),
  );

  it.each(cases)('$level, $score of $weight: a band warning exactly where the system refuses', (c) => {
    const rest = 100 - c.weight;
    const row: CellValue[] = [
      '效益指标',
      '社会效益指标',
      '长效机制',
      '健全',
      answers[c.level],
      c.weight,
      c.score,
      REASON,
    ];
    const filler: CellValue[] = ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', rest, rest];
    for (const profile of [BUILT_IN_PROFILES.national, BUILT_IN_PROFILES['vendor-80']]) {
      const result = checkRows([row, filler], c.score + rest, profile);
      const warned = result.findings.some((f) => f.rule === 'qualitative-band-mismatch');
      expect([c, profile.id, warned]).toEqual([c, profile.id, !systemAcceptsBand(c.level, c.score, c.weight)]);
    }
  });
});

describe('totals and grades as the system computes them', () => {
  it('grades the total as computed: 89.995 is 良 under the national grades, and 90.00 written for it stands', () => {
    // A budget score of 9.995 (a formula's cached value) and indicator scores of 80: 89.995, shown as 90.00.
    const grid = sheetGrid('表1', [
      {
        rows: [
          ['项目支出绩效自评表'],
          ['项目名称', '测试项目'],
          ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
          [null, '年度资金总额', 200, 200, 199.9, 10, 0.9995, 9.995],
          HEADER,
          ['产出指标', '数量指标', '完成数量', '≥10个', '10个', 45, 45],
          ['满意度指标', '满意度指标', '满意度', '≥90%', '88%', 45, 35, REASON],
          ['总分', null, null, null, null, 100, 90],
          ['评分等级', '良'],
        ],
        top: 1,
        left: 1,
      },
    ]);
    const [result] = checkWorkbook([grid], BUILT_IN_PROFILES.national) as FormResult[];
    expect(result.total).toMatchObject({ declared: 90, computed: 90 });
    expect(result.grade).toMatchObject({ declared: '良', computed: '良' });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  const DEDUCTION_HEADER = [...HEADER.slice(0, 7), '扣减分数', HEADER[7]];

  it('takes 得分 net of 扣减分数 when the 总分 is their plain sum (the system stores them so), and says so', () => {
    const rows: CellValue[][] = [
      ['产出指标', '数量指标', '建成面积', '≥1万亩', '1万亩', 50, 45, 5, '资料不全，按规定扣减。'],
      ['产出指标', '质量指标', '合格率', '100%', '100%', 30, 22, 8, '抽检发现问题，按规定扣减。'],
      ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', 20, 20],
    ];
    // Net: 45 + 22 + 20 = 87 as written; gross would be 74. The second row's 扣减 (8) is no error once net.
    const net = checkRows(rows, 87, BUILT_IN_PROFILES.national, DEDUCTION_HEADER);
    expect(net.total).toMatchObject({ declared: 87, computed: 87 });
    expect(net.findings.map((f) => f.rule)).toContain('reading-chosen');
    expect(net.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Gross (the total written as 得分 − 扣减): the plain reading, nothing to say.
    const gross = checkRows(rows, 74, BUILT_IN_PROFILES.national, DEDUCTION_HEADER);
    expect(gross.total).toMatchObject({ declared: 74, computed: 74 });
    expect(gross.findings.map((f) => f.rule)).not.toContain('reading-chosen');
    // Neither: the plain reading, and the mismatch.
    const neither = checkRows(rows, 80, BUILT_IN_PROFILES.national, DEDUCTION_HEADER);
    expect(neither.total).toMatchObject({ declared: 80, computed: 74 });
    expect(neither.findings.map((f) => f.rule)).toContain('total-mismatch');
  });

  const ADJUSTED_HEADER = [...HEADER.slice(0, 4), '调整后指标值', ...HEADER.slice(4)];

  it('scores dropped targets out and converts to the full scale (the published rule), or leaves them, as the 总分 says', () => {
    const rows: CellValue[][] = [
      ['产出指标', '数量指标', '完成数量', '≥10个', null, '10个', 40, 40],
      ['产出指标', '质量指标', '验收合格率', '100%', '取消', null, 20, null],
      ['满意度指标', '满意度指标', '满意度', '≥90%', null, '80%', 40, 35, REASON],
    ];
    // Weights set on 100 with the dropped 20 in them: no weights-total. Applicable 80 scored 75 → 93.75 of 100.
    const converted = checkRows(rows, 93.75, BUILT_IN_PROFILES.national, ADJUSTED_HEADER);
    expect(converted.total).toMatchObject({ declared: 93.75, computed: 93.75 });
    expect(converted.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(converted.findings.find((f) => f.rule === 'reading-chosen')?.message).toMatch(/折算/);
    // A form that left them out without converting: 75 stands, and is said.
    const left = checkRows(rows, 75, BUILT_IN_PROFILES.national, ADJUSTED_HEADER);
    expect(left.total).toMatchObject({ declared: 75, computed: 75 });
    expect(left.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(left.findings.find((f) => f.rule === 'reading-chosen')?.message).toMatch(/未折算/);
  });

  it('takes a negative actual as 0: it meets ≥0 and ≤0%, and scores 0 against ≥10', () => {
    const row = (target: string, actual: string, score: number): CellValue[] => [
      '效益指标',
      '社会效益指标',
      '安全事故变化',
      target,
      actual,
      50,
      score,
      REASON,
    ];
    const filler: CellValue[] = ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', 50, 50];
    for (const [target, actual] of [
      ['≥0起', '-2起'],
      ['≤0%', '-3%'],
    ]) {
      const result = checkRows([row(target, actual, 50), filler], 100, BUILT_IN_PROFILES.national);
      expect([target, result.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)]).toEqual([target, []]);
    }
    const missed = checkRows([row('≥10起', '-2起', 50), filler], 100, BUILT_IN_PROFILES.national);
    expect(missed.findings.map((f) => f.rule)).toContain('negative-actual-scored');
  });
});

describe('Shanxi: a row whose 调整后指标值 is blank beside a 年初 target is not filled in and not checked', () => {
  const header = [...HEADER.slice(0, 4), '调整后指标值', ...HEADER.slice(4)];
  const rows: CellValue[][] = [
    ['产出指标', '数量指标', '完成数量', '≥10个', '≥8个', '9个', 40, 40],
    ['产出指标', '质量指标', '验收合格率', '100%', null, null, 20, null],
    ['满意度指标', '满意度指标', '满意度', '≥90%', '≥90%', '95%', 40, 40],
  ];

  it('raises nothing on that row in Shanxi, and what it lacks elsewhere', () => {
    const shanxi = checkRows(rows, 100, BUILT_IN_PROFILES.shanxi, header);
    expect(shanxi.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(shanxi.indicators[1].dropped).toBe(true);
    const national = checkRows(rows, 100, BUILT_IN_PROFILES.national, header);
    expect(national.findings.filter((f) => f.row === 5).map((f) => f.rule)).toEqual([
      'actual-missing',
      'score-invalid',
    ]);
  });

  it('checks every row in Shanxi where the form adjusts no target at all (the column left empty throughout)', () => {
    const unadjusted = rows.map((row) => [...row.slice(0, 4), null, ...row.slice(5)]);
    const result = checkRows(unadjusted, 100, BUILT_IN_PROFILES.shanxi, header);
    expect(result.indicators.some((i) => i.dropped)).toBe(false);
  });
});

describe('Guangxi: a reason at 130 % of the target on every quantitative row, ≤ ones too (actualValueCheck)', () => {
  it('asks it of a ceiling passed by 30 %, and of a target of 0 passed by 30', () => {
    const filler: CellValue[] = ['满意度指标', '满意度指标', '满意度', '≥90%', '95%', 50, 50];
    for (const [target, actual] of [
      ['≤10天', '13天'],
      ['≥0个', '30个'],
      ['≥10个', '13个'],
    ]) {
      const row: CellValue[] = ['产出指标', '时效指标', '办理时限', target, actual, 50, 50];
      const result = checkRows([row, filler], 100, BUILT_IN_PROFILES.guangxi);
      expect([target, result.findings.some((f) => f.rule === 'overachievement-reason-missing')]).toEqual([
        target,
        true,
      ]);
    }
  });
});
