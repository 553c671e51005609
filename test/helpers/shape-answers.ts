import * as path from 'path';
import type { SheetGrid } from '../../src/core/sheet/grid';
import type { Profile } from '../../src/core/rules/profiles';
import { checkWorkbook, isScored, type CheckedForm } from '../../src/core/check/workbook';
import { openWorkbookFile } from '../../src/hosts/file/open-file';

/** A form as the shape tests state their hand-worked answers. */
export interface ExpectedForm {
  kind: CheckedForm['kind'];
  sheet: string;
  range: string;
  project: string | null;
  total?: { cell?: string | null; declared: number | null; computed: number | null };
  grade?: { declared: string | null; computed: string | null };
  /** Every finding, as rule@cell, in reading order. */
  findings: string[];
}

/** A fixture workbook read through the product's file host and checked. */
export async function checkFixture(
  folder: string,
  file: string,
  profile: Profile,
): Promise<{ sheets: SheetGrid[]; results: CheckedForm[] }> {
  const sheets = await (await openWorkbookFile(path.join(folder, file))).readSheets('all');
  return { sheets, results: checkWorkbook(sheets, profile) };
}

/** What the engine gave for a form, in the terms of ExpectedForm. */
export function formSummary(result: CheckedForm): ExpectedForm {
  const base = {
    kind: result.kind,
    sheet: result.sheet,
    range: result.range,
    project: result.form.project,
    findings: result.findings.map((f) => `${f.rule}@${f.cell}`),
  };
  if (!isScored(result)) return base;
  return { ...base, total: result.total, grade: { declared: result.grade.declared, computed: result.grade.computed } };
}
