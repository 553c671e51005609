import fc from 'fast-check';
import { checkSheets } from './helpers/check';
import type { CellValue, SheetGrid } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { recogniseSheet } from '../src/core/recognise/recognise';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';

const national = BUILT_IN_PROFILES.national;

// Words real forms are made of, so random grids often look half like a form.
const WORDS = [
  '财政项目支出绩效自评表',
  '项目名称',
  '年初预算数',
  '全年预算数',
  '全年执行数',
  '执行率',
  '分值',
  '得分',
  '年度资金总额',
  '其中：当年财政拨款',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '偏差原因分析及改进措施',
  '总分',
  '评分等级',
  '产出指标',
  '≥16.00(个)',
  '100%',
  '及时',
  '部分达成指标并具有一定效果',
  '优',
  '—',
  '=100.00(%)',
  '',
  // The shapes of DOMAIN.md §7, so the two-row header, department and declaration readers are fuzzed too.
  '评分',
  '指标性质',
  '指标值',
  '度量单位',
  '≥',
  '﹦',
  '%',
  '合计',
  '总分：99.8分',
  '8分',
  '九十',
  '/',
  '指标2：',
  '……',
  '评价结论',
  '项目负责人：',
  '预算执行情况（万元）（20分）',
  '得分（20分*执行率）',
  '部门整体支出绩效评价得分表',
  '部门决策',
  '财政供养人员控制率',
  '项目绩效目标表',
  '长期绩效指标',
  '年度绩效指标',
  '指标内容',
  '备注',
  '年度',
  '一级',
  '指标',
];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 120 }),
  fc.boolean(),
);

const grid: fc.Arbitrary<SheetGrid> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 8 }),
  originRow: fc.integer({ min: 1, max: 20 }),
  originCol: fc.integer({ min: 1, max: 10 }),
  values: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 }),
  merges: fc.option(
    fc.array(
      fc
        .record({
          top: fc.integer({ min: 1, max: 30 }),
          left: fc.integer({ min: 1, max: 10 }),
          h: fc.integer({ min: 0, max: 4 }),
          w: fc.integer({ min: 0, max: 4 }),
        })
        .map(({ top, left, h, w }) => ({ top, left, bottom: top + h, right: left + w })),
      { maxLength: 6 },
    ),
  ),
});

/** A real form with random cells overwritten: the engine must cope, never throw. */
const damagedForm: fc.Arbitrary<SheetGrid> = fc
  .array(fc.tuple(fc.nat(30), fc.nat(9), cell), { maxLength: 25 })
  .map((damage) => {
    const rows = buildForm(seed2024Form()).rows.map((row) => [...row]);
    for (const [r, c, value] of damage) if (rows[r % rows.length]) rows[r % rows.length][c] = value;
    return sheetGrid('S', [{ rows, top: 1, left: 1 }]);
  });

describe('properties', () => {
  it('recognising and checking never throws on arbitrary grids', () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 3 }), (sheets) => {
        checkSheets(sheets, national);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on damaged forms, and every finding has a rule, a cell and a message', () => {
    fc.assert(
      fc.property(damagedForm, (sheet) => {
        for (const result of checkSheets([sheet], national)) {
          for (const finding of result.findings) {
            expect(finding.cell).toMatch(/^[A-Z]+\d+$/);
            expect(finding.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  const form = buildForm(seed2024Form({ total: [100, 91] }));
  const relativeFindings = (sheets: SheetGrid[]) =>
    checkSheets(sheets, national).map((r) =>
      r.findings.map((f) => `${f.rule}@${f.row - r.form.range.top},${f.col - r.form.range.left}`),
    );
  const reference = relativeFindings([sheetGrid('S', [{ rows: form.rows, top: 1, left: 1 }])])[0];

  it('shifting a form anywhere does not change its findings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 30 }), (top, left) => {
        expect(relativeFindings([sheetGrid('S', [{ rows: form.rows, top, left }])])).toEqual([reference]);
      }),
      { numRuns: 60 },
    );
  });

  it('stacking a form n times with any gaps finds n forms with the same findings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 }), (gaps) => {
        let top = 1;
        const blocks = gaps.map((gap) => {
          const block = { rows: form.rows, top: top + gap, left: 1 };
          top += gap + form.rows.length;
          return block;
        });
        expect(relativeFindings([sheetGrid('S', blocks)])).toEqual(gaps.map(() => reference));
      }),
      { numRuns: 40 },
    );
  });

  it('shuffling in non-form sheets does not change the findings', () => {
    const noise = (name: string) =>
      sheetGrid(name, [{ rows: [['填表说明'], ['分值', '得分'], [1, 2, 3]], top: 1, left: 1 }]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (before, after) => {
        const sheets = [
          ...Array.from({ length: before }, (_, i) => noise(`前${i}`)),
          sheetGrid('表', [{ rows: form.rows, top: 1, left: 1 }]),
          ...Array.from({ length: after }, (_, i) => noise(`后${i}`)),
        ];
        expect(relativeFindings(sheets)).toEqual([reference]);
      }),
      { numRuns: 30 },
    );
  });

  it('a recognised form range always lies inside the sheet', () => {
    fc.assert(
      fc.property(grid, (sheet) => {
        for (const found of recogniseSheet(sheet)) {
          expect(found.range.top).toBeLessThanOrEqual(found.range.bottom);
          expect(found.range.left).toBeLessThanOrEqual(found.range.right);
        }
      }),
      { numRuns: 300 },
    );
  });
});
