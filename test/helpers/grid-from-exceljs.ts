import type ExcelJS from 'exceljs';
import { parseRangeA1, type CellRange } from '../../src/core/sheet/address';
import type { CellValue, SheetGrid } from '../../src/core/sheet/grid';

/**
 * (Tests only: the reference reading the zip reader is compared with.)
 * One exceljs worksheet as a grid. Formulas count with their cached result (what Excel showed when
 * the file was saved); rich text is flattened; dates become ISO dates (never a form value we score).
 */
/** exceljs' ValueType.Merge: a cell covered by a merge (not its master). */
const MERGE_TYPE = 1;

export function gridFromWorksheet(sheet: ExcelJS.Worksheet): SheetGrid {
  const merges = mergesOf(sheet);
  const dimensions = sheet.dimensions as unknown as { top: number; left: number } | undefined;
  const firstRow = dimensions?.top ?? 1;
  const firstCol = dimensions?.left ?? 1;
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  // Written straight into the arrays (no intermediate list): this runs on every cell of a workbook.
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - firstRow;
    if (r < 0) return;
    const valueRow: CellValue[] = (values[r] = []);
    const formatRow: (string | null)[] = (numberFormats[r] = []);
    const formulaRow: (string | null)[] = (formulas[r] = []);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - firstCol;
      // exceljs answers a merge's covered cells with the master's value; the grid keeps them empty.
      if (c < 0 || cell.type === MERGE_TYPE) return;
      const raw = cell.value;
      if (typeof raw === 'number' || typeof raw === 'string') {
        valueRow[c] = raw;
      } else {
        const { value, formula } = plainValue(raw);
        if (value === null && formula === null) return;
        valueRow[c] = value;
        if (formula !== null) formulaRow[c] = formula;
      }
      // Formats only change how numbers read (a % format); text cells never need one.
      if (typeof valueRow[c] === 'number') {
        const format = cell.numFmt;
        if (format) formatRow[c] = String(format);
      }
    });
  });
  // Rows with no cell stay as empty rows, so row offsets keep matching the sheet.
  for (let r = 0; r < values.length; r++) {
    if (!values[r]) {
      values[r] = [];
      numberFormats[r] = [];
      formulas[r] = [];
    }
  }
  return { name: sheet.name, originRow: firstRow, originCol: firstCol, values, numberFormats, formulas, merges };
}

function mergesOf(sheet: ExcelJS.Worksheet): CellRange[] {
  // exceljs has no public list of merges. `sheet.model` has one but builds the model of every cell
  // of the sheet to get it, so read the internal map of merge ranges, falling back to the model.
  const internal = (
    sheet as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> }
  )._merges;
  if (internal && typeof internal === 'object') {
    return Object.values(internal).map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));
  }
  const areas: CellRange[] = [];
  for (const address of (sheet.model as { merges?: string[] }).merges ?? []) {
    const area = parseRangeA1(address);
    if (area) areas.push(area);
  }
  return areas;
}

type ExcelJsValue = ExcelJS.CellValue;

export function plainValue(value: ExcelJsValue): { value: CellValue; formula: string | null } {
  if (value === null || value === undefined) return { value: null, formula: null };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return { value, formula: null };
  if (value instanceof Date) return { value: value.toISOString().slice(0, 10), formula: null };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const formulaValue = value as { formula?: string; sharedFormula?: string; result?: unknown };
      const result = plainValue((formulaValue.result ?? null) as ExcelJsValue).value;
      return { value: result, formula: `=${formulaValue.formula ?? formulaValue.sharedFormula ?? ''}` };
    }
    if ('richText' in value) return { value: value.richText.map((part) => part.text).join(''), formula: null };
    if ('text' in value && 'hyperlink' in value) return { value: String(value.text), formula: null };
    if ('error' in value) return { value: String(value.error), formula: null };
  }
  return { value: String(value), formula: null };
}
