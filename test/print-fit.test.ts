import { SheetXml } from '../src/xlsx/sheet-xml';
import { ONE_PAGE_WIDE } from '../src/core/edits/mark-state';
import { SaxesParser } from 'saxes';

/**
 * One page wide in a worksheet's own XML (the file host behind the CLI's copies and the page's downloads), and
 * back: whatever the sheet said of its print scaling before (a `sheetPr` with other settings, none at all, a
 * `pageSetup` or none, another generator's `x:` prefix) is what it says again after 清除标记.
 */
const decode = () => ({ value: null, formula: null });
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function worksheet(before: string, after: string, p = ''): string {
  const ns = p ? `xmlns:${p.slice(0, -1)}="${NS}"` : `xmlns="${NS}"`;
  return `<?xml version="1.0"?><${p}worksheet ${ns}>${before}<${p}sheetData><${p}row r="1"/></${p}sheetData>${after}</${p}worksheet>`;
}

function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

describe('a sheet set to print one page wide, and given back', () => {
  it.each([
    [
      'no sheetPr, no pageSetup',
      '',
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
      '',
    ],
    [
      'a sheetPr with a code name and a tab colour',
      '<sheetPr codeName="Sheet1"><tabColor rgb="FFFF0000"/></sheetPr>',
      '<pageSetup paperSize="9" orientation="landscape" scale="85"/>',
      '',
    ],
    [
      'a self-closing sheetPr, fit flags already there',
      '<sheetPr filterMode="0"/>',
      '<pageSetup fitToWidth="2" fitToHeight="3"/><headerFooter/>',
      '',
    ],
    [
      'fit to page already on',
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
      '<pageSetup fitToWidth="1" fitToHeight="1"/>',
      '',
    ],
    ['another generator’s prefix', '', '<x:pageSetup orientation="portrait"/>', 'x:'],
  ])('%s', (_, before, after, prefix) => {
    const original = worksheet(before, after, prefix);
    const sheet = new SheetXml(decode, original);
    const was = sheet.printFit();
    sheet.setPrintFit(ONE_PAGE_WIDE);
    const wide = sheet.serialise();
    wellFormed(wide);
    expect(new SheetXml(decode, wide).printFit()).toEqual(ONE_PAGE_WIDE);
    expect(wide).toMatch(new RegExp(`<${prefix}pageSetUpPr fitToPage="1"/>`));
    sheet.setPrintFit(was);
    const back = sheet.serialise();
    wellFormed(back);
    expect(new SheetXml(decode, back).printFit()).toEqual(was);
    // Nothing but the scaling changed: the other settings are where they were.
    for (const kept of ['codeName="Sheet1"', '<tabColor rgb="FFFF0000"/>', 'paperSize="9"', '<headerFooter/>'])
      if (original.includes(kept)) expect(back).toContain(kept);
    if (!original.includes('sheetPr')) expect(back).not.toContain('sheetPr');
  });
});

describe('asked for, and only then', () => {
  async function captured<T>(run: () => Promise<T>): Promise<{ value: T; text: string }> {
    let text = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((text += String(chunk)), true));
    try {
      return { value: await run(), text };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('the CLI sets the copies one page wide with --fit-width (never without --out), and leaves them as they were without', async () => {
    const fs = await import('fs');
    const os = await import('os');
    const path = await import('path');
    const { main } = await import('../src/cli/command-line');
    const { FileHost } = await import('../src/hosts/file/file-host');
    const input = path.join(__dirname, 'fixtures', 'shared', 'seed002-2024.xlsx');
    const refused = await captured(() => main(['--fit-width', input]));
    expect(refused.value).toBe(2);
    expect(refused.text).toMatch(/^--fit-width 须与 --out 一起使用/);
    const printFitOf = async (dir: string) => {
      const name = fs.readdirSync(dir).find((n) => n.endsWith('-审核.xlsx')) as string;
      const host = await FileHost.load(new Uint8Array(fs.readFileSync(path.join(dir, name))), name);
      const [first] = host.workbookPackage.read().sheets;
      return host.workbookPackage.sheet(first.path).printFit();
    };
    const wide = fs.mkdtempSync(path.join(os.tmpdir(), 'fit-'));
    await captured(() => main(['--out', wide, '--fit-width', input]));
    expect(await printFitOf(wide)).toEqual(ONE_PAGE_WIDE);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'fit-'));
    await captured(() => main(['--out', plain, input]));
    expect((await printFitOf(plain)).fitToPage).toBe(false);
  });
});
