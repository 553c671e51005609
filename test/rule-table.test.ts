import * as path from 'path';
import type { CellValue, SheetGrid } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES, type Profile } from '../src/core/rules/profiles';
import { appliesTo, REMEDY_LABEL, remedyOf, RULES, type ProfileOption, type RuleId } from '../src/core/rules/rules';
import { FindingList } from '../src/core/rules/findings';
import { fixFor } from '../src/core/edits/fixes';
import { fillEdits } from '../src/core/edits/edits';
import { rowsMissingReason } from '../src/core/edits/templates';
import { isScored } from '../src/core/check/kinds';
import { checkWorkbook, type CheckedForm } from '../src/core/check/workbook';
import { afterReasonFills, builtInTemplates, reasonEdits } from '../src/core/edits/templates';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import { COMPLETE, declarationRows } from './helpers/declaration-builder';
import {
  buildForm,
  INDICATOR_HEADER,
  seed2024Form,
  sheetGrid,
  type FormSpec,
  type IndicatorSpec,
} from './helpers/form-builder';

/**
 * The rule catalogue as a table, as linters gate their rules: every rule id has a case that raises it — at exactly
 * the cells it names — and a clean case that does not, a near miss wherever one can be written (the value just
 * inside the rule: a score equal to its weight, the same unit spelt otherwise, a grade's synonym). The table is typed by RuleId, so a rule added without its cases fails the build
 * (tsc runs in npm test). A rule turned on by a profile option is raised under a profile with that option and
 * stays silent on the same input under a profile without it (national, unless national has it).
 */
interface Case {
  sheets: () => Promise<SheetGrid[]> | SheetGrid[];
  profile?: string;
  /** Every cell the rule is raised at, in reading order (`sheet!cell`): a raising case says them all. */
  cells?: readonly string[];
  /** What happens to the results next (the reasons filled in by 一键填写, for `reason-filled`). */
  after?: (results: CheckedForm[]) => CheckedForm[];
}

const fixture =
  (file: string): Case['sheets'] =>
  async () =>
    (await openWorkbookFile(path.join(__dirname, 'fixtures', file))).readSheets('all');

const grid = (rows: CellValue[][], name = '表1') => sheetGrid(name, [{ rows, top: 1, left: 1 }]);

/** The 2024 seed form (weights 90 + budget 10, total 93) with some indicators changed: [index, column, value]. */
function seed(changes: Array<[number, number, CellValue]> = [], overrides: Partial<FormSpec> = {}): () => SheetGrid[] {
  const spec = seed2024Form(overrides);
  const indicators = spec.indicators.map((row) => [...row] as IndicatorSpec);
  for (const [index, column, value] of changes) indicators[index][column] = value as never;
  return () => [grid(buildForm({ ...spec, indicators }).rows)];
}

const declaration =
  (indicators = COMPLETE, total = 100, parts = [100, 0, 0]) =>
  () => [grid(declarationRows('基层科普服务', indicators, total, parts), '申报')];

