import { forEachStored } from '../src/core/sheet/grid';

/** The values visited, and how many places of the array were read to find them. */
function walk<T>(array: T[]): { visited: Array<[number, T]>; reads: number } {
  let reads = 0;
  const counted = new Proxy(array, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const visited: Array<[number, T]> = [];
  forEachStored(counted, (value, index) => visited.push([index, value]));
  return { visited, reads };
}

describe('forEachStored', () => {
  it('visits every value of a full array with holes, in order, by index', () => {
    const rows: string[] = [];
    for (let i = 0; i < 45000; i++) if (i % 7 !== 3) rows[i] = `r${i}`;
    const { visited, reads } = walk(rows);
    expect(visited.length).toBe(45000 - Math.floor((45000 + 3) / 7));
    expect(visited.every(([index, value], k) => value === `r${index}` && (k === 0 || index > visited[k - 1][0]))).toBe(
      true,
    );
    expect(reads).toBeLessThan(2 * 45000);
  });

  it('walks a mostly empty array by what it holds, not by its length (a value at row 1,048,576)', () => {
    const rows: string[] = [];
    rows[0] = 'top';
    rows[10] = 'title';
    rows[1_048_575] = 'stray';
    const { visited, reads } = walk(rows);
    expect(visited).toEqual([
      [0, 'top'],
      [10, 'title'],
      [1_048_575, 'stray'],
    ]);
    expect(reads).toBeLessThan(10_000);
  });

  it('reads a row whose one value stands at column XFD a few places deep, not 16,384 (or 4,096) of them', () => {
    const row: string[] = [];
    row[16_383] = 'stray';
    const { visited, reads } = walk(row);
    expect(visited).toEqual([[16_383, 'stray']]);
    expect(reads).toBeLessThan(200);
  });

  it('finds values after a long empty stretch in an array that fills again', () => {
    const rows: number[] = [];
    for (let i = 0; i < 100; i++) rows[i] = i;
    for (let i = 20_000; i < 20_050; i++) rows[i] = i;
    expect(walk(rows).visited.map(([index]) => index)).toEqual([
      ...Array.from({ length: 100 }, (_, i) => i),
      ...Array.from({ length: 50 }, (_, i) => 20_000 + i),
    ]);
  });
});
