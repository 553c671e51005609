import type { IndicatorAssessment } from '../src/core/check/form-result';
import builtInTemplatesFile from '../src/core/edits/reason-templates.json';
import {
  builtInTemplates,
  fillTemplate,
  parseTemplateFile,
  parseTemplateText,
  suggest,
  TemplateError,
  type ReasonTemplate,
} from '../src/core/edits/templates';

function row(
  name: string,
  level1: string,
  level2: string,
  status: IndicatorAssessment['status'] = 'missed',
  extra: Partial<IndicatorAssessment> = {},
): IndicatorAssessment {
  return {
    row: 15,
    level1,
    level2,
    name,
    nameCell: 'D15',
    target: '≥20(场)',
    actual: '16(场)',
    weight: 10,
    score: 8,
    status,
    qualitativeLevel: null,
    expectedScore: 8,
    pointsLost: 2,
    reasonCell: 'I15',
    reason: '',
    ...extra,
  };
}

const best = (r: IndicatorAssessment) => suggest(r, builtInTemplates())[0]?.template.id;

describe('suggestions are ranked by fit', () => {
  it.each([
    ['项目完成及时性', '产出指标', '时效指标', 'progress'],
    ['受益群体满意度', '满意度指标', '服务对象满意度指标', 'satisfaction-records'],
    ['长效机制', '效益指标', '可持续影响指标', 'long-term-mechanism'],
    ['科普活动场次', '产出指标', '数量指标', 'quantity-missed'],
    ['项目质量达标率', '产出指标', '质量指标', 'quality-missed'],
    ['成本节约率', '成本指标', '经济成本指标', 'cost-overrun'],
    ['项目档案完整率', '产出指标', '质量指标', 'archives'],
    ['第三方运维考核', '效益指标', '社会效益指标', 'third-party-assessment'],
    ['预算执行率', '产出指标', '数量指标', 'low-execution'],
    ['媒体报告影响力提升情况', '效益指标', '社会效益指标', 'impact-general'],
  ])('%s (%s/%s) → %s first', (name, level1, level2, id) => {
    expect(best(row(name, level1, level2))).toBe(id);
  });

  it('shows the best three, topped up with general causes when fewer fit', () => {
    expect(suggest(row('项目完成及时性', '产出指标', '时效指标'), builtInTemplates())).toHaveLength(3);
    const few = suggest(row('受益群体满意度', '满意度指标', '服务对象满意度指标'), builtInTemplates());
    expect(few.map((s) => s.template.id)).toEqual(['satisfaction-records', 'target-setting', 'archives']);
  });

  it('a met 数量 target does not suggest 数量未完成', () => {
    const ids = suggest(row('科普活动场次', '产出指标', '数量指标', 'met'), builtInTemplates(), 10).map(
      (s) => s.template.id,
    );
    expect(ids).not.toContain('quantity-missed');
  });

  it('a user template that fits ranks above an equally fitting built-in one', () => {
    const own: ReasonTemplate = {
      id: 'mine',
      title: '本单位时效',
      appliesTo: { level2: ['时效指标'], keywords: ['及时'] },
      text: '本单位：{指标}扣{扣分}分。',
      custom: true,
    };
    expect(suggest(row('项目完成及时性', '产出指标', '时效指标'), [...builtInTemplates(), own])[0].template.id).toBe(
      'mine',
    );
  });
});

describe('placeholders', () => {
  it('are filled from the row', () => {
    const template: ReasonTemplate = {
      id: 't',
      title: 't',
      appliesTo: {},
      text: '{指标}：目标{指标值}，实际{实际值}，分值{分值}，得分{得分}，扣{扣分}分。',
    };
    expect(fillTemplate(template, row('科普活动场次', '产出指标', '数量指标'))).toBe(
      '科普活动场次：目标≥20(场)，实际16(场)，分值10，得分8，扣2分。',
    );
  });

  it('every built-in template reads as cause then measure, and fills completely', () => {
    for (const template of builtInTemplates()) {
      const text = fillTemplate(template, row('某指标', '产出指标', '数量指标'));
      expect(text).not.toMatch(/[{}]/);
      expect(text).toMatch(/后续/);
    }
    expect(builtInTemplates().length).toBeGreaterThanOrEqual(10);
  });
});

describe('template files', () => {
  const good = {
    version: 1,
    templates: [{ id: 'a', title: '甲', appliesTo: { keywords: ['及时'] }, text: '{指标}进度滞后，后续加强。' }],
  };

  it('the shipped library is a valid template file', async () => {
    const shipped = await parseTemplateFile(builtInTemplatesFile, '内置模板');
    expect(shipped.templates).toEqual(builtInTemplates());
  });

  it('accepts a valid file', async () => {
    expect((await parseTemplateText(JSON.stringify(good))).templates[0].id).toBe('a');
  });

  it.each([
    ['不是 JSON', '{oops', /不是有效的 JSON/],
    [
      'no text',
      JSON.stringify({ version: 1, templates: [{ id: 'a', title: '甲', appliesTo: {} }] }),
      /第 1 个 → 文本 text/,
    ],
    [
      'unknown placeholder',
      JSON.stringify({ version: 1, templates: [{ id: 'a', title: '甲', appliesTo: {}, text: '{项目}' }] }),
      /占位符只能是/,
    ],
    ['duplicate id', JSON.stringify({ version: 1, templates: [good.templates[0], good.templates[0]] }), /重复/],
    ['wrong version', JSON.stringify({ version: 2, templates: [] }), /版本 version/],
  ])('rejects %s with a Chinese message naming the problem', async (_, text, message) => {
    await expect(parseTemplateText(text)).rejects.toThrow(TemplateError);
    await expect(parseTemplateText(text)).rejects.toThrow(message);
  });
});
