import './compile-cache';
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import {
  BUILT_IN_PROFILES,
  builtInProfile,
  DEFAULT_PROFILE_ID,
  ProfileError,
  type Profile,
} from '../core/rules/profiles';
import type { CheckedFile, CheckOptions } from './check-files';
import { collectInputs, type Inputs } from './inputs';
import type { ReasonTemplate } from '../core/edits/templates';
import type { TaughtLayout } from '../core/recognise/layouts';
import { decidedFormToJson, formsPlaceholder, stringifyWithForms, type JsonFileReport } from './json-report';
import { ProgressBar } from './progress';
import { CheckPool } from './check-pool';
import { fileReport, needsLook, summaryLine, terminalSafe, type RenderedReport } from './text-report';

const USAGE = `用法：npm run check -- [--json] [--profile 名称|文件.json] [--layout 版式.json] [--out 目录] [--fill] 工作簿…（.xlsx、.xlsm、.xls、.et、.ods）

  --json          以 JSON 输出结果（标准输出只有一个 JSON 文档）
  --profile       评分规则：${Object.keys(BUILT_IN_PROFILES).join(' / ')}，或自定义规则 JSON 文件（默认 national）
  --out 目录      在该目录写出带标记的副本（问题单元格着色并加批注，另附“审核意见”工作表）；从不改动原文件
  --fill          与 --out 一起使用：在副本中填写空着的总分、评分等级和执行率
  --fill-scores   与 --out 一起使用：实际完成值已填、得分空着的指标，在副本中填写评分规则给出的得分（建议得分）
  --fill-reasons  与 --out 一起使用：在副本中为每个扣分却未写原因的指标填写最合适的偏差原因模板
  --fit-width     与 --out 一起使用：副本中每张表所在的工作表按一页宽打印（改动副本的打印设置；“清除标记”可恢复）
  --templates     自定义模板 JSON 文件（与内置模板一起使用；格式同任务窗格“导出模板”）
  --layout        表格版式 JSON 文件（任务窗格或网页“手动指定表格”后“导出版式”得到；可给多次）：表头与之相同的表格按其指定的列读取
  --version       显示版本号
  --help          显示本说明

退出状态：0 未发现错误；1 发现错误级问题，或有像是绩效表格却未能识别的工作表；2 有文件无法读取或参数有误。`;

type CliValues = {
  json: boolean;
  profile?: string;
  out?: string;
  fill: boolean;
  'fill-reasons': boolean;
  'fill-scores': boolean;
  'fit-width': boolean;
  templates?: string;
  layout?: string[];
  help: boolean;
  version: boolean;
};

interface Batch {
  outcomes: CheckedFile[];
  skipped: Inputs['skipped'];
  findingsList: string | null;
  reviewBooks: { summary: string | null; review: string | null } | null;
  /** Report files that could not be written, and why (in Chinese). */
  outputErrors: string[];
}

/**
 * Runs the command line on its arguments; the exit status. The first checking process starts while the arguments
 * are read and the files listed (main.ts starts it even before this module loads).
 */
export async function main(argv: string[], pool = new CheckPool().warm()): Promise<number> {
  try {
    return await run(argv, pool);
  } finally {
    await pool.close();
  }
}

