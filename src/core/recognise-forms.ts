import type { DeclarationForm } from './declaration';
import type { SelfEvaluationForm } from './form';
import { SheetView, type SheetGrid } from './grid';
import { LabelIndex } from './labels';
import type { MonitoringForm } from './monitoring';
import { recogniseEvaluations } from './recognise';
import { recogniseDeclarations } from './recognise-declaration';
import { recogniseMonitoring } from './recognise-monitoring';
import { diagnoseSheet, type Diagnosis } from './unrecognised';

/** Every form of a sheet: 自评表 first (their rows are theirs), then 申报表 elsewhere. */
export function recogniseForms(grid: SheetGrid): {
  evaluations: SelfEvaluationForm[];
  monitoring: MonitoringForm[];
  declarations: DeclarationForm[];
  /** The sheet, when it looks like a 绩效 form and none was read in it. */
  unrecognised: Diagnosis | null;
} {
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
