import ExcelJS from 'exceljs';
import { toA1, type CellRange } from '../../src/core/sheet/address';
export { boundingArea } from './areas';
import type { CellValue, SheetGrid } from '../../src/core/sheet/grid';

/** An indicator row: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因. */
export type IndicatorSpec = [string, string, string, CellValue, CellValue, CellValue, CellValue, CellValue?];

export interface FormSpec {
  title?: string;
  year?: number;
  project: string;
  moneyLabel?: string;
  budget?: {
    total: [CellValue, CellValue, CellValue];
    weight?: CellValue;
    rate?: CellValue;
    score?: CellValue;
    rateHeader?: string;
    components?: Array<[string, CellValue, CellValue, CellValue]>;
  } | null;
  headers?: string[];
  indicators: IndicatorSpec[];
  total?: [CellValue, CellValue] | null;
  grade?: CellValue | null;
  /** Write 一级/二级 on every row (export style) instead of once with blanks below. */
  repeatLabels?: boolean;
}

/** The eight columns of an indicator table as most templates write them. */
export const INDICATOR_HEADER = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];

export const DEFAULT_HEADERS = ['绩效指标', ...INDICATOR_HEADER];

export interface BuiltForm {
  rows: CellValue[][];
  /** 0-based row offsets inside `rows` of the parts tests point at. */
  at: {
    budgetTotal: number | null;
    header: number;
    firstIndicator: number;
    total: number | null;
    grade: number | null;
  };
}

/** A 自评表 laid out like the seed workbooks (9 columns, A–I). */
export function buildForm(spec: FormSpec): BuiltForm {
  const rows: CellValue[][] = [];
  const push = (...cells: CellValue[]) => rows.push(cells);
  push(spec.title ?? '财政项目支出绩效自评表');
  push(`（${spec.year ?? 2024}年度）`);
  push('项目名称', null, spec.project);
  push('主管部门', null, '某市科学技术协会', null, null, '实施单位', '某中心');
  let budgetTotal: number | null = null;
  if (spec.budget !== null) {
    const budget = spec.budget ?? { total: [100, 100, 100], weight: 10, rate: 1, score: 10 };
    push(
      spec.moneyLabel ?? '项目资金（万元）',
      null,
      null,
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '分值',
      budget.rateHeader ?? '执行率',
      '得分',
    );
    budgetTotal = rows.length;
    push(null, null, '年度资金总额', ...budget.total, budget.weight ?? 10, budget.rate ?? null, budget.score ?? 10);
    for (const [label, a, b, c] of budget.components ?? [
      ['其中：当年财政拨款', null, null, null],
      ['上年结转资金', null, null, null],
      ['其他资金', null, null, null],
    ]) {
      push(null, null, label, a, b, c, '—', null, '—');
    }
  }
  push('年度总体目标', '预期目标', null, null, null, '实际完成情况');
  push(null, '完成年度工作任务。', null, null, null, '已完成。');
  const header = rows.length;
  push(...(spec.headers ?? DEFAULT_HEADERS));
  const firstIndicator = rows.length;
  let previous: [string, string] = ['', ''];
  for (const [l1, l2, name, target, actual, weight, score, reason] of spec.indicators) {
    const showL1 = spec.repeatLabels || l1 !== previous[0] ? l1 : null;
    const showL2 = spec.repeatLabels || l1 !== previous[0] || l2 !== previous[1] ? l2 : null;
    previous = [l1, l2];
    push(null, showL1, showL2, name, target, actual, weight, score, reason ?? null);
  }
  let total: number | null = null;
  if (spec.total !== null) {
    total = rows.length;
    const [weight, score] = spec.total ?? [100, null];
    push('总分', null, null, null, null, null, weight, score);
  }
  let grade: number | null = null;
  if (spec.grade !== undefined && spec.grade !== null) {
    grade = rows.length;
    push('评分等级', null, null, null, null, null, spec.grade);
  } else if (spec.grade === null) {
    grade = rows.length;
    push('评分等级', null, null, null, null, null, null);
  }
  return { rows, at: { budgetTotal, header, firstIndicator, total, grade } };
}

