import * as path from 'path';
import type { CellValue, SheetGrid } from '../../src/core/sheet/grid';
import type { CheckedForm } from '../../src/core/check/workbook';
import { openWorkbookFile } from '../../src/hosts/file/open-file';
import { COMPLETE, declarationRows } from '../helpers/declaration-builder';
import { buildForm, seed2024Form, sheetGrid, type FormSpec, type IndicatorSpec } from '../helpers/form-builder';

/**
 * What a rule module's test table is made of (test/rules/<folder>/<module>.cases.ts, beside
 * src/core/rules/<folder>/<module>.ts): for each of the module's rules a case that raises it — at exactly the cells
 * it names — and a clean case that does not, a near miss wherever one can be written (the value just inside the
 * rule: a score equal to its weight, the same unit spelt otherwise, a grade's synonym). A table is typed by its
 * module's rules, so a rule added without its cases fails the build (tsc runs in npm test); test/rule-table.test.ts
 * runs every table and fails for a module without one.
 */

/** A raising case names every cell; a clean case none. */
export interface RuleCases {
  raise: Case & { cells: readonly string[] };
  clean: Case;
}

/** The table of a module: one entry for each of its rules, and no other. */
export function tableFor<Rules extends object>(
  _module: { rules: Rules },
  cases: Record<Extract<keyof Rules, string>, RuleCases>,
): Record<string, RuleCases> {
  return cases;
}

export interface Case {
  sheets: () => Promise<SheetGrid[]> | SheetGrid[];
  profile?: string;
  /** Every cell the rule is raised at, in reading order (`sheet!cell`): a raising case says them all. */
  cells?: readonly string[];
  /** What happens to the results next (the reasons filled in by 一键填写, for `reason-filled`). */
  after?: (results: CheckedForm[]) => CheckedForm[];
}

export const fixture =
  (file: string): Case['sheets'] =>
  async () =>
    (await openWorkbookFile(path.join(__dirname, '..', 'fixtures', file))).readSheets('all');

export const grid = (rows: CellValue[][], name = '表1') => sheetGrid(name, [{ rows, top: 1, left: 1 }]);

/** The 2024 seed form (weights 90 + budget 10, total 93) with some indicators changed: [index, column, value]. */
export function seed(
  changes: Array<[number, number, CellValue]> = [],
  overrides: Partial<FormSpec> = {},
): () => SheetGrid[] {
  const spec = seed2024Form(overrides);
  const indicators = spec.indicators.map((row) => [...row] as IndicatorSpec);
  for (const [index, column, value] of changes) indicators[index][column] = value as never;
  return () => [grid(buildForm({ ...spec, indicators }).rows)];
}

export const declaration =
  (indicators = COMPLETE, total = 100, parts = [100, 0, 0]) =>
  () => [grid(declarationRows('基层科普服务', indicators, total, parts), '申报')];

export const clean = seed();
