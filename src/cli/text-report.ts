import { FORM_KIND_LABEL, isScored, type FormOutline } from '../core/check/kinds';
import { activeFindings, ignoredFindings, verdictText, type ReviewDecisions } from '../core/check/decisions';
import { REVIEW_STATUS_NOTE, reviewStatus, RULES, SEVERITY_LABEL, type Severity } from '../core/rules/rules';
import { formatNumber } from '../core/sheet/text';

const ICONS: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

export interface FileOutcome {
  path: string;
  error: string | null;
  results: FormOutline[];
  output: string | null;
  skipped: number;
  /** The copy's usual name, when a file of that name was already there and the copy got another. */
  renamedFrom?: string;
  /** How many 得分 the copy got from 建议得分 (`--fill-scores`). */
  scoresFilled?: number;
  /** The format the file came in when not .xlsx (its copy is an .xlsx all the same). */
  convertedFrom?: string;
  /** Why the copy could not be written; the file's findings still stand. */
  writeError?: string;
  /** A fingerprint of the bytes checked: the copy is written only from the same content. */
  digest?: string;
  /** The reviewer's decisions the workbook keeps (a copy marked and decided on the page or in the pane). */
  decisions?: ReviewDecisions;
  /** Checked for a run that writes no reports: the 自评表 outlines lack their assessed indicators (outlineOf). */
  brief?: boolean;
  /** Cross-checked where it was checked (the run's only file): the batch has nothing to add. */
  crossChecked?: boolean;
  /** Its report, made where it was checked (RenderedReport): `results` are then left there. */
  rendered?: RenderedReport;
}

/**
 * The report of a run's only file, made in its checking process when nothing after the check can change it (it is
 * cross-checked there, and no copy is written): the report's text travels instead of every form's outline, which
 * took the batch's process longer to receive than to write out. With it, what the batch still needs of the forms.
 */
export interface RenderedReport {
  /** `json`: the file's `forms` as the JSON report lists them (formsJson); `text`: the file's report (fileReport). */
  format: 'json' | 'text';
  report: string;
  /** Whether some form needs a reviewer's look (the exit status). */
  needsLook: boolean;
  tally: Tally;
}

/** What the summary line counts of a file's forms. */
export interface Tally {
  forms: number;
  declarations: number;
  monitoring: number;
  unrecognised: number;
  findings: Record<Severity, number>;
}

/** A form a reviewer must look at: one not read (未识别), or one with an error. */
export function needsLook(result: FormOutline): boolean {
  return result.kind === 'unrecognised' || result.findings.some((finding) => finding.severity === 'error');
}

export function tallyOf(results: readonly FormOutline[]): Tally {
  const tally: Tally = {
    forms: results.length,
    declarations: 0,
    monitoring: 0,
    unrecognised: 0,
    findings: { error: 0, warning: 0, info: 0 },
  };
  for (const result of results) {
    if (result.kind === 'target-declaration') tally.declarations++;
    if (result.kind === 'monitoring') tally.monitoring++;
    if (result.kind === 'unrecognised') tally.unrecognised++;
    for (const finding of result.findings) tally.findings[finding.severity]++;
  }
  return tally;
}

