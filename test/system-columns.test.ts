import * as path from 'path';
import type { FormResult } from '../src/core/check/form-result';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { reviewedTotal, reviewTable, summaryTable } from '../src/core/reports/reports';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import { checkSheets } from './helpers/check';

/**
 * The columns some provinces add (issue #25), on workbooks of our own (test/fixtures/systems/, written by exceljs
 * and re-saved by LibreOffice); every answer below is worked out by hand from make-systems.ts.
 */
const DIR = path.join(__dirname, 'fixtures', 'systems');

async function forms(file: string): Promise<FormResult[]> {
  const sheets = await (await openWorkbookFile(path.join(DIR, file))).readSheets('all');
  return checkSheets(sheets, BUILT_IN_PROFILES.national);
}

const findings = (form: FormResult) => form.findings.map((f) => `${f.rule}@${f.cell}`).sort();

describe.each(['', '-libreoffice'])('system columns (writer%s)', (writer) => {
  it('调整后指标值: scored against the adjusted target; a dropped one (取消) is not scored', async () => {
    const [clean, wrong] = await forms(`adjusted-targets${writer}.xlsx`);
    // 培训农户人次: 420 misses 年初 ≥500 but meets the adjusted ≥400; 满意度 87% meets the adjusted ≥85%.
    expect(findings(clean)).toEqual([]);
    expect(clean.indicators.map((i) => [i.name, i.status, !!i.dropped])).toEqual([
      ['培训农户人次', 'met', false],
      ['技术到位率', 'met', false],
      ['示范基地建成时间', 'unknown', true],
      ['亩均增收', 'met', false],
      ['推广服务机制', 'met', false],
      ['农户满意度', 'met', false],
    ]);
    expect(clean.total).toMatchObject({ declared: 100, computed: 100 });
    // Adjusted to ≥450 and still missed with full marks: that is what the reviewer is told.
    expect(findings(wrong)).toEqual(['target-missed-full-score@H9']);
  });

  it('扣减分数: the total is the scores less the deductions; one above its score breaks the total', async () => {
    const [clean, wrong] = await forms(`deductions${writer}.xlsx`);
    // 60 公斤 against ≥50 公斤: 120 % or more, flagged for review (the systems' 通版, #33).
    expect(findings(clean)).toEqual(['overachievement-review@G11']);
    expect(clean.indicators.map((i) => i.deduction)).toEqual([2, null, null, null]);
    expect(clean.total).toMatchObject({ declared: 98, computed: 98 });
    expect(findings(wrong)).toEqual(['deduction-exceeds-score@H10', 'overachievement-review@G11']);
    expect(wrong.total.computed).toBeNull();
  });

  it('weights stated by 一级 labels and a category line, 成本指标 and a negative actual, as the systems check them', async () => {
    const [clean, wrong] = await forms(`levels-and-costs${writer}.xlsx`);
    // 4 % against ≥3 %: 120 % or more, flagged for review (the systems' 通版, #33).
    expect(findings(clean)).toEqual(['overachievement-review@G13']);
    expect(clean.total).toMatchObject({ declared: 100, computed: 100 });
    // 产出 states 50 and its rows add up to 55 (the saving's weight 15); 满意度's category line states 12 for 10.
    expect(findings(wrong)).toEqual(
      [
        'level-weights-mismatch@A9',
        'level-weights-mismatch@F16',
        // ≥ 0.9 万元 is a floor; 120 万元 is above the 100 万元 of funds; `≤3` says neither money nor a rate.
        'cost-target-direction@D11',
        'cost-exceeds-budget@D12',
        'cost-target-unit@D13',
        // −2 起 against ≥ 0 起: the systems take a negative actual as 0, which meets the target (#33): full marks stand.
        // What follows from the errors above: a floor missed with full marks, the saving's weight and total.
        'target-missed-full-score@G11',
        'quantitative-score-mismatch@G13',
        'reason-missing@H13',
        'weights-total@F18',
        'total-mismatch@G18',
      ].sort(),
    );
  });

  it('部门整体: 权重 × 得分系数（%）checked (Chongqing), a 评分标准 column read beside the weights (Anhui)', async () => {
    const [chongqing, wrong, anhui] = await forms(`department${writer}.xlsx`);
    expect([chongqing, wrong, anhui].map((f) => f.kind)).toEqual(Array(3).fill('department-evaluation'));
    // 10 + 20 + 30 × 90% + 30, with the budget line's 10.
    expect(findings(chongqing)).toEqual([]);
    expect(chongqing.total).toMatchObject({ declared: 97, computed: 97 });
    expect(chongqing.grade.computed).toBe('优');
    expect(findings(wrong)).toEqual(['coefficient-score-mismatch@H9', 'total-mismatch@H11']);
    // 规划 10 + 执行 19 + 20 + 效果 30 + 18: weights from 分值, the 评分标准 texts left as they are.
    expect(anhui.indicators.map((i) => [i.weight, i.score])).toEqual([
      [10, 10],
      [20, 19],
      [20, 20],
      [30, 30],
      [20, 18],
    ]);
    expect(anhui.total).toMatchObject({ declared: 97, computed: 97 });
    expect(findings(anhui)).toEqual([]);
  });

  it('核查分数 (财政审核评分): at most the weight; the 复核 score and the reviewers’ total in the reports', async () => {
    const [clean, wrong] = await forms(`review-scores${writer}.xlsx`);
    expect(findings(clean)).toEqual([]);
    expect(clean.indicators.map((i) => i.reviewScore)).toEqual([28, 18, 20, 19]);
    // 28 + 18 + 20 + 19, with the budget line's 10.
    expect(reviewedTotal(clean)).toBe(95);
    expect(findings(wrong)).toEqual(['review-score-exceeds-weight@H10']);
    expect(reviewedTotal(wrong)).toBeNull();
    const files = [{ path: 'review-scores.xlsx', copy: null, error: null, results: [clean] }];
    const summary = summaryTable(files);
    expect(summary.rows[0][summary.columns.indexOf('核查总分')]).toBe(95);
    const review = reviewTable(files, BUILT_IN_PROFILES.national);
    expect(review.rows.map((r) => r[review.columns.indexOf('复核得分')])).toEqual([28, 18, 20, 19]);
  });
});
