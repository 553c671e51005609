import { checkSheets } from './helpers/check';
import { checkWorkbook } from '../src/core/check/workbook';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { FileHost } from '../src/hosts/file/file-host';
import { buildForm, seed2024Form, sheetGrid, workbookBytes } from './helpers/form-builder';

const national = BUILT_IN_PROFILES.national;

/** Findings relative to the form's own first row and column, so layouts can be compared. */
function relative(sheet: ReturnType<typeof sheetGrid>) {
  return checkSheets([sheet], national).map((r) => ({
    project: r.form.project,
    total: r.total.computed,
    grade: r.grade.computed,
    findings: r.findings.map((f) => [f.rule, f.row - r.form.range.top, f.col - r.form.range.left]),
  }));
}

describe('layouts not in the fixtures', () => {
  const form = buildForm(seed2024Form({ total: [100, 95] }));
  const reference = relative(sheetGrid('S', [{ rows: form.rows, top: 1, left: 1 }]));

  it('the reference form has its mismatch', () => {
    expect(reference[0].findings).toContainEqual(['total-mismatch', form.at.total, 7]);
  });

  it('a form starting at D7 gives the same findings relative to itself', () => {
    expect(relative(sheetGrid('S', [{ rows: form.rows, top: 7, left: 4 }]))).toEqual(reference);
  });

  it('three forms stacked in one sheet, with gaps and other text between', () => {
    const second = buildForm(seed2024Form({ project: '第二个项目', total: [100, 93] }));
    const sheet = sheetGrid('S', [
      { rows: [['附件2：2024年度项目支出绩效自评表汇总']], top: 1, left: 1 },
      { rows: form.rows, top: 3, left: 2 },
      { rows: second.rows, top: 3 + form.rows.length + 2, left: 2 },
      { rows: form.rows, top: 3 + form.rows.length * 2 + 5, left: 1 },
    ]);
    const results = relative(sheet);
    expect(results.map((r) => r.project)).toEqual(['基层科普服务', '第二个项目', '基层科普服务']);
    expect(results[0]).toEqual(reference[0]);
    expect(results[2]).toEqual(reference[0]);
    expect(results[1].findings.filter((f) => f[0] === 'total-mismatch')).toEqual([]);
  });

  it('headers with line breaks, spaces and synonyms', () => {
    const headers = [
      '绩效指标',
      '一级\n指标',
      '二级 指标',
      '三级 指标',
      '年初\n目标值',
      '全年\n实际值',
      '权重',
      '得 分',
      '未完成原因分析',
    ];
    const rows = buildForm(seed2024Form({ headers, total: [100, 95] })).rows;
    expect(relative(sheetGrid('S', [{ rows, top: 1, left: 1 }]))).toEqual(reference);
  });

  it('labels repeated on every row (export style) and numbers stored as text', () => {
    const spec = seed2024Form({ repeatLabels: true, total: ['100', '95'] });
    spec.indicators = spec.indicators.map(
      (row) => row.map((v, i) => (i >= 5 && typeof v === 'number' ? v.toFixed(2) : v)) as typeof row,
    );
    const rows = buildForm(spec).rows;
    const results = relative(sheetGrid('S', [{ rows, top: 1, left: 1 }]));
    expect(results).toEqual(reference);
  });

  it('a budget section in 元 with the rate as text', () => {
    const spec = seed2024Form({
      moneyLabel: '项目资金（元）',
      budget: { total: [1700000, 1700000, 1615000], weight: 10, rate: '95.00%', score: 9.5 },
      total: [100, 92.5],
    });
    const results = checkSheets([sheetGrid('S', [{ rows: buildForm(spec).rows, top: 1, left: 1 }])], national);
    expect(results[0].form.budget?.unit).toBe('元');
    expect(results[0].executionRate).toBe(95);
    expect(results[0].total.computed).toBe(92.5);
    expect(results[0].findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a form without budget section, title or grade row still scores its indicators', () => {
    const built = buildForm(seed2024Form({ budget: null, total: [90, 83] }));
    const rows = built.rows.slice(2);
    const results = checkSheets([sheetGrid('S', [{ rows, top: 1, left: 1 }])], national);
    expect(results).toHaveLength(1);
    expect(results[0].convention).toBe('indicators-only');
    expect(results[0].total.computed).toBe(83);
  });

  it('a sheet without any form yields no form, and says it was not read when it speaks of 得分', () => {
    const notes = sheetGrid('说明', [
      { rows: [['填表说明'], ['1. 分值合计 100 分'], ['得分', '分值']], top: 1, left: 1 },
    ]);
    expect(checkSheets([notes], national)).toEqual([]);
    const [alone] = checkWorkbook([notes], national);
    expect(alone).toMatchObject({ kind: 'unrecognised', sheet: '说明' });
    expect(alone.findings.map((f) => `${f.rule}@${f.cell}`)).toEqual(['form-unrecognised@A3']);
    expect(alone.findings[0].message).toContain('缺少三级指标或年度指标值、实际完成值列');
    // Beside a real form, a notes sheet is what it looks like: notes.
    const form = sheetGrid('表', [{ rows: buildForm(seed2024Form()).rows, top: 1, left: 1 }]);
    expect(checkWorkbook([notes, form], national).map((r) => r.kind)).toEqual(['self-evaluation']);
    const plain = sheetGrid('名单', [
      {
        rows: [
          ['姓名', '电话'],
          ['张三', '123'],
        ],
        top: 1,
        left: 1,
      },
    ]);
    expect(checkWorkbook([plain], national)).toEqual([]);
  });

  it('merged 一级/二级 labels and a =SUM total read back from a real .xlsx', async () => {
    const built = buildForm(seed2024Form({ total: [100, 93] }));
    const first = built.at.firstIndicator + 1;
    const totalRow = built.at.total! + 1;
    const sumFormula = `=SUM(I6,H${first}:H${totalRow - 1})`;
    const grid = sheetGrid(
      '合并',
      [{ rows: built.rows, top: 1, left: 1, formulas: new Map([[`${built.at.total},7`, sumFormula]]) }],
      [
        { top: first, left: 2, bottom: first + 2, right: 2 },
        { top: first + 3, left: 2, bottom: first + 4, right: 2 },
        { top: 1, left: 1, bottom: 1, right: 9 },
        { top: totalRow, left: 1, bottom: totalRow, right: 6 },
      ],
    );
    const host = await FileHost.load(await workbookBytes([grid]), 'merged.xlsx');
    const [result] = checkSheets(await host.readSheets('all'), national);
    expect(result.range).toBe(`A1:I${built.at.grade! + 1}`);
    expect(result.total).toMatchObject({ declared: 93, computed: 93 });
    expect(result.indicators.map((i) => i.level1)).toEqual([
      '产出指标',
      '产出指标',
      '产出指标',
      '效益指标',
      '效益指标',
      '满意度指标',
    ]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('more layouts seen in units’ forms', () => {
  it('category lines with a weight but no indicator are not counted as indicators', () => {
    const built = buildForm(seed2024Form());
    const rows = built.rows.map((row) => [...row]);
    rows.splice(built.at.firstIndicator, 0, [null, '产出指标', null, null, null, null, 30, 30]);
    const [result] = checkSheets([sheetGrid('S', [{ rows, top: 1, left: 1 }])], national);
    expect(result.indicators).toHaveLength(6);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.total.computed).toBe(93);
  });

  it('评分等级 written on the 总分 row itself', () => {
    const built = buildForm(seed2024Form({ grade: undefined }));
    const rows = built.rows.map((row) => [...row]);
    rows[built.at.total!] = ['总分', null, null, null, null, null, 100, 93, null, '评分等级', '良'];
    const [result] = checkSheets([sheetGrid('S', [{ rows, top: 1, left: 1 }])], national);
    expect(result.grade).toMatchObject({ cell: `K${built.at.total! + 1}`, declared: '良', computed: '优' });
    expect(result.findings.map((f) => f.rule)).toContain('grade-mismatch');
  });
});
