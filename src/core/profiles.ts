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
}

export class ProfileError extends Error {}

const NATIONAL_GRADES: Profile['grades'] = [
  { grade: '优', min: 90 },
  { grade: '良', min: 80 },
  { grade: '中', min: 60 },
  { grade: '差', min: 0 },
];

export const BUILT_IN_PROFILES: Readonly<Record<string, Profile>> = {
  national: {
    id: 'national',
    name: '全国通用（财预〔2020〕10号）',
    budgetWeight: 10,
    budgetScoring: 'rate',
    categoryWeights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
    lessThanScoring: 'ratio',
    qualitativeBands: { achieved: [80, 100], partial: [60, 80], poor: [0, 60] },
    grades: NATIONAL_GRADES,
  },
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
