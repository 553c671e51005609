import { bandGrid, columnBands, rowGrid } from './column-bands';
import type { DeclarationForm } from '../read/declaration';
import type { SelfEvaluationForm } from '../read/form';
import type { CellRange } from '../sheet/address';
import { forEachStored, isBlank, SheetView, type SheetGrid } from '../sheet/grid';
import { LabelIndex } from '../read/labels';
import type { MonitoringForm } from '../read/monitoring';
import { recogniseEvaluations } from './recognise';
import { recogniseDeclarations } from './recognise-declaration';
import { recogniseMonitoring } from './recognise-monitoring';
import { diagnoseSheet, namesForm, type Diagnosis } from './unrecognised';

/** A form as read, of any kind (kinds.ts names them): its `kind` says which. */
export type ReadForm = SelfEvaluationForm | MonitoringForm | DeclarationForm;

export interface SheetForms {
  /** Every form read, of every kind, in the order the recognisers took them. */
  forms: ReadForm[];
  /** The sheet, when it looks like a 绩效 form and none was read in it. */
  unrecognised: Diagnosis | null;
  /** Forms left unread beside forms that were read: a title with a header-like row below it, each. */
  unreadBeside: Diagnosis[];
}

export const formCount = (forms: SheetForms) => forms.forms.length;

/** Finds the forms of one kind in an area, leaving the rows other kinds took (`taken`) alone. */
type Recogniser = (view: SheetView, labels: LabelIndex, taken: (row: number) => boolean) => ReadForm[];

/**
 * The recognisers, in the order they take rows: 自评表 first (their rows are theirs), then 监控表 (it has 三级指标 and
 * 年度指标值 but no 得分, like a 申报表: read first, its rows are its own), then 申报表 elsewhere. A new kind of form
 * is a recogniser here, a check in CHECKS (workbook.ts) and a name in FORM_KIND_LABEL (kinds.ts).
 */
const RECOGNISERS: readonly Recogniser[] = [
  (view, labels) => recogniseEvaluations(view, labels),
  recogniseMonitoring,
  recogniseDeclarations,
];

/**
 * Every form of a sheet. Forms side by side (between empty columns) are read band by band when that finds forms
 * in two bands or more: read across, one form's rows would run into its neighbour's.
 */
export function recogniseForms(grid: SheetGrid): SheetForms {
  const bands = columnBands(grid);
  const parts = bands.length < 2 ? [] : bands.map(([left, right]) => recogniseArea(bandGrid(grid, left, right)));
  // Forms in two bands or more are forms side by side (one form a spacer column splits has a header in one
  // band only); read across, their rows run into each other and may give more forms, all of them wrong.
  const found = parts.filter((part) => formCount(part) > 0);
  const forms = found.length >= 2 ? joined(found) : sideBySideInSlabs(grid, recogniseArea(grid));
  if (formCount(forms) === 0) return forms;
  // Never silent on a form beside forms that were read: a band of its own that holds none of their indicator
  // cells (a band that does is a part of a form a spacer column splits), or what lies outside their ranges.
  const ranges = forms.forms.map((form) => form.range);
  // Asked only of a band that holds a form unread (most sheets have none): every indicator cell's column.
  let tableColumns: number[] | null = null;
  const holdsTable = ([left, right]: readonly [number, number]) =>
    (tableColumns ??= forms.forms.flatMap((form) => indicatorColumns(form.indicators))).some(
      (col) => col >= left && col <= right,
    );
  const beside = parts.findIndex(
    (part, i) => formCount(part) === 0 && part.unrecognised?.certain === true && !holdsTable(bands[i]),
  );
  const rest = beside >= 0 ? bandGrid(grid, ...bands[beside]) : outside(grid, ranges);
  return rest ? { ...forms, unreadBeside: unreadForms(rest) } : forms;
}

/** Each form in what the read forms left: from one title to the next, reported when it is a form beyond doubt. */
function unreadForms(rest: SheetGrid): Diagnosis[] {
  const titleRows: number[] = [];
  forEachStored(rest.values, (line, i) => {
    let titled = false;
    if (line) forEachStored(line, (value) => (titled ||= typeof value === 'string' && namesForm(value)));
    if (titled) titleRows.push(rest.originRow + i);
  });
  const last = rest.originRow + rest.values.length - 1;
  return titleRows.flatMap((top, i) => {
    const view = new SheetView(rowGrid(rest, top, i + 1 < titleRows.length ? titleRows[i + 1] - 1 : last));
    const diagnosis = diagnoseSheet(view, new LabelIndex(view), true);
    return diagnosis?.certain ? [diagnosis] : [];
  });
}

/**
 * Forms side by side below or above a wider form (no empty column runs through the whole sheet): each form read
 * across is looked at again in its own rows, down to the next form, and read band by band there when that
 * finds forms in two bands or more.
 */
