import type { FormResult } from '../src/core/check/form-result';
import { checkSheets } from './helpers/check';
import { BUILT_IN_PROFILES, type Profile } from '../src/core/rules/profiles';
import { reviewStatus, RULES } from '../src/core/rules/rules';
import { buildForm, seed2024Form, sheetGrid, type FormSpec, type IndicatorSpec } from './helpers/form-builder';

function check(
  spec: FormSpec,
  profile: Profile = BUILT_IN_PROFILES.national,
): { result: FormResult; rowOf: (i: number) => number; at: ReturnType<typeof buildForm>['at'] } {
  const built = buildForm(spec);
  const results = checkSheets([sheetGrid('表1', [{ rows: built.rows, top: 1, left: 1 }])], profile);
  expect(results).toHaveLength(1);
  return { result: results[0], rowOf: (i) => built.at.firstIndicator + i + 1, at: built.at };
}

function rules(result: FormResult): Array<[string, string]> {
  return result.findings.map((f) => [f.rule, f.cell]);
}

function withIndicator(
  index: number,
  change: (row: IndicatorSpec) => IndicatorSpec,
  overrides: Partial<FormSpec> = {},
): FormSpec {
  const base = seed2024Form(overrides);
  return {
    ...base,
    indicators: base.indicators.map((row, i) => (i === index ? change([...row] as IndicatorSpec) : row)),
  };
}

describe('a clean form', () => {
  it('has no error or warning, total 93 and grade 优', () => {
    const { result } = check(seed2024Form());
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.total).toMatchObject({ declared: 93, computed: 93 });
    expect(result.grade).toMatchObject({ declared: '优', computed: '优' });
    expect(result.convention).toBe('budget-included');
  });
});

describe('rule catalogue', () => {
  it('keeps the ids and severities of DOMAIN.md §4', () => {
    const errors = [
      'score-invalid',
      'score-exceeds-weight',
      'actual-missing',
      'reason-missing',
      'weights-total',
      'total-mismatch',
      'grade-mismatch',
      'budget-rate-mismatch',
      'budget-components-mismatch',
    ];
    const warnings = [
      'budget-score-mismatch',
      'target-missed-full-score',
      'quantitative-score-mismatch',
      'qualitative-band-mismatch',
      'unit-mismatch',
      'duplicate-indicator',
      'budget-overspent',
    ];
    const infos = ['target-met-but-deducted', 'total-missing', 'grade-missing'];
    for (const id of errors) expect(RULES[id as keyof typeof RULES].severity).toBe('error');
    for (const id of warnings) expect(RULES[id as keyof typeof RULES].severity).toBe('warning');
    for (const id of infos) expect(RULES[id as keyof typeof RULES].severity).toBe('info');
  });
});