/** The readable Chinese report of one file, grouped by form. */
export function fileReport(outcome: FileOutcome): string {
  const lines: string[] = [`■ 文件：${outcome.path}`];
  if (outcome.error) {
    lines.push(`  ✖ 无法读取：${outcome.error}`);
    return lines.join('\n');
  }
  if (outcome.results.length === 0)
    lines.push('  未找到项目支出绩效自评表（需要包含“三级指标 / 分值 / 得分”表头的表格）。');
  outcome.results.forEach((result, index) => {
    const form = result.form;
    const kind = FORM_KIND_LABEL[result.kind];
    lines.push(`  ▶ 第 ${index + 1} 张表（${kind}）：工作表「${result.sheet}」${result.range}`);
    lines.push(`    项目：${form.project ?? '（未识别到项目名称）'}${form.year ? `（${form.year} 年度）` : ''}`);
    if (result.kind === 'target-declaration') {
      const { funds } = result;
      lines.push(
        `    资金：${funds.total === null ? '—' : `${formatNumber(funds.total)}${funds.unit}`}${funds.components === null ? '' : `（明细合计 ${formatNumber(funds.components)}${funds.unit}）`} ｜ 绩效指标 ${result.indicators.length} 个`,
      );
      appendFindings(lines, result, outcome.decisions);
      return;
    }
    if (result.kind === 'monitoring') {
      const rate = result.executionRate === null ? '—' : `${formatNumber(result.executionRate)}%`;
      lines.push(`    执行率：${rate} ｜ 绩效指标 ${result.indicators.length} 个`);
    }
    if (!isScored(result)) {
      appendFindings(lines, result, outcome.decisions);
      return;
    }
    const convention = result.convention === 'budget-included' ? '含预算执行率' : '仅指标得分';
    const computed =
      result.total.computed === null
        ? '—（有得分无效，无法计算）'
        : `${formatNumber(result.total.computed)}（${convention}）`;
    lines.push(`    总分：填报 ${show(result.total.declared)} ｜ 计算 ${computed}`);
    lines.push(
      `    评分等级：填报 ${result.grade.declared ?? '—'} ｜ 计算 ${result.grade.computed ?? '—'}${result.executionRate !== null ? ` ｜ 执行率 ${formatNumber(result.executionRate)}%` : ''}`,
    );
    appendFindings(lines, result, outcome.decisions);
  });
  if (outcome.output)
    lines.push(
      `  → 已写出带标记的副本：${outcome.output}${outcome.skipped ? `（${outcome.skipped} 处因单元格已有内容未填写）` : ''}`,
    );
  if (outcome.output && outcome.scoresFilled)
    lines.push(`    （按评分规则建议了 ${outcome.scoresFilled} 个得分，定性指标取档次上限，请核对）`);
  if (outcome.output && outcome.convertedFrom)
    lines.push(`    （原文件为 ${outcome.convertedFrom} 格式，副本存为 .xlsx 格式，原文件不变）`);
  if (outcome.output && outcome.renamedFrom)
    lines.push(`    （已有同名文件「${outcome.renamedFrom}」，未覆盖，副本另存为上面的名字）`);
  if (outcome.writeError) lines.push(`  ✖ ${outcome.writeError}`);
  return lines.join('\n');
}

function appendFindings(lines: string[], result: FormOutline, decisions: ReviewDecisions | undefined): void {
  const active = activeFindings(result, decisions);
  const status = reviewStatus(active, result.kind === 'unrecognised');
  const note = REVIEW_STATUS_NOTE[status];
  lines.push(`    状态：${status}${note ? `（${note}）` : ''}`);
  const verdict = verdictText(decisions, result);
  if (verdict) lines.push(`    审核结论：${verdict}`);
  if (result.findings.length === 0) lines.push('    ✔ 未发现问题');
  for (const { finding, reason } of ignoredFindings(result, decisions))
    lines.push(`    · 已忽略 ${finding.cell} ${RULES[finding.rule].title}（理由：${reason}）`);
  for (const finding of active) {
    lines.push(
      `    ${ICONS[finding.severity]} ${SEVERITY_LABEL[finding.severity]} ${finding.cell.padEnd(5)} ${RULES[finding.rule].title}：${finding.message}`,
    );
  }
}

/**
 * Text for a terminal: control characters from cells (an escape sequence such as `ESC[8m` could hide the lines
 * after it) are dropped; line breaks and tabs stay.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

export function summaryLine(outcomes: readonly FileOutcome[]): string {
  const total = tallyOf([]);
  let unreadable = 0;
  for (const outcome of outcomes) {
    if (outcome.error) unreadable++;
    const tally = outcome.rendered?.tally ?? tallyOf(outcome.results);
    total.forms += tally.forms;
    total.declarations += tally.declarations;
    total.monitoring += tally.monitoring;
    total.unrecognised += tally.unrecognised;
    for (const severity of ['error', 'warning', 'info'] as const) total.findings[severity] += tally.findings[severity];
  }
  const { forms, declarations, monitoring, unrecognised, findings } = total;
  const parts = [`共 ${outcomes.length} 个文件`, `${forms - declarations - unrecognised - monitoring} 张自评表`];
  if (declarations) parts.push(`${declarations} 张绩效目标申报表`);
  if (monitoring) parts.push(`${monitoring} 张绩效运行监控表`);
  if (unrecognised) parts.push(`${unrecognised} 张表格未识别（未检查，见上）`);
  if (unreadable) parts.push(`${unreadable} 个文件无法读取`);
  return `汇总：${parts.join('，')}；错误 ${findings.error} 项，警告 ${findings.warning} 项，提示 ${findings.info} 项。`;
}

function show(value: number | null): string {
  return value === null ? '—' : formatNumber(value);
}
