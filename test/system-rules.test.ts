import type { FormResult } from '../src/core/check/form-result';
import type { CellValue } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES, type Profile } from '../src/core/rules/profiles';
import { checkSheets } from './helpers/check';
import { buildForm, seed2024Form, sheetGrid, type FormSpec, type IndicatorSpec } from './helpers/form-builder';

/**
 * What the provinces' 一体化 systems check on save (issue #25): each rule and option with a case that raises it
 * and a clean one, on forms laid out as the seeds (A–I; 一级 in B, 二级 in C, 年度指标值 in E, 分值 G, 得分 H).
 */
const national = BUILT_IN_PROFILES.national;
const tianjin = BUILT_IN_PROFILES.tianjin;

function checkRows(rows: CellValue[][], profile: Profile = national): FormResult {
  const results = checkSheets([sheetGrid('表1', [{ rows, top: 1, left: 1 }])], profile);
  expect(results).toHaveLength(1);
  return results[0];
}

function check(spec: FormSpec, profile: Profile = national) {
  const built = buildForm(spec);
  return { result: checkRows(built.rows, profile), rowOf: (i: number) => built.at.firstIndicator + i + 1 };
}

/** The seed form with indicator `index` replaced (its weight 10, scored 10 unless said). */
function withIndicator(index: number, row: IndicatorSpec, overrides: Partial<FormSpec> = {}): FormSpec {
  const base = seed2024Form(overrides);
  return { ...base, indicators: base.indicators.map((r, i) => (i === index ? row : r)) };
}

const found = (result: FormResult, rule: string) => result.findings.filter((f) => f.rule === rule).map((f) => f.cell);

describe('level-weights-mismatch: the 三级 weights under a level that states its own add up to it', () => {
  const labelled = (level1: string, level2 = '数量指标') => {
    const base = seed2024Form();
    return {
      ...base,
      indicators: base.indicators.map((r, i): IndicatorSpec =>
        i < 3 ? ([level1, i === 0 ? level2 : r[1], ...r.slice(2)] as IndicatorSpec) : r,
      ),
    };
  };

  it('raises at the 一级 label whose stated weight its 三级 do not reach', () => {
    const { result, rowOf } = check(labelled('产出指标（35分）'));
    expect(found(result, 'level-weights-mismatch')).toEqual([`B${rowOf(0)}`]);
    expect(result.findings.find((f) => f.rule === 'level-weights-mismatch')!.message).toBe(
      '「产出指标」标明 35 分，其下 3 个三级指标分值合计 30 分',
    );
  });

  it('is clean when they add up, at both levels', () => {
    const { result } = check(labelled('产出指标（30分）', '数量指标（10分）'));
    expect(found(result, 'level-weights-mismatch')).toEqual([]);
  });

  it('raises at a 二级 label too, and reads a category line’s 分值 as the level’s weight', () => {
    const { result, rowOf } = check(labelled('产出指标', '数量指标(8)'));
    expect(found(result, 'level-weights-mismatch')).toEqual([`C${rowOf(0)}`]);
    const built = buildForm(seed2024Form());
    // A category line above the indicators: `产出指标 | | | | | 35`.
    const rows = [...built.rows];
    rows.splice(built.at.firstIndicator, 0, [null, '产出指标', null, null, null, null, 35, null, null]);
    const result2 = checkRows(rows);
    expect(found(result2, 'level-weights-mismatch')).toEqual([`G${built.at.firstIndicator + 1}`]);
    rows[built.at.firstIndicator][6] = 30;
    expect(found(checkRows(rows), 'level-weights-mismatch')).toEqual([]);
  });
});