function sideBySideInSlabs(grid: SheetGrid, whole: SheetForms): SheetForms {
  const all = [...whole.forms].sort((a, b) => a.range.top - b.range.top);
  const result: SheetForms = { ...whole, forms: [] };
  let split = false;
  const keep = (form: ReadForm) => result.forms.push(form);
  all.forEach((form, i) => {
    const next = i + 1 < all.length ? all[i + 1].range.top - 1 : grid.originRow + grid.values.length - 1;
    // A neighbour may be taller than the form read across it, not many times taller: the slab stays near it.
    const height = form.range.bottom - form.range.top + 1;
    const bottom = Math.max(Math.min(next, form.range.bottom + height), form.range.bottom);
    // Merges only join bands: without an empty column among the values, there is nothing to split (and no
    // merge list of a 2,000-form sheet to filter for each form).
    if (columnBands(rowGrid(grid, form.range.top, bottom, false)).length < 2) {
      keep(form);
      return;
    }
    const slab = rowGrid(grid, form.range.top, bottom);
    const bands = columnBands(slab);
    const found =
      bands.length < 2
        ? []
        : bands.map(([left, right]) => recogniseArea(bandGrid(slab, left, right))).filter((p) => formCount(p) > 0);
    if (found.length >= 2) {
      split = true;
      result.forms.push(...joined(found).forms);
    } else keep(form);
  });
  return split ? result : whole;
}

/** The forms read band by band, left to right. */
function joined(parts: readonly SheetForms[]): SheetForms {
  return {
    forms: parts.flatMap((part) => part.forms),
    unrecognised: null,
    unreadBeside: [],
  };
}

/** The sheet's cells outside the given ranges, trimmed to the rows that hold them; null when none names a form. */
function outside(grid: SheetGrid, ranges: readonly CellRange[]): SheetGrid | null {
  // Per row of the sheet, the forms' ranges across it: a sheet of 2,000 stacked forms is not 2,000 tests a cell.
  const across: Array<CellRange[] | undefined> = [];
  for (const range of ranges)
    for (let row = range.top; row <= range.bottom; row++) (across[row - grid.originRow] ??= []).push(range);
  const inForm = (row: number, col: number) =>
    across[row - grid.originRow]?.some((range) => col >= range.left && col <= range.right) ?? false;
  // Most sheets have nothing outside their forms that names a form: no copy is made for them. Stored cells
  // only: a sheet may hold one value at XFD1048576, and the cost follows the cells.
  let titled = false;
  forEachStored(grid.values, (line, i) => {
    if (line && !titled)
      forEachStored(line, (value, j) => {
        if (typeof value === 'string' && namesForm(value)) titled ||= !inForm(grid.originRow + i, grid.originCol + j);
      });
  });
  if (!titled) return null;
  let first = -1;
  let last = -1;
  const values: SheetGrid['values'] = [];
  forEachStored(grid.values, (line, i) => {
    if (!line) return;
    const row = grid.originRow + i;
    forEachStored(line, (value, j) => {
      if (isBlank(value) || inForm(row, grid.originCol + j)) return;
      (values[i] ??= [])[j] = value;
      if (first < 0) first = i;
      last = i;
    });
  });
  if (first < 0) return null;
  const rows = <T>(list: T[] | null | undefined) => list?.slice(first, last + 1) ?? null;
  const top = grid.originRow + first;
  const bottom = grid.originRow + last;
  return {
    ...grid,
    originRow: top,
    values: values.slice(first, last + 1),
    numberFormats: rows(grid.numberFormats),
    formulas: rows(grid.formulas),
    merges:
      grid.merges?.filter((area) => area.top >= top && area.bottom <= bottom && !inForm(area.top, area.left)) ?? null,
  };
}

/** Every form of one area, by the recognisers in their order (RECOGNISERS): the rows one took are its own. */
function recogniseArea(grid: SheetGrid): SheetForms {
  const view = new SheetView(grid);
  const labels = new LabelIndex(view);
  const takenRows = new Uint8Array(Math.max(0, view.lastRow - view.firstRow + 1));
  const taken = (row: number) => takenRows[row - view.firstRow] === 1;
  const forms: ReadForm[] = [];
  for (const recognise of RECOGNISERS) {
    const found = recognise(view, labels, taken);
    for (const form of found)
      takenRows.fill(1, Math.max(0, form.range.top - view.firstRow), form.range.bottom - view.firstRow + 1);
    forms.push(...found);
  }
  return { forms, unrecognised: forms.length > 0 ? null : diagnoseSheet(view, labels), unreadBeside: [] };
}

/** The columns of every cell an indicator row was read from. */
function indicatorColumns(indicators: readonly object[]): number[] {
  const cols: number[] = [];
  for (const indicator of indicators)
    for (const value of Object.values(indicator))
      if (value !== null && typeof value === 'object' && typeof (value as { col?: unknown }).col === 'number')
        cols.push((value as { col: number }).col);
  return cols;
}
