import {
  fractionAsPercent,
  parseIndicatorValue,
  qualitativeLevel,
  sameUnit,
  isCountUnit,
} from '../src/core/read/indicator-value';
import { readNumber, normaliseLabel } from '../src/core/sheet/text';

describe('parseIndicatorValue', () => {
  it('gives each caller a value of its own: a text read before answers the same, whatever was done with it', () => {
    const first = parseIndicatorValue('≥95%') as { value: number; unit: string | null };
    first.value = 1;
    first.unit = '个';
    expect(parseIndicatorValue('≥95%')).toEqual({
      kind: 'quantitative',
      operator: '>=',
      value: 95,
      unit: '%',
      text: '≥95%',
    });
    expect(parseIndicatorValue('≥95%')).not.toBe(parseIndicatorValue('≥95%'));
  });

  it.each([
    ['≥16.00(个)', '>=', 16, '个'],
    ['>=95%', '>=', 95, '%'],
    ['≧ 80 %', '>=', 80, '%'],
    ['>70%', '>', 70, '%'],
    ['≤90万元', '<=', 90, '万元'],
    ['<=5(天)', '<=', 5, '天'],
    ['≦3次', '<=', 3, '次'],
    ['<1', '<', 1, null],
    ['=1.00(次)', '=', 1, '次'],
    ['＝100.00（%）', '=', 100, '%'],
    ['≥95.00(百分比)', '>=', 95, '百分比'],
    ['≥50个', '>=', 50, '个'],
    ['100%', null, 100, '%'],
    ['16.00(个)', null, 16, '个'],
    ['1,200人次', null, 1200, '人次'],
    ['不少于5场', '>=', 5, '场'],
    ['达到95%', '>=', 95, '%'],
    ['控制在5%', '<=', 5, '%'],
    ['16个以上', '>=', 16, '个'],
    ['16个及以上', '>=', 16, '个'],
    ['16.00(个)以上', '>=', 16, '个'],
    ['95%（含）以上', '>=', 95, '%'],
    ['5万元以内', '<=', 5, '万元'],
    ['控制在5万元以内', '<=', 5, '万元'],
    ['3天以下', '<=', 3, '天'],
    ['１６个', null, 16, '个'],
    ['5个工作日内', '<=', 5, '个工作日'],
    ['已完成520人次', null, 520, '人次'],
    ['实际完成98%', null, 98, '%'],
    ['约520人次', null, 520, '人次'],
    ['520余人次', null, 520, '人次'],
    ['520人次左右', null, 520, '人次'],
    ['520人次（超额完成）', null, 520, '人次'],
  ])('%s', (text, operator, value, unit) => {
    expect(parseIndicatorValue(text)).toEqual({
      kind: 'quantitative',
      operator,
      value,
      unit,
      text: text
        .replace(/\s+/g, '')
        .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)),
    });
  });

  it('reads a fraction with a percent format as percent points', () => {
    expect(parseIndicatorValue(1, '0.00%')).toMatchObject({ kind: 'quantitative', value: 100, unit: '%' });
    expect(parseIndicatorValue(0.955, '0.0%')).toMatchObject({ value: 95.5, unit: '%' });
    expect(parseIndicatorValue(16, 'General')).toMatchObject({ value: 16, unit: null });
  });

  it.each(['及时', '健全', '有效提升', '达成指标', '部分达成指标并具有一定效果', '零发生', '16个区全覆盖，效果良好'])(
    'keeps %s qualitative',
    (text) => {
      expect(parseIndicatorValue(text).kind).toBe('qualitative');
    },
  );

  it('treats blanks and dashes as empty', () => {
    expect(parseIndicatorValue(null)).toEqual({ kind: 'empty' });
    expect(parseIndicatorValue('  ')).toEqual({ kind: 'empty' });
    expect(parseIndicatorValue('—')).toEqual({ kind: 'empty' });
  });
});

describe('qualitativeLevel', () => {
  it.each([
    ['达成年度指标', null, 'achieved'],
    ['达成指标', '健全', 'achieved'],
    ['达成预期指标', null, 'achieved'],
    ['满意', '满意', 'achieved'],
    ['部分达成年度指标并具有一定效果', null, 'partial'],
    ['部分达成指标并具有一定效果', '健全', 'partial'],
    ['较为健全', '健全', 'partial'],
    ['比较及时', '及时', 'partial'],
    ['基本达标', '达标', 'partial'],
    ['未达成年度指标且效果较差', null, 'poor'],
    ['不及时', '及时', 'poor'],
    ['见附件', null, null],
    ['不断完善', '完善', 'achieved'],
    ['持续改善', '有效改善', 'achieved'],
    ['符合', '符合要求', 'achieved'],
    ['不能按期完成', '按期完成', 'poor'],
    ['尚未完成', '完成', 'poor'],
    // A weaker degree than the target asks (issue #32); the same degree, or a target that asks none, is met.
    ['逐步改善', '明显改善', 'partial'],
    ['有所提升', '显著提升', 'partial'],
    ['初步建立', '全面建立', 'partial'],
    ['明显改善', '明显改善', 'achieved'],
    ['明显改善', '逐步改善', 'achieved'],
    ['逐步改善', '改善', 'achieved'],
    ['有所提升', '提升', 'achieved'],
  ])('%s → %s', (actual, target, level) => {
    expect(qualitativeLevel(actual, target)).toBe(level);
  });
});

describe('units and numbers', () => {
  it('treats % and 百分比 as one unit, 人 and 人次 as two', () => {
    expect(sameUnit('%', '百分比')).toBe(true);
    expect(sameUnit('人', '人次')).toBe(false);
    expect(sameUnit(null, '个')).toBe(true);
    expect(isCountUnit('场')).toBe(true);
    expect(isCountUnit('%')).toBe(false);
  });

  it('reads numbers stored as text and rejects words', () => {
    expect(readNumber('15')).toBe(15);
    expect(readNumber(' 100.00 ')).toBe(100);
    expect(readNumber('１０')).toBe(10);
    expect(readNumber('1,234.5')).toBe(1234.5);
    expect(readNumber('10分')).toBe(10);
    expect(readNumber('—')).toBeNull();
    expect(readNumber('')).toBeNull();
    expect(readNumber('十五')).toBeUndefined();
  });

  it('normalises header labels', () => {
    expect(normaliseLabel('年度\n指标值')).toBe('年度指标值');
    expect(normaliseLabel('三级 指标')).toBe('三级指标');
    expect(normaliseLabel('年度资金总额：')).toBe('年度资金总额');
    expect(normaliseLabel('执行率（%）')).toBe('执行率(%)');
  });
});

describe('fractionAsPercent', () => {
  const value = (text: string | number) => parseIndicatorValue(text);
  it.each<[string | number, string | number, number | null]>([
    [0.96, '≥95%', 96],
    ['0.96', '≥95.00(%)', 96],
    [1, '=100%', 100],
    ['≥0.95', '96%', 95],
    [0.03, '≤5%', 3],
    // No fraction: a number above 1, a unit of its own, a target that is itself a fraction, no percent beside it.
    [1.5, '≥95%', null],
    ['0.96万元', '≥95%', null],
    [0.96, '≥0.5%', null],
    [0.96, '≥95个', null],
    [0, '≥95%', null],
  ])('%s beside %s', (written, other, points) => {
    const read = fractionAsPercent(value(written), value(other));
    expect(read && read.kind === 'quantitative' ? [read.value, read.unit] : null).toEqual(
      points === null ? null : [points, '%'],
    );
  });
});
