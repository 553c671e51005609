import { planEdits } from '../src/core/edits/edits';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { ExcelHost } from '../src/hosts/excel/excel-host';
import { FileHost } from '../src/hosts/file/file-host';
import type { SpreadsheetHost } from '../src/hosts/host';
import { WpsHost } from '../src/hosts/wps/wps-host';
import { contractWorkbook, newFormGrid, type HostFactory, type HostUnderTest } from './contract/host-contract';
import { excelSubject, fileSubject, wpsSubject } from './contract/subjects';
import { toA1 } from '../src/core/sheet/address';
import { basisEdits, MARK_MESSAGE_PREFIX, undoEdits, type Edit } from '../src/core/edits/edits';
import type { ApplyReport } from '../src/hosts/host';
import { checkSheets } from './helpers/check';
import {
  contractBytes,
  etFakeFromXlsx,
  excelFakeFromXlsx,
  xlsxFromEtFake,
  xlsxFromExcelFake,
} from './helpers/saved-workbook';
import { PackageInspector } from './helpers/xlsx-inspect';

/**
 * Marks made by one host are cleared by any other: the copy a reviewer's CLI or page marked opens in
 * Excel (current and 2016) and in WPS and is cleared there, and the reverse. Workbooks travel as
 * .xlsx files written by exceljs, not by the host that marked them.
 */
const national = BUILT_IN_PROFILES.national;
const STATE_SHEET = '_绩效自评助手标记';

/** What the user's workbook looked like: fills and notes of every cell the marks will touch. */
const ORIGINAL_FILLS: Record<string, string | null> = { '表一!J19': 'FFFF00', '表一!C3': '00B0F0' };
const USER_NOTE = { at: '表一!J19', text: '原有批注' };

async function markAll(host: SpreadsheetHost): Promise<string[]> {
  const results = checkSheets(await host.readSheets('all'), national);
  const edits = planEdits(results, { mark: true, reviewSheet: true });
  const report = await host.applyEdits(edits);
  expect(report.marked).toBeGreaterThan(2);
  return edits.flatMap((e) => (e.type === 'mark' ? [`${e.sheet}!${e.cell}`] : []));
}

interface Look {
  fill(ref: string): string | null;
  note(ref: string): string | null;
  sheets(): string[];
}

function expectCleared(look: Look, marked: string[]): void {
  for (const ref of marked) {
    expect([ref, look.fill(ref)]).toEqual([ref, ORIGINAL_FILLS[ref] ?? null]);
    expect([ref, look.note(ref)]).toEqual([ref, ref === USER_NOTE.at ? USER_NOTE.text : null]);
  }
  expect(look.sheets()).not.toContain('审核意见');
  expect(look.sheets()).not.toContain(STATE_SHEET);
}

function split(ref: string): [string, string] {
  const bang = ref.indexOf('!');
  return [ref.slice(0, bang), ref.slice(bang + 1)];
}

async function fileHostCopy(): Promise<{ bytes: Uint8Array; marked: string[] }> {
  const host = await FileHost.load(await contractBytes(contractWorkbook()), 'contract.xlsx');
  const marked = await markAll(host);
  return { bytes: await host.toBuffer(), marked };
}

describe('a copy marked by the file host (CLI, page)', () => {
  it.each([18, 1])('is fully cleared by the Excel host (ExcelApi 1.%i)', async (minor) => {
    const { bytes, marked } = await fileHostCopy();
    const fake = await excelFakeFromXlsx(bytes, minor);
    expect(fake.sheet(STATE_SHEET)?.visibility).toBe('VeryHidden');
    const report = await new ExcelHost(fake.api(), fake.supports).clearMarks();
    expect(report.restored).toBe(marked.length);
    // Below ExcelApi 1.18 Excel has no notes API: the notes stay, and the user is told how many.
    const notesOf = (ref: string) => fake.notes.get(ref) ?? fake.comments.get(ref) ?? null;
    const ours = marked.filter((ref) => notesOf(ref)?.startsWith('绩效自评助手：'));
    expect(ours.length).toBe(minor >= 18 ? 0 : marked.length - 1);
    expect(report.notesLeft).toBe(ours.length);
    for (const ref of ours) fake.notes.delete(ref);
    expectCleared(
      {
        fill: (ref) => fake.cell(...split(ref))?.fill?.replace('#', '') ?? null,
        note: notesOf,
        sheets: () => fake.sheets.map((s) => s.name),
      },
      marked,
    );
  });

  it('printed one page wide, is cleared in Excel below 1.9 with its print scaling kept for a host that can give it back', async () => {
    const host = await FileHost.load(await contractBytes(contractWorkbook()), 'contract.xlsx');
    const results = checkSheets(await host.readSheets('all'), national);
    expect((await host.applyEdits(planEdits(results, { mark: true, fitWidth: true }))).printFitted).toBe(2);
    const fake = await excelFakeFromXlsx(await host.toBuffer(), 8);
    const report = await new ExcelHost(fake.api(), fake.supports).clearMarks();
    // Excel 1.8 cannot set print scaling: the pane says how many sheets still print one page wide.
    expect(report.printsLeft).toBe(2);
    expect(fake.sheet(STATE_SHEET)?.visibility).toBe('VeryHidden');
    // The file host (or WPS, or a newer Excel) then gives the scaling back and the state goes.
    const later = await FileHost.load(await xlsxFromExcelFake(fake), 'cleared-in-excel.xlsx');
    expect((await later.clearMarks()).printsLeft).toBeUndefined();
    const cleared = await FileHost.load(await later.toBuffer(), 'cleared.xlsx');
    const [first] = cleared.workbookPackage.read().sheets;
    expect(cleared.workbookPackage.sheet(first.path).printFit().fitToPage).toBe(false);
    expect(hiddenSheets(cleared)).not.toContain(STATE_SHEET);
  });

  it('is fully cleared by the WPS host', async () => {
    const { bytes, marked } = await fileHostCopy();
    const fake = await etFakeFromXlsx(bytes);
    expect((await new WpsHost(fake.application()).clearMarks()).restored).toBe(marked.length);
    expectCleared(
      {
        fill: (ref) => {
          const fill = fake.cell(...split(ref))?.fill;
          return fill === null || fill === undefined ? null : new PackageInspectorColour(fill).rgb;
        },
        note: (ref) => fake.cell(...split(ref))?.comment ?? null,
        sheets: () => fake.sheets.map((s) => s.name),
      },
      marked,
    );
  });
});

