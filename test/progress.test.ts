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
