import { z } from 'zod';
import { BUILT_IN_PROFILES, builtInProfile, ProfileError, type Profile } from './profiles';

/** The schema of a user's profile file; the engine never sees an unchecked profile. */
const band = z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]);

export const profileSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** The budget row's weight (预算执行率分值). */
    budgetWeight: z.number().min(0).max(100),
    /** How the budget row is scored: 执行率 × weight (capped), or full marks whatever 执行率 is. */
    budgetScoring: z.enum(['rate', 'full']),
    /** Advisory weights of the 一级指标 (not enforced as errors). */
    categoryWeights: z.record(z.string(), z.number().min(0).max(100)).optional(),
    /** Score of a missed `≤` target: target/actual × weight, or (1 − (actual − target)/target) × weight. */
    lessThanScoring: z.enum(['ratio', 'relative-excess']),
    /** Percent-of-weight bands of the three qualitative levels, as [low, high]. */
    qualitativeBands: z.object({ achieved: band, partial: band, poor: band }),
    /** Lower bounds of the grades, highest first. */
    grades: z.array(z.object({ grade: z.string().min(1), min: z.number().min(0).max(100) })).min(1),
    zeroEqualsTarget: z.boolean().optional(),
    overachievementReason: z
      .object({ ratio: z.number().min(1), whenZero: z.number().min(0) })
      .strict()
      .optional(),
    overachievementReview: z.number().min(1).optional(),
    budgetRateReasonBelow: z.number().min(0).max(100).optional(),
    executionCaps: z
      .array(z.object({ below: z.number().min(0).max(100), max: z.number().min(0).max(100) }).strict())
      .optional(),
    costUnsetCap: z.number().min(0).max(100).optional(),
    reviewChecks: z.boolean().optional(),
    comparisonReview: z.boolean().optional(),
    duplicatesAcrossForm: z.boolean().optional(),
    numericActuals: z.boolean().optional(),
    blankAdjustedUnscored: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<Profile>;

const FIELD_NAMES: Record<string, string> = {
  id: '标识 id',
  name: '名称 name',
  budgetWeight: '预算执行率分值 budgetWeight',
  budgetScoring: '预算得分方式 budgetScoring',
  categoryWeights: '一级指标权重 categoryWeights',
  lessThanScoring: '“≤”指标扣分方式 lessThanScoring',
  qualitativeBands: '定性指标分档 qualitativeBands',
  grades: '评分等级 grades',
  zeroEqualsTarget: '“=0”指标从严 zeroEqualsTarget',
  overachievementReason: '超额完成须说明原因 overachievementReason',
  overachievementReview: '超额完成提示复核 overachievementReview',
  budgetRateReasonBelow: '执行率低于此值须说明原因 budgetRateReasonBelow',
  executionCaps: '按执行率封顶总分 executionCaps',
  costUnsetCap: '未设成本指标的得分上限 costUnsetCap',
  reviewChecks: '审核内容检查 reviewChecks',
  comparisonReview: '“≤”超标与“=”不等提示复核 comparisonReview',
  duplicatesAcrossForm: '全表三级指标不得重复 duplicatesAcrossForm',
  numericActuals: '定量指标实际值须为数值 numericActuals',
  blankAdjustedUnscored: '调整后指标值为空的行不填不评 blankAdjustedUnscored',
};

/** Validate a parsed JSON value as a profile; a bad one is rejected naming the field, in Chinese. */
export function parseProfile(data: unknown, source = '评分规则文件'): Profile {
  const result = profileSchema.safeParse(data);
  if (result.success) return checkGradeOrder(result.data, source);
  const issue = result.error.issues[0];
  // zod leaves `input` out of its issues: a field that is there with the wrong type is not 缺失.
  if (issue.code === 'invalid_type' && issue.input === undefined)
    (issue as { input?: unknown }).input = valueAt(data, issue.path);
  const path = issue.path.map(String);
  const field = path.length
    ? `${FIELD_NAMES[path[0]] ?? path[0]}${path.length > 1 ? `（${path.slice(1).join('.')}）` : ''}`
    : '整个文件';
  throw new ProfileError(`${source}无效：字段「${field}」${describeIssue(issue)}`);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path)
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺失' : `类型不对（应为 ${issue.expected}）`;
    case 'too_small':
      return `太小（至少 ${String(issue.minimum)}）`;
    case 'too_big':
      return `太大（至多 ${String(issue.maximum)}）`;
    case 'invalid_value':
      return `取值不在允许范围内（可选：${issue.values.map(String).join('、')}）`;
    case 'unrecognized_keys':
      return `包含未知字段：${issue.keys.join('、')}`;
    default:
      return `不符合要求（${issue.message}）`;
  }
}

function checkGradeOrder(profile: Profile, source: string): Profile {
  for (let i = 1; i < profile.grades.length; i++) {
    if (profile.grades[i].min >= profile.grades[i - 1].min) {
      throw new ProfileError(`${source}无效：字段「${FIELD_NAMES.grades}」须按分数线从高到低排列`);
    }
  }
  return checkBands(profile, source);
}

/** Each qualitative band runs from its low to its high end (`[100, 0]` is no band, issue #37). */
function checkBands(profile: Profile, source: string): Profile {
  for (const [level, [low, high]] of Object.entries(profile.qualitativeBands)) {
    if (low >= high)
      throw new ProfileError(
        `${source}无效：字段「${FIELD_NAMES.qualitativeBands}（${level}）」须先写下限、后写上限，且下限小于上限（现为 ${low}、${high}）`,
      );
  }
  return profile;
}

/** A built-in profile by id, or a user's profile from JSON text. */
export function resolveProfile(nameOrJson: string | undefined, source?: string): Profile {
  if (nameOrJson === undefined) return builtInProfile(undefined) as Profile;
  const builtIn = builtInProfile(nameOrJson);
  if (builtIn) return builtIn;
  let data: unknown;
  try {
    // Notepad and WPS save UTF-8 with a byte-order mark.
    data = JSON.parse(nameOrJson.replace(/^\uFEFF/, ''));
  } catch {
    throw new ProfileError(
      `${source ?? '评分规则文件'}不是有效的 JSON，或不是内置规则（可选：${Object.keys(BUILT_IN_PROFILES).join('、')}）`,
    );
  }
  return parseProfile(data, source);
}