/** WPS colours are BGR numbers. */
class PackageInspectorColour {
  constructor(private readonly bgr: number) {}
  get rgb(): string {
    const b = this.bgr;
    return [b & 0xff, (b >> 8) & 0xff, (b >> 16) & 0xff]
      .map((c) => c.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  }
}

async function clearedByFileHost(bytes: Uint8Array, marked: string[]): Promise<void> {
  const host = await FileHost.load(bytes, 'marked.xlsx');
  expect((await host.clearMarks()).restored).toBe(marked.length);
  const look = new PackageInspector((await FileHost.load(await host.toBuffer(), 'cleared.xlsx')).workbookPackage);
  expectCleared(
    {
      fill: (ref) => look.fill(...split(ref)),
      note: (ref) => look.note(...split(ref)),
      sheets: () => look.sheetNames().concat(hiddenSheets(host)),
    },
    marked,
  );
}

function hiddenSheets(host: FileHost): string[] {
  return host.workbookPackage.read().sheets.map((s) => s.name);
}

describe('a workbook marked in Excel or WPS', () => {
  it.each([18, 1])('is fully cleared by the file host when marked with ExcelApi 1.%i', async (minor) => {
    const fake = await excelFakeFromXlsx(await contractBytes(contractWorkbook()), minor);
    const marked = await markAll(new ExcelHost(fake.api(), fake.supports));
    await clearedByFileHost(await xlsxFromExcelFake(fake), marked);
  });

  it('is fully cleared by the file host when marked in WPS', async () => {
    const fake = await etFakeFromXlsx(await contractBytes(contractWorkbook()));
    const marked = await markAll(new WpsHost(fake.application()));
    await clearedByFileHost(await xlsxFromEtFake(fake), marked);
  });

  it('marked in WPS is cleared in Excel, and marked in Excel is cleared in WPS', async () => {
    const wps = await etFakeFromXlsx(await contractBytes(contractWorkbook()));
    const markedInWps = await markAll(new WpsHost(wps.application()));
    const excel = await excelFakeFromXlsx(await xlsxFromEtFake(wps), 18);
    expect((await new ExcelHost(excel.api(), excel.supports).clearMarks()).restored).toBe(markedInWps.length);
    expect(excel.cell('表一', 'J19')?.fill).toBe('#FFFF00');
    expect(excel.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);

    const excel2 = await excelFakeFromXlsx(await contractBytes(contractWorkbook()), 13);
    const markedInExcel = await markAll(new ExcelHost(excel2.api(), excel2.supports));
    const wps2 = await etFakeFromXlsx(await xlsxFromExcelFake(excel2));
    expect((await new WpsHost(wps2.application()).clearMarks()).restored).toBe(markedInExcel.length);
    expect(new PackageInspectorColour(wps2.cell('表一', 'C3')!.fill!).rgb).toBe('00B0F0');
    expect(wps2.cell('表一', 'J19')?.comment).toBe('原有批注');
  });
});

describe('every edit type leaves the same workbook in every host', () => {
  /** Every non-empty cell of every visible sheet (value or formula, fill, note), and the added sheets' looks. */
  function dump(subject: HostUnderTest, added: readonly string[]) {
    const cells: Record<string, Record<string, unknown>> = {};
    for (const sheet of subject.sheetNames())
      for (let row = 1; row <= 40; row++)
        for (let col = 1; col <= 12; col++) {
          const cell = toA1(row, col);
          const formula = subject.formula(sheet, cell);
          const value = formula ? null : subject.value(sheet, cell);
          const content = {
            ...(formula ? { formula } : { value }),
            fill: subject.fill(sheet, cell),
            note: subject.note(sheet, cell),
          };
          if (value !== null || formula || content.fill || content.note) cells[`${sheet}!${cell}`] = content;
        }
    const looks = Object.fromEntries(
      added.filter((name) => subject.sheetNames().includes(name)).map((name) => [name, subject.look(name)]),
    );
    return { sheets: subject.sheetNames(), cells, looks };
  }

  /** The report, without the file host's own record of each cell (its XML, for exact undo). */
  function comparable(report: ApplyReport) {
    return {
      ...report,
      changes: report.changes.map((c) => ({ ...c, before: { ...c.before, hostRecord: undefined } })),
    };
  }

  /** Marks, fills, the 审核意见 sheet, a new sheet, an append and a formula replaced; undone; marks cleared. */
  async function everyEditType(open: HostFactory) {
    const subject = await open(contractWorkbook());
    const results = checkSheets(await subject.host.readSheets('all'), national);
    const { grid: formGrid, widths } = newFormGrid();
    // A number format in the new sheet (a rate as a percentage), written by each host its own way.
    const grid = {
      ...formGrid,
      numberFormats: formGrid.values.map((line, r) => line.map(() => (r === 3 ? '0.00%' : null))),
    };
    const writes: Edit[] = [
      ...planEdits(results, { mark: true, fill: true, reviewSheet: true }),
      { type: 'new-sheet', name: '新表', grid, columnWidths: widths },
      { type: 'set-value', sheet: '说明', cell: 'A1', value: '补充：以财政批复为准', mode: 'append' },
      { type: 'set-value', sheet: '说明', cell: 'B1', value: 5, mode: 'replace' },
      { type: 'set-value', sheet: '说明', cell: 'C1', value: 0.95, numberFormat: '0.00%', mode: 'if-empty' },
      { type: 'set-value', sheet: '表二', cell: 'H5', value: '=不是公式', mode: 'if-empty' },
    ];
    const written = await subject.host.applyEdits([...basisEdits(results, writes), ...writes]);
    const added = [written.reviewSheet as string, ...written.sheetsAdded];
    const afterWrite = dump(subject, added);
    const undone = await subject.host.applyEdits(undoEdits(written.changes, [{ name: written.sheetsAdded[0], grid }]));
    const afterUndo = dump(subject, added);
    const cleared = await subject.host.clearMarks();
    return {
      written: comparable(written),
      afterWrite,
      undone: comparable(undone),
      afterUndo,
      cleared,
      afterClear: dump(subject, added),
    };
  }

  const variants: Array<[string, HostFactory]> = [
    ['Excel (ExcelApi 1.18)', excelSubject(18)],
    ['Excel (ExcelApi 1.13)', excelSubject(13)],
    ['Excel (ExcelApi 1.10)', excelSubject(10)],
    ['WPS', wpsSubject()],
    ['WPS (flat single rows, Address as a method)', wpsSubject({ flatRows: true, addressAsMethod: true })],
  ];

  it.each(variants)(
    '%s as the file host: values, formulas, fills, notes, merges, widths, print setup',
    async (_name, open) => {
      const reference = await everyEditType(fileSubject);
      expect(Object.keys(reference.afterWrite.cells).length).toBeGreaterThan(100);
      expect(reference.written.marked).toBeGreaterThan(2);
      expect(reference.undone.sheetsRemoved).toEqual(['新表']);
      expect(await everyEditType(open)).toEqual(reference);
    },
  );

  it('Excel below ExcelApi 1.2 as the file host, but for what it cannot write: notes, merges, widths, frozen rows, print setup (cell looks it can)', async () => {
    const reference = await everyEditType(fileSubject);
    const withoutLayout = (dumped: ReturnType<typeof dump>) => ({
      ...dumped,
      // Messages only in the 审核意见 sheet; a user's own note stays.
      cells: Object.fromEntries(
        Object.entries(dumped.cells)
          .map(([ref, cell]): [string, Record<string, unknown>] => [
            ref,
            { ...cell, note: String(cell.note).startsWith(MARK_MESSAGE_PREFIX) ? null : cell.note },
          ])
          .filter(([, cell]) => cell.value !== null || cell.formula || cell.fill || cell.note),
      ),
      // Cell looks (fonts, fills, wrapping, alignment, borders) are ExcelApi 1.1: the same as the file host's.
      looks: Object.fromEntries(
        Object.entries(dumped.looks).map(([name, look]) => [
          name,
          { merges: [], widths: [], frozenRows: 0, print: null, cells: look.cells },
        ]),
      ),
    });
    const old = await everyEditType(excelSubject(1));
    expect(old.written).toEqual(reference.written);
    expect(old.afterWrite).toEqual(withoutLayout(reference.afterWrite));
    expect(old.undone).toEqual(reference.undone);
    expect(old.afterUndo).toEqual(withoutLayout(reference.afterUndo));
    expect(old.cleared).toEqual(reference.cleared);
    expect(old.afterClear).toEqual(withoutLayout(reference.afterClear));
  });
});