const clean = seed();
const CASES: Record<RuleId, { raise: Case & { cells: readonly string[] }; clean: Case }> = {
  'score-invalid': {
    raise: { sheets: seed([[0, 6, '满分']]), cells: ['表1!H13'] },
    clean: { sheets: seed([[0, 6, '10']]) },
  },
  'score-exceeds-weight': {
    raise: { sheets: seed([[0, 6, 12]]), cells: ['表1!H13'] },
    clean: {
      sheets: seed([
        [0, 5, 12],
        [0, 6, 12],
      ]),
    },
  },
  'actual-missing': {
    raise: { sheets: seed([[0, 4, null]]), cells: ['表1!F13'] },
    clean: { sheets: seed([[0, 4, 16]]) },
  },
  'reason-missing': {
    raise: { sheets: seed([[4, 7, null]]), cells: ['表1!I17'] },
    clean: {
      sheets: seed(
        [
          [4, 6, 20],
          [4, 7, null],
        ],
        { total: [100, 98] },
      ),
    },
  },
  'weights-total': {
    raise: { sheets: seed([[0, 5, 15]]), cells: ['表1!G19'] },
    clean: {
      sheets: seed([
        [0, 5, 15],
        [0, 6, 15],
        [1, 5, 5],
        [1, 6, 5],
      ]),
    },
  },
  'total-mismatch': {
    raise: { sheets: seed([], { total: [100, 95] }), cells: ['表1!H19'] },
    clean: { sheets: seed([], { total: [100, '93分'] }) },
  },
  'grade-mismatch': {
    raise: { sheets: seed([], { grade: '良' }), cells: ['表1!G20'] },
    clean: { sheets: seed([], { grade: '优秀' }) },
  },
  'budget-rate-mismatch': {
    raise: { sheets: fixture('shared/seed000-2020-errors.xlsx'), cells: ['2-科普资源平台建设及大众学奖评选项目!H6'] },
    clean: { sheets: clean },
  },
  'budget-components-mismatch': {
    raise: {
      sheets: fixture('shapes/hebei-split-header-libreoffice.xlsx'),
      cells: ['Sheet1!C5', 'Sheet1!D5', 'Sheet1!E5'],
    },
    clean: { sheets: clean },
  },
  'budget-score-mismatch': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 85], weight: 10, rate: 50, score: 10 } }),
      cells: ['表1!I6'],
    },
    clean: { sheets: seed([], { budget: { total: [170, 170, 85], weight: 10, rate: 50, score: 5 } }) },
  },
  'target-missed-full-score': {
    raise: { sheets: seed([[0, 4, '12.00(个)']]), cells: ['表1!H13'] },
    clean: { sheets: seed([[0, 4, '17.00(个)']]) },
  },
  'quantitative-score-mismatch': {
    raise: {
      sheets: seed(
        [
          [0, 4, '12.00(个)'],
          [0, 6, 9],
          [0, 7, '部分区县未覆盖。'],
        ],
        { total: [100, 92] },
      ),
      cells: ['表1!H13'],
    },
    clean: {
      sheets: seed(
        [
          [0, 4, '12.00(个)'],
          [0, 6, 7.5],
          [0, 7, '部分区县未覆盖。'],
        ],
        { total: [100, 90.5] },
      ),
    },
  },
  'qualitative-band-mismatch': {
    raise: { sheets: seed([[4, 6, 10]], { total: [100, 87] }), cells: ['表1!H17'] },
    clean: { sheets: seed([[4, 6, 12]], { total: [100, 90] }) },
  },
  'unit-mismatch': {
    raise: { sheets: seed([[0, 4, '16.00(场)']]), cells: ['表1!F13'] },
    clean: { sheets: seed([[0, 4, '16个']]) },
  },
  'duplicate-indicator': {
    raise: {
      sheets: seed([
        [2, 1, '质量指标'],
        [2, 2, '达标率'],
      ]),
      cells: ['表1!D15'],
    },
    clean: { sheets: seed([[2, 2, '达标率']]) },
  },
  'level-weights-mismatch': {
    raise: {
      sheets: seed([
        [0, 0, '产出指标（35分）'],
        [1, 0, '产出指标（35分）'],
        [2, 0, '产出指标（35分）'],
      ]),
      cells: ['表1!B13'],
    },
    clean: {
      sheets: seed([
        [0, 0, '产出指标（30分）'],
        [1, 0, '产出指标（30分）'],
        [2, 0, '产出指标（30分）'],
      ]),
    },
  },
  'cost-target-direction': {
    raise: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≥5万元'],
        [0, 4, '6万元'],
      ]),
      cells: ['表1!E13'],
    },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5万元'],
        [0, 4, '4万元'],
      ]),
    },
  },
  'cost-target-unit': {
    raise: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5'],
        [0, 4, '4'],
      ]),
      cells: ['表1!E13'],
    },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5万元'],
        [0, 4, '4万元'],
      ]),
    },
  },
  'cost-exceeds-budget': {
    raise: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤200万元'],
        [0, 4, '150万元'],
      ]),
      cells: ['表1!E13'],
    },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤150万元'],
        [0, 4, '150万元'],
      ]),
    },
  },
  'negative-actual-scored': {
    raise: { sheets: seed([[0, 4, '-2(个)']]), cells: ['表1!H13'] },
    clean: {
      sheets: seed(
        [
          [0, 4, '0(个)'],
          [0, 6, 0],
          [0, 7, '未开展。'],
        ],
        { total: [100, 83] },
      ),
    },
  },
  'target-unit-missing': {
    raise: { sheets: seed([[0, 3, '≥16.00']]), cells: ['表1!E13'] },
    clean: { sheets: seed([[0, 3, '≥16个']]) },
  },
  'target-comparison-review': {
    raise: { sheets: seed([[1, 4, '98.00(%)']]), profile: 'tianjin', cells: ['表1!F14'] },
    clean: {
      sheets: seed([
        [1, 3, '≤5.00(%)'],
        [1, 4, '5.00(%)'],
      ]),
      profile: 'tianjin',
    },
  },
  'review-score-exceeds-weight': {
    raise: { sheets: fixture('systems/review-scores.xlsx'), cells: ['有错误!H10'] },
    clean: { sheets: async () => (await fixture('systems/review-scores.xlsx')()).slice(0, 1) },
  },
  'deduction-exceeds-score': {
    raise: { sheets: fixture('systems/deductions.xlsx'), cells: ['有错误!H10'] },
    clean: { sheets: async () => (await fixture('systems/deductions.xlsx')()).slice(0, 1) },
  },
  'coefficient-score-mismatch': {
    raise: { sheets: fixture('systems/department.xlsx'), cells: ['系数不符!H9'] },
    clean: { sheets: async () => (await fixture('systems/department.xlsx')()).slice(0, 1) },
  },
  'budget-overspent': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 180], weight: 10, rate: 100, score: 10 } }),
      cells: ['表1!F6'],
    },
    clean: { sheets: seed([], { budget: { total: [150, 170, 170], weight: 10, rate: 100, score: 10 } }) },
  },
  'target-met-but-deducted': {
    raise: { sheets: clean, cells: ['表1!H18'] },
    clean: {
      sheets: seed(
        [
          [5, 6, 20],
          [5, 7, null],
        ],
        { total: [100, 96] },
      ),
    },
  },
  'total-missing': {
    raise: { sheets: seed([], { total: [100, null] }), cells: ['表1!H19'] },
    clean: { sheets: seed([], { total: [100, '93分'] }) },
  },
  'grade-missing': {
    raise: { sheets: seed([], { grade: null }), cells: ['表1!G20'] },
    clean: { sheets: seed([], { grade: '优秀' }) },
  },
  'budget-rate-missing': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 170], weight: 10, rate: null, score: 10 } }),
      cells: ['表1!H6'],
    },
    clean: { sheets: clean },
  },
  'reason-filled': {
    raise: {
      sheets: seed([[4, 7, null]]),
      after: (results) => afterReasonFills(results, reasonEdits(results, builtInTemplates())),
      cells: ['表1!I17'],
    },
    clean: { sheets: seed([[4, 7, null]]) },
  },
  'form-unrecognised': {
    raise: { sheets: fixture('unseen/unreadable-layout.xlsx'), cells: ['自评表!A1', '说明!A1'] },
    clean: { sheets: clean },
  },
  'weights-absent': {
    raise: { sheets: fixture('unseen/no-weights.xlsx'), cells: ['自评表!F5'] },
    clean: { sheets: clean },
  },
  'budget-unread': { raise: { sheets: seed([], { budget: null }), cells: ['表1!H14'] }, clean: { sheets: clean } },
  'fraction-as-percent': {
    raise: { sheets: seed([[1, 4, 1]]), cells: ['表1!F14'] },
    clean: { sheets: seed([[1, 4, 100]]) },
  },
  // A row with a 一级 of its own and a name only, between scored rows: neither an indicator nor a continuation.
  'reading-uncertain': {
    raise: {
      sheets: () => [
        grid([
          ['项目支出绩效自评表'],
          ['项目名称', '社区服务'],
          INDICATOR_HEADER,
          ['产出指标', '数量指标', '完成数量', '≥10个', '10个', 50, 50],
          ['效益指标', '社会效益指标', '社会影响'],
          ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '95%', 50, 50],
          ['总分', null, null, null, null, 100, 100],
        ]),
      ],
      cells: ['表1!C5'],
    },
    clean: { sheets: clean },
  },
  // 得分 written net of 扣减分数 (48 after 2 off), the 总分 98 their plain sum: that reading is taken and said.
  'reading-chosen': {
    raise: {
      sheets: () => [
        grid([
          ['项目支出绩效自评表'],
          ['项目名称', '高标准农田建设'],
          [...INDICATOR_HEADER.slice(0, 7), '扣减分数', INDICATOR_HEADER[7]],
          ['产出指标', '数量指标', '建成面积', '≥1万亩', '1万亩', 50, 48, 2, '部分地块验收资料不全，按规定扣减。'],
          ['效益指标', '经济效益指标', '粮食亩产提高', '≥50公斤', '60公斤', 30, 30],
          ['满意度指标', '服务对象满意度指标', '农户满意度', '≥90%', '95%', 20, 20],
          ['总分', null, null, null, null, 100, 98],
        ]),
      ],
      cells: ['表1!G7'],
    },
    clean: { sheets: fixture('systems/deductions.xlsx') },
  },
  'monitoring-rate-mismatch': {
    raise: { sheets: fixture('unseen/monitoring-national.xlsx'), cells: ['有错误!E6'] },
    clean: { sheets: async () => (await fixture('unseen/monitoring-national.xlsx')()).slice(0, 1) },
  },
  'monitoring-reason-missing': {
    raise: { sheets: fixture('unseen/monitoring-city.xlsx'), cells: ['未说明原因!F10'] },
    clean: { sheets: async () => (await fixture('unseen/monitoring-city.xlsx')()).slice(0, 1) },
  },
  'monitoring-likelihood-missing': {
    raise: { sheets: fixture('unseen/monitoring-national.xlsx'), cells: ['有错误!K15'] },
    clean: { sheets: async () => (await fixture('unseen/monitoring-national.xlsx')()).slice(0, 1) },
  },
  'target-unparseable': {
    raise: {
      sheets: declaration([...COMPLETE.slice(0, 2), ['产出指标', '时效指标', '及时率', '≥(%)'], ...COMPLETE.slice(3)]),
      cells: ['申报!E11'],
    },
    clean: { sheets: declaration() },
  },
  'target-unit-mismatch': {
    raise: {
      sheets: fixture('declarations/seed001-2025-declarations.xlsx'),
      cells: [
        '2025年度绩效目标!E20',
        '2025年度绩效目标!E85',
        '2025年度绩效目标!E86',
        '2025年度绩效目标!E87',
        '2025年度绩效目标!E88',
      ],
    },
    clean: { sheets: declaration() },
  },
  'categories-missing': {
    raise: { sheets: declaration(COMPLETE.slice(0, 1)), cells: ['申报!B8'] },
    clean: { sheets: declaration() },
  },
  'target-implausible': {
    raise: {
      sheets: declaration([COMPLETE[0], ['产出指标', '质量指标', '达标率', '≥120%'], ...COMPLETE.slice(2)]),
      cells: ['申报!E10'],
    },
    clean: { sheets: declaration() },
  },
  'funds-components-mismatch': {
    raise: { sheets: declaration(COMPLETE, 100, [80, 10, 0]), cells: ['申报!E4'] },
    clean: { sheets: declaration() },
  },
  'target-changed': {
    raise: {
      sheets: () => [
        ...seed()(),
        ...declaration([['产出指标', '数量指标', '覆盖面', '≥18.00(个)'], ...COMPLETE.slice(1)])(),
      ],
      cells: ['表1!E13'],
    },
    clean: { sheets: () => [...seed()(), ...declaration()()] },
  },
  'target-dropped': {
    raise: {
      sheets: () => [...seed()(), ...declaration([...COMPLETE, ['产出指标', '数量指标', '培训场次', '≥4.00(场)']])()],
      cells: ['申报!D15'],
    },
    clean: { sheets: () => [...seed()(), ...declaration()()] },
  },
  'overachievement-reason-missing': {
    raise: { sheets: seed([[0, 4, '30.00(个)']]), profile: 'guangxi', cells: ['表1!I13'] },
    clean: {
      sheets: seed([
        [0, 4, '30.00(个)'],
        [0, 7, '新增社区站点，超额完成。'],
      ]),
      profile: 'guangxi',
    },
  },
  'overachievement-review': {
    raise: { sheets: seed([[0, 4, '20.00(个)']]), profile: 'tianjin', cells: ['表1!H13'] },
    clean: { sheets: seed([[0, 4, '19.00(个)']]), profile: 'tianjin' },
  },
  'budget-rate-reason-missing': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 136], weight: 10, rate: 80, score: 8 }, total: [100, 91] }),
      profile: 'sichuan',
      cells: ['表1!H6'],
    },
    clean: {
      sheets: seed([], { budget: { total: [170, 170, 153], weight: 10, rate: 90, score: 9 }, total: [100, 92] }),
      profile: 'sichuan',
    },
  },
  'score-capped-by-execution': {
    raise: {
      sheets: seed([], { budget: { total: [170, 170, 68], weight: 10, rate: 40, score: 4 }, total: [100, 87] }),
      profile: 'strict-review',
      cells: ['表1!H19'],
    },
    clean: {
      sheets: seed([], { budget: { total: [170, 170, 136], weight: 10, rate: 80, score: 8 }, total: [100, 91] }),
      profile: 'strict-review',
    },
  },
  'cost-indicator-unset': {
    raise: { sheets: clean, profile: 'shanxi', cells: ['表1!D13'] },
    clean: {
      sheets: seed([
        [0, 1, '成本指标'],
        [0, 3, '≤5万元'],
        [0, 4, '4万元'],
      ]),
      profile: 'shanxi',
    },
  },
  'quantity-answered-qualitatively': {
    raise: {
      sheets: seed(
        [
          [0, 4, '基本完成'],
          [0, 6, 8],
          [0, 7, '部分站点未覆盖。'],
        ],
        { total: [100, 91] },
      ),
      profile: 'strict-review',
      cells: ['表1!F13'],
    },
    clean: { sheets: clean, profile: 'strict-review' },
  },
  'quantitative-answered-with-text': {
    raise: { sheets: seed([[1, 4, '全部达标']]), profile: 'tianjin', cells: ['表1!F14'] },
    clean: { sheets: seed([[1, 4, '100%']]), profile: 'tianjin' },
  },
  'duplicate-across-levels': {
    raise: { sheets: seed([[3, 2, '覆盖面']]), profile: 'strict-review', cells: ['表1!D16'] },
    clean: { sheets: seed([[3, 2, '覆盖面扩大情况']]), profile: 'strict-review' },
  },
  'spending-as-output': {
    raise: { sheets: seed([[0, 2, '资金支付进度']]), profile: 'strict-review', cells: ['表1!D13'] },
    clean: {
      sheets: seed([
        [0, 1, '时效指标'],
        [0, 2, '资金支付进度'],
      ]),
      profile: 'strict-review',
    },
  },
  'deducted-though-all-met': {
    raise: { sheets: fixture('shared/seed002-2024.xlsx'), profile: 'strict-review', cells: ['3-惠民科普直通车!H21'] },
    clean: { sheets: clean, profile: 'strict-review' },
  },
  'satisfaction-without-figure': {
    raise: { sheets: seed([[5, 4, '比较满意']]), profile: 'strict-review', cells: ['表1!F18'] },
    clean: { sheets: seed([[5, 4, '95%']]), profile: 'strict-review' },
  },
};

