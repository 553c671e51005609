import type { FormResult } from '../src/core/check/form-result';
import { BUILT_IN_PROFILES, type Profile } from '../src/core/rules/profiles';
import { parseProfile } from '../src/core/rules/profile-schema';
import { afterReasonFills, builtInTemplates, reasonEdits } from '../src/core/edits/templates';
import { checkSheets } from './helpers/check';
import { buildForm, seed2024Form, sheetGrid, type FormSpec, type IndicatorSpec } from './helpers/form-builder';

/** The regional profile options and reviewer checks of DOMAIN.md §8, each on a form that needs it and one that must stay clean. */
const { national, guangxi, sichuan } = BUILT_IN_PROFILES;
const strict = BUILT_IN_PROFILES['strict-review'];
const vendor = BUILT_IN_PROFILES['vendor-80'];

function check(
  spec: FormSpec,
  profile: Profile,
  extra: (rows: ReturnType<typeof buildForm>) => void = () => undefined,
): { result: FormResult; rowOf: (i: number) => number } {
  const built = buildForm(spec);
  extra(built);
  const [result] = checkSheets([sheetGrid('表1', [{ rows: built.rows, top: 1, left: 1 }])], profile);
  return { result, rowOf: (i) => built.at.firstIndicator + i + 1 };
}

const rules = (result: FormResult, rule: string) => result.findings.filter((f) => f.rule === rule).map((f) => f.cell);

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