async function run(argv: string[], pool: CheckPool): Promise<number> {
  let args: { values: CliValues; positionals: string[] };
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS }) as {
      values: CliValues;
      positionals: string[];
    };
  } catch (error) {
    process.stderr.write(`参数有误：${describeArgumentError(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help || values.version) {
    process.stdout.write(values.help ? `${USAGE}\n` : `绩效自评助手 ${version()}\n`);
    return 0;
  }
  const refusal = argumentRefusal(values, positionals);
  if (refusal) {
    process.stderr.write(refusal);
    return 2;
  }
  let reasonTemplates: ReasonTemplate[] | null = null;
  let profile: Profile;
  let layouts: TaughtLayout[];
  try {
    if (values['fill-reasons']) reasonTemplates = await loadTemplates(values.templates);
    profile = await loadProfile(values.profile);
    layouts = await loadLayouts(values.layout ?? []);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const outDir = values.out ? path.resolve(values.out) : null;
  const batch = await checkBatch(pool, positionals, values.json ? 'json' : 'text', {
    profile,
    outDir,
    fill: values.fill,
    fillScores: values['fill-scores'],
    fitWidth: values['fit-width'],
    reasonTemplates,
    layouts,
  });
  if (values.json) printJson(batch, profile, outDir !== null);
  else printText(batch, profile);
  const { outcomes } = batch;
  if (outcomes.some((o) => o.error || o.writeError) || batch.outputErrors.length > 0) return 2;
  // A sheet that looks like a form but was not read is never a clean result.
  return outcomes.some((o) => o.rendered?.needsLook ?? o.results.some(needsLook)) ? 1 : 0;
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  profile: { type: 'string' },
  out: { type: 'string' },
  fill: { type: 'boolean', default: false },
  'fill-reasons': { type: 'boolean', default: false },
  'fill-scores': { type: 'boolean', default: false },
  'fit-width': { type: 'boolean', default: false },
  templates: { type: 'string' },
  layout: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** Why the options cannot be run as given (in Chinese), or null. */
function argumentRefusal(values: CliValues, positionals: string[]): string | null {
  if (values.templates && !values['fill-reasons']) {
    return '--templates 只在 --fill-reasons 时使用（模板用于在副本中填写偏差原因）；请同时给出 --fill-reasons 和 --out，或去掉 --templates。\n';
  }
  if (positionals.length === 0) return `请给出至少一个要检查的工作簿文件。\n\n${USAGE}\n`;
  const copyOnly = (['fill', 'fill-reasons', 'fill-scores', 'fit-width'] as const).find((option) => values[option]);
  if (copyOnly && !values.out) return `--${copyOnly} 须与 --out 一起使用：本工具从不改动原文件，只在副本中填写。\n`;
  return null;
}

/**
 * Every file read and checked in the pool (with progress), cross-checked together, then the copies and the
 * reports made in the pool too (each under a file's budget) and written here, in the order of the files.
 */
async function checkBatch(
  pool: CheckPool,
  positionals: string[],
  format: RenderedReport['format'],
  options: CheckOptions,
): Promise<Batch> {
  const { files: inputFiles, skipped, unreadable } = collectInputs(positionals);
  const taken = new Set<string>(inputFiles.map((p) => path.resolve(p)));
  const progress = new ProgressBar(inputFiles.length);
  pool.resize(Math.min(pool.size, inputFiles.length));
  let done = 0;
  // A run that writes copies keeps each file's results for its copy; one that writes none takes brief outlines,
  // and its only file, if it has one, is cross-checked and reported where it is checked.
  const writes = options.outDir !== null;
  const alone = inputFiles.length === 1;
  const way = { keep: writes, brief: !writes, alone, ...(alone && !writes ? { render: format } : {}) };
  const outcomes: CheckedFile[] = await Promise.all(
    inputFiles.map(async (file) => {
      const outcome = await pool.check(file, options, way);
      progress.update(++done, path.basename(file));
      return outcome;
    }),
  );
  // Workbooks that could not even be opened (a name in GBK) are files that could not be read, like any other.
  for (const file of unreadable)
    outcomes.push({ path: file.path, error: file.reason, results: [], output: null, skipped: 0 });
  await crossCheckFiles(outcomes);
  const written = options.outDir ? await writeOutputs(pool, outcomes, options, options.outDir, taken) : null;
  progress.update(inputFiles.length, '完成');
  progress.done();
  return { outcomes, skipped, ...(written ?? { findingsList: null, reviewBooks: null, outputErrors: [] }) };
}

/** 自评表 and 申报表 of one project may come in different files: checked against each other across the batch. */
async function crossCheckFiles(outcomes: CheckedFile[]): Promise<void> {
  if (!outcomes.some((o) => o.results.some((r) => r.kind === 'target-declaration'))) return;
  // The only file of a run was cross-checked where it was checked (CheckWay's alone).
  if (outcomes.every((o) => o.crossChecked || o.results.length === 0)) return;
  const { crossCheck } = await import('../core/check/cross-check');
  const crossChecked = crossCheck(outcomes.flatMap((o) => o.results));
  for (const outcome of outcomes) outcome.results = crossChecked.splice(0, outcome.results.length);
}

/** The copies and the reports, made in the pool (each under a file's budget) and written here, in file order. */
async function writeOutputs(
  pool: CheckPool,
  outcomes: CheckedFile[],
  options: CheckOptions,
  outDir: string,
  taken: Set<string>,
): Promise<Pick<Batch, 'findingsList' | 'reviewBooks' | 'outputErrors'>> {
  const { reportFilesOf, saveCopy, saveReports } = await import('./batch-output');
  const copies = outcomes.map((o) => (o.error ? null : pool.copy(o, options)));
  for (const [index, copy] of copies.entries()) if (copy) await saveCopy(outcomes[index], await copy, outDir, taken);
  const date = new Date().toISOString().slice(0, 10);
  const made = await pool.reports({ files: reportFilesOf(outcomes), profile: options.profile, date });
  const reports = await saveReports(made, outDir, taken);
  return {
    findingsList: reports.csv.path,
    reviewBooks: { summary: reports.summary.path, review: reports.review.path },
    outputErrors: [reports.csv, reports.summary, reports.review].flatMap((o) => (o.error ? [o.error] : [])),
  };
}

function printJson(
  { outcomes, skipped, findingsList, reviewBooks, outputErrors }: Batch,
  profile: Profile,
  withOutput: boolean,
): void {
  // A file reported where it was checked brings its forms as text: a placeholder stands for them until written.
  const renderedForms: string[] = [];
  const files: Array<Omit<JsonFileReport, 'forms'> & { forms: JsonFileReport['forms'] | string }> = outcomes.map(
    (o) => ({
      path: o.path,
      error: o.error,
      ...(withOutput ? { output: o.output } : {}),
      ...(o.writeError ? { writeError: o.writeError } : {}),
      ...(o.convertedFrom ? { format: o.convertedFrom } : {}),
      forms:
        o.rendered?.format === 'json'
          ? formsPlaceholder(renderedForms.push(o.rendered.report) - 1)
          : o.results.map((result) => decidedFormToJson(result, o.decisions)),
    }),
  );
  const reports = {
    ...(findingsList ? { findingsList } : {}),
    ...(outputErrors.length ? { outputErrors } : {}),
    ...(reviewBooks ? { summaryWorkbook: reviewBooks.summary, reviewWorkbook: reviewBooks.review } : {}),
  };
  process.stdout.write(`${stringifyWithForms({ profile: profile.id, files, skipped, ...reports }, renderedForms)}\n`);
}

function printText({ outcomes, skipped, findingsList, reviewBooks, outputErrors }: Batch, profile: Profile): void {
  // Cells and file names may carry control characters: none reaches the terminal.
  const write = (text: string) => process.stdout.write(terminalSafe(text));
  write(`绩效自评助手 · 检查结果（评分规则：${profile.name}）\n\n`);
  for (const outcome of outcomes)
    write(`${outcome.rendered?.format === 'text' ? outcome.rendered.report : fileReport(outcome)}\n\n`);
  if (skipped.length) {
    const lines = skipped.map((s) => `  · ${s.path}：${s.reason}`).join('\n');
    write(`跳过的文件（${skipped.length}）：\n${lines}\n\n`);
  }
  if (findingsList) write(`问题清单：${findingsList}\n`);
  if (reviewBooks?.summary) write(`汇总表：${reviewBooks.summary}\n`);
  if (reviewBooks?.review) write(`复核底稿：${reviewBooks.review}\n`);
  for (const problem of outputErrors) write(`✖ ${problem}\n`);
  write(`${summaryLine(outcomes)}\n`);
}

/** Node's argument errors in words a user reads (its own text is English). */
function describeArgumentError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项「${option}」`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(message) ? `选项「${option}」不带值` : `选项「${option}」后面缺少值`;
  }
  return message;
}