async function resultsOf(example: Case, profile?: Profile): Promise<CheckedForm[]> {
  const checked = checkWorkbook(await example.sheets(), profile ?? BUILT_IN_PROFILES[example.profile ?? 'national']);
  return example.after ? example.after(checked) : checked;
}

/** Whether the add-in offers the rule's remedy on the finding (the catalogue's `remedy` decides the tables). */
function offersRemedy(result: CheckedForm, finding: CheckedForm['findings'][number]): boolean {
  switch (remedyOf(finding.rule)) {
    case 'fix':
      return fixFor(result, finding) !== null;
    case 'fill':
      return fillEdits([result]).some((edit) => edit.sheet === result.sheet && edit.cell === finding.cell);
    case 'reason':
      return isScored(result) && rowsMissingReason(result).some((row) => row.reasonCell === finding.cell);
    default:
      return false;
  }
}

async function findingsOf(rule: RuleId, example: Case, profile?: Profile): Promise<string[]> {
  const results = await resultsOf(example, profile);
  const meta = RULES[rule];
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.rule === rule)
      .map((f) => {
        // The catalogue's severity, on a kind of form the catalogue says the rule applies to.
        expect([rule, f.severity, (meta.forms as readonly string[]).includes(r.kind)]).toEqual([
          rule,
          meta.severity,
          true,
        ]);
        return `${r.sheet}!${f.cell}`;
      }),
  );
}

