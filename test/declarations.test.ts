import { promises as fs, readdirSync } from 'fs';
import * as path from 'path';
import { checkDeclaration } from '../src/core/check/check-declaration';
import type { CellValue } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { recogniseForms } from '../src/core/recognise/recognise-forms';
import { COMPLETE, declarationRows } from './helpers/declaration-builder';
import { checkWorkbook, projectKey, type CheckedForm } from '../src/core/check/workbook';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';

const DIR = path.join(__dirname, 'fixtures', 'declarations');
const national = BUILT_IN_PROFILES.national;

interface Expected {
  sheet: string;
  kind: string;
  project: string;
  top: string;
  bottom: string;
  fundsTotal: number;
  indicators: number;
  required: Array<[string, number]>;
}

describe.each(readdirSync(DIR).filter((n) => n.endsWith('.xlsx')))('申报表 fixture %s', (workbook) => {
  let results: CheckedForm[];
  let expected: Expected[];
  beforeAll(async () => {
    results = checkWorkbook(await (await openWorkbookFile(path.join(DIR, workbook))).readSheets('all'), national);
    expected = JSON.parse(await fs.readFile(path.join(DIR, workbook.replace('.xlsx', '.expected.json')), 'utf8')).forms;
  });

  it('recognises every 申报表 with its project, place, funds and indicators', () => {
    expect(results.map((r) => [r.kind, r.sheet, r.form.project, r.range])).toEqual(
      expected.map((e) => [e.kind, e.sheet, e.project, `${e.top}:${e.bottom}`]),
    );
    results.forEach((r, i) => {
      if (r.kind !== 'target-declaration') throw new Error('not a declaration');
      expect(r.funds.total).toBe(expected[i].fundsTotal);
      expect(r.funds.components).toBe(expected[i].fundsTotal);
      expect(r.indicators).toHaveLength(expected[i].indicators);
    });
  });

  it('reports exactly the errors a reviewer finds, each at its cell', () => {
    results.forEach((r, i) => {
      expect(r.findings.map((f) => [f.rule, f.row]).sort()).toEqual([...expected[i].required].sort());
    });
  });
});

describe('申报表 rules', () => {
  const check = (rows: CellValue[][]) => {
    const { forms } = recogniseForms(sheetGrid('申报', [{ rows, top: 1, left: 1 }]));
    const declarations = forms.filter((form) => form.kind === 'target-declaration');
    expect(declarations).toHaveLength(1);
    return checkDeclaration(declarations[0]);
  };

  it('a complete, consistent declaration has no finding', () => {
    const result = check(declarationRows('基层科普服务', COMPLETE));
    expect(result.findings).toEqual([]);
    expect(result.funds).toEqual({ unit: '万元', total: 100, components: 100 });
  });

  it('funds components that do not add up to the total', () => {
    const result = check(declarationRows('基层科普服务', COMPLETE, 100, [80, 10, 0]));
    expect(result.findings.map((f) => [f.rule, f.cell, f.severity])).toEqual([
      ['funds-components-mismatch', 'E4', 'error'],
    ]);
  });

  it('a rate above 100 %, and a target with an operator but no number', () => {
    const rows = declarationRows('基层科普服务', [
      ...COMPLETE.slice(0, 1),
      ['产出指标', '质量指标', '达标率', '≥120%'],
      ['产出指标', '时效指标', '及时率', '≥(%)'],
      ...COMPLETE.slice(3),
    ]);
    expect(check(rows).findings.map((f) => f.rule)).toEqual(['target-implausible', 'target-unparseable']);
  });

  it('every missing category is named', () => {
    const result = check(declarationRows('基层科普服务', COMPLETE.slice(0, 1)));
    expect(result.findings[0].message).toContain('产出·质量、产出·时效、效益、满意度');
  });
});

describe('自评表 ↔ 申报表 cross-check', () => {
  const evaluation = buildForm(seed2024Form()).rows;
  const promised: Array<[string, string, string, CellValue]> = [
    ['产出指标', '数量指标', '覆盖面', '≥18.00(个)'], // the 自评表 reports ≥16 instead
    ['产出指标', '质量指标', '达标率', '=100.00(%)'],
    ['产出指标', '时效指标', '及时率', '=100%'],
    ['产出指标', '数量指标', '培训场次', '≥4.00(场)'], // dropped from the 自评表
    ['效益指标', '社会效益指标', '基层科普服务能力提升情况', '有效提升'],
    ['效益指标', '可持续影响指标', '长效管理制度健全性', '健全'],
    ['满意度指标', '服务对象满意度指标', '受众群体满意度', '≥90.00(%)'],
  ];

  it('reports a changed target at the 自评表 and a dropped indicator at the 申报表, across sheets', () => {
    const results = checkWorkbook(
      [
        sheetGrid('2024自评', [{ rows: evaluation, top: 1, left: 1 }]),
        sheetGrid('2024申报', [{ rows: declarationRows('2024年度 基层科普服务项目', promised), top: 1, left: 1 }]),
      ],
      national,
    );
    expect(results.map((r) => r.kind)).toEqual(['self-evaluation', 'target-declaration']);
    const [selfEval, declaration] = results;
    expect(selfEval.findings.filter((f) => f.rule === 'target-changed').map((f) => [f.cell, f.message])).toEqual([
      ['E13', expect.stringContaining('「≥16.00(个)」与申报表')],
    ]);
    expect(declaration.findings.filter((f) => f.rule === 'target-dropped').map((f) => f.cell)).toEqual(['D12']);
  });

  it('matches projects across year prefixes, quotes and spaces', () => {
    expect(projectKey('2020 年科普资源平台建设项目')).toBe(projectKey('科普资源平台建设'));
    expect(projectKey('“上海科协”官方新媒体平台')).toBe(projectKey('上海科协官方新媒体平台'));
    expect(projectKey('科普资源配送')).not.toBe(projectKey('科普资源平台建设'));
  });
});
