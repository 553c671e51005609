import { FileHost } from '../src/hosts/file/file-host';
import { describeHostContract, type HostUnderTest } from './contract/host-contract';
import { contractBytes } from './helpers/saved-workbook';
import { PackageInspector } from './helpers/xlsx-inspect';

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
    look: (sheet) => parts().look(sheet),
    layoutSupport: { merges: true, widths: true, print: true },
    sheetNames: () => parts().sheetNames(),
    activeCell: () => parts().activeCell(),
    // A file has no user typing into it: another writer's change is the same to the host.
    type: async (sheet, cell, value) =>
      void (await host.applyEdits([{ type: 'set-value', sheet, cell, value, mode: 'replace' }])),
    reopen: async () => inspect(await FileHost.load(await host.toBuffer(), host.fileName)),
  };
}

describeHostContract('file', async (workbook) =>
  inspect(await FileHost.load(await contractBytes(workbook), 'contract.xlsx')),
);
