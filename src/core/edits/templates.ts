import { remedyOf } from '../rules/rules';
import type { z as Zod } from 'zod/mini';
import { issuePlace, jsonFileData, loadValidator } from '../sheet/validator';
import type { FormResult, IndicatorAssessment } from '../check/form-result';
import type { CheckedForm } from '../check/workbook';
import { type SetValueEdit } from './edits';
import { clampText } from './excel-limits';
import builtIn from './reason-templates.json';
import { formatNumber, normaliseLabel } from '../sheet/text';

/**
 * 偏差原因分析 templates: a cause, then a measure, in the house style of the seeds. The built-in
 * library is JSON; a user's own templates come from storage or a shared file and are validated
 * the same way before use.
 */
export interface ReasonTemplate {
  id: string;
  title: string;
  appliesTo: {
    level1?: string[];
    level2?: string[];
    keywords?: string[];
    /** Only for rows whose target was (not) met. */
    status?: Array<'met' | 'missed' | 'unknown'>;
    /** Offered, after the fitting ones, when fewer than three fit (a general-purpose cause). */
    fallback?: boolean;
  };
  /** Placeholders: {指标} {指标值} {实际值} {分值} {得分} {扣分}. */
  text: string;
  /** True for a user's own template. */
  custom?: boolean;
}

export interface TemplateFile {
  version: 1;
  templates: ReasonTemplate[];
}

export const PLACEHOLDERS = ['指标', '指标值', '实际值', '分值', '得分', '扣分'] as const;

let fileSchema: Zod.ZodMiniType<TemplateFile> | null = null;

/** Built on first use so that checking alone never loads the validator (zod/mini: a small pane script). */
async function schema(): Promise<Zod.ZodMiniType<TemplateFile>> {
  if (!fileSchema) {
    const z = await loadValidator();
    const word = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));
    const words = z.array(word).check(z.maxLength(40));
    const placeholdersOnly = (text: string) =>
      [...text.matchAll(/\{([^{}]*)\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]));
    const template = z.strictObject({
      id: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
      title: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
      appliesTo: z.strictObject({
        level1: z.optional(words),
        level2: z.optional(words),
        keywords: z.optional(words),
        status: z.optional(z.array(z.enum(['met', 'missed', 'unknown']))),
        fallback: z.optional(z.boolean()),
      }),
      text: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(2000),
          z.refine(placeholdersOnly, { message: `占位符只能是 ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` }),
        ),
      custom: z.optional(z.boolean()),
    });
    fileSchema = z.strictObject({
      version: z.literal(1),
      templates: z.array(template).check(z.maxLength(500)),
    }) as unknown as Zod.ZodMiniType<TemplateFile>;
  }
  return fileSchema;
}

export class TemplateError extends Error {}

/** Validate a template file's parsed JSON; a bad one is rejected naming the problem in Chinese. */
export async function parseTemplateFile(data: unknown, source = '模板文件'): Promise<TemplateFile> {
  const result = (await schema()).safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issuePlace(issue.path, FIELD_NAMES);
    throw new TemplateError(`${source}无效：${where}：${describeTemplateIssue(issue.code, issue.message)}`);
  }
  const ids = new Set<string>();
  for (const template of result.data.templates) {
    if (ids.has(template.id)) throw new TemplateError(`${source}无效：模板标识「${template.id}」重复`);
    ids.add(template.id);
  }
  return result.data;
}

/** Parse template JSON text (an exported file); never throws anything but TemplateError. */
export async function parseTemplateText(text: string, source = '模板文件'): Promise<TemplateFile> {
  const file = jsonFileData(text);
  if (!file) throw new TemplateError(`${source}不是有效的 JSON 文件`);
  return parseTemplateFile(file.data, source);
}

const FIELD_NAMES: Record<string, string> = {
  templates: '模板列表',
  id: '标识 id',
  title: '标题 title',
  text: '文本 text',
  appliesTo: '适用范围 appliesTo',
  keywords: '关键词 keywords',
  level1: '一级指标 level1',
  level2: '二级指标 level2',
  status: '完成情况 status',
  version: '版本 version',
};

function describeTemplateIssue(code: string, message: string): string {
  if (code === 'invalid_type') return '缺失或类型不对';
  if (code === 'too_small') return '不能为空';
  if (code === 'too_big') return '太长或太多';
  if (code === 'unrecognized_keys') return '包含未知字段';
  if (code === 'invalid_value') return '取值不对';
  return message;
}

/** The library shipped with the code (its file is validated by the tests, not at every start). */
export function builtInTemplates(): ReasonTemplate[] {
  return (builtIn as TemplateFile).templates;
}

export interface Suggestion {
  template: ReasonTemplate;
  score: number;
  text: string;
}

/** Templates ranked by fit for one indicator row, best first. */
export function suggest(row: IndicatorAssessment, templates: readonly ReasonTemplate[], limit = 3): Suggestion[] {
  const name = normaliseLabel(row.name);
  const level1 = normaliseLabel(row.level1);
  const level2 = normaliseLabel(row.level2);
  const scored = templates.map((template, order) => {
    const { appliesTo } = template;
    if (appliesTo.status && !appliesTo.status.includes(row.status)) return { template, score: -1, order };
    let score = 0;
    // The indicator's own words say most; then its 二级 and 一级 category.
    for (const keyword of appliesTo.keywords ?? []) if (name.includes(normaliseLabel(keyword))) score += 6;
    if (
      appliesTo.level2?.some(
        (l) => level2 !== '' && (level2.includes(normaliseLabel(l)) || normaliseLabel(l).includes(level2)),
      )
    )
      score += 4;
    if (appliesTo.level1?.some((l) => level1 !== '' && level1.includes(normaliseLabel(l)))) score += 2;
    // A met/missed condition sharpens a fit; alone it says nothing about the indicator.
    if (score > 0 && appliesTo.status?.includes(row.status)) score += 2;
    return { template, score, order };
  });
  // A unit's own template that fits at all comes before the built-in ones: that is why it was written.
  const fitting = scored
    .filter((s) => s.score > 0)
    .sort(
      (a, b) => Number(!!b.template.custom) - Number(!!a.template.custom) || b.score - a.score || a.order - b.order,
    );
  const general = scored.filter((s) => s.score === 0 && s.template.appliesTo.fallback);
  return [...fitting, ...general]
    .slice(0, limit)
    .map(({ template, score }) => ({ template, score, text: fillTemplate(template, row) }));
}

