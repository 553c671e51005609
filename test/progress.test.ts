import { ProgressBar } from '../src/cli/progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return {
    written,
    stream: { isTTY, write: (text: string) => (written.push(text), true) } as unknown as NodeJS.WriteStream,
  };
}

describe('progress bar', () => {
  it('draws on a terminal when checking several files, and clears its line at the end', () => {
    const { written, stream: tty } = stream(true);
    const bar = new ProgressBar(4, tty);
    bar.update(2, '第二个文件.xlsx');
    bar.done();
    expect(written[0]).toMatch(/^\r\[█{12}░{12}\] 2\/4 第二个文件\.xlsx/);
    expect(written[1]).toBe('\r\u001b[K');
  });

  it('stays silent in pipes and logs, and for a single file', () => {
    for (const [isTTY, total] of [
      [false, 5],
      [true, 1],
    ] as const) {
      const { written, stream: out } = stream(isTTY);
      const bar = new ProgressBar(total, out);
      bar.update(1, 'a.xlsx');
      bar.done();
      expect(written).toEqual([]);
    }
  });
});

describe('the engine’s progress on a large workbook', () => {
  it('tells each sheet, the forms found on it, and every 250 forms checked, up to all of them', async () => {
    const { readXlsx } = await import('../src/xlsx/xlsx-reader');
    const { stackedXlsx } = await import('./helpers/stacked-xlsx');
    const { checkWorkbook } = await import('../src/core/check/workbook');
    const { BUILT_IN_PROFILES } = await import('../src/core/rules/profiles');
    const fs = await import('fs');
    const path = await import('path');
    const source = readXlsx(
      new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', 'shared', 'seed000-2020-errors.xlsx'))),
    );
    const big = readXlsx(stackedXlsx(source.grid(source.sheets[1]), 600));
    const sheets = [source.grid(source.sheets[0]), big.grid(big.sheets[0])];
    const seen: Array<[number, number, number]> = [];
    const results = checkWorkbook(sheets, BUILT_IN_PROFILES.national, {
      onProgress: (p) => seen.push([p.sheetIndex, p.formsFound, p.formsChecked]),
    });
    expect(results).toHaveLength(601);
    // Before and after recognising each sheet (every sheet is read first: a form may take its budget from
    // another), then every 250 checked, and when a sheet is done.
    expect(seen).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [1, 601, 0],
      [0, 601, 1],
      [1, 601, 250],
      [1, 601, 500],
      [1, 601, 601],
    ]);
  });
});
