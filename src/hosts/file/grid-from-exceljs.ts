import type ExcelJS from 'exceljs';
import { parseRangeA1, type CellRange } from '../../core/address';
import type { CellValue, SheetGrid } from '../../core/grid';

/**
 * One exceljs worksheet as a grid. Formulas count with their cached result (what Excel showed when
 * the file was saved); rich text is flattened; dates become ISO dates (never a form value we score).
 */
export function gridFromWorksheet(sheet: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  let firstRow = Infinity;
  let firstCol = Infinity;
  const found: Array<{ row: number; col: number; value: CellValue; format: string | null; formula: string | null }> = [];

  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const { value, formula } = plainValue(cell.value);
      const format = cell.numFmt ? String(cell.numFmt) : null;
      if (value === null && formula === null) return;
      found.push({ row: rowNumber, col: colNumber, value, format, formula });
      if (rowNumber < firstRow) firstRow = rowNumber;
      if (colNumber < firstCol) firstCol = colNumber;
    });
  });
  if (found.length === 0) return { name: sheet.name, originRow: 1, originCol: 1, values: [], numberFormats: [], formulas: [], merges: mergesOf(sheet) };

  for (const cell of found) {
    const r = cell.row - firstRow;
    const c = cell.col - firstCol;
    while (values.length <= r) {
      values.push([]);
      numberFormats.push([]);
      formulas.push([]);
    }
    values[r][c] = cell.value;
    numberFormats[r][c] = cell.format;
    formulas[r][c] = cell.formula;
  }
  return { name: sheet.name, originRow: firstRow, originCol: firstCol, values, numberFormats, formulas, merges: mergesOf(sheet) };
}

function mergesOf(sheet: ExcelJS.Worksheet): CellRange[] {
  // exceljs keeps merges as A1 ranges in the sheet model; there is no public getter for the list.
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  const areas: CellRange[] = [];
  for (const address of merges) {
    const area = parseRangeA1(address);
    if (area) areas.push(area);
  }
  return areas;
}

type ExcelJsValue = ExcelJS.CellValue;

export function plainValue(value: ExcelJsValue): { value: CellValue; formula: string | null } {
  if (value === null || value === undefined) return { value: null, formula: null };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { value, formula: null };
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
