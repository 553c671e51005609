import ExcelJS from 'exceljs';
import { FileHost } from '../src/hosts/file/file-host';
import { describeHostContract, type ContractWorkbook, type HostUnderTest } from './contract/host-contract';
import { workbookBytes } from './helpers/form-builder';
import { plainValue } from '../src/hosts/file/grid-from-exceljs';

async function bytesOf(workbook: ContractWorkbook): Promise<Uint8Array> {
  const base = new ExcelJS.Workbook();
  await base.xlsx.load((await workbookBytes(workbook.sheets)) as unknown as ExcelJS.Buffer);
  for (const [ref, color] of Object.entries(workbook.fills)) {
    const [sheet, cell] = ref.split('!');
    base.getWorksheet(sheet)!.getCell(cell).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${color}` } };
  }
  for (const [ref, note] of Object.entries(workbook.notes)) {
    const [sheet, cell] = ref.split('!');
    base.getWorksheet(sheet)!.getCell(cell).note = note;
  }
  base.views = [{ activeTab: workbook.sheets.findIndex((s) => s.name === workbook.active) } as ExcelJS.WorkbookView];
  return new Uint8Array((await base.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Looks into the exceljs model of the copy the host writes (loaded up front so the checks can be synchronous). */
async function inspect(host: FileHost): Promise<HostUnderTest> {
  await host.editableWorkbook();
  const cellOf = (sheet: string, cell: string) => host.workbook.getWorksheet(sheet)!.getCell(cell);
  return {
    host,
    value: (sheet, cell) => plainValue(cellOf(sheet, cell).value).value,
    formula: (sheet, cell) => plainValue(cellOf(sheet, cell).value).formula,
    fill: (sheet, cell) => {
      const fill = cellOf(sheet, cell).fill as ExcelJS.FillPattern | undefined;
      return fill?.fgColor?.argb ? fill.fgColor.argb.slice(2) : null;
    },
    note: (sheet, cell) => {
      const note = cellOf(sheet, cell).note as unknown;
      if (note === undefined || note === null) return null;
      return typeof note === 'string' ? note : ((note as { texts: Array<{ text: string }> }).texts ?? []).map((t) => t.text).join('');
    },
    messagesInNotes: true,
    sheetNames: () => host.workbook.worksheets.filter((s) => s.state === 'visible').map((s) => s.name),
    activeCell: () => {
      const index = host.workbook.views?.[0]?.activeTab ?? 0;
      const sheet = host.workbook.worksheets[index];
      const cell = (sheet?.views?.[0] as { activeCell?: string } | undefined)?.activeCell;
      return sheet && cell ? { sheet: sheet.name, cell } : null;
    },
    reopen: async () => inspect(await FileHost.load(await host.toBuffer(), host.fileName)),
  };
}

describeHostContract('file', async (workbook) => inspect(await FileHost.load(await bytesOf(workbook), 'contract.xlsx')));
