import type { FormResult } from '../core/check';

/** The `--json` document of DOMAIN.md §6 (extra fields are additive). */
export interface JsonFileReport {
  path: string;
  error: string | null;
  output?: string | null;
  forms: JsonFormReport[];
}

export interface JsonFormReport {
  sheet: string;
  range: string;
  kind: 'self-evaluation';
  project: string | null;
  year: number | null;
  convention: FormResult['convention'];
  executionRate: number | null;
  total: FormResult['total'];
  grade: FormResult['grade'];
  findings: Array<{ rule: string; severity: string; cell: string; message: string }>;
}

export function formToJson(result: FormResult): JsonFormReport {
  return {
    sheet: result.sheet,
    range: result.range,
    kind: result.form.kind,
    project: result.form.project,
    year: result.form.year,
    convention: result.convention,
    executionRate: result.executionRate,
    total: result.total,
    grade: result.grade,
    findings: result.findings.map(({ rule, severity, cell, message }) => ({ rule, severity, cell, message })),
  };
}
