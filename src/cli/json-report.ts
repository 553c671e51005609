import { assertNever } from '../core/sheet/never';
import type { FormResult } from '../core/check/form-result';
import type { DeclarationResult } from '../core/check/check-declaration';
import type { FormOutline, ScoredOutline } from '../core/check/kinds';
import type { UnrecognisedResult } from '../core/check/kinds';
import type { MonitoringResult } from '../core/check/check-monitoring';
import { reviewStatus, type Finding, type ReviewStatus } from '../core/rules/rules';
import {
  activeFindings,
  ignoredOf,
  isEmptyDecisions,
  verdictOf,
  type FormVerdict,
  type ReviewDecisions,
} from '../core/check/decisions';

/** One finding in the JSON contract (DOMAIN.md §6). */
export interface JsonFinding {
  rule: string;
  severity: string;
  cell: string;
  message: string;
  /** The reviewer's reason, where they ignored this finding (it then counts in no status). */
  ignored?: string;
}

/** The `--json` document of docs/SPECIFICATION.md §6 (extra fields are additive). */
export interface JsonFileReport {
  path: string;
  error: string | null;
  output?: string | null;
  /** The file's format when it was not .xlsx (e.g. `.xls（Excel 97–2003）`); its copy is an .xlsx. */
  format?: string;
  /** Why the annotated copy could not be written (the findings still stand). */
  writeError?: string;
  forms: Array<JsonFormReport | JsonDeclarationReport | JsonMonitoringReport | JsonUnrecognisedReport>;
}

export interface JsonDeclarationReport {
  sheet: string;
  range: string;
  /** What a reviewer must do: 通过, 需核对 (a warning about a score, the total or the grade), 需修改, 未识别. */
  status: ReviewStatus;
  kind: 'target-declaration';
  project: string | null;
  year: number | null;
  funds: DeclarationResult['funds'];
  indicators: DeclarationResult['indicators'];
  findings: JsonFormReport['findings'];
}

export interface JsonFormReport {
  sheet: string;
  range: string;
  /** What a reviewer must do: 通过, 需核对 (a warning about a score, the total or the grade), 需修改, 未识别. */
  status: ReviewStatus;
  /**
   * `self-evaluation` (项目支出绩效自评表), `department-evaluation` (部门整体支出绩效自评表 / 评价得分表) or
   * `common-indicators` (a scoring table of the older 共性指标 framework).
   */
  kind: FormResult['kind'];
  project: string | null;
  year: number | null;
  convention: FormResult['convention'];
  executionRate: number | null;
  total: FormResult['total'];
  grade: FormResult['grade'];
  findings: JsonFinding[];
}

/** A 绩效运行监控表: its 执行率 and its indicators with their likelihood of completion. */
export interface JsonMonitoringReport {
  sheet: string;
  range: string;
  /** What a reviewer must do: 通过, 需核对 (a warning about a score, the total or the grade), 需修改, 未识别. */
  status: ReviewStatus;
  kind: 'monitoring';
  project: string | null;
  year: number | null;
  executionRate: number | null;
  indicators: MonitoringResult['indicators'];
  findings: JsonFinding[];
}

export function formToJson(
  result: FormOutline,
): JsonFormReport | JsonDeclarationReport | JsonMonitoringReport | JsonUnrecognisedReport {
  switch (result.kind) {
    case 'target-declaration':
      return declarationToJson(result);
    case 'monitoring':
      return monitoringToJson(result);
    case 'unrecognised':
      return unrecognisedToJson(result);
    case 'self-evaluation':
    case 'department-evaluation':
    case 'common-indicators':
      return evaluationToJson(result);
    default:
      return assertNever(result);
  }
}

function monitoringToJson(result: MonitoringResult): JsonMonitoringReport {
  return {
    ...headOf(result, 'monitoring'),
    executionRate: result.executionRate,
    indicators: result.indicators,
    findings: findingsToJson(result.findings),
  };
}

/** A sheet that looks like a form but holds none the engine could read: reported, never left out. */
export interface JsonUnrecognisedReport {
  sheet: string;
  range: string;
  /** What a reviewer must do: 通过, 需核对 (a warning about a score, the total or the grade), 需修改, 未识别. */
  status: ReviewStatus;
  kind: 'unrecognised';
  project: null;
  reason: string;
  found: string[];
  missing: string[];
  findings: JsonFinding[];
}

