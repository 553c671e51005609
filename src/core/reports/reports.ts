import type { IndicatorAssessment } from '../check/form-result';
import { parseIndicatorValue } from '../read/indicator-value';
import type { Profile } from '../rules/profiles';
import { reviewStatus, RULES, SEVERITY_LABEL, type Finding, type RuleId } from '../rules/rules';
import { FORM_KIND_LABEL, isScored, type FormOutline, type ScoredOutline } from '../check/kinds';
import { activeFindings, ignoredFindings, verdictOf, type ReviewDecisions } from '../check/decisions';

/**
 * What a reviewer produces from a batch of received files (docs/SPECIFICATION.md §7), as tables of plain values:
 * the 汇总表 (a row per form and per unreadable file, and counts by rule) and the 复核底稿 (a row per
 * indicator with the profile's 复核得分). Hosts write them as workbooks; nothing here does I/O.
 */
export type ReportCell = string | number | null | { text: string; link: string };

export interface ReportTable {
  name: string;
  title: string;
  columns: string[];
  widths: number[];
  rows: ReportCell[][];
}

export interface ReportFile {
  path: string;
  /** The annotated copy, when one was written (the 汇总表 links to it). */
  copy: string | null;
  error: string | null;
  results: readonly FormOutline[];
  /** The reviewer's decisions on the file (ignored findings count nowhere; 审核结论 is a column of its own). */
  decisions?: ReviewDecisions | null;
}

/**
 * The 汇总表's columns: the key the code reads a row by (the desk, tests), the title the reviewer reads, the width in
 * characters. Landscape A4 holds about 130 character widths at 9 pt or more: long texts wrap instead of shrinking.
 */
export const SUMMARY_COLUMNS = [
  { key: 'file', title: '文件', width: 11 },
  { key: 'sheet', title: '工作表', width: 8 },
  { key: 'kind', title: '表单类型', width: 7 },
  { key: 'department', title: '主管部门', width: 8 },
  { key: 'unit', title: '实施单位', width: 8 },
  { key: 'project', title: '项目', width: 11 },
  { key: 'year', title: '年度', width: 5 },
  { key: 'declaredTotal', title: '填报总分', width: 5 },
  { key: 'computedTotal', title: '计算总分', width: 5 },
  { key: 'declaredGrade', title: '填报等级', width: 5 },
  { key: 'computedGrade', title: '计算等级', width: 5 },
  { key: 'executionRate', title: '执行率(%)', width: 5 },
  { key: 'errors', title: '错误', width: 4 },
  { key: 'warnings', title: '警告', width: 4 },
  { key: 'infos', title: '提示', width: 4 },
  { key: 'status', title: '状态', width: 7 },
  // The reviewers' own total, where the form has a 核查分数 / 财政审核评分 column filled for every indicator.
  { key: 'reviewedTotal', title: '核查总分', width: 5 },
  { key: 'ignored', title: '已忽略', width: 4 },
  { key: 'verdict', title: '审核结论', width: 5 },
  { key: 'comment', title: '审核意见', width: 12 },
] as const;

export type SummaryKey = (typeof SUMMARY_COLUMNS)[number]['key'];
/** One row of the 汇总表, by column key. */
export type SummaryRow = Record<SummaryKey, ReportCell>;

/** A row per form and per unreadable file, by column key. */
export function summaryRows(files: readonly ReportFile[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const file of files) {
    const name: ReportCell = file.copy ? { text: baseName(file.path), link: file.copy } : baseName(file.path);
    if (file.error) rows.push(unreadableSummaryRow(name, file.error));
    else for (const result of file.results) rows.push(formSummaryRow(name, result, file.decisions));
  }
  return rows;
}

export function summaryTable(files: readonly ReportFile[]): ReportTable {
  return {
    name: '汇总表',
    title: '项目支出绩效自评审核汇总表',
    columns: SUMMARY_COLUMNS.map((column) => column.title),
    widths: SUMMARY_COLUMNS.map((column) => column.width),
    rows: summaryRows(files).map((row) => SUMMARY_COLUMNS.map((column) => row[column.key])),
  };
}

/** A row with every column empty (a file shown before or without its forms starts from it). */
export function emptySummaryRow(): SummaryRow {
  return Object.fromEntries(SUMMARY_COLUMNS.map((column) => [column.key, null])) as SummaryRow;
}

/** A file that could not be read: its name and the reason, in the 状态 column. */
function unreadableSummaryRow(name: ReportCell, error: string): SummaryRow {
  return { ...emptySummaryRow(), file: name, status: `无法读取：${error}` };
}

