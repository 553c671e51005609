import { checkSheets } from './helpers/check';
import { planEdits } from '../src/core/edits/edits';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { bgrToRgb, rgbToBgr, toMatrix } from '../src/hosts/wps/et-model';
import { WpsHost } from '../src/hosts/wps/wps-host';
import { describeHostContract } from './contract/host-contract';
import { loadEt, wpsSubject } from './contract/subjects';
import { FakeEt } from './fakes/et-fake';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';

describeHostContract('WPS', wpsSubject());
describeHostContract('WPS (flat single rows, Address as a method)', async (workbook) =>
  wpsSubject({ flatRows: true, addressAsMethod: true })(workbook),
);

describe('WPS host bridge calls', () => {
  function workbook(sheets: number, formsPerSheet: number, mergeTitles = true): FakeEt {
    const fake = new FakeEt();
    const form = buildForm(seed2024Form({ total: [100, 95] }));
    const topOf = (f: number) => 1 + f * (form.rows.length + 2);
    loadEt(
      fake,
      Array.from({ length: sheets }, (_, s) =>
        sheetGrid(
          `表${s + 1}`,
          Array.from({ length: formsPerSheet }, (_, f) => ({ rows: form.rows, top: topOf(f), left: 1 })),
          mergeTitles
            ? Array.from({ length: formsPerSheet }, (_, f) => ({ top: topOf(f), left: 1, bottom: topOf(f), right: 9 }))
            : [],
        ),
      ),
    );
    return fake;
  }

  async function readCalls(fake: FakeEt, expectedForms: number): Promise<number> {
    const grids = await new WpsHost(fake.application()).readSheets('all');
    expect(checkSheets(grids, BUILT_IN_PROFILES.national)).toHaveLength(expectedForms);
    return fake.calls;
  }

  it('without merges, reads cost the same per sheet whatever the number of cells', async () => {
    const one = await readCalls(workbook(1, 1, false), 1);
    const eightForms = await readCalls(workbook(1, 8, false), 8);
    const fourSheets = await readCalls(workbook(4, 1, false), 4);
    expect(eightForms).toBe(one);
    expect(fourSheets).toBeLessThanOrEqual(4 * one);
    expect(one).toBeLessThan(40);
  });

  it('merged areas cost calls per merged area (bisection), never per cell', async () => {
    const plain = await readCalls(workbook(1, 8, false), 8);
    const eight = workbook(1, 8);
    const calls = await readCalls(eight, 8);
    const area =
      eight.sheets[0].cells.size === 0
        ? 0
        : 9 * Math.max(...[...eight.sheets[0].cells.keys()].map((k) => Number(k.replace(/[A-Z]+/, ''))));
    // Each merged area costs at most two calls per bisection level.
    const perMerge = (calls - plain) / 8;
    expect(perMerge).toBeLessThanOrEqual(4 * Math.ceil(Math.log2(area)) + 4);
    // Reading value, formula and format cell by cell would cost three calls per cell.
    expect(calls).toBeLessThan(area);
    const grids = await new WpsHost(eight.application()).readSheets('all');
    expect(grids[0].merges).toHaveLength(8);
  });

  it('fills are written once per colour and sheet, in BGR', async () => {
    const fake = workbook(1, 2);
    const host = new WpsHost(fake.application());
    const results = checkSheets(await host.readSheets('all'), BUILT_IN_PROFILES.national);
    await host.applyEdits(planEdits(results, { mark: true }));
    const mismatch = results[0].findings.find((f) => f.rule === 'total-mismatch')!;
    expect(fake.cell('表1', mismatch.cell)!.fill).toBe(0xcec7ff); // FFC7CE as BGR
  });

  it('normalises every shape WPS returns', () => {
    expect(toMatrix(5, 1, 1)).toEqual([[5]]);
    expect(toMatrix([1, 2, 3], 1, 3)).toEqual([[1, 2, 3]]);
    expect(toMatrix([1, 2], 2, 1)).toEqual([[1], [2]]);
    expect(toMatrix('0.00%', 2, 2)).toEqual([
      ['0.00%', '0.00%'],
      ['0.00%', '0.00%'],
    ]);
    expect(toMatrix([[1], [2]], 2, 1)).toEqual([[1], [2]]);
    expect(rgbToBgr('FF0000')).toBe(0x0000ff);
    expect(bgrToRgb(0x0000ff)).toBe('FF0000');
  });

  it('reads percent formats of a mixed column without a call per cell', async () => {
    const fake = new FakeEt();
    const sheet = fake.addSheet('表');
    for (let r = 1; r <= 50; r++)
      sheet.cells.set(`A${r}`, {
        value: r === 10 ? 0.98 : r * 3,
        formula: null,
        numberFormat: r === 10 ? '0.00%' : 'General',
        fill: null,
        comment: null,
      });
    const [grid] = await new WpsHost(fake.application()).readSheets('all');
    expect(grid.numberFormats![9][0]).toBe('0.00%');
    expect(grid.numberFormats![0][0]).toBeNull();
    expect(fake.calls).toBeLessThan(60);
  });
});

describe('WPS selection events', () => {
  it('reports the selected cell through ApiEvent', async () => {
    const handlers: Record<string, (...args: unknown[]) => void> = {};
    const app = {
      ActiveWorkbook: null,
      ApiEvent: {
        AddApiEventListener: (name: string, handler: (...args: unknown[]) => void) => void (handlers[name] = handler),
      },
    };
    const seen: Array<[string, string]> = [];
    expect(await new WpsHost(app).watchSelection((sheet, cell) => seen.push([sheet, cell]))).toBe(true);
    handlers.SheetSelectionChange({ Name: '表一' }, { Row: 19, Column: 10 });
    expect(seen).toEqual([['表一', 'J19']]);
    expect(await new WpsHost({ ActiveWorkbook: null }).watchSelection(() => undefined)).toBe(false);
  });
});

describe('WPS host without a workbook', () => {
  it('says so in Chinese instead of failing on a missing object', async () => {
    const host = new WpsHost({ ActiveWorkbook: null, ActiveSheet: null } as unknown as ConstructorParameters<
      typeof WpsHost
    >[0]);
    await expect(host.readSheets('all')).rejects.toThrow('WPS 中没有打开的工作簿');
    await expect(host.readSheets('active')).rejects.toThrow('WPS 中没有活动工作表');
    await expect(host.selectCell('表一', 'not-a-cell')).rejects.toThrow(/单元格地址/);
  });
});

describe('WPS host and a stray value far away', () => {
  it('refuses a used area of billions of cells by its size, before reading Value2', async () => {
    const fake = new FakeEt({});
    const sheet = fake.addSheet('自评表');
    for (const address of ['A1', 'XFD1048576'])
      sheet.cells.set(address, {
        value: '项目支出绩效自评表',
        formula: null,
        numberFormat: 'General',
        fill: null,
        comment: null,
      });
    await expect(new WpsHost(fake.application()).readSheets('all')).rejects.toThrow(
      /^工作表「自评表」已用区域过大（A1:XFD1048576，/,
    );
  });
});
