import { bandGrid, columnBands } from './column-bands';
import type { DeclarationForm } from './declaration';
import type { SelfEvaluationForm } from './form';
import { SheetView, type SheetGrid } from './grid';
import { LabelIndex } from './labels';
import type { MonitoringForm } from './monitoring';
import { recogniseEvaluations } from './recognise';
import { recogniseDeclarations } from './recognise-declaration';
import { recogniseMonitoring } from './recognise-monitoring';
import { diagnoseSheet, type Diagnosis } from './unrecognised';

export interface SheetForms {
  evaluations: SelfEvaluationForm[];
  monitoring: MonitoringForm[];
  declarations: DeclarationForm[];
  /** The sheet, when it looks like a 绩效 form and none was read in it. */
  unrecognised: Diagnosis | null;
}

const formCount = (forms: SheetForms) => forms.evaluations.length + forms.monitoring.length + forms.declarations.length;

/**
 * Every form of a sheet. Forms side by side (between empty columns) are read band by band when that finds forms
 * in two bands or more and no fewer in all: read across, one form's rows would run into its neighbour's.
 */
export function recogniseForms(grid: SheetGrid): SheetForms {
  const whole = recogniseArea(grid);
  const bands = columnBands(grid);
  if (bands.length < 2) return whole;
  const parts = bands.map(([left, right]) => recogniseArea(bandGrid(grid, left, right)));
  const found = parts.filter((part) => formCount(part) > 0);
  if (found.length < 2 || found.reduce((sum, part) => sum + formCount(part), 0) < formCount(whole)) return whole;
  return {
    evaluations: found.flatMap((part) => part.evaluations),
    monitoring: found.flatMap((part) => part.monitoring),
    declarations: found.flatMap((part) => part.declarations),
    unrecognised: null,
  };
}

/** Every form of one area: 自评表 first (their rows are theirs), then 监控表, then 申报表 elsewhere. */
function recogniseArea(grid: SheetGrid): SheetForms {
  const view = new SheetView(grid);
  const labels = new LabelIndex(view);
  const evaluations = recogniseEvaluations(view, labels);
  const takenRows = new Uint8Array(Math.max(0, view.lastRow - view.firstRow + 1));
  for (const form of evaluations)
    takenRows.fill(1, Math.max(0, form.range.top - view.firstRow), form.range.bottom - view.firstRow + 1);
  const taken = (row: number) => takenRows[row - view.firstRow] === 1;
  // A 监控表 has 三级指标 and 年度指标值 but no 得分, like a 申报表: it is read first, and its rows are its own.
  const monitoring = recogniseMonitoring(view, labels, taken);
  for (const form of monitoring)
    takenRows.fill(1, Math.max(0, form.range.top - view.firstRow), form.range.bottom - view.firstRow + 1);
  const declarations = recogniseDeclarations(view, labels, taken);
  const found = evaluations.length + monitoring.length + declarations.length > 0;
  return { evaluations, monitoring, declarations, unrecognised: found ? null : diagnoseSheet(view, labels) };
}
