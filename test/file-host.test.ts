import ExcelJS from 'exceljs';
import { FileHost } from '../src/hosts/file/file-host';
import { describeHostContract, type ContractWorkbook, type HostUnderTest } from './contract/host-contract';
import { workbookBytes } from './helpers/form-builder';
import { PackageInspector } from './helpers/xlsx-inspect';

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

/** Looks into the parts of the copy the host writes, as Excel would show them. */
function inspect(host: FileHost): HostUnderTest {
  const parts = () => new PackageInspector(host.workbookPackage);
  return {
    host,
    value: (sheet, cell) => parts().value(sheet, cell),
    formula: (sheet, cell) => parts().formula(sheet, cell),
    fill: (sheet, cell) => parts().fill(sheet, cell),
    note: (sheet, cell) => parts().note(sheet, cell),
    messagesInNotes: true,
    sheetNames: () => parts().sheetNames(),
    activeCell: () => parts().activeCell(),
    reopen: async () => inspect(await FileHost.load(await host.toBuffer(), host.fileName)),
  };
}

describeHostContract('file', async (workbook) => inspect(await FileHost.load(await bytesOf(workbook), 'contract.xlsx')));