describe('indicator rules', () => {
  it('score-invalid: text, blank and negative scores or weights', () => {
    let { result, rowOf } = check(withIndicator(0, (r) => ((r[6] = '满分'), r)));
    expect(rules(result)).toContainEqual(['score-invalid', `H${rowOf(0)}`]);
    expect(result.total.computed).toBeNull();
    ({ result, rowOf } = check(withIndicator(1, (r) => ((r[5] = null), r))));
    expect(rules(result)).toContainEqual(['score-invalid', `G${rowOf(1)}`]);
    ({ result, rowOf } = check(withIndicator(2, (r) => ((r[6] = -2), r))));
    expect(rules(result)).toContainEqual(['score-invalid', `H${rowOf(2)}`]);
  });

  it('score-invalid for numbers written as text (8分, 10.0 分, 九十), saying the number; the total counts it', () => {
    for (const [written, value] of [
      ['10分', 10],
      ['10.0 分', 10],
      ['十', 10],
      ['八点五', 8.5],
    ] as const) {
      const { result, rowOf } = check(withIndicator(0, (r) => ((r[6] = written), r)));
      const finding = result.findings.find((f) => f.rule === 'score-invalid' && f.cell === `H${rowOf(0)}`);
      expect(finding?.message).toContain(`应填数字 ${value}`);
      expect(finding?.message).toContain('指标「覆盖面」');
      expect(result.total.computed).toBe(93 - 10 + value);
    }
  });

  it('score-exceeds-weight: the score still counts, at its weight, and a 总分 wrong either way is found', () => {
    // Issue #32: a number that breaks a rule is still a number. The first indicator's weight is 10 (clean total 93).
    const { result, rowOf } = check(withIndicator(0, (r) => ((r[6] = 12), r)));
    expect(rules(result)).toContainEqual(['score-exceeds-weight', `H${rowOf(0)}`]);
    expect(result.total.computed).toBe(93);
    expect(result.grade.computed).toBe('优');
    // 93 declared: the capped total; the scores as written add up to 95.
    expect(rules(result).filter(([rule]) => rule === 'total-mismatch')).toEqual([]);
    const added = check(withIndicator(0, (r) => ((r[6] = 12), r), { total: [100, 95] })).result;
    expect(added.findings.find((f) => f.rule === 'total-mismatch')?.message).toMatch(/应为 93.*一致/);
    const neither = check(withIndicator(0, (r) => ((r[6] = 12), r), { total: [100, 90] })).result;
    expect(neither.findings.find((f) => f.rule === 'total-mismatch')?.message).toMatch(/应为 93.*直接相加为 95/);
  });

  it('actual-missing', () => {
    const { result, rowOf } = check(withIndicator(0, (r) => ((r[4] = null), r)));
    expect(rules(result)).toContainEqual(['actual-missing', `F${rowOf(0)}`]);
  });

  it('reason-missing at the deviation cell', () => {
    const { result, rowOf } = check(withIndicator(4, (r) => ((r[7] = null), r)));
    expect(rules(result)).toContainEqual(['reason-missing', `I${rowOf(4)}`]);
  });

  it('target-missed-full-score', () => {
    const { result, rowOf } = check(withIndicator(0, (r) => ((r[4] = '12.00(个)'), r)));
    expect(rules(result)).toContainEqual(['target-missed-full-score', `H${rowOf(0)}`]);
  });

  it('quantitative-score-mismatch: ≥ uses actual/target, ≤ uses target/actual', () => {
    // 12 of 16: 7.5 of 10 points; 9 is wrong, 8 (rounded) is accepted.
    let { result, rowOf } = check(
      withIndicator(0, (r) => ((r[4] = '12.00(个)'), (r[6] = 9), (r[7] = '部分区县未覆盖。'), r), { total: [100, 92] }),
    );
    expect(rules(result)).toContainEqual(['quantitative-score-mismatch', `H${rowOf(0)}`]);
    expect(result.indicators[0].expectedScore).toBe(7.5);
    ({ result } = check(
      withIndicator(0, (r) => ((r[4] = '12.00(个)'), (r[6] = 8), (r[7] = '部分区县未覆盖。'), r), { total: [100, 91] }),
    ));
    expect(rules(result).map(([rule]) => rule)).not.toContain('quantitative-score-mismatch');
    ({ result, rowOf } = check(
      withIndicator(0, (r) => ((r[3] = '≤10(天)'), (r[4] = '20(天)'), (r[6] = 8), (r[7] = '进度滞后。'), r), {
        total: [100, 91],
      }),
    ));
    expect(result.indicators[0].expectedScore).toBe(5);
    expect(rules(result)).toContainEqual(['quantitative-score-mismatch', `H${rowOf(0)}`]);
  });

  it('the relative-excess variant scores a missed ≤ target differently', () => {
    const profile = { ...BUILT_IN_PROFILES.national, lessThanScoring: 'relative-excess' as const };
    const { result } = check(
      withIndicator(0, (r) => ((r[3] = '≤10(天)'), (r[4] = '15(天)'), (r[6] = 5), (r[7] = '进度滞后。'), r), {
        total: [100, 88],
      }),
      profile,
    );
    expect(result.indicators[0].expectedScore).toBe(5);
  });

  it('qualitative-band-mismatch: partial is 60–80 % nationally, 50–80 % in Hubei', () => {
    // 部分达成 on weight 20: 10 points is 50 %.
    const spec = withIndicator(4, (r) => ((r[6] = 10), r), { total: [100, 87] });
    let { result, rowOf } = check(spec);
    expect(rules(result)).toContainEqual(['qualitative-band-mismatch', `H${rowOf(4)}`]);
    ({ result } = check(spec, BUILT_IN_PROFILES.hubei));
    expect(rules(result).map(([rule]) => rule)).not.toContain('qualitative-band-mismatch');
  });

  it('unit-mismatch: different units, and a 满意度 counted in 场', () => {
    let { result, rowOf } = check(withIndicator(0, (r) => ((r[4] = '16.00(场)'), r)));
    expect(rules(result)).toContainEqual(['unit-mismatch', `F${rowOf(0)}`]);
    ({ result, rowOf } = check(withIndicator(5, (r) => ((r[3] = '≥95.00(场)'), (r[4] = '95.00(场)'), r))));
    expect(rules(result)).toContainEqual(['unit-mismatch', `F${rowOf(5)}`]);
  });

  it('duplicate-indicator at the second occurrence within one 二级指标, not across two', () => {
    let { result, rowOf } = check(withIndicator(2, (r) => ((r[1] = '质量指标'), (r[2] = '达标率'), r)));
    expect(rules(result)).toContainEqual(['duplicate-indicator', `D${rowOf(2)}`]);
    ({ result } = check(withIndicator(2, (r) => ((r[2] = '达标率'), r))));
    expect(rules(result).map(([rule]) => rule)).not.toContain('duplicate-indicator');
  });

  it('target-met-but-deducted is information only', () => {
    const { result, rowOf } = check(seed2024Form());
    expect(result.findings.find((f) => f.rule === 'target-met-but-deducted')).toMatchObject({
      severity: 'info',
      cell: `H${rowOf(5)}`,
    });
  });
});

