/**
 * A scoring profile: the rules of one region and year. Built-in profiles are plain data; a user's
 * profile is a JSON file validated by `profile-schema.ts` (zod) before the engine sees it. The schema
 * lives apart so that checking with a built-in profile does not load the validator at all.
 */
export interface Profile {
  id: string;
  name: string;
  /** The budget row's weight (预算执行率分值). */
  budgetWeight: number;
  /** How the budget row is scored: 执行率 × weight (capped), or full marks whatever 执行率 is. */
  budgetScoring: 'rate' | 'full';
  /** Advisory weights of the 一级指标 (not enforced as errors). */
  categoryWeights?: Record<string, number>;
  /** Score of a missed `≤` target: target/actual × weight, or (1 − (actual − target)/target) × weight. */
  lessThanScoring: 'ratio' | 'relative-excess';
  /** Percent-of-weight bands of the three qualitative levels, as [low, high]. */
  qualitativeBands: { achieved: [number, number]; partial: [number, number]; poor: [number, number] };
  /** Lower bounds of the grades, highest first. */
  grades: Array<{ grade: string; min: number }>;
  // ---- regional and reviewer options (docs/SPECIFICATION.md §4); absent means off, as in the national profile ----
  /** `=` targets of 0 are met only by an actual of 0 or less, and score 0 otherwise (one vendor's system). */
  zeroEqualsTarget?: boolean;
  /** Over-achievement needs a reason: actual ≥ ratio × target, or ≥ `whenZero` for a target of 0 (Guangxi). */
  overachievementReason?: { ratio: number; whenZero: number };
  /** Over-achievement at or above this ratio of the target is flagged for review (one vendor's system). */
  overachievementReview?: number;
  /** 执行率 below this (percent points) needs a reason on the budget row (Sichuan). */
  budgetRateReasonBelow?: number;
  /** 总分 capped by 执行率 bands: below `rate` % the total may be at most `max` (one locality's manual). */
  executionCaps?: Array<{ below: number; max: number }>;
  /** A form that sets no 成本指标 may score at most this many points for them (Shanxi). */
  costUnsetCap?: number;
  /** The reviewers' content checks of a published 2025 review standard (supervising departments). */
  reviewChecks?: boolean;
  /** A `≤` target exceeded or an `=` target not hit exactly is flagged for review, met or not (Tianjin). */
  comparisonReview?: boolean;
  /** The same 三级指标 name twice anywhere in a form is a duplicate (the 一体化 systems; not Hubei or Anhui). */
  duplicatesAcrossForm?: boolean;
  /** A quantitative target's actual value must be a number, not words (the 一体化 systems). */
  numericActuals?: boolean;
  /**
   * A row whose 调整后指标值 is blank while its 年初 target has one is not filled in and not scored (Shanxi's
   * system), where the form adjusts some targets.
   */
  blankAdjustedUnscored?: boolean;
}

export class ProfileError extends Error {}

const NATIONAL_GRADES: Profile['grades'] = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

const EIGHTY_GRADES: Profile['grades'] = [
  { grade: '优', min: 80 },
  { grade: '良', min: 70 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

const NATIONAL: Profile = {
  id: 'national',
  name: '全国通用（财预〔2020〕10号）',
  budgetWeight: 10,
  budgetScoring: 'rate',
  categoryWeights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  lessThanScoring: 'ratio',
  qualitativeBands: { achieved: [80, 100], partial: [60, 80], poor: [0, 60] },
  grades: NATIONAL_GRADES,
  // The 一体化 systems' national edition (通版) defaults (#33): `=0` is met only by 0 or less (selfequalindex); an
  // actual at 120 % of its target or more is flagged for review (scorepercentage 1.2); a quantitative target takes
  // a number as its actual value (定量指标的指标值为数值！).
  zeroEqualsTarget: true,
  overachievementReview: 1.2,
  numericActuals: true,
};

export const BUILT_IN_PROFILES: Readonly<Record<string, Profile>> = {
  national: NATIONAL,
  'shanghai-2020': {
    id: 'shanghai-2020',
    name: '上海 2020 年度（预算执行率满分）',
    budgetWeight: 10,
    budgetScoring: 'full',
    lessThanScoring: 'ratio',
    qualitativeBands: { achieved: [80, 100], partial: [60, 80], poor: [0, 60] },
    grades: NATIONAL_GRADES,
  },
  hubei: {
    id: 'hubei',
    name: '湖北（预算执行率 20 分，80/50 分档）',
    budgetWeight: 20,
    budgetScoring: 'rate',
    lessThanScoring: 'ratio',
    qualitativeBands: { achieved: [80, 100], partial: [50, 80], poor: [0, 50] },
    grades: NATIONAL_GRADES,
  },
  // Regional and reviewer profiles: the national rules plus what each system enforces (README profile table).
  sichuan: { ...NATIONAL, id: 'sichuan', name: '四川（执行率低于 90% 须说明原因）', budgetRateReasonBelow: 90 },
  guangxi: {
    ...NATIONAL,
    id: 'guangxi',
    name: '广西（超额完成 30% 以上须说明原因）',
    overachievementReason: { ratio: 1.3, whenZero: 30 },
  },
  'strict-review': {
    ...NATIONAL,
    id: 'strict-review',
    name: '严格审核（主管部门复核，全部审核检查）',
    overachievementReason: { ratio: 1.3, whenZero: 30 },
    overachievementReview: 1.2,
    budgetRateReasonBelow: 90,
    executionCaps: [
      { below: 50, max: 59 },
      { below: 60, max: 69 },
      { below: 70, max: 79 },
      { below: 80, max: 89 },
    ],
    costUnsetCap: 5,
    reviewChecks: true,
  },
  // Provinces' 一体化 systems, as far as their checks are built here (issue #25; 部门整体 and 调整后指标值 not yet).
  tianjin: {
    ...NATIONAL,
    id: 'tianjin',
    name: '天津（一体化系统：≤ 超标与 = 不等提示复核，超 120% 提示复核）',
    overachievementReview: 1.2,
    comparisonReview: true,
    duplicatesAcrossForm: true,
    numericActuals: true,
  },
  chongqing: {
    ...NATIONAL,
    id: 'chongqing',
    name: '重庆（一体化系统：全表三级指标不得重复，定量指标须填数值）',
    duplicatesAcrossForm: true,
    numericActuals: true,
  },
  shanxi: {
    ...NATIONAL,
    id: 'shanxi',
    name: '山西（一体化系统：未设成本指标最多 5 分，全表三级指标不得重复，调整后指标值为空的行不评）',
    costUnsetCap: 5,
    blankAdjustedUnscored: true,
    duplicatesAcrossForm: true,
    numericActuals: true,
  },
  'vendor-80': {
    ...NATIONAL,
    id: 'vendor-80',
    name: '80/70/60 分档（部分系统默认）',
    grades: EIGHTY_GRADES,
    lessThanScoring: 'relative-excess',
    zeroEqualsTarget: true,
  },
};

export const DEFAULT_PROFILE_ID = 'national';

export function builtInProfile(id: string | undefined): Profile | null {
  if (id === undefined || id === '') return BUILT_IN_PROFILES[DEFAULT_PROFILE_ID];
  return BUILT_IN_PROFILES[id] ?? null;
}

export function gradeFor(total: number, profile: Profile): string {
  for (const { grade, min } of profile.grades) if (total >= min - 1e-9) return grade;
  return profile.grades[profile.grades.length - 1].grade;
}
