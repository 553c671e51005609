import { partName } from '../rules/wording';

import { inCategory } from '../read/labels';
import { columnLetters, type CellRange } from '../sheet/address';
import type { DeclarationForm } from '../read/declaration';
import type { CellValue, SheetGrid } from '../sheet/grid';
import type { Profile } from '../rules/profiles';
import { displayText, readNumber } from '../sheet/text';
import { type NewSheetEdit } from './edits';
import { sheetNameFrom, uniqueSheetName } from './excel-limits';

/**
 * A 项目支出绩效自评表 in the national layout started from a 绩效目标申报表: the project, the funds, every
 * annual indicator with its 一级 / 二级 / 三级 and 年度指标值 copied exactly, weights proposed by the profile,
 * empty 实际完成值 / 得分 / 偏差原因 cells, and =SUM formulas for 总分. Pure data: hosts write it.
 */
export interface IndicatorSeed {
  level1: string;
  level2: string;
  name: string;
  target: string;
}

export interface FormSeed {
  project: string | null;
  department: string | null;
  implementingUnit?: string | null;
  /** The 年度总体目标 the 申报表 states: the 自评表's 预期目标. */
  goal?: string | null;
  year: number | null;
  moneyUnit: '万元' | '元';
  /** 年度资金总额 and its 其中 lines, as declared. */
  funds: { total: number | null; components: Array<{ label: string; amount: number | null }> };
  indicators: IndicatorSeed[];
}

/** The declaration's annual targets as the seed of a 自评表 (long-term targets are not evaluated yearly). */
export function seedFromDeclaration(form: DeclarationForm): FormSeed {
  const amount = (value: CellValue) => {
    const number = readNumber(value);
    return typeof number === 'number' ? number : null;
  };
  return {
    project: form.project,
    department: form.department,
    implementingUnit: form.implementingUnit,
    goal: form.goal,
    year: form.year,
    moneyUnit: form.funds.unit,
    funds: {
      total: form.funds.total ? amount(form.funds.total.cell.value) : null,
      components: form.funds.components.map((c) => ({
        label: partName(c.label),
        amount: amount(c.cell.value),
      })),
    },
    indicators: form.indicators
      .filter((i) => i.term !== 'long-term')
      .map((i) => ({
        level1: i.level1,
        level2: i.level2,
        name: displayText(i.name.value),
        target: i.target ? formTarget(displayText(i.target.value)) : '',
      })),
  };
}

/** How a 申报表 exported by the 一体化 system writes a target: `=1.00(次)`, `≥95.00(百分比)`. */
const SYSTEM_TARGET = /^\s*(=|＝|≥|≤|>|<|＞|＜)?\s*(-?\d+(?:\.\d+)?)\s*[(（]([^()（）]*)[)）]\s*$/;
/** Units the system spells out that a form writes as a sign. */
const UNIT_SIGNS: Record<string, string> = { 百分比: '%', 百分率: '%', 百分之: '%' };

/**
 * A target in the notation of a 自评表: `=1.00(次)` is `1次`, `≥95.00(百分比)` is `≥95%`, as units write them (an
 * equals sign says nothing a bare number does not). Any other target is copied exactly.
 */
export function formTarget(text: string): string {
  const match = SYSTEM_TARGET.exec(text);
  if (!match) return text;
  const [, operator = '', number, unit] = match;
  const sign = operator === '=' || operator === '＝' ? '' : operator;
  const value = String(Number(number));
  const written = UNIT_SIGNS[unit.trim()] ?? unit.trim();
  return `${sign}${value}${written}`;
}

type Bucket = '产出' | '效益' | '满意度';

/** The profile's share of a 一级指标 (产出 50 / 效益 30 / 满意度 10 nationally); 成本 and 投入 count with 产出. */
function bucketOf(level1: string): Bucket {
  if (inCategory('satisfaction', level1)) return '满意度';
  if (inCategory('benefit', level1)) return '效益';
  return '产出';
}

/**
 * Weights for the indicators: each bucket's profile weight spread over its indicators in whole points (the
 * first ones one point more where it does not divide: 10 over 3 is 4 / 3 / 3, never 3.33), a missing 满意度
 * moving to 效益 and a missing 效益 to 产出, as the national rules say.
 */