/** A form's row: what it declares, what the engine computes, the findings that count and the reviewer's word. */
function formSummaryRow(
  name: ReportCell,
  result: FormOutline,
  decisions: ReviewDecisions | null | undefined,
): SummaryRow {
  const counts = { error: 0, warning: 0, info: 0 };
  const findings = activeFindings(result, decisions);
  for (const finding of findings) counts[finding.severity]++;
  const decision = decisions ? verdictOf(decisions, result) : undefined;
  const scored = isScored(result) ? result : null;
  return {
    file: name,
    sheet: result.sheet,
    kind: FORM_KIND_LABEL[result.kind],
    department: result.form.department ?? '',
    unit: scored?.form.implementingUnit ?? '',
    project: result.form.project ?? '',
    year: result.form.year,
    declaredTotal: scored?.total.declared ?? null,
    computedTotal: scored?.total.computed ?? null,
    declaredGrade: scored?.grade.declared ?? '',
    computedGrade: scored?.grade.computed ?? '',
    executionRate: scored?.executionRate ?? null,
    errors: counts.error,
    warnings: counts.warning,
    infos: counts.info,
    status: formStatus(result, findings),
    reviewedTotal: scored ? reviewedTotal(scored) : null,
    ignored: result.findings.length - findings.length || null,
    verdict: decision?.verdict ?? '',
    comment: decision?.comment ?? '',
  };
}

/**
 * The total from the reviewers' 核查分数 (with the budget line's score where the form adds it), when every scored
 * indicator has one; null where the form has no such column or it is not filled in throughout.
 */
export function reviewedTotal(result: ScoredOutline): number | null {
  const counted = result.indicators.filter((i) => !i.dropped && (i.weight !== null || i.score !== null));
  const unusable = (i: IndicatorAssessment) =>
    i.reviewScore === null || i.reviewScore === undefined || (i.weight !== null && i.reviewScore > i.weight + 1e-9);
  if (counted.length === 0 || counted.some(unusable)) return null;
  const indicators = counted.reduce((sum, i) => sum + (i.reviewScore ?? 0), 0);
  const budget =
    result.convention === 'budget-included' ? (result.budgetScore.declared ?? result.budgetScore.expected ?? 0) : 0;
  return round2(indicators + budget);
}

/** A form's status: 未识别 (with the reason) for a sheet no form was read in, else by the findings that count. */
function formStatus(result: FormOutline, findings: readonly Finding[]): string {
  if (result.kind === 'unrecognised') return `未识别：${result.form.reason}`;
  return reviewStatus(findings);
}

/** How often each rule fired across the batch: what goes wrong most often, first. */
export function ruleCountTable(files: readonly ReportFile[]): ReportTable {
  const counts = new Map<RuleId, { findings: number; files: Set<string> }>();
  for (const file of files) {
    for (const result of file.results) {
      for (const finding of result.findings) {
        const entry = counts.get(finding.rule) ?? { findings: 0, files: new Set<string>() };
        entry.findings++;
        entry.files.add(file.path);
        counts.set(finding.rule, entry);
      }
    }
  }
  const rows = [...counts.entries()]
    .sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]))
    // What a reviewer reads and signs: the rule in words (its id is for the JSON only).
    .map(([rule, entry]): ReportCell[] => [
      RULES[rule].title,
      SEVERITY_LABEL[RULES[rule].severity],
      entry.findings,
      entry.files.size,
    ]);
  return {
    name: '按规则统计',
    title: '各类问题出现次数',
    columns: ['问题', '级别', '次数', '涉及文件数'],
    widths: [40, 10, 10, 12],
    rows,
  };
}

const REVIEW_COLUMNS = [
  '文件',
  '工作表',
  '项目',
  '行',
  '一级指标',
  '二级指标',
  '三级指标',
  '指标性质',
  '指标值',
  '度量单位',
  '权重',
  '自评完成值',
  '自评得分',
  '复核得分',
  '偏离度',
  '备注',
];

/** Every indicator of every scored form, with the score the profile gives it and the findings on its row. */
export function reviewTable(files: readonly ReportFile[], profile: Profile): ReportTable {
  const rows: ReportCell[][] = [];
  for (const file of files) {
    for (const result of file.results) {
      if (result.kind === 'unrecognised') rows.push(unrecognisedReviewRow(file, result.sheet, result.form.reason));
      if (!isScored(result)) continue;
      for (const indicator of result.indicators) rows.push(reviewRow(file, result, indicator, profile));
      const verdict = file.decisions ? verdictOf(file.decisions, result) : undefined;
      if (verdict) rows.push(verdictReviewRow(file, result, verdict.verdict, verdict.comment));
    }
  }
  return {
    name: '复核底稿',
    title: '项目支出绩效自评复核底稿',
    columns: REVIEW_COLUMNS,
    widths: [12, 8, 11, 4, 7, 8, 12, 5, 7, 6, 5, 8, 6, 6, 6, 20],
    rows,
  };
}