/** The template's text with the row's values in its placeholders. */
export function fillTemplate(template: ReasonTemplate, row: IndicatorAssessment): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    指标: row.name || `第 ${row.row} 行指标`,
    指标值: row.target || '—',
    实际值: row.actual || '—',
    分值: row.weight === null ? '—' : formatNumber(row.weight),
    得分: row.score === null ? '—' : formatNumber(row.score),
    扣分: row.pointsLost === null ? '—' : formatNumber(row.pointsLost),
  };
  return clampText(
    template.text.replace(/\{([^{}]*)\}/g, (whole, key: string) =>
      key in values ? values[key as keyof typeof values] : whole,
    ),
  );
}

/**
 * Rows whose deviation cell a reason template answers: the findings the catalogue gives that remedy
 * (`remedy: 'reason'`: a deduction without a reason, or — where a profile asks — an over-achievement).
 */
export function rowsMissingReason(result: FormResult): IndicatorAssessment[] {
  const cells = new Set(result.findings.filter((f) => remedyOf(f.rule) === 'reason').map((f) => f.cell));
  return result.indicators.filter((row) => row.reasonCell !== null && cells.has(row.reasonCell));
}

export interface ReasonFill extends SetValueEdit {
  template: ReasonTemplate;
}

/** One write for every missing reason: the best suggestion, into empty cells only. */
export function reasonEdits(results: readonly CheckedForm[], templates: readonly ReasonTemplate[]): ReasonFill[] {
  const edits: ReasonFill[] = [];
  const general = templates.find((t) => t.id === 'target-setting') ?? templates[0];
  for (const result of results) {
    if (result.kind !== 'self-evaluation') continue;
    const over = new Set(result.findings.filter((f) => f.rule === 'overachievement-reason-missing').map((f) => f.cell));
    const overTemplate = templates.find((t) => t.id === 'overachievement');
    for (const row of rowsMissingReason(result)) {
      const template =
        (row.reasonCell && over.has(row.reasonCell) ? overTemplate : undefined) ??
        suggest(row, templates, 1)[0]?.template ??
        general;
      if (template && row.reasonCell) {
        edits.push({
          type: 'set-value',
          sheet: result.sheet,
          cell: row.reasonCell,
          value: fillTemplate(template, row),
          mode: 'if-empty',
          template,
        });
      }
    }
  }
  return edits;
}

/**
 * The results as they stand once the fills are written: each filled `reason-missing` becomes a
 * `reason-filled` hint asking the user to review the text.
 */
export function afterReasonFills<T extends CheckedForm>(results: readonly T[], fills: readonly ReasonFill[]): T[] {
  const byCell = new Map(fills.map((fill) => [`${fill.sheet}!${fill.cell}`, fill]));
  return results.map((result) => ({
    ...result,
    findings: result.findings.map((finding) => {
      const fill = remedyOf(finding.rule) === 'reason' ? byCell.get(`${result.sheet}!${finding.cell}`) : undefined;
      return fill
        ? {
            ...finding,
            rule: 'reason-filled' as const,
            severity: 'info' as const,
            message: `偏差原因已按模板「${fill.template.title}」填写，请核对、修改后再报送`,
          }
        : finding;
    }),
  }));
}

/** What a user types into the template editor, before it becomes a template. */
export interface TemplateFields {
  title: string;
  keywords: string[];
  level2: string[];
  text: string;
}

/** Placeholders in a text that the engine does not know ({指标} is one, {项目} is not). */
export function unknownPlaceholders(text: string): string[] {
  const found: string[] = [];
  const pattern = /\{([^{}]*)\}/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1])) found.push(`{${match[1]}}`);
  }
  return found;
}

/**
 * Each field's problem in plain Chinese, shown next to that field (the same limits as the file
 * schema, so a template that passes here is always saved).
 */
export function templateFieldProblems(fields: TemplateFields): Partial<Record<keyof TemplateFields, string>> {
  const problems: Partial<Record<keyof TemplateFields, string>> = {};
  const title = fields.title.trim();
  if (!title) problems.title = '请填写标题。';
  else if (title.length > 60) problems.title = `标题最多 60 个字，现在 ${title.length} 个。`;
  for (const key of ['keywords', 'level2'] as const) {
    const long = fields[key].find((word) => word.length > 40);
    if (long) problems[key] = `「${long.slice(0, 10)}…」太长：每个词最多 40 个字。`;
    else if (fields[key].length > 40) problems[key] = '最多 40 个词。';
  }
  const unknown = unknownPlaceholders(fields.text);
  if (!fields.text.trim()) problems.text = '请填写文本。';
  else if (fields.text.length > 2000) problems.text = `文本最多 2000 个字，现在 ${fields.text.length} 个。`;
  else if (unknown.length)
    problems.text = `不认识的占位符 ${unknown.join(' ')}：可用的是 ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}。`;
  return problems;
}