function version(): string {
  try {
    // package.json is outside the compiled tree: read where the CLI runs from, not bundled.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return '（未知版本）';
  }
}

/** Built-in templates, with a user's own file first in line when given. */
async function loadTemplates(file: string | undefined): Promise<ReasonTemplate[]> {
  const { builtInTemplates, parseTemplateText } = await import('../core/edits/templates');
  if (!file) return builtInTemplates();
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new Error(`无法读取模板文件「${file}」`);
  }
  const own = (await parseTemplateText(text, `模板文件「${file}」`)).templates.map((t) => ({ ...t, custom: true }));
  return [...own, ...builtInTemplates()];
}

/** Every layout of every --layout file, validated; a bad file stops the run naming it. */
async function loadLayouts(files: readonly string[]): Promise<TaughtLayout[]> {
  const layouts: TaughtLayout[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new Error(`无法读取版式文件「${file}」`);
    }
    const { parseLayoutText } = await import('../core/recognise/layouts');
    layouts.push(...(await parseLayoutText(text, `版式文件「${file}」`)).layouts);
  }
  return layouts;
}

async function loadProfile(option: string | undefined): Promise<Profile> {
  const builtIn = builtInProfile(option);
  if (builtIn || option === undefined) return builtIn ?? BUILT_IN_PROFILES[DEFAULT_PROFILE_ID];
  const source = `评分规则文件「${option}」`;
  let text: string;
  try {
    text = await fs.readFile(option, 'utf8');
  } catch {
    throw new ProfileError(
      `找不到评分规则「${option}」：既不是内置规则（${Object.keys(BUILT_IN_PROFILES).join('、')}），也无法读取该文件`,
    );
  }
  // The validator is loaded only for a user's profile file.
  const { resolveProfile } = await import('../core/rules/profile-schema');
  return resolveProfile(text, source);
}

/** As `npm run check` runs it: the arguments from the shell, the exit status set, never a stack trace. */
export function runFromShell(pool: CheckPool, argv = process.argv.slice(2)): Promise<void> {
  // `npm run check … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return main(argv, pool).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`意外错误：${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
