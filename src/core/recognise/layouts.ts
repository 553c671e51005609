import type { z as Zod } from 'zod/mini';
import type { CellValue, SheetGrid } from '../sheet/grid';
import { isEvaluationHeader } from './recognise';
import { normaliseLabel } from '../sheet/text';
import { issuePlace, jsonFileData, loadValidator } from '../sheet/validator';
import { COLUMN_ROLE_NAMES, TEACHABLE_ROLES, type ColumnRole } from '../vocabulary/column-roles';
import { CANONICAL_HEADER } from '../vocabulary/table-words';

/**
 * A layout a user taught (手动指定表格): the labels of a header row the engine could not read, in order, each
 * with the role the user gave its column. Applied to later workbooks whose header row reads the same: those
 * labels are read as the words of their roles, and the form is then checked with every rule.
 */
export interface TaughtLayout {
  name: string;
  /** Every label of the header row, left to right, as the sheet writes it; role null for a column not used. */
  columns: Array<{ label: string; role: ColumnRole | null }>;
}

export interface LayoutFile {
  version: 1;
  layouts: TaughtLayout[];
}

export class LayoutError extends Error {}

/** Why a set of roles cannot make a 自评表 header, in Chinese; null when it can. */
export function layoutProblem(columns: TaughtLayout['columns']): string | null {
  const roles = new Map<ColumnRole, number>();
  const twice: string[] = [];
  columns.forEach(({ role }, i) => {
    if (role === null) return;
    if (roles.has(role) && role !== 'unit') twice.push(COLUMN_ROLE_NAMES[role]);
    roles.set(role, i);
  });
  if (twice.length > 0) return `${twice.join('、')}指定了不止一列`;
  if (!isEvaluationHeader(roles))
    return '至少需要指定：得分，三级指标或年度指标值，以及分值（没有分值列时，须同时指定年度指标值和实际完成值）';
  return null;
}

/** A layout from a header row's labels and the roles the user chose, checked before it is saved. */
export function layoutFromHeader(name: string, columns: TaughtLayout['columns']): TaughtLayout {
  const trimmed = name.trim();
  if (trimmed === '') throw new LayoutError('请给这个表格版式起一个名字');
  const problem = layoutProblem(columns);
  if (problem) throw new LayoutError(problem);
  return { name: trimmed.slice(0, 60), columns: columns.map(({ label, role }) => ({ label, role })) };
}

/**
 * The grid with every header row that reads like a taught layout rewritten in the engine's own words
 * (`标分` → `分值`); nothing else changes, so every finding keeps its cell. A copy: the caller's grid stays.
 */
export function applyLayouts(grid: SheetGrid, layouts: readonly TaughtLayout[]): SheetGrid {
  if (layouts.length === 0) return grid;
  const signatures = layouts.map((layout) => layout.columns.map((c) => normaliseLabel(c.label)));
  let values: CellValue[][] | null = null;
  grid.values.forEach((line, r) => {
    const labelled = line
      .map((value, c) => ({ c, label: typeof value === 'string' ? normaliseLabel(value) : '' }))
      .filter((cell) => cell.label !== '');
    if (labelled.length < 2) return;
    // Label by label, never joined into one text: a label holding the joint would shift every column after it.
    const index = signatures.findIndex(
      (labels) => labels.length === labelled.length && labels.every((label, i) => label === labelled[i].label),
    );
    if (index < 0) return;
    values ??= grid.values.map((row) => [...row]);
    layouts[index].columns.forEach(({ role }, i) => {
      (values as CellValue[][])[r][labelled[i].c] = role === null ? null : CANONICAL_HEADER[role];
    });
  });
  return values === null ? grid : { ...grid, values };
}

let fileSchema: Zod.ZodMiniType<LayoutFile> | null = null;

async function schema(): Promise<Zod.ZodMiniType<LayoutFile>> {
  if (!fileSchema) {
    const z = await loadValidator();
    const column = z.strictObject({
      label: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
      role: z.nullable(z.enum(TEACHABLE_ROLES as [ColumnRole, ...ColumnRole[]])),
    });
    const layout = z.strictObject({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
      columns: z.array(column).check(z.minLength(2), z.maxLength(60)),
    });
    fileSchema = z.strictObject({
      version: z.literal(1),
      layouts: z.array(layout).check(z.maxLength(200)),
    }) as unknown as Zod.ZodMiniType<LayoutFile>;
  }
  return fileSchema;
}

const FIELD_NAMES: Record<string, string> = {
  version: '版本 version',
  layouts: '版式列表 layouts',
  name: '名称 name',
  columns: '列 columns',
  label: '表头文字 label',
  role: '用途 role',
};

/** A layout file's text (as exported), validated; a bad one is refused naming the field in Chinese. */
export async function parseLayoutText(text: string, source = '版式文件'): Promise<LayoutFile> {
  const file = jsonFileData(text);
  if (!file) throw new LayoutError(`${source}不是有效的 JSON 文件`);
  const result = (await schema()).safeParse(file.data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issuePlace(issue.path, FIELD_NAMES);
    throw new LayoutError(
      `${source}无效：${where}：${issue.code === 'invalid_value' ? '取值不对' : '缺失、类型不对或超出长度'}`,
    );
  }
  for (const layout of result.data.layouts) {
    const problem = layoutProblem(layout.columns);
    if (problem) throw new LayoutError(`${source}无效：版式「${layout.name}」${problem}`);
  }
  return result.data;
}

/** The text of a layout file, as 导出版式 writes it and the CLI's --layout reads it. */
export function layoutFileText(layouts: readonly TaughtLayout[]): string {
  return `${JSON.stringify({ version: 1, layouts }, null, 2)}\n`;
}