/** The 2024 seed form 基层科普服务: weights 90 + budget 10, total 93, grade 优. */
export function seed2024Form(overrides: Partial<FormSpec> = {}): FormSpec {
  return {
    project: '基层科普服务',
    budget: {
      total: [170, 170, 170],
      weight: 10,
      rate: 100,
      rateHeader: '执行率(%)',
      score: 10,
      components: [
        ['其中：当年财政拨款', 170, 170, 170],
        ['上年结转资金', 0, 0, 0],
        ['其他资金', 0, 0, 0],
      ],
    },
    indicators: [
      ['产出指标', '数量指标', '覆盖面', '≥16.00(个)', '16.00(个)', 10, 10],
      ['产出指标', '质量指标', '达标率', '=100.00(%)', '100.00(%)', 10, 10],
      ['产出指标', '时效指标', '及时率', '=100.00(%)', '100.00(%)', 10, 10],
      ['效益指标', '社会效益指标', '基层科普服务能力提升情况', '有效提升', '达成指标', 20, 20],
      [
        '效益指标',
        '可持续影响指标',
        '长效管理制度健全性',
        '健全',
        '部分达成指标并具有一定效果',
        20,
        // The seed wrote 16 (80 %, the top edge the 部分达成 band leaves out, issue #33): 15 keeps it clean.
        15,
        '长效管理机制需进一步完善，后续加强机制管理。',
      ],
      [
        '满意度指标',
        '服务对象满意度指标',
        '受众群体满意度',
        '≥90.00(%)',
        '90.00(%)',
        20,
        18,
        '满意度未留存相关存档文件，后续加强存档管理。',
      ],
    ],
    total: [100, 93],
    grade: '优',
    ...overrides,
  };
}

export interface Placement {
  rows: CellValue[][];
  top: number;
  left: number;
  formulas?: Map<string, string>;
}

/** A sheet grid holding blocks of rows at given 1-based positions (sheet origin A1). */
export function sheetGrid(name: string, blocks: Placement[], merges: CellRange[] = []): SheetGrid {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (const block of blocks) {
    block.rows.forEach((row, i) => {
      const r = block.top - 1 + i;
      while (values.length <= r) {
        values.push([]);
        formulas.push([]);
      }
      row.forEach((value, j) => {
        const c = block.left - 1 + j;
        if (value !== null) values[r][c] = value;
      });
    });
    for (const [key, formula] of block.formulas ?? []) {
      const [i, j] = key.split(',').map(Number);
      formulas[block.top - 1 + i][block.left - 1 + j] = formula;
    }
  }
  for (const row of values) for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  return { name, originRow: 1, originCol: 1, values, formulas, numberFormats: null, merges };
}

/** Write grids to an .xlsx in memory (values, formulas with cached results, merges). */
export async function workbookBytes(grids: SheetGrid[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const grid of grids) {
    const sheet = workbook.addWorksheet(grid.name);
    grid.values.forEach((row, i) =>
      row.forEach((value, j) => {
        const formula = grid.formulas?.[i]?.[j];
        const cell = sheet.getCell(grid.originRow + i, grid.originCol + j);
        if (formula)
          cell.value = { formula: formula.replace(/^=/, ''), result: value ?? undefined } as ExcelJS.CellFormulaValue;
        else if (value !== null) cell.value = value;
        const format = grid.numberFormats?.[i]?.[j];
        if (format) cell.numFmt = format;
      }),
    );
    for (const m of grid.merges ?? []) sheet.mergeCells(m.top, m.left, m.bottom, m.right);
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Every non-empty cell of a grid, with its A1 address: how the fakes are loaded. */
export function forEachGridCell(
  grid: SheetGrid,
  visit: (address: string, value: CellValue, formula: string | null, numberFormat: string) => void,
): void {
  grid.values.forEach((row, i) =>
    row.forEach((value, j) => {
      const formula = grid.formulas?.[i]?.[j] ?? null;
      if (value === null && formula === null) return;
      visit(toA1(grid.originRow + i, grid.originCol + j), value, formula, grid.numberFormats?.[i]?.[j] ?? 'General');
    }),
  );
}