function unrecognisedToJson(result: UnrecognisedResult): JsonUnrecognisedReport {
  const { reason, found, missing } = result.form;
  return {
    sheet: result.sheet,
    range: result.range,
    status: '未识别',
    kind: 'unrecognised',
    project: null,
    reason,
    found,
    missing,
    findings: findingsToJson(result.findings),
  };
}

function declarationToJson(result: DeclarationResult): JsonDeclarationReport {
  return {
    ...headOf(result, 'target-declaration'),
    funds: result.funds,
    indicators: result.indicators,
    findings: findingsToJson(result.findings),
  };
}

function evaluationToJson(result: ScoredOutline): JsonFormReport {
  return {
    ...headOf(result, result.form.kind),
    convention: result.convention,
    executionRate: result.executionRate,
    total: result.total,
    grade: result.grade,
    findings: findingsToJson(result.findings),
  };
}

/** What every read form's report starts with, in the contract's order: where it is, its status, kind, project, year. */
function headOf<Kind extends string>(
  result: Exclude<FormOutline, UnrecognisedResult>,
  kind: Kind,
): { sheet: string; range: string; status: ReviewStatus; kind: Kind; project: string | null; year: number | null } {
  const { sheet, range, findings, form } = result;
  return { sheet, range, status: reviewStatus(findings), kind, project: form.project, year: form.year };
}

/** A form's findings as the JSON contract states them (the row and column stay in the engine). */
function findingsToJson(findings: readonly Finding[]): JsonFinding[] {
  return findings.map(({ rule, severity, cell, message }) => ({ rule, severity, cell, message }));
}

/**
 * A form's JSON with the reviewer's decisions the workbook keeps: the status by the findings that still count,
 * each ignored finding with its reason, and the 审核结论 (`verdict`, `comment`).
 */
export function decidedFormToJson(
  result: FormOutline,
  decisions: ReviewDecisions | undefined,
): ReturnType<typeof formToJson> & { verdict?: FormVerdict; comment?: string } {
  const json = formToJson(result);
  if (isEmptyDecisions(decisions) || result.kind === 'unrecognised') return json;
  const book = decisions as ReviewDecisions;
  const decision = verdictOf(book, result);
  return {
    ...json,
    status: reviewStatus(activeFindings(result, book)),
    findings: result.findings.map((finding, i) => {
      const ignored = ignoredOf(book, result.sheet, finding);
      return ignored ? { ...json.findings[i], ignored: ignored.reason } : json.findings[i];
    }),
    ...(decision ? { verdict: decision.verdict, comment: decision.comment } : {}),
  };
}

/**
 * A file's `forms` as the JSON report writes them, indented as they stand in its document (`files[i].forms`), for
 * stringifyWithForms to set in place: written by JSON.stringify inside a document of the same depth, and cut out.
 */
export function formsJson(results: readonly FormOutline[], decisions: ReviewDecisions | undefined): string {
  const forms = results.map((result) => decidedFormToJson(result, decisions));
  const within = JSON.stringify({ files: [{ forms }] }, null, 1);
  return within.slice(FORMS_START.length, within.length - FORMS_END.length);
}

/** What JSON.stringify(…, null, 1) writes of a document with one file around that file's forms. */
const FORMS_START = '{\n "files": [\n  {\n   "forms": ';
const FORMS_END = '\n  }\n ]\n}';

/** This run's own mark: no cell's text, written as JSON, can be mistaken for a placeholder. */
const PLACEHOLDER_MARK = `\u0000forms ${Math.random().toString(36).slice(2)}`;

/** What stands for the `index`th forms made elsewhere (formsJson) in a document given to stringifyWithForms. */
export function formsPlaceholder(index: number): string {
  return `${PLACEHOLDER_MARK} ${index}`;
}

/**
 * `JSON.stringify(document, null, 1)` of a document in the report's shape (`files[i].forms`), with each
 * placeholder's forms (formsJson) set in its place: the text is the same as if the forms had been in the document.
 */
export function stringifyWithForms(document: unknown, forms: readonly string[]): string {
  let text = JSON.stringify(document, null, 1);
  forms.forEach((formsText, index) => {
    const placeholder = JSON.stringify(formsPlaceholder(index));
    const member = text.indexOf(`"forms": ${placeholder}`);
    if (member < 0) throw new Error(`报告中找不到第 ${index + 1} 个文件的表格位置（程序错误）`);
    const at = member + '"forms": '.length;
    text = `${text.slice(0, at)}${formsText}${text.slice(at + placeholder.length)}`;
  });
  return text;
}
