import * as path from 'path';
import { promises as fs } from 'fs';
import type { CellValue, SheetGrid } from '../src/core/sheet/grid';
import type { CellRange } from '../src/core/sheet/address';
import { openWorkbookFile } from '../src/hosts/file/open-file';

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'shared');

/** Every sheet of every fixture workbook: one real form each. */
export async function fixtureSheets(): Promise<SheetGrid[]> {
  const names = (await fs.readdir(FIXTURES)).filter((n) => n.endsWith('.xlsx')).sort();
  const sheets: SheetGrid[] = [];
  for (const name of names)
    sheets.push(...(await (await openWorkbookFile(path.join(FIXTURES, name))).readSheets('all')));
  return sheets;
}

/** `count` forms, `perSheet` stacked per sheet with a blank row between, cycling through the sources. */
export function stackedWorkload(sources: SheetGrid[], count: number, perSheet: number): SheetGrid[] {
  const sheets: SheetGrid[] = [];
  for (let start = 0; start < count; start += perSheet) {
    const values: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    const formulas: (string | null)[][] = [];
    const merges: CellRange[] = [];
    for (let i = start; i < Math.min(count, start + perSheet); i++) {
      const source = sources[i % sources.length];
      const offset = values.length + (source.originRow - 1);
      source.values.forEach((row, r) => {
        while (values.length <= offset + r) {
          values.push([]);
          numberFormats.push([]);
          formulas.push([]);
        }
        values[offset + r] = [...row];
        numberFormats[offset + r] = [...(source.numberFormats?.[r] ?? [])];
        formulas[offset + r] = [...(source.formulas?.[r] ?? [])];
      });
      for (const m of source.merges ?? [])
        merges.push({ top: m.top + offset, bottom: m.bottom + offset, left: m.left, right: m.right });
      values.push([]);
      numberFormats.push([]);
      formulas.push([]);
    }
    sheets.push({
      name: `第${sheets.length + 1}组`,
      originRow: 1,
      originCol: 1,
      values,
      numberFormats,
      formulas,
      merges,
    });
  }
  return sheets;
}

export function cellCount(sheets: SheetGrid[]): number {
  let cells = 0;
  for (const sheet of sheets) for (const row of sheet.values) cells += row.length;
  return cells;
}