describe.each(Object.keys(RULES) as RuleId[])('%s', (rule) => {
  it('is raised by its case at exactly its cells, with the catalogue’s severity, on a form it applies to', async () => {
    const example = CASES[rule].raise;
    const found = await findingsOf(rule, example);
    expect(found).toEqual(example.cells);
  });

  const remedy = remedyOf(rule);
  if (remedy)
    it(`offers its remedy (${REMEDY_LABEL[remedy]}) on the finding its case raises`, async () => {
      const results = await resultsOf(CASES[rule].raise);
      const offered = results.flatMap((r) => r.findings.filter((f) => f.rule === rule).map((f) => offersRemedy(r, f)));
      expect(offered).toContain(true);
    });

  it('is not raised by its clean case', async () => {
    expect(await findingsOf(rule, CASES[rule].clean)).toEqual([]);
  });

  const options: readonly ProfileOption[] = (RULES[rule] as { options?: readonly ProfileOption[] }).options ?? [];
  if (options.length > 0)
    it(`is turned on by ${options.join(' / ')}: silent on the same input under a profile without it`, async () => {
      const profile = BUILT_IN_PROFILES[CASES[rule].raise.profile ?? 'national'];
      const on = (p: Profile) => options.some((option) => p[option] !== undefined && p[option] !== false);
      expect(on(profile)).toBe(true);
      // National unless it has the option (the systems' 通版 defaults, #33): then the first built-in profile without.
      const without = [BUILT_IN_PROFILES.national, ...Object.values(BUILT_IN_PROFILES)].find((p) => !on(p));
      expect(without).toBeDefined();
      expect(await findingsOf(rule, CASES[rule].raise, without)).toEqual([]);
    });
});