function reviewRow(
  file: ReportFile,
  result: ScoredOutline,
  indicator: IndicatorAssessment,
  profile: Profile,
): ReportCell[] {
  const target = parseIndicatorValue(indicator.target);
  const operator =
    target.kind === 'quantitative'
      ? (OPERATOR_SIGNS[target.operator ?? ''] ?? '')
      : target.kind === 'qualitative'
        ? '定性'
        : '';
  const review = reviewScore(indicator, profile);
  const notes = activeFindings(result, file.decisions)
    .filter((f) => f.row === indicator.row)
    .map((f) => `【${SEVERITY_LABEL[f.severity]}】${f.message}`);
  for (const { finding, reason } of ignoredFindings(result, file.decisions))
    if (finding.row === indicator.row) notes.push(`【已忽略：${reason}】${finding.message}`);
  return [
    baseName(file.path),
    result.sheet,
    result.form.project ?? '',
    indicator.row,
    indicator.level1,
    indicator.level2,
    indicator.name,
    operator,
    target.kind === 'quantitative' ? target.value : target.kind === 'qualitative' ? target.text : '',
    target.kind === 'quantitative' ? (target.unit ?? '') : '',
    indicator.weight,
    indicator.actual,
    indicator.score,
    review,
    review !== null && indicator.score !== null ? round2(review - indicator.score) : null,
    notes.join('\n'),
  ];
}

/** The reviewer's 审核结论 on a form, after its indicators. */
function verdictReviewRow(file: ReportFile, result: FormOutline, verdict: string, comment: string): ReportCell[] {
  const cells: ReportCell[] = REVIEW_COLUMNS.map(() => null);
  cells[0] = baseName(file.path);
  cells[1] = result.sheet;
  cells[2] = result.form.project ?? '';
  cells[REVIEW_COLUMNS.length - 1] = `【审核结论：${verdict}】${comment}`;
  return cells;
}

/** A sheet no form was read in: one row, so that the 复核底稿 shows it was not reviewed. */
function unrecognisedReviewRow(file: ReportFile, sheet: string, reason: string): ReportCell[] {
  const cells: ReportCell[] = REVIEW_COLUMNS.map(() => null);
  cells[0] = baseName(file.path);
  cells[1] = sheet;
  cells[2] = '（未识别的表格）';
  cells[REVIEW_COLUMNS.length - 1] = `【未识别】${reason}`;
  return cells;
}

const OPERATOR_SIGNS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=', '': '' };

/**
 * The score the profile gives an indicator: full marks when met, the formula's score when a quantitative
 * target is missed, the entered score kept within its qualitative band, else the entered score.
 */
export function reviewScore(indicator: IndicatorAssessment, profile: Profile): number | null {
  if (indicator.dropped) return null;
  // The reviewers' own 核查分数, where the form has it filled, is the 复核 score.
  if (indicator.reviewScore !== null && indicator.reviewScore !== undefined) return indicator.reviewScore;
  const { weight, score } = indicator;
  if (weight === null) return score;
  if (indicator.expectedScore !== null && indicator.status === 'missed') return indicator.expectedScore;
  if (indicator.qualitativeLevel !== null) {
    const [low, high] = profile.qualitativeBands[indicator.qualitativeLevel];
    const clamp = (value: number) => round2(Math.min(Math.max(value, (weight * low) / 100), (weight * high) / 100));
    return score === null ? round2((weight * high) / 100) : clamp(score);
  }
  if (indicator.status === 'met') return weight;
  return score === null ? null : Math.min(score, weight);
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Every finding of every file as CSV text for 问题清单.csv: UTF-8 with a byte-order mark and CRLF lines,
 * so Excel opens it with readable Chinese; an unreadable file is one row.
 */
/** Every finding of every file, a row each (an unreadable file one row): the 问题清单, as CSV and printed. */
export function findingsTable(files: readonly FindingsFile[]): ReportTable {
  const rows: ReportCell[][] = [];
  for (const file of files) {
    if (file.error) {
      rows.push([file.path, '', '', '', '', SEVERITY_LABEL.error, '无法读取', `无法读取：${file.error}`, '']);
      continue;
    }
    for (const result of file.results) {
      const ignored = new Map(ignoredFindings(result, file.decisions).map((i) => [i.finding, i.reason]));
      for (const finding of result.findings) {
        const where = [file.path, result.sheet, result.range, result.form.project ?? '', finding.cell];
        const handled = ignored.has(finding) ? `已忽略：${ignored.get(finding)}` : '';
        // The rule in words, as a reviewer reads it (the id is for the JSON only).
        rows.push([...where, SEVERITY_LABEL[finding.severity], RULES[finding.rule].title, finding.message, handled]);
      }
    }
  }
  return {
    name: '问题清单',
    title: '问题清单',
    columns: ['文件', '工作表', '表单', '项目', '单元格', '级别', '问题类型', '问题', '审核处理'],
    widths: [20, 12, 10, 18, 8, 6, 16, 40, 16],
    rows,
  };
}

type FindingsFile = Pick<ReportFile, 'path' | 'error' | 'results' | 'decisions'>;

export function findingsCsv(files: readonly FindingsFile[]): string {
  const table = findingsTable(files);
  const lines = [table.columns.join(','), ...table.rows.map((row) => csvRow(row.map((cell) => cellText(cell))))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cellText(cell: ReportCell): string {
  return cell === null ? '' : typeof cell === 'object' ? cell.text : String(cell);
}

/**
 * One CSV line. A field starting with = + - @ or a tab / carriage return would be read as a formula by Excel
 * and LibreOffice (a project named `=HYPERLINK(…)`): it gets a leading apostrophe, which they show as text.
 */
function csvRow(cells: string[]): string {
  return cells
    .map((text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text))
    .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(',');
}