export function proposedWeights(indicators: readonly IndicatorSeed[], profile: Profile): number[] {
  const shares: Record<Bucket, number> = {
    产出: profile.categoryWeights?.['产出指标'] ?? 50,
    效益: profile.categoryWeights?.['效益指标'] ?? 30,
    满意度: profile.categoryWeights?.['满意度指标'] ?? 10,
  };
  const indicatorTotal = 100 - profile.budgetWeight;
  const scale = indicatorTotal / (shares.产出 + shares.效益 + shares.满意度);
  const buckets = indicators.map((i) => bucketOf(i.level1));
  const count = (b: Bucket) => buckets.filter((x) => x === b).length;
  // A level the declaration lacks gives its share to the next one.
  const move = (from: Bucket, to: Bucket) => {
    shares[to] += shares[from];
    shares[from] = 0;
  };
  if (count('满意度') === 0) move('满意度', '效益');
  if (count('效益') === 0) move('效益', '产出');
  if (count('产出') === 0) move('产出', '效益');
  const weights = indicators.map(() => 0);
  for (const bucket of ['产出', '效益', '满意度'] as Bucket[]) {
    const members = buckets.map((b, i) => (b === bucket ? i : -1)).filter((i) => i >= 0);
    const parts = spread(round2(shares[bucket] * scale), members.length);
    members.forEach((index, k) => (weights[index] = parts[k] ?? 0));
  }
  return weights;
}

/**
 * `total` in `count` parts that add up exactly: whole points when each gets at least one, else half points,
 * else hundredths; the remainder one step each to the first parts.
 */
export function spread(total: number, count: number): number[] {
  if (count === 0) return [];
  let step = 0.01;
  for (const candidate of [0.5, 1]) {
    const units = round2(total / candidate);
    if (units === Math.floor(units) && units >= count) step = candidate;
  }
  const units = Math.round(total / step);
  const base = Math.floor(units / count);
  const extra = units - base * count;
  return Array.from({ length: count }, (_, k) => round2((base + (k < extra ? 1 : 0)) * step));
}

const BUDGET_HEADER = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const INDICATOR_HEADER = [
  '绩效指标',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];
const WIDTH = 9;
const SIGNATURE_ROW = ['填表人：', null, null, '联系电话：', null, '填表日期：', null, '单位负责人（签字）：'];

/** The row of a new form's indicator header (1-based), repeated at the top of every printed page; null if none. */
export function indicatorHeaderRow(grid: SheetGrid): number | null {
  const at = grid.values.findIndex((row) => row[3] === INDICATOR_HEADER[3] && row[7] === INDICATOR_HEADER[7]);
  return at < 0 ? null : grid.originRow + at;
}

/** Rows of a new sheet from A1, with their formulas and merged spans. */
class GridBuilder {
  readonly rows: CellValue[][] = [];
  readonly formulas: (string | null)[][] = [];
  readonly merges: CellRange[] = [];

  /** Appends a row; `spans` merge columns [from, to] (0-based) of it; returns its sheet row. */
  push(cells: CellValue[], spans: Array<[number, number]> = [], rowFormulas: Record<number, string> = {}): number {
    const row = this.rows.length + 1;
    const values = [...cells];
    const formulas: (string | null)[] = [];
    while (values.length < WIDTH) values.push(null);
    for (let i = 0; i < WIDTH; i++) formulas.push(rowFormulas[i] ?? null);
    this.rows.push(values);
    this.formulas.push(formulas);
    for (const [from, to] of spans) this.merges.push({ top: row, left: from + 1, bottom: row, right: to + 1 });
    return row;
  }

  /** Merges column `col` (1-based) from row `top` to `bottom`. */
  mergeDown(col: number, top: number, bottom: number): void {
    if (bottom >= top) this.merges.push({ top, left: col, bottom, right: col });
  }

  grid(name: string): SheetGrid {
    return {
      name,
      originRow: 1,
      originCol: 1,
      values: this.rows,
      formulas: this.formulas,
      numberFormats: null,
      merges: this.merges,
    };
  }
}