describe('成本指标: a ceiling in money or a rate, within the project’s funds', () => {
  const cost = (target: string, actual: string, name = '单位成本'): IndicatorSpec => [
    '产出指标',
    '成本指标',
    name,
    target,
    actual,
    10,
    10,
  ];

  it('cost-target-direction for a floor (≥) or an exact figure; clean for ≤, and for a saving written ≥', () => {
    const raised = check(withIndicator(0, cost('≥5万元', '6万元')));
    expect(found(raised.result, 'cost-target-direction')).toEqual([`E${raised.rowOf(0)}`]);
    expect(found(check(withIndicator(0, cost('=5万元', '5万元'))).result, 'cost-target-direction')).toHaveLength(1);
    for (const clean of [cost('≤5万元', '4万元'), cost('≥5%', '6%', '成本节约率'), cost('<5%', '4%', '成本超支率')])
      expect(found(check(withIndicator(0, clean)).result, 'cost-target-direction')).toEqual([]);
  });

  it('cost-target-unit for a bare number or words; clean with 元, 万元/人, %', () => {
    for (const target of ['≤5', '控制在预算内']) {
      const { result, rowOf } = check(withIndicator(0, cost(target, '4')));
      expect(found(result, 'cost-target-unit')).toEqual([`E${rowOf(0)}`]);
    }
    for (const target of ['≤500元', '≤0.5万元/人', '≤3%'])
      expect(found(check(withIndicator(0, cost(target, '0'))).result, 'cost-target-unit')).toEqual([]);
  });

  it('cost-exceeds-budget above the project’s funds (170 万元), in any money unit', () => {
    for (const target of ['≤200万元', '≤1800000元']) {
      const { result, rowOf } = check(withIndicator(0, cost(target, '100万元')));
      expect(found(result, 'cost-exceeds-budget')).toEqual([`E${rowOf(0)}`]);
    }
    for (const target of ['≤150万元', '≤1500000元', '≤200元/人'])
      expect(found(check(withIndicator(0, cost(target, '100万元'))).result, 'cost-exceeds-budget')).toEqual([]);
  });
});

