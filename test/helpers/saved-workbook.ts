import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/core/sheet/grid';
import { bgrToRgb, rgbToBgr } from '../../src/core/edits/mark-state';
import { FakeExcel, type FakeSheet } from '../fakes/excel-fake';
import { FakeEt } from '../fakes/et-fake';
import type { ContractWorkbook } from '../contract/host-contract';
import { workbookBytes } from './form-builder';

/**
 * A workbook saved by one host and opened by another: the Excel and WPS fakes written to .xlsx and
 * read back (values, formulas, solid fills, notes, sheet visibility), through exceljs — a writer
 * other than the file host's own, as the copy would travel between desks.
 */
interface PortableCell {
  value: CellValue;
  formula: string | null;
  fill: string | null;
  note: string | null;
}

interface PortableSheet {
  name: string;
  visibility: FakeSheet['visibility'];
  cells: Map<string, PortableCell>;
}

async function readXlsx(bytes: Uint8Array): Promise<PortableSheet[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book.worksheets.map((sheet) => {
    const cells = new Map<string, PortableCell>();
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill =
          cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid'
            ? (cell.fill.fgColor?.argb ?? '').slice(-6).toUpperCase() || null
            : null;
        const note =
          typeof cell.note === 'string'
            ? cell.note
            : cell.note
              ? (cell.note.texts?.map((t) => t.text).join('') ?? null)
              : null;
        const raw = cell.value as unknown;
        const formula =
          raw && typeof raw === 'object' && 'formula' in raw ? `=${(raw as { formula: string }).formula}` : null;
        const value = formula
          ? ((raw as { result?: CellValue }).result ?? null)
          : raw && typeof raw === 'object' && 'richText' in raw
            ? cell.text
            : ((raw as CellValue) ?? null);
        if (value !== null || formula || fill || note) cells.set(cell.address, { value, formula, fill, note });
      }),
    );
    const visibility = sheet.state === 'veryHidden' ? 'VeryHidden' : sheet.state === 'hidden' ? 'Hidden' : 'Visible';
    return { name: sheet.name, visibility, cells };
  });
}

async function writeXlsx(sheets: PortableSheet[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const source of sheets) {
    const sheet = book.addWorksheet(source.name, {
      state: source.visibility === 'VeryHidden' ? 'veryHidden' : source.visibility === 'Hidden' ? 'hidden' : 'visible',
    });
    for (const [address, cell] of source.cells) {
      const target = sheet.getCell(address);
      if (cell.formula)
        target.value = { formula: cell.formula.slice(1), result: cell.value ?? undefined } as ExcelJS.CellFormulaValue;
      else if (cell.value !== null) target.value = cell.value;
      if (cell.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${cell.fill}` } };
      if (cell.note) target.note = cell.note;
    }
  }
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function excelFakeFromXlsx(bytes: Uint8Array, apiMinor: number): Promise<FakeExcel> {
  const fake = new FakeExcel(apiMinor);
  for (const source of await readXlsx(bytes)) {
    const sheet = fake.addSheet(source.name);
    sheet.visibility = source.visibility;
    for (const [address, cell] of source.cells) {
      sheet.cells.set(address, {
        value: cell.value,
        formula: cell.formula,
        numberFormat: 'General',
        fill: cell.fill ? `#${cell.fill}` : null,
      });
      if (cell.note) fake.notes.set(`${source.name}!${address}`, cell.note);
    }
  }
  return fake;
}

export async function xlsxFromExcelFake(fake: FakeExcel): Promise<Uint8Array> {
  const messages = new Map([...fake.comments, ...fake.notes]);
  return writeXlsx(
    fake.sheets.map((sheet) => ({
      name: sheet.name,
      visibility: sheet.visibility,
      cells: new Map(
        [...sheet.cells].map(([address, cell]) => [
          address,
          {
            value: cell.value,
            formula: cell.formula,
            fill: cell.fill?.replace('#', '') ?? null,
            note: messages.get(`${sheet.name}!${address}`) ?? null,
          },
        ]),
      ),
    })),
  );
}

export async function etFakeFromXlsx(bytes: Uint8Array): Promise<FakeEt> {
  const fake = new FakeEt();
  for (const source of await readXlsx(bytes)) {
    const sheet = fake.addSheet(source.name);
    sheet.visible = source.visibility === 'VeryHidden' ? 2 : source.visibility === 'Hidden' ? 0 : -1;
    for (const [address, cell] of source.cells) {
      sheet.cells.set(address, {
        value: cell.value,
        formula: cell.formula,
        numberFormat: 'General',
        fill: cell.fill ? rgbToBgr(cell.fill) : null,
        comment: cell.note,
      });
    }
  }
  return fake;
}

export async function xlsxFromEtFake(fake: FakeEt): Promise<Uint8Array> {
  return writeXlsx(
    fake.sheets.map((sheet) => ({
      name: sheet.name,
      visibility: sheet.visible === 2 ? 'VeryHidden' : sheet.visible === 0 ? 'Hidden' : 'Visible',
      cells: new Map(
        [...sheet.cells].map(([address, cell]) => [
          address,
          {
            value: cell.value,
            formula: cell.formula,
            fill: cell.fill === null ? null : bgrToRgb(cell.fill),
            note: cell.comment,
          },
        ]),
      ),
    })),
  );
}

/** The contract workbook as an .xlsx (with its fills, notes and active sheet). */
export async function contractBytes(workbook: ContractWorkbook): Promise<Uint8Array> {
  const base = new ExcelJS.Workbook();
  await base.xlsx.load((await workbookBytes(workbook.sheets)) as unknown as ExcelJS.Buffer);
  for (const [ref, color] of Object.entries(workbook.fills)) {
    const [sheet, cell] = ref.split('!');
    base.getWorksheet(sheet)!.getCell(cell).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: `FF${color}` },
    };
  }
  for (const [ref, note] of Object.entries(workbook.notes)) {
    const [sheet, cell] = ref.split('!');
    base.getWorksheet(sheet)!.getCell(cell).note = note;
  }
  for (const [name, state] of Object.entries(workbook.hidden ?? {})) base.getWorksheet(name)!.state = state;
  base.views = [{ activeTab: workbook.sheets.findIndex((s) => s.name === workbook.active) } as ExcelJS.WorkbookView];
  return new Uint8Array((await base.xlsx.writeBuffer()) as ArrayBuffer);
}