it('names only Profile fields as rule options', () => {
  const check: Record<ProfileOption, keyof Profile> = {
    overachievementReason: 'overachievementReason',
    overachievementReview: 'overachievementReview',
    budgetRateReasonBelow: 'budgetRateReasonBelow',
    executionCaps: 'executionCaps',
    costUnsetCap: 'costUnsetCap',
    reviewChecks: 'reviewChecks',
    comparisonReview: 'comparisonReview',
    numericActuals: 'numericActuals',
  };
  expect(Object.keys(check)).toHaveLength(8);
});

describe('the catalogue decides which rules a form is checked by', () => {
  const cell = { row: 3, col: 2 };
  const said = (list: FindingList) => list.sorted().map((f) => f.rule);

  it('says a rule on a kind of form it applies to, under a profile that turns it on', () => {
    const list = new FindingList({ kind: 'self-evaluation', options: BUILT_IN_PROFILES['strict-review'] });
    list.add('reason-missing', cell, '');
    list.add('spending-as-output', cell, '');
    expect(said(list)).toEqual(['reason-missing', 'spending-as-output']);
  });

  it('passes over a rule raised on another kind, or whose options the profile leaves off', () => {
    const national = new FindingList({ kind: 'self-evaluation', options: BUILT_IN_PROFILES.national });
    national.add('spending-as-output', cell, '');
    national.add('monitoring-rate-mismatch', cell, '');
    const department = new FindingList({ kind: 'department-evaluation', options: BUILT_IN_PROFILES.national });
    department.add('reason-missing', cell, '');
    department.add('coefficient-score-mismatch', cell, '');
    expect([said(national), said(department)]).toEqual([[], ['coefficient-score-mismatch']]);
  });

  it('agrees with every case of the table: each raised finding is in the scope of its form', async () => {
    for (const rule of Object.keys(CASES) as RuleId[]) {
      const example = CASES[rule].raise;
      const profile = BUILT_IN_PROFILES[example.profile ?? 'national'];
      for (const result of await resultsOf(example))
        for (const f of result.findings)
          expect([f.rule, appliesTo(f.rule, { kind: result.kind, options: profile })]).toEqual([f.rule, true]);
    }
  });
});