describe('profile options', () => {
  it('the new profiles leave a clean form clean, and national sees none of their rules', () => {
    for (const profile of [national, guangxi, sichuan]) {
      const { result } = check(seed2024Form(), profile);
      expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    }
  });

  it('Guangxi: an actual at 130 % or more of its target needs a reason', () => {
    const over = withIndicator(0, (r) => ((r[4] = '22.00(个)'), r));
    let { result, rowOf } = check(over, guangxi);
    expect(rules(result, 'overachievement-reason-missing')).toEqual([`I${rowOf(0)}`]);
    expect(result.findings.find((f) => f.rule === 'overachievement-reason-missing')?.message).toContain('137.5%');
    ({ result } = check(
      withIndicator(0, (r) => ((r[4] = '22.00(个)'), (r[7] = '服务需求超出预期，实际完成情况超计划较大。'), r)),
      guangxi,
    ));
    expect(rules(result, 'overachievement-reason-missing')).toEqual([]);
    ({ result } = check(
      withIndicator(0, (r) => ((r[4] = '20.00(个)'), r)),
      guangxi,
    ));
    expect(rules(result, 'overachievement-reason-missing')).toEqual([]);
    ({ result } = check(over, national));
    expect(rules(result, 'overachievement-reason-missing')).toEqual([]);
  });

  it('Guangxi: one-click reasons answer an over-achievement with the over-achievement template', () => {
    const { result, rowOf } = check(
      withIndicator(0, (r) => ((r[4] = '22.00(个)'), r)),
      guangxi,
    );
    const fills = reasonEdits([result], builtInTemplates());
    expect(fills.find((f) => f.cell === `I${rowOf(0)}`)?.template.id).toBe('overachievement');
    expect(afterReasonFills([result], fills)[0].findings.map((f) => f.rule)).not.toContain(
      'overachievement-reason-missing',
    );
  });

  it('Sichuan: 执行率 below 90 % needs a reason on the budget row', () => {
    const low = seed2024Form({
      budget: { total: [100, 100, 85], weight: 10, rate: 85, rateHeader: '执行率(%)', score: 8.5, components: [] },
      total: [100, 91.5],
    });
    let { result } = check(low, sichuan);
    expect(rules(result, 'budget-rate-reason-missing')).toHaveLength(1);
    ({ result } = check(
      low,
      sichuan,
      (built) => (built.rows[built.at.budgetTotal as number][9] = '部分资金年底下达，未能及时支付。'),
    ));
    expect(rules(result, 'budget-rate-reason-missing')).toEqual([]);
    ({ result } = check(low, national));
    expect(rules(result, 'budget-rate-reason-missing')).toEqual([]);
  });

  it('strict review: 总分 above the cap of its 执行率 band', () => {
    const capped = seed2024Form({
      budget: { total: [100, 100, 75], weight: 10, rate: 75, rateHeader: '执行率(%)', score: 7.5, components: [] },
      total: [100, 90.5],
    });
    const { result } = check(capped, strict, (built) => (built.rows[built.at.budgetTotal as number][9] = '项目延期。'));
    expect(result.findings.find((f) => f.rule === 'score-capped-by-execution')?.message).toContain('最高 89 分');
    const fine = check(seed2024Form(), strict).result;
    expect(rules(fine, 'score-capped-by-execution')).toEqual([]);
  });

  it('strict review: the reviewers’ content checks', () => {
    const spec = seed2024Form();
    spec.indicators = [
      ['产出指标', '数量指标', '活动场次', '≥16.00(场)', '完成', 10, 10],
      ['产出指标', '数量指标', '资金支付', '≥170.00(万元)', '170.00(万元)', 10, 10],
      ['产出指标', '质量指标', '达标率', '≥95.00(%)', '达标', 10, 10],
      ['效益指标', '社会效益指标', '活动场次', '≥16.00(场)', '16.00(场)', 20, 20],
      ['效益指标', '可持续影响指标', '长效管理制度健全性', '健全', '健全', 20, 20],
      ['满意度指标', '服务对象满意度指标', '受众群体满意度', '≥90.00(%)', '满意', 20, 20],
    ];
    spec.total = [100, 100];
    const { result, rowOf } = check(spec, strict);
    expect(rules(result, 'quantity-answered-qualitatively')).toEqual([`F${rowOf(0)}`]);
    expect(rules(result, 'spending-as-output')).toEqual([`D${rowOf(1)}`]);
    expect(rules(result, 'quantitative-answered-with-text')).toEqual([`F${rowOf(2)}`, `F${rowOf(5)}`]);
    expect(rules(result, 'duplicate-across-levels')).toEqual([`D${rowOf(3)}`]);
    expect(rules(result, 'satisfaction-without-figure')).toEqual([`F${rowOf(5)}`]);
    expect(rules(result, 'cost-indicator-unset')).toEqual([`D${rowOf(0)}`]);
    const clean = check(seed2024Form(), national).result;
    for (const rule of [
      'quantity-answered-qualitatively',
      'spending-as-output',
      'duplicate-across-levels',
      'satisfaction-without-figure',
      'cost-indicator-unset',
    ])
      expect(rules(clean, rule)).toEqual([]);
  });

  it('strict review: every target met yet points deducted', () => {
    const spec = withIndicator(0, (r) => ((r[6] = 8), (r[7] = '工作量统计口径调整。'), r), { total: [100, 91] });
    spec.indicators = spec.indicators.map((r) =>
      r[4] === '部分达成指标并具有一定效果'
        ? (['效益指标', '可持续影响指标', '长效管理制度健全性', '健全', '健全', 20, 20] as IndicatorSpec)
        : r,
    );
    spec.indicators[5] = ['满意度指标', '服务对象满意度指标', '受众群体满意度', '≥90.00(%)', '95.00(%)', 20, 20];
    const { result } = check({ ...spec, total: [100, 98] }, strict);
    expect(result.findings.find((f) => f.rule === 'deducted-though-all-met')?.message).toContain('扣了 2 分');
  });

  it('80/70/60 grades, the relative-excess ≤ formula and a strict =0 in one vendor profile', () => {
    let { result } = check(seed2024Form({ total: [100, 93] }), vendor);
    expect(result.grade.computed).toBe('优');
    ({ result } = check(
      withIndicator(
        2,
        (r) => (
          (r[2] = '安全事故发生数'),
          (r[3] = '=0(次)'),
          (r[4] = '1(次)'),
          (r[6] = 0),
          (r[7] = '发生一起轻微事故，后续加强安全管理。'),
          r
        ),
        { total: [100, 83] },
      ),
      vendor,
    ));
    expect(result.indicators[2]).toMatchObject({ status: 'missed', expectedScore: 0 });
    // The national profile reads `=0` strictly too: the systems' national edition does (#33).
    ({ result } = check(
      withIndicator(2, (r) => ((r[2] = '安全事故发生数'), (r[3] = '=0(次)'), (r[4] = '1(次)'), r)),
      national,
    ));
    expect(result.indicators[2].status).toBe('missed');
  });

  it('a user’s profile file can switch any option, checked field by field', () => {
    const mine = parseProfile({ ...national, id: 'mine', name: '我的', budgetRateReasonBelow: 95, reviewChecks: true });
    expect(mine.budgetRateReasonBelow).toBe(95);
    expect(() => parseProfile({ ...national, id: 'x', name: 'x', executionCaps: [{ below: '80', max: 89 }] })).toThrow(
      /按执行率封顶总分 executionCaps/,
    );
    // A band written high end first is refused, naming the band (#37).
    const bands = { ...national.qualitativeBands, partial: [100, 0] };
    expect(() => parseProfile({ ...national, id: 'x', name: 'x', qualitativeBands: bands })).toThrow(
      /定性指标分档 qualitativeBands（partial）」须先写下限/,
    );
  });
});