/** The new form as a sheet grid (sheet rows from 1, columns A–I), with formulas and merges. */
export function selfEvaluationGrid(name: string, seed: FormSeed, profile: Profile): SheetGrid {
  const builder = new GridBuilder();
  builder.push(['项目支出绩效自评表'], [[0, 8]]);
  builder.push([`（${seed.year ?? new Date().getFullYear()}年度）`], [[0, 8]]);
  builder.push(['项目名称', seed.project ?? ''], [[1, 8]]);
  const units = ['主管部门', seed.department ?? '', null, null, null, '实施单位', seed.implementingUnit ?? ''];
  builder.push(units, [
    [1, 4],
    [6, 8],
  ]);
  const budgetRow = pushBudget(builder, seed, profile);
  const goals = builder.push(
    ['年度总体目标', '预期目标', null, null, null, '实际完成情况'],
    [
      [1, 4],
      [5, 8],
    ],
  );
  builder.push(
    [null, seed.goal ?? null],
    [
      [1, 4],
      [5, 8],
    ],
  );
  builder.mergeDown(1, goals, goals + 1);
  const header = builder.push(INDICATOR_HEADER);
  const weights = proposedWeights(seed.indicators, profile);
  seed.indicators.forEach((indicator, i) =>
    builder.push([null, indicator.level1, indicator.level2, indicator.name, indicator.target, null, weights[i]]),
  );
  const first = header + 1;
  const last = builder.rows.length;
  // 绩效指标 stands in the header row only, not merged down the table: a merged label over a page break is
  // printed over the rows below the table (LibreOffice), and the header row is repeated on each page anyway.
  const score = columnLetters(8);
  builder.push(['总分', null, null, null, null, null, 100], [[0, 5]], {
    7: `=SUM(${score}${first}:${score}${last})+I${budgetRow}`,
  });
  builder.push(
    ['评分等级'],
    [
      [0, 5],
      [6, 8],
    ],
  );
  // Where the unit signs the form it hands in, under the table as the national form has it.
  builder.push(SIGNATURE_ROW, [
    [0, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ]);
  return builder.grid(name);
}

/** The budget block: its header, 年度资金总额 with the profile's weight, and the declared 其中 lines. */
function pushBudget(builder: GridBuilder, seed: FormSeed, profile: Profile): number {
  const header = builder.push([`项目资金（${seed.moneyUnit}）`, null, null, ...BUDGET_HEADER]);
  const total = seed.funds.total;
  const budgetRow = builder.push([null, null, '年度资金总额', total, total, null, profile.budgetWeight]);
  for (const { label, amount } of seed.funds.components) {
    builder.push([null, null, `其中：${label}`, amount, amount, null, '—', null, '—']);
  }
  builder.merges.push({ top: header, left: 1, bottom: builder.rows.length, right: 2 });
  return budgetRow;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A blank 自评表 for a unit without a 申报表 file: every 一级 / 二级 指标 of the national layout, one row each. */
export function blankSeed(year: number): FormSeed {
  const levels: Array<[string, string]> = [
    ['产出指标', '数量指标'],
    ['产出指标', '质量指标'],
    ['产出指标', '时效指标'],
    ['产出指标', '成本指标'],
    ['效益指标', '经济效益指标'],
    ['效益指标', '社会效益指标'],
    ['效益指标', '生态效益指标'],
    ['效益指标', '可持续影响指标'],
    ['满意度指标', '服务对象满意度指标'],
  ];
  return {
    project: null,
    department: null,
    year,
    moneyUnit: '万元',
    funds: { total: null, components: [] },
    indicators: levels.map(([level1, level2]) => ({ level1, level2, name: '', target: '' })),
  };
}

/** Column widths (characters) of the national layout, A–I. */
export const NEW_FORM_COLUMN_WIDTHS = [10, 12, 14, 22, 16, 16, 7, 7, 36];

/**
 * 新建自评表 as one plan for the pane, the page and `npm run new-form`: a sheet per 申报表, named after its project
 * (`<项目>-自评表`, or `自评表2` without one; names made unique among the plan's and the workbook's), its targets
 * copied in the form's notation, scored under the profile.
 */
export function newFormSheets(
  declarations: readonly DeclarationForm[],
  profile: Profile,
  taken: (name: string) => boolean = () => false,
): NewSheetEdit[] {
  const names = new Set<string>();
  return declarations.map((declaration, i): NewSheetEdit => {
    const seed = seedFromDeclaration(declaration);
    const wanted = sheetNameFrom(`${seed.project ?? `申报表${i + 1}`}-自评表`, `自评表${i + 1}`);
    const name = uniqueSheetName(wanted, (n) => names.has(n) || taken(n));
    names.add(name);
    return {
      type: 'new-sheet',
      name,
      grid: selfEvaluationGrid(name, seed, profile),
      columnWidths: NEW_FORM_COLUMN_WIDTHS,
    };
  });
}
