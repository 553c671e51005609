import { HostError } from '../hosts/host';
import { attributesOf, entriesWithin, utf8 } from './xlsx-reader';
import { entryBytes } from './zip';

/**
 * An .ods says `number-rows-repeated="1000000"` on a row of filled cells in a few bytes, and the reader
 * (SheetJS, with its own unzip) would build every one of them: minutes and gigabytes from a 30 KB file.
 * Before it runs, the package is held to the .xlsx limits (sizes from the zip directory, each part
 * inflated within its declared size) and the filled cells the repeats stand for are counted, linearly.
 */

/** Filled cells after repeats are expanded: far more than any workbook of forms, a few seconds to read. */
export const MAX_ODS_CELLS = 2_000_000;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;
const DAMAGED = '.ods（OpenDocument）文件已损坏或无法识别，无法读取';

export function checkOdsBounds(data: Uint8Array): void {
  const content = contentXml(data);
  const { cells, lastRow, lastCol } = filledCells(content);
  if (lastRow > MAX_ROW || lastCol > MAX_COL)
    throw new HostError(
      `.ods 文件中有内容的单元格超出了 Excel 的范围（第 ${lastRow.toLocaleString('en-US')} 行、第 ${lastCol.toLocaleString('en-US')} 列；上限 1,048,576 行 × 16,384 列）：文件已损坏，无法检查`,
    );
  if (cells > MAX_ODS_CELLS)
    throw new HostError(
      `文件过大：.ods 文件中重复的单元格展开后约 ${Math.round(cells / 10000).toLocaleString('en-US')} 万个（上限 ${MAX_ODS_CELLS / 10000} 万个），多为重复内容，无法检查；请在 LibreOffice 中删除表格以外的内容后另存再检查`,
    );
}

function contentXml(data: Uint8Array): string {
  const entries = entriesWithin(data, () => true, DAMAGED);
  const content = entries.find((entry) => entry.name === 'content.xml');
  if (!content) throw new HostError(DAMAGED);
  try {
    return utf8(entryBytes(data, content));
  } catch {
    throw new HostError(DAMAGED);
  }
}

/**
 * One pass over the table tags, by local name whatever their prefix (the reader expands `x:table-row` as it does
 * `table:table-row`: a bound that only knew `table:` was passed by binding the namespace to another prefix). The
 * attribute run stops at the next `<`, so unclosed tags cannot make it quadratic, and it has no length limit: a
 * long attribute before the repeat cannot hide the repeat.
 */
const TABLE_TAG = /<(\/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^<>]*?)(\/?)>/g;
/** Attributes that give a cell a value (the office namespace's, under any prefix). */
const VALUE_ATTRIBUTES = new Set(['value', 'string-value', 'date-value', 'time-value', 'boolean-value', 'value-type']);

/** Filled cells of every table with repeats expanded, and the farthest filled row and column. */
export function filledCells(xml: string): { cells: number; lastRow: number; lastCol: number } {
  const count = { cells: 0, lastRow: 0, lastCol: 0 };
  let row = 0;
  let rowRepeat = 1;
  let col = 0;
  let filledInRow = 0;
  let lastFilledCol = 0;
  TABLE_TAG.lastIndex = 0;
  for (let tag = TABLE_TAG.exec(xml); tag !== null; tag = TABLE_TAG.exec(xml)) {
    const [, closing, name, attributeText, selfClosing] = tag;
    const attributes = localAttributes(attributeText);
    if (name === 'table') {
      if (!closing) row = 0;
    } else if (name === 'table-row') {
      if (closing || selfClosing) {
        if (filledInRow > 0) {
          count.cells += rowRepeat * filledInRow;
          count.lastRow = Math.max(count.lastRow, row + rowRepeat);
          count.lastCol = Math.max(count.lastCol, lastFilledCol);
        }
        row += selfClosing ? repeat(attributes, 'rows') : rowRepeat;
        filledInRow = 0;
      }
      if (!closing && !selfClosing) {
        rowRepeat = repeat(attributes, 'rows');
        col = filledInRow = lastFilledCol = 0;
      }
    } else if (!closing) {
      const columns = repeat(attributes, 'columns');
      col += columns;
      if (!selfClosing || [...attributes.keys()].some((key) => VALUE_ATTRIBUTES.has(key))) {
        filledInRow += columns;
        lastFilledCol = col;
      }
    }
  }
  return count;
}

/** A tag's attributes by local name (any prefix, either quote, any order). */
function localAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(attributesOf(text)))
    attributes.set(name.slice(name.lastIndexOf(':') + 1), value);
  return attributes;
}

function repeat(attributes: Map<string, string>, what: 'rows' | 'columns'): number {
  const value = Number(attributes.get(`number-${what}-repeated`));
  return Number.isFinite(value) ? Math.max(1, Math.floor(value)) : 1;
}
