import { RULES, SEVERITY_LABEL, SEVERITY_ORDER, type RuleId, type Severity } from '../rules/rules';
import { quoteSheetName } from '../sheet/address';
import { formatNumber } from '../sheet/text';
import { FORM_KIND_LABEL, isScored, type CheckedForm } from '../check/kinds';
import { decidedResults, ignoredFindings, verdictText, type ReviewDecisions } from '../check/decisions';
import { clampText } from './excel-limits';

/** The 审核意见 sheet a marked copy gets: per form a heading (and the reviewer's 审核结论), then its findings with links to their cells. */

export interface ReviewRow {
  sheet: string;
  cell: string;
  severity: Severity;
  rule: RuleId;
  message: string;
  project: string;
}

export interface ReviewSheetEdit {
  type: 'review-sheet';
  name: string;
  columns: string[];
  /** One section per form, in reading order: a heading line (project, totals, grade), then its findings. */
  sections: ReviewSection[];
}

export interface ReviewSection {
  heading: string;
  rows: ReviewRow[];
}

/** One line of the 审核意见 sheet below its header row, as every host writes it. */
export interface ReviewLine {
  cells: Array<string | number>;
  /** The finding's cell, linked from the 单元格 column; null on heading lines. */
  link: { sheet: string; cell: string } | null;
  heading: boolean;
}

export const REVIEW_SHEET_NAME = '审核意见';

export const REVIEW_COLUMNS = ['序号', '工作表', '单元格', '级别', '问题', '说明', '项目'];

/**
 * The 审核意见 sheet's column widths (characters): about 130 in all, so landscape A4 prints it at full size;
 * every text wraps in its column, a form's heading line across all of them.
 */
export const REVIEW_COLUMN_WIDTHS = [5, 18, 7, 6, 14, 56, 24];

export function reviewSheetEdit(results: readonly CheckedForm[], decisions?: ReviewDecisions): ReviewSheetEdit {
  const sections = decidedResults(results, decisions).map((result, i): ReviewSection => {
    const rows = result.findings.map((finding) => ({
      sheet: result.sheet,
      cell: finding.cell,
      severity: finding.severity,
      rule: finding.rule,
      message: finding.message,
      project: result.form.project ?? '',
    }));
    rows.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return { heading: formHeading(result) + decisionsHeading(results[i], decisions), rows };
  });
  return { type: 'review-sheet', name: REVIEW_SHEET_NAME, columns: REVIEW_COLUMNS, sections };
}

/** A form's line above its findings: where it is, its project, totals and grade, and its counts. */
function formHeading(result: CheckedForm): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of result.findings) counts[finding.severity]++;
  const where = `「${result.sheet}」${result.range} ${FORM_KIND_LABEL[result.kind]}`;
  const project = `项目：${result.form.project ?? '（未识别）'}`;
  const number = (value: number | null) => (value === null ? '—' : formatNumber(value));
  const scores = !isScored(result)
    ? ''
    : `　总分：填报 ${number(result.total.declared)}，计算 ${result.total.computed === null ? '无法计算' : number(result.total.computed)}` +
      `　等级：填报 ${result.grade.declared ?? '—'}，计算 ${result.grade.computed ?? '—'}`;
  return `${where}　${project}${scores}　错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}`;
}

/** The reviewer's 审核结论 and what they ignored, after a form's heading. */
function decisionsHeading(result: CheckedForm, decisions: ReviewDecisions | undefined): string {
  const verdict = verdictText(decisions, result);
  const ignored = ignoredFindings(result, decisions);
  const ignoredText = ignored.map(({ finding, reason }) => `${finding.cell} ${RULES[finding.rule].title}（${reason}）`);
  return (
    (verdict ? `　审核结论：${verdict}` : '') +
    (ignored.length ? `　已忽略 ${ignored.length} 项：${ignoredText.join('；')}` : '')
  );
}

/** The sheet's lines below the header: each form's heading, then its findings numbered across the sheet. */
export function reviewSheetLines(edit: ReviewSheetEdit): ReviewLine[] {
  const lines: ReviewLine[] = [];
  let number = 0;
  for (const section of edit.sections) {
    lines.push({ cells: [clampText(section.heading), '', '', '', '', '', ''], link: null, heading: true });
    if (section.rows.length === 0)
      lines.push({ cells: ['', '', '', '', '', '未发现问题', ''], link: null, heading: false });
    for (const row of section.rows) {
      lines.push({ cells: reviewRowCells(row, number++), link: { sheet: row.sheet, cell: row.cell }, heading: false });
    }
  }
  if (lines.length === 0) lines.push({ cells: ['', '', '', '', '', '未发现问题', ''], link: null, heading: false });
  return lines;
}

/** The formula of a line's 单元格 cell: a link to the finding's cell in its sheet. */
export function reviewLinkFormula(link: { sheet: string; cell: string }): string {
  const target = `#${quoteSheetName(link.sheet)}!${link.cell}`;
  return `=HYPERLINK("${target.replace(/"/g, '""')}","${link.cell}")`;
}

/** The cells of one review row, in REVIEW_COLUMNS order (the 单元格 column is linked by the host). */
export function reviewRowCells(row: ReviewRow, index: number): Array<string | number> {
  return [
    index + 1,
    row.sheet,
    row.cell,
    SEVERITY_LABEL[row.severity],
    RULES[row.rule].title,
    row.message,
    row.project,
  ];
}
