import type { CellLook } from '../../src/core/edits/looks';
import { ExcelHost } from '../../src/hosts/excel/excel-host';
import { FileHost } from '../../src/hosts/file/file-host';
import { WpsHost } from '../../src/hosts/wps/wps-host';
import { bgrToRgb, rgbToBgr } from '../../src/hosts/wps/et-model';
import type { SheetGrid } from '../../src/core/sheet/grid';
import { FakeExcel } from '../fakes/excel-fake';
import { FakeEt } from '../fakes/et-fake';
import { forEachGridCell } from '../helpers/form-builder';
import { contractBytes } from '../helpers/saved-workbook';
import { PackageInspector } from '../helpers/xlsx-inspect';
import type { ContractWorkbook, HostFactory, HostUnderTest } from './host-contract';
import { lookOf, type SheetLook } from './sheet-look';
import type { CellRange } from '../../src/core/sheet/address';

/** A fake's sheet as the contract compares it: what it recorded of merges, widths and frozen rows, and its print. */
function fakeLook(
  sheet: {
    merges: CellRange[];
    widths?: Record<number, number>;
    frozenRows?: number;
    cells: Map<string, { look?: CellLook }>;
  },
  print: SheetLook['print'] | undefined,
): SheetLook {
  return lookOf({
    merges: sheet.merges,
    widths: sheet.widths ?? {},
    frozenRows: sheet.frozenRows,
    print: print ?? null,
    cells: [...sheet.cells].map(([cell, { look }]) => [cell, look ?? {}] as const),
  });
}

/** Each host the add-in runs in, on a workbook built from the contract's grids, seen the host's own way. */

// ---- Excel (Office.js), at an API level ----------------------------------------------------------

export function loadExcel(fake: FakeExcel, grids: SheetGrid[]): void {
  for (const grid of grids) {
    const sheet = fake.addSheet(grid.name);
    forEachGridCell(grid, (address, value, formula, numberFormat) =>
      sheet.cells.set(address, { value, formula, numberFormat, fill: null }),
    );
    sheet.merges = [...(grid.merges ?? [])];
  }
}

export function inspectExcel(fake: FakeExcel, apiMinor: number): HostUnderTest {
  const host = new ExcelHost(fake.api(), fake.supports);
  return {
    host,
    value: (sheet, cell) => fake.cell(sheet, cell)?.value ?? null,
    formula: (sheet, cell) => fake.cell(sheet, cell)?.formula ?? null,
    fill: (sheet, cell) => fake.cell(sheet, cell)?.fill?.replace('#', '') ?? null,
    note: (sheet, cell) => fake.notes.get(`${sheet}!${cell}`) ?? fake.comments.get(`${sheet}!${cell}`) ?? null,
    sheetNames: () => fake.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name),
    activeCell: () => (fake.selected && fake.active === fake.selected.sheet ? fake.selected : null),
    messagesInNotes: apiMinor >= 10,
    look: (name) => {
      const sheet = fake.sheet(name)!;
      const print = sheet.print;
      return fakeLook(
        sheet,
        print && {
          landscape: print.orientation === 'Landscape',
          fitWide: print.fitWide === 1,
          titleRows: print.titleRows ?? null,
          title: print.header ?? null,
          signature: print.leftFooter ?? null,
        },
      );
    },
    layoutSupport: { merges: apiMinor >= 2, widths: apiMinor >= 2, freeze: apiMinor >= 7, print: apiMinor >= 9 },
    // The fake keeps its state like a saved workbook: a new host instance is a reopened file.
    type: async (sheet, cell, value) => {
      fake.sheet(sheet)!.cells.set(cell, {
        ...(fake.cell(sheet, cell) ?? { formula: null, numberFormat: 'General', fill: null }),
        value,
        formula: null,
      });
    },
    reopen: async () => inspectExcel(fake, apiMinor),
  };
}

export function excelFake(apiMinor: number, workbook: ContractWorkbook): FakeExcel {
  const fake = new FakeExcel(apiMinor);
  loadExcel(fake, workbook.sheets);
  for (const [ref, color] of Object.entries(workbook.fills)) {
    const [sheet, cell] = ref.split('!');
    const existing = fake.cell(sheet, cell);
    fake.sheet(sheet)!.cells.set(cell, {
      value: existing?.value ?? null,
      formula: existing?.formula ?? null,
      numberFormat: existing?.numberFormat ?? 'General',
      fill: `#${color}`,
    });
  }
  // A user's note exists whatever API level the add-in runs at.
  for (const [ref, note] of Object.entries(workbook.notes)) fake.notes.set(ref, note);
  for (const [name, state] of Object.entries(workbook.hidden ?? {}))
    fake.sheet(name)!.visibility = state === 'hidden' ? 'Hidden' : 'VeryHidden';
  fake.active = workbook.active;
  return fake;
}