describe('negative-actual-scored: a negative actual value scores 0', () => {
  it('is an error when it still scores, with no formula finding besides', () => {
    const { result, rowOf } = check(
      withIndicator(0, ['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '-2(个)', 10, 10]),
    );
    expect(found(result, 'negative-actual-scored')).toEqual([`H${rowOf(0)}`]);
    expect(found(result, 'quantitative-score-mismatch')).toEqual([]);
  });

  it('is clean scored 0 with its reason, and the 复核 score is 0', () => {
    const row: IndicatorSpec = [
      '产出指标',
      '数量指标',
      '覆盖面',
      '≥16.00(个)',
      '-2(个)',
      10,
      0,
      '设备损坏，服务中断。',
    ];
    const { result } = check(withIndicator(0, row, { total: [100, 83] }));
    expect(found(result, 'negative-actual-scored')).toEqual([]);
    expect(result.indicators[0]).toMatchObject({ status: 'missed', expectedScore: 0 });
    expect(result.total.computed).toBe(83);
  });
});

describe('Tianjin: ≤ exceeded and = missed are flagged for review (target-comparison-review)', () => {
  it('flags = not hit exactly (over as well as under) and ≤ exceeded, in Tianjin only', () => {
    for (const actual of ['98.00(%)', '101.00(%)']) {
      const spec = withIndicator(1, ['产出指标', '质量指标', '达标率', '=100.00(%)', actual, 10, 10]);
      const { result, rowOf } = check(spec, tianjin);
      expect(found(result, 'target-comparison-review')).toEqual([`F${rowOf(1)}`]);
      expect(found(check(spec).result, 'target-comparison-review')).toEqual([]);
    }
    const ceiling = withIndicator(1, ['产出指标', '质量指标', '投诉率', '≤2%', '3%', 10, 7, '个别投诉。']);
    expect(found(check(ceiling, tianjin).result, 'target-comparison-review')).toHaveLength(1);
  });

  it('is clean where the actual keeps to the target', () => {
    expect(found(check(seed2024Form(), tianjin).result, 'target-comparison-review')).toEqual([]);
  });
});

describe('overachievement-review: an actual at 120 % of its target or more is flagged (Tianjin)', () => {
  it('raises at 125 % and not at 112.5 %, nationally too (the 通版 default scorepercentage 1.2, #33), not in Hubei', () => {
    const over = withIndicator(0, ['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '20.00(个)', 10, 10]);
    const { result, rowOf } = check(over, tianjin);
    expect(found(result, 'overachievement-review')).toEqual([`H${rowOf(0)}`]);
    expect(found(check(over).result, 'overachievement-review')).toEqual([`H${rowOf(0)}`]);
    expect(found(check(over, BUILT_IN_PROFILES.hubei).result, 'overachievement-review')).toEqual([]);
    const near = withIndicator(0, ['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '18.00(个)', 10, 10]);
    expect(found(check(near, tianjin).result, 'overachievement-review')).toEqual([]);
  });
});

describe('duplicatesAcrossForm: one 三级 name twice anywhere in a form', () => {
  const twice = withIndicator(2, ['产出指标', '时效指标', '覆盖面', '=100.00(%)', '100.00(%)', 10, 10]);
  it('is a duplicate in Tianjin, Chongqing and Shanxi, not nationally nor in Hubei (different 二级)', () => {
    for (const id of ['tianjin', 'chongqing', 'shanxi'])
      expect(found(check(twice, BUILT_IN_PROFILES[id]).result, 'duplicate-indicator')).toHaveLength(1);
    for (const id of ['national', 'hubei'])
      expect(found(check(twice, BUILT_IN_PROFILES[id]).result, 'duplicate-indicator')).toEqual([]);
  });
  it('is clean with distinct names', () => {
    expect(found(check(seed2024Form(), BUILT_IN_PROFILES.chongqing).result, 'duplicate-indicator')).toEqual([]);
  });
});

describe('numericActuals: a quantitative target answered in words (the three systems)', () => {
  const words = withIndicator(0, [
    '产出指标',
    '数量指标',
    '覆盖面',
    '≥16.00(个)',
    '基本完成',
    10,
    8,
    '部分站点未覆盖。',
  ]);
  it('raises in Tianjin, Chongqing, Shanxi and nationally (定量指标的指标值为数值！ is the 通版 default, #33), not in Hubei', () => {
    for (const id of ['tianjin', 'chongqing', 'shanxi', 'national']) {
      const { result, rowOf } = check(words, BUILT_IN_PROFILES[id]);
      expect(found(result, 'quantitative-answered-with-text')).toEqual([`F${rowOf(0)}`]);
    }
    expect(found(check(words, BUILT_IN_PROFILES.hubei).result, 'quantitative-answered-with-text')).toEqual([]);
  });
  it('is clean with a number', () => {
    expect(found(check(seed2024Form(), tianjin).result, 'quantitative-answered-with-text')).toEqual([]);
  });
});

describe('Shanxi: a form without 成本指标 is told its cap (cost-indicator-unset)', () => {
  it('raises without a cost indicator and not with one', () => {
    const shanxi = BUILT_IN_PROFILES.shanxi;
    expect(found(check(seed2024Form(), shanxi).result, 'cost-indicator-unset')).toHaveLength(1);
    const withCost = withIndicator(0, ['产出指标', '成本指标', '单位成本', '≤5万元', '4万元', 10, 10]);
    expect(found(check(withCost, shanxi).result, 'cost-indicator-unset')).toEqual([]);
  });
});

describe('the three 一体化 profiles on every fixture', () => {
  const fs = require('fs') as typeof import('fs');
  const path = require('path') as typeof import('path');
  const root = path.join(__dirname, 'fixtures');
  const files = ['shared', 'shapes', 'unseen', 'writers', 'systems']
    .flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name)))
    .filter((file) => file.endsWith('.xlsx'));
  // What each profile adds to the national rules: nothing else may differ.
  const ADDED: Record<string, string[]> = {
    tianjin: [
      'target-comparison-review',
      'overachievement-review',
      'duplicate-indicator',
      'quantitative-answered-with-text',
    ],
    chongqing: ['duplicate-indicator', 'quantitative-answered-with-text'],
    shanxi: ['cost-indicator-unset', 'duplicate-indicator', 'quantitative-answered-with-text'],
  };

  it.each(Object.keys(ADDED))('%s reads every form as nationally, differing only by its own rules', async (id) => {
    const { openWorkbookFile } = await import('../src/hosts/file/open-file');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const sheets = await (await openWorkbookFile(file)).readSheets('all');
      const [base, regional] = [national, BUILT_IN_PROFILES[id]].map((profile) => checkSheets(sheets, profile));
      expect(regional.map((r) => [r.sheet, r.range, r.kind])).toEqual(base.map((r) => [r.sheet, r.range, r.kind]));
      const keyed = (results: typeof base) =>
        results.flatMap((r) =>
          r.findings.filter((f) => !ADDED[id].includes(f.rule)).map((f) => `${r.sheet}!${f.cell}:${f.rule}`),
        );
      expect(keyed(regional)).toEqual(keyed(base));
    }
  });
});
