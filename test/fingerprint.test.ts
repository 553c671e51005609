import fc from 'fast-check';
import { fingerprintValues } from '../src/core/check/basis';
import type { CellValue } from '../src/core/sheet/grid';

/**
 * A form's basis is compared with a fingerprint made later, maybe by another build (a pane reloaded, a copy checked
 * again): the fingerprint of the same values must never change. This is the definition it was first written as.
 */
function reference(values: ReadonlyArray<ReadonlyArray<CellValue>>): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193) >>> 0;
      b = Math.imul(b ^ code, 0x000193a3) >>> 0;
    }
  };
  for (const row of values) {
    for (const value of row) add(value === null || value === '' ? '\u0001' : `\u0001${typeof value}:${String(value)}`);
    add('\u0002');
  }
  return `${a.toString(16)}${b.toString(16)}`;
}

const VALUES: CellValue[] = [
  null,
  '',
  0,
  5,
  '5',
  -0.25,
  1e21,
  true,
  false,
  '预算执行率',
  '偏差原因：\n进度滞后',
  '𠀀',
  ' ',
];

describe('form fingerprints', () => {
  it('are what they always were, on fixed values', () => {
    expect(fingerprintValues([])).toBe('811c9dc55ad1e806');
    expect(fingerprintValues([['总分', 90, null, '']])).toBe('a3c7fea7ff94fcde');
    expect(
      fingerprintValues([
        ['指标', 12.5, true],
        [null, '优'],
      ]),
    ).toBe('b797b012d49d20c');
    expect(fingerprintValues([[5], ['5']])).not.toBe(fingerprintValues([['5'], [5]]));
    expect(fingerprintValues([[null, '']])).toBe(fingerprintValues([['', null]]));
  });

  it('agree with their definition on any area of values', () => {
    const cell = fc.oneof(fc.constantFrom(...VALUES), fc.string(), fc.double(), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 25 }), (rows) => {
        expect(fingerprintValues(rows)).toBe(reference(rows));
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