export const excelSubject =
  (apiMinor: number): HostFactory =>
  async (workbook) =>
    inspectExcel(excelFake(apiMinor, workbook), apiMinor);

// ---- WPS 表格 (the ET object model) ----------------------------------------------------------------

export function loadEt(fake: FakeEt, grids: SheetGrid[]): void {
  for (const grid of grids) {
    const sheet = fake.addSheet(grid.name);
    forEachGridCell(grid, (address, value, formula, numberFormat) =>
      sheet.cells.set(address, { value, formula, numberFormat, fill: null, comment: null }),
    );
    sheet.merges = [...(grid.merges ?? [])];
  }
}

export function inspectWps(fake: FakeEt): HostUnderTest {
  return {
    host: new WpsHost(fake.application()),
    value: (sheet, cell) => fake.cell(sheet, cell)?.value ?? null,
    formula: (sheet, cell) => fake.cell(sheet, cell)?.formula ?? null,
    fill: (sheet, cell) => {
      const fill = fake.cell(sheet, cell)?.fill;
      return fill === null || fill === undefined ? null : bgrToRgb(fill);
    },
    note: (sheet, cell) => fake.cell(sheet, cell)?.comment ?? null,
    messagesInNotes: true,
    look: (name) => {
      const sheet = fake.sheet(name)!;
      const print = sheet.print;
      return fakeLook(
        sheet,
        print && {
          landscape: print.Orientation === 2,
          fitWide: print.FitToPagesWide === 1 && print.Zoom === false,
          titleRows: print.PrintTitleRows ?? null,
          title: print.CenterHeader ?? null,
          signature: print.LeftFooter ?? null,
        },
      );
    },
    layoutSupport: { merges: true, widths: true, freeze: true, print: true },
    sheetNames: () => fake.sheets.filter((s) => s.visible === -1).map((s) => s.name),
    activeCell: () => (fake.selected && fake.selected.sheet === fake.active ? fake.selected : null),
    type: async (sheet, cell, value) => {
      fake.sheet(sheet)!.cells.set(cell, {
        ...(fake.cell(sheet, cell) ?? { numberFormat: 'General', fill: null, comment: null }),
        value,
        formula: null,
      });
    },
    reopen: async () => inspectWps(fake),
  };
}

export function etFake(workbook: ContractWorkbook, quirks: ConstructorParameters<typeof FakeEt>[0] = {}): FakeEt {
  const fake = new FakeEt(quirks);
  loadEt(fake, workbook.sheets);
  for (const [ref, color] of Object.entries(workbook.fills)) {
    const [sheet, cell] = ref.split('!');
    const existing = fake.cell(sheet, cell);
    fake.sheet(sheet)!.cells.set(cell, {
      value: existing?.value ?? null,
      formula: existing?.formula ?? null,
      numberFormat: 'General',
      fill: rgbToBgr(color),
      comment: null,
    });
  }
  for (const [ref, note] of Object.entries(workbook.notes)) {
    const [sheet, cell] = ref.split('!');
    fake.sheet(sheet)!.cells.set(cell, { ...fake.cell(sheet, cell)!, comment: note });
  }
  for (const [name, state] of Object.entries(workbook.hidden ?? {}))
    fake.sheet(name)!.visible = state === 'hidden' ? 0 : 2;
  fake.active = workbook.active;
  return fake;
}

export const wpsSubject =
  (quirks: ConstructorParameters<typeof FakeEt>[0] = {}): HostFactory =>
  async (workbook) =>
    inspectWps(etFake(workbook, quirks));

// ---- a file (CLI, page) ------------------------------------------------------------------------------

/** Looks into the parts of the copy the host writes, as Excel would show them. */
export function inspectFile(host: FileHost): HostUnderTest {
  const parts = () => new PackageInspector(host.workbookPackage);
  return {
    host,
    value: (sheet, cell) => parts().value(sheet, cell),
    formula: (sheet, cell) => parts().formula(sheet, cell),
    fill: (sheet, cell) => parts().fill(sheet, cell),
    note: (sheet, cell) => parts().note(sheet, cell),
    messagesInNotes: true,
    look: (sheet) => parts().look(sheet),
    layoutSupport: { merges: true, widths: true, freeze: true, print: true },
    sheetNames: () => parts().sheetNames(),
    activeCell: () => parts().activeCell(),
    // A file has no user typing into it: another writer's change is the same to the host.
    type: async (sheet, cell, value) =>
      void (await host.applyEdits([{ type: 'set-value', sheet, cell, value, mode: 'replace' }])),
    reopen: async () => inspectFile(await FileHost.load(await host.toBuffer(), host.fileName)),
  };
}

export const fileSubject: HostFactory = async (workbook) =>
  inspectFile(await FileHost.load(await contractBytes(workbook), 'contract.xlsx'));
