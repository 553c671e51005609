import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/command-line';
import { newFormMain } from '../src/cli/new-form';
import type { FormResult } from '../src/core/check/form-result';
import type { DeclarationResult } from '../src/core/check/check-declaration';
import type { SheetGrid } from '../src/core/sheet/grid';
import { parseA1 } from '../src/core/sheet/address';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import {
  formTarget,
  indicatorHeaderRow,
  newFormSheets,
  seedFromDeclaration,
  selfEvaluationGrid,
  spread,
} from '../src/core/edits/new-form';
import { newSheetLayout } from '../src/core/edits/sheet-layout';
import { scoreEdits } from '../src/core/edits/score-fill';
import { uniqueSheetName, validSheetName } from '../src/core/edits/excel-limits';
import { checkWorkbook, crossCheck } from '../src/core/check/workbook';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import { overprinted, printWorkbook, wordHeightAt } from './helpers/pdf-words';

/** What a form nobody has filled in yet rightly says of each row: no 实际完成值, no 得分 (issue #32). */
const UNFILLED: string[] = ['actual-missing', 'score-invalid'];

describe('weights spread over a level', () => {
  it.each([
    [10, 3, [4, 3, 3]],
    [50, 9, [6, 6, 6, 6, 6, 5, 5, 5, 5]],
    [30, 2, [15, 15]],
    [2, 3, [1, 0.5, 0.5]],
    [1, 3, [0.34, 0.33, 0.33]],
    [0, 0, []],
  ])('%p points over %p indicators: %p, adding up', (total, count, parts) => {
    expect(spread(total, count)).toEqual(parts);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 9);
  });
});

/** 新建自评表 from a 申报表 (npm run new-form) and 建议得分 (--fill-scores), on the declaration fixtures. */
const DECLARATIONS = [
  'declarations/seed001-2025-declarations.xlsx',
  'declarations/seed004-2019-declarations.xlsx',
  'shapes/hunan-targets.xlsx',
].map((f) => path.join(__dirname, 'fixtures', f));
const national = BUILT_IN_PROFILES.national;

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('a 自评表 started from the 2025 申报表 of the 一体化 system', () => {
  it('writes the system’s targets as units do, and carries 实施单位, 年度总体目标 and one line per fund', async () => {
    expect(formTarget('=1.00(次)')).toBe('1次');
    expect(formTarget('≥95.00(百分比)')).toBe('≥95%');
    expect(formTarget('≤ 30.50（万元）')).toBe('≤30.5万元');
    expect(formTarget('12 月底前举办')).toBe('12 月底前举办');
    expect(formTarget('≥95%')).toBe('≥95%');
    const sheets = await (await openWorkbookFile(DECLARATIONS[0])).readSheets('all');
    const [declaration] = checkWorkbook(sheets, national).filter(
      (r): r is DeclarationResult => r.kind === 'target-declaration',
    );
    const seed = seedFromDeclaration(declaration.form);
    expect(seed.implementingUnit).toBe('上海科技报社');
    expect(seed.goal).toMatch(/^在市科协领导及相关部门指导下/);
    // 其他资金 stands under 项目资金总额 and under 年度资金申请总额, on one figure: one line.
    expect(seed.funds.components.map((c) => c.label)).toEqual(['当年财政拨款', '上年结转资金', '其他资金']);
    const grid = selfEvaluationGrid('自评表', seed, national);
    const rows = grid.values.map((row) => row.map((v) => (v === null ? '' : String(v))));
    expect(rows.find((row) => row[0] === '年度总体目标')).toBeDefined();
    expect(rows.some((row) => row[1] === seed.goal)).toBe(true);
    expect(rows.some((row) => row[5] === '实施单位' && row[6] === '上海科技报社')).toBe(true);
    expect(rows.at(-1)).toEqual(
      expect.arrayContaining(['填表人：', '联系电话：', '填表日期：', '单位负责人（签字）：']),
    );
    // The indicator header is printed again on every page.
    expect(newSheetLayout({ type: 'new-sheet', name: '自评表', grid }, '自评表').print?.titleRows).toBe(
      `$${indicatorHeaderRow(grid)}:$${indicatorHeaderRow(grid)}`,
    );
  });
});

