import fc from 'fast-check';
import { firstElement, forEachElement } from '../src/xlsx/xml-elements';
import { readWorkbookParts } from '../src/xlsx/xlsx-reader';

/**
 * The reader scans a sheet's cells in one pass by hand (xlsx-reader.ts, forEachCell). It must read every sheet —
 * damaged ones included — as the element scanner reads rows and then cells (xml-elements.ts): a row or cell whose
 * close tag is missing ends where the next begins, cells outside rows are not read, prefixes are names' own.
 * The reference below is that reading, written with the element scanner.
 */
function referenceCells(xml: string): Array<[number, number, string]> {
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  const end = xml.search(/<\/(?:\w+:)?sheetData>/);
  const data = start < 0 ? '' : xml.slice(start, end < 0 ? xml.length : end);
  const cells: Array<[number, number, string]> = [];
  let rowNumber = 0;
  forEachElement(data, 'row', ({ attributes, body }) => {
    const r = /\br="(\d+)"/.exec(attributes);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    if (body === null) return;
    let col = 0;
    forEachElement(body, 'c', ({ attributes: tag, body: cellBody }) => {
      const ref = /\br="([A-Z]+)(\d+)"/.exec(tag);
      col = ref ? [...ref[1]].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) : col + 1;
      const row = ref ? Number(ref[2]) : rowNumber;
      const raw = cellBody === null ? undefined : firstElement(cellBody, 'v')?.body;
      const value = raw === undefined || raw === null || raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isNaN(value)) cells.push([row, col, String(value)]);
    });
  });
  return cells;
}

function scannedCells(xml: string): Array<[number, number, string]> {
  const parts: Record<string, string> = {
    'xl/workbook.xml': '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': xml,
  };
  const book = readWorkbookParts((path) => parts[path] ?? null);
  const grid = book.grid(book.sheets[0]);
  const cells: Array<[number, number, string]> = [];
  grid.values.forEach((line, r) =>
    line?.forEach((value, c) => {
      if (value !== null && value !== undefined) cells.push([grid.originRow + r, grid.originCol + c, String(value)]);
    }),
  );
  return cells;
}

/** Each place once (a later cell at the same place is the one a grid keeps), top to bottom, left to right. */
const byPlace = (cells: Array<[number, number, string]>) =>
  [...new Map(cells.map((cell) => [`${cell[0]}:${cell[1]}`, cell])).values()]
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((cell) => cell.join(':'));

/** Pieces a sheet is made of, whole and broken: tags with and without prefixes, closes missing or stray. */
const PIECES = [
  '<row r="2">',
  '<row>',
  '<x:row r="5" spans="1:3">',
  '<row r="3"/>',
  '</row>',
  '</x:row >',
  '<c r="B2"><v>7</v></c>',
  '<c><v>8</v></c>',
  '<x:c r="C9" s="0"><x:v>9</x:v></x:c>',
  '<c r="D2"/>',
  '<c r="A1">',
  '<v>11</v>',
  '</c>',
  '<col min="1"/>',
  '<cell r="A1"><v>12</v></cell>',
  '<c r="E4" t="n"><f>1+1</f><v>2</v></c>',
  '<c r="F4"',
  '<v>13',
  'text',
  '<rows>',
];

it('reads the cells of any sheet, damaged or not, as the element scanner reads them', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.boolean(), (pieces, closed) => {
      const xml = `<worksheet><sheetData>${pieces.join('')}${closed ? '</sheetData>' : ''}</worksheet>`;
      expect(byPlace(scannedCells(xml))).toEqual(byPlace(referenceCells(xml)));
    }),
    { numRuns: 2000 },
  );
});

it('reads a cell after the sheet data closes as no cell, and a sheet without sheet data as empty', () => {
  expect(scannedCells('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')).toEqual([
    [1, 1, '1'],
  ]);
  expect(scannedCells('<worksheet><sheetData></sheetData><row r="2"><c r="A2"><v>2</v></c></row></worksheet>')).toEqual(
    [],
  );
  expect(scannedCells('<worksheet><row r="2"><c r="A2"><v>2</v></c></row></worksheet>')).toEqual([]);
});
