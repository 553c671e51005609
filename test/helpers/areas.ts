import { parseA1, type CellRange } from '../../src/core/sheet/address';

/** The smallest range holding every address (A1:A1 for none): no dependency, so a browser bundle can use it. */
export function boundingArea(addresses: Iterable<string>): CellRange {
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const address of addresses) {
    const { row, col } = parseA1(address)!;
    top = Math.min(top, row);
    left = Math.min(left, col);
    bottom = Math.max(bottom, row);
    right = Math.max(right, col);
  }
  return top === Infinity ? { top: 1, left: 1, bottom: 1, right: 1 } : { top, left, bottom, right };
}