describe('totals and grade', () => {
  it('weights-total at the 总分 weight cell', () => {
    const { result, at } = check(withIndicator(0, (r) => ((r[5] = 12), r)));
    expect(rules(result)).toContainEqual(['weights-total', `G${at.total! + 1}`]);
  });

  it('total-mismatch and grade-mismatch', () => {
    const { result, at } = check(seed2024Form({ total: [100, 95], grade: '良' }));
    expect(rules(result)).toContainEqual(['total-mismatch', `H${at.total! + 1}`]);
    expect(rules(result)).toContainEqual(['grade-mismatch', `G${at.grade! + 1}`]);
    expect(result.total.computed).toBe(93);
  });

  it('grade synonyms 优秀 / 良好 are accepted', () => {
    const { result } = check(seed2024Form({ grade: '优秀' }));
    expect(rules(result).map(([rule]) => rule)).not.toContain('grade-mismatch');
  });

  it('total-missing and grade-missing are fillable information', () => {
    const { result, at } = check(seed2024Form({ total: [100, null], grade: null }));
    expect(
      result.findings
        .filter((f) => f.rule === 'total-missing' || f.rule === 'grade-missing')
        .map((f) => [f.rule, f.severity, f.row]),
    ).toEqual([
      ['total-missing', 'info', at.total! + 1],
      ['grade-missing', 'info', at.grade! + 1],
    ]);
  });

  it('indicators-only convention: weights 100, budget row not added', () => {
    const spec = seed2024Form({ total: [100, 93], grade: '优' });
    spec.indicators = spec.indicators.map((r, i) =>
      i === 0 ? (['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '16.00(个)', 20, 20] as IndicatorSpec) : r,
    );
    const { result } = check(spec);
    expect(result.convention).toBe('indicators-only');
    expect(result.total.computed).toBe(93);
  });

  it('grades at the band edges', () => {
    const scoreFor = (total: number) => {
      const spec = seed2024Form({ total: [100, total], grade: null });
      spec.indicators = [
        ['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '16.00(个)', 90, total - 10, total < 100 ? '原因' : null],
      ];
      return check(spec).result.grade.computed;
    };
    expect([scoreFor(90), scoreFor(89.5), scoreFor(80), scoreFor(79.99), scoreFor(60), scoreFor(59)]).toEqual([
      '优',
      '良',
      '良',
      '中',
      '中',
      '差',
    ]);
  });
});

describe('budget rules', () => {
  it('budget-rate-mismatch beyond the rounding of the shown digits only', () => {
    let { result, at } = check(
      seed2024Form({ budget: { total: [100, 100, 95], weight: 10, rate: 96, rateHeader: '执行率(%)', score: 9.5 } }),
    );
    expect(rules(result)).toContainEqual(['budget-rate-mismatch', `H${at.budgetTotal! + 1}`]);
    ({ result } = check(
      seed2024Form({
        budget: { total: [3, 3, 2], weight: 10, rate: 66.67, rateHeader: '执行率(%)', score: 6.67 },
        total: [100, 89.67],
        grade: '良',
      }),
    ));
    expect(rules(result).map(([r]) => r)).not.toContain('budget-rate-mismatch');
    expect(result.total.computed).toBe(89.67);
  });

  it('budget-components-mismatch at the total line', () => {
    const { result, at } = check(
      seed2024Form({
        budget: {
          total: [170, 170, 170],
          weight: 10,
          rate: 100,
          rateHeader: '执行率(%)',
          score: 10,
          components: [
            ['其中：当年财政拨款', 150, 150, 150],
            ['上年结转资金', 10, 10, 10],
            ['其他资金', 0, 0, 0],
          ],
        },
      }),
    );
    expect(rules(result)).toContainEqual(['budget-components-mismatch', `D${at.budgetTotal! + 1}`]);
  });

  it('budget-score-mismatch: rate × weight nationally, full marks in Shanghai 2020', () => {
    const spec = seed2024Form({
      budget: { total: [100, 100, 80], weight: 10, rate: 80, rateHeader: '执行率(%)', score: 10 },
      total: [100, 93],
    });
    let { result, at } = check(spec);
    expect(rules(result)).toContainEqual(['budget-score-mismatch', `I${at.budgetTotal! + 1}`]);
    ({ result } = check(spec, BUILT_IN_PROFILES['shanghai-2020']));
    expect(rules(result).map(([r]) => r)).not.toContain('budget-score-mismatch');
  });

  it('budget-overspent', () => {
    const { result, at } = check(
      seed2024Form({ budget: { total: [100, 100, 110], weight: 10, rate: 110, rateHeader: '执行率(%)', score: 10 } }),
    );
    expect(rules(result)).toContainEqual(['budget-overspent', `F${at.budgetTotal! + 1}`]);
  });

  it('a Hubei form: budget weight 20, indicators 80', () => {
    const spec = seed2024Form({
      budget: { total: [100, 100, 100], weight: 20, rate: 100, rateHeader: '执行率(%)', score: 20 },
      total: [100, 93],
    });
    spec.indicators = spec.indicators.map((r, i) =>
      i === 0 ? (['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '16.00(个)', 0, 0] as IndicatorSpec) : r,
    );
    const { result } = check(spec, BUILT_IN_PROFILES.hubei);
    expect(rules(result).map(([r]) => r)).not.toContain('weights-total');
    expect(result.convention).toBe('budget-included');
  });
});

describe('the status a reviewer reads (issue #34)', () => {
  it('is 需核对, never 通过, for a form whose only finding is a warning about a score', () => {
    const { result } = check(withIndicator(0, (r) => ((r[4] = '12.00(个)'), r)));
    expect(result.findings.filter((f) => f.severity !== 'info').map((f) => [f.rule, f.severity])).toEqual([
      ['target-missed-full-score', 'warning'],
    ]);
    expect(reviewStatus(result.findings)).toBe('需核对');
  });

  it('is 通过 for a clean form or one with a warning that is not about a score, 需修改 with an error', () => {
    expect(reviewStatus(check(seed2024Form()).result.findings)).toBe('通过');
    expect(reviewStatus([{ rule: 'unit-mismatch', severity: 'warning' }])).toBe('通过');
    expect(reviewStatus([{ rule: 'reason-missing', severity: 'error' }])).toBe('需修改');
    expect(reviewStatus([], true)).toBe('未识别');
  });
});