describe.each(DECLARATIONS)('a 自评表 started from %s', (declarationFile) => {
  let generated: string;
  let forms: FormResult[];
  let declarations: DeclarationResult[];

  beforeAll(async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-new-'));
    expect(await quietly(() => newFormMain([declarationFile, '--out', out]))).toBe(0);
    generated = path.join(out, (await fs.readdir(out))[0]);
    forms = checkWorkbook(await (await openWorkbookFile(generated)).readSheets('all'), national) as FormResult[];
    declarations = checkWorkbook(await (await openWorkbookFile(declarationFile)).readSheets('all'), national).filter(
      (r): r is DeclarationResult => r.kind === 'target-declaration',
    );
  });

  it('has one 自评表 per declaration, its targets in the form’s own notation and weights summing to the profile’s total', () => {
    expect(forms.map((f) => f.kind)).toEqual(declarations.map(() => 'self-evaluation'));
    forms.forEach((form, i) => {
      // The names character for character (spaces and full-width commas included); the system's `=1.00(次)` as a
      // form writes it (`1次`), any other target exactly.
      const annual = declarations[i].form.indicators.filter((d) => d.term !== 'long-term');
      expect(form.form.indicators.map((x) => [x.name.value, x.target?.value])).toEqual(
        annual.map((d) => [d.name.value, formTarget(String(d.target?.value))]),
      );
      expect(form.form.implementingUnit).toBe(declarations[i].form.implementingUnit);
      expect(form.indicators.reduce((sum, x) => sum + (x.weight ?? 0), 0)).toBeCloseTo(100 - national.budgetWeight, 6);
      expect(form.form.project).toBe(declarations[i].form.project);
    });
  });

  it('proposes whole-point weights (the first of a level one point more where it does not divide)', () => {
    for (const form of forms) {
      const weights = form.indicators.map((x) => x.weight ?? 0);
      expect(weights.every((w) => Number.isInteger(w))).toBe(true);
      // Levels differ in share (产出 50, 效益 30, 满意度 10); within a level the parts differ by one point at most.
      for (const level of new Set(form.indicators.map((x) => x.level1))) {
        const within = form.indicators.filter((x) => x.level1 === level).map((x) => x.weight ?? 0);
        expect(Math.max(...within) - Math.min(...within)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('checks with no error but each unfilled row’s actual-missing and empty 得分, and cross-checks clean against its declaration', () => {
    for (const form of forms) {
      expect(form.findings.filter((f) => f.severity === 'error' && !UNFILLED.includes(f.rule))).toEqual([]);
      expect(form.findings.filter((f) => f.rule === 'actual-missing')).toHaveLength(form.indicators.length);
      expect(form.findings.filter((f) => f.rule === 'score-invalid')).toHaveLength(form.indicators.length);
    }
    const together = crossCheck([...forms, ...declarations]);
    expect(
      together.flatMap((r) => r.findings).filter((f) => f.rule === 'target-changed' || f.rule === 'target-dropped'),
    ).toEqual([]);
  });

  it('with actual values typed in and 建议得分 applied, re-checks with no error and the right 总分 and grade', async () => {
    const sheets = await (await openWorkbookFile(generated)).readSheets('all');
    const filled = sheets.map((grid) =>
      typeIn(
        grid,
        forms.find((f) => f.sheet === grid.name)!,
      ),
    );
    const before = checkWorkbook(filled, national) as FormResult[];
    const scores = scoreEdits(before, national);
    // Every row the engine can judge gets a proposal; a row it cannot (a 满意度 counted in 场, a declaration's
    // own slip) is scored by the filler, here with full marks.
    const judged = before.flatMap((f) =>
      f.indicators.filter((i) => i.status !== 'unknown' || i.qualitativeLevel !== null),
    );
    expect(scores).toHaveLength(judged.length);
    const byFiller = before.flatMap((f) =>
      f.indicators
        .map((indicator, k) => ({ indicator, cell: f.form.indicators[k].score! }))
        .filter(({ indicator }) => !judged.includes(indicator))
        .map(({ indicator, cell }) => ({
          type: 'set-value' as const,
          sheet: f.sheet,
          cell: `${String.fromCharCode(64 + cell.col)}${cell.row}`,
          value: indicator.weight ?? 0,
          mode: 'if-empty' as const,
          confirm: false,
        })),
    );
    const scored = filled.map((grid) =>
      applyValues(
        grid,
        [...scores, ...byFiller].filter((e) => e.sheet === grid.name),
      ),
    );
    const after = checkWorkbook(scored, national) as FormResult[];
    for (const form of after) {
      expect(form.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(form.total.computed).toBe(100);
      expect(form.grade.computed).toBe('优');
    }
  });
});

/** What a filler types: each target reached exactly (its number and unit, or 达成), and the budget fully spent. */
function typeIn(grid: SheetGrid, form: FormResult): SheetGrid {
  const values = grid.values.map((row) => [...row]);
  const set = (row: number, col: number, value: string | number) => {
    while (values[row - grid.originRow].length <= col - grid.originCol) values[row - grid.originRow].push(null);
    values[row - grid.originRow][col - grid.originCol] = value;
  };
  for (const row of form.form.indicators) {
    const target = String(row.target?.value ?? '');
    const quantitative = /^[≥≤<>=＝﹦]*\s*[\d.]+/.exec(target);
    set(row.row, row.actual!.col, quantitative ? target.replace(/^[≥≤<>=＝﹦]+/, '') : '达成');
  }
  const budget = form.form.budget!.total!;
  set(budget.row, budget.executed!.col, Number(budget.budget!.value ?? 100) || 100);
  if (typeof budget.budget!.value !== 'number') set(budget.row, budget.budget!.col, 100);
  set(budget.row, budget.rate!.col, 1);
  set(budget.row, budget.score!.col, national.budgetWeight);
  return { ...grid, values };
}

function applyValues(grid: SheetGrid, edits: ReturnType<typeof scoreEdits>): SheetGrid {
  const values = grid.values.map((row) => [...row]);
  for (const edit of edits) {
    const { row, col } = parseA1(edit.cell)!;
    values[row - grid.originRow][col - grid.originCol] = edit.value;
  }
  return { ...grid, values };
}

describe('--fill-scores in the CLI', () => {
  it('fills only empty 得分 cells of filled-in rows, and the copy then has no score errors', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-scores-'));
    await quietly(() => newFormMain([DECLARATIONS[2], '--out', out]));
    const generated = path.join(out, (await fs.readdir(out))[0]);
    const copyDir = path.join(out, 'copies');
    let stdout = '';
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
    try {
      await main(['--json', '--out', copyDir, '--fill-scores', generated]);
    } finally {
      spy.mockRestore();
    }
    const [file] = JSON.parse(stdout).files;
    expect(file.output).toBeTruthy();
    const copy = checkWorkbook(await (await openWorkbookFile(file.output)).readSheets('all'), national) as FormResult[];
    // Nothing was typed in: no score is proposed, and the copy is as the form was.
    expect(copy[0].indicators.every((i) => i.score === null)).toBe(true);
  });
});

describe('names of the sheets the add-in creates', () => {
  it('are numbered when taken and stay within Excel’s 31 characters', () => {
    const taken = new Set(['审核意见', '审核意见(2)', 'x'.repeat(31)]);
    expect(uniqueSheetName('审核意见', (n) => taken.has(n))).toBe('审核意见(3)');
    expect(uniqueSheetName('新表', (n) => taken.has(n))).toBe('新表');
    const long = uniqueSheetName('x'.repeat(31), (n) => taken.has(n));
    expect(long).toBe(`${'x'.repeat(28)}(2)`);
    expect(validSheetName(long)).toBe(true);
  });
});

describe('the new 自评表 printed (LibreOffice to PDF)', () => {
  it('is landscape A4, one page wide, at 9 pt or more, wrapped names in rows tall enough not to overprint', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-new-print-'));
    const nine = await wordHeightAt(9, out);
    expect(await quietly(() => newFormMain([DECLARATIONS[0], '--out', out]))).toBe(0);
    const file = path.join(
      out,
      (await fs.readdir(out)).find((f) => f.endsWith('.xlsx'))!,
    );
    const pages = printWorkbook(file, out);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page.width).toBeGreaterThan(page.height);
      expect(Math.min(...page.words.map((w) => w.yMax - w.yMin))).toBeGreaterThanOrEqual(nine - 0.05);
      expect(overprinted(page)).toEqual([]);
    }
    // One page wide: the first and the last column of the indicator table are on the same page.
    const header = pages.find((p) => p.words.some((w) => w.text === '三级指标'))!;
    expect(header.words.some((w) => w.text.startsWith('偏差原因'))).toBe(true);
  }, 120000);
});

describe('one plan of new forms for the pane, the page and the CLI', () => {
  it('names each sheet after its project, unique among the plan’s and the workbook’s, valid for Excel', async () => {
    const declarations = checkWorkbook(
      await (await openWorkbookFile(DECLARATIONS[0])).readSheets('all'),
      BUILT_IN_PROFILES.national,
    ).filter((r): r is DeclarationResult => r.kind === 'target-declaration');
    const twice = [declarations[0].form, declarations[0].form, { ...declarations[0].form, project: null }];
    const first = `${declarations[0].form.project}-自评表`.slice(0, 31);
    const sheets = newFormSheets(twice, BUILT_IN_PROFILES.national, (name) => name === first);
    const names = sheets.map((sheet) => sheet.name);
    expect(new Set(names).size).toBe(3);
    expect(names.every(validSheetName)).toBe(true);
    expect(names).not.toContain(first);
    expect(names[2]).toBe('申报表3-自评表');
    expect(sheets.map((sheet) => sheet.grid.name)).toEqual(names);
  });
});
