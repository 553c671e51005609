import * as fs from 'fs';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { readCellFormats, readSharedStrings, readSheet, type SheetContext } from '../src/xlsx/xlsx-reader';

/**
 * The reader reads a plain cell (`<c r="B2" s="1" t="s"><v>3</v></c>`) in place and every other cell the general
 * way: the two must read every cell alike, plain or not, on real sheets and on cells written every odd way.
 */
const context: SheetContext = {
  sharedStrings: ['甲', '乙', '丙', '100', ''],
  formats: [
    { format: null, isDate: false },
    { format: '0.00%', isDate: false },
    { format: 'yyyy-mm-dd', isDate: true },
  ],
  date1904: false,
};

/** A small deterministic generator (the same sheets on every run). */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

const REFS = ['B2', 'C2', 'AA10', 'a3', '$D$4', 'ZZ1', 'Z99999', '', 'B', '12'];
const STYLES = ['0', '1', '2', '2', '7', '', 'x', '01'];
const TYPES = ['s', 'n', 'str', 'b', 'e', 'inlineStr', 'd', '', 'S', 'sn'];
const VALUES = ['0', '3', '2', '45000.5', ' 1 ', '', '1E3', 'abc', '9999999999', '-0', '&amp;'];

/** One cell, written one of many ways: attribute order, spacing, quoting, prefixes, bodies. */
function oddCell(pick: (n: number) => number): string {
  const attributes: string[] = [];
  const quote = pick(8) === 0 ? "'" : '"';
  const equals = ['=', '=', '=', ' = '][pick(4)];
  const add = (name: string, value: string) => attributes.push(`${name}${equals}${quote}${value}${quote}`);
  if (pick(6) > 0) add(['r', 'r', 'r', 'x:r', 'xr'][pick(5)], REFS[pick(REFS.length)]);
  if (pick(2)) add(['s', 's', 'cs'][pick(3)], STYLES[pick(STYLES.length)]);
  if (pick(2)) add('t', TYPES[pick(TYPES.length)]);
  if (pick(5) === 0) add('cm', '1');
  if (pick(6) === 0) add('s', ['1', '2'][pick(2)]);
  if (pick(10) === 0) add('r', REFS[pick(3)]);
  for (let i = attributes.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [attributes[i], attributes[j]] = [attributes[j], attributes[i]];
  }
  const separator = ['  ', '\n', ' ', ''][pick(4)];
  const open = `<c${attributes.length ? ' ' : ''}${attributes.join(separator)}${pick(4) === 0 ? ' ' : ''}`;
  const value = VALUES[pick(VALUES.length)];
  const bodies = [
    `<v>${value}</v>`,
    `<v>${value}</v>`,
    ` <v>${value}</v>`,
    `<v>${value}</v>\n`,
    `<f>A1+1</f><v>${value}</v>`,
    `<v>${value}</v><f>SUM(A1)</f>`,
    `<is><t>文字</t></is>`,
    '',
    `<x:v>${value}</x:v>`,
    `<v/>`,
  ];
  if (pick(5) === 0) return `${open}/>`;
  // Now and then a cell left open (damage): it ends where the next cell begins.
  return `${open}>${bodies[pick(bodies.length)]}${pick(8) === 0 ? '' : '</c>'}`;
}

function oddSheet(seed: number): string {
  const pick = generator(seed);
  let rows = '';
  for (let r = 1; r <= 30; r++) {
    let cells = '';
    for (let c = pick(8); c > 0; c--) cells += oddCell(pick);
    rows += pick(6) === 0 ? `<row>${cells}</row>` : `<row r="${r}" spans="1:9">${cells}</row>`;
  }
  return `<worksheet><sheetData>${rows}</sheetData><mergeCells><mergeCell ref="B2:C2"/></mergeCells></worksheet>`;
}

/** The grid read, or the reason the sheet is refused. */
function reading(xml: string, sheetContext: SheetContext, plainCells: boolean): unknown {
  try {
    return readSheet('表', xml, sheetContext, plainCells);
  } catch (error) {
    return (error as Error).message;
  }
}

function workbooksUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return workbooksUnder(full);
    return entry.name.endsWith('.xlsx') ? [full] : [];
  });
}

describe('plain cells, read in place', () => {
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))(
    'read as the general reading reads them, on odd sheet %i',
    (seed) => {
      const xml = oddSheet(seed);
      expect(reading(xml, context, true)).toEqual(reading(xml, context, false));
    },
  );

  it('read every fixture sheet as the general reading does', () => {
    const files = workbooksUnder(path.join(__dirname, 'fixtures'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const parts = unzipSync(new Uint8Array(fs.readFileSync(file)));
      const text = (name: string) => (parts[name] ? strFromU8(parts[name]) : '');
      const sheetContext: SheetContext = {
        sharedStrings: readSharedStrings(text('xl/sharedStrings.xml')),
        formats: readCellFormats(text('xl/styles.xml')),
        date1904: false,
      };
      for (const name of Object.keys(parts).filter((part) => /^xl\/worksheets\/[^/]+\.xml$/.test(part))) {
        const xml = text(name);
        expect(reading(xml, sheetContext, true)).toEqual(reading(xml, sheetContext, false));
      }
    }
  });

  it('reads a plain sheet the way it is written', () => {
    const xml =
      '<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" s="1"><v>0.5</v></c>' +
      '<c r="D2" s="2"><v>45000</v></c><c r="E2"/><c><v>7</v></c></row></sheetData></worksheet>';
    const grid = readSheet('表', xml, context);
    expect(grid.originRow).toBe(2);
    expect(grid.values).toEqual([['甲', 0.5, '2023-03-15', undefined, 7]]);
    expect(grid.numberFormats).toEqual([[undefined, '0.00%', undefined, undefined, undefined]]);
  });

  it('ends a cell left open where the plain cell after it begins, as at any cell', () => {
    const xml = '<worksheet><sheetData><row r="3"><c r="A3" s="1"><c r="B3"><v>7</v></c></row></sheetData></worksheet>';
    const grid = readSheet('表', xml, context);
    expect([grid.originCol, grid.values]).toEqual([2, [[7]]]);
    expect(readSheet('表', xml, context)).toEqual(readSheet('表', xml, context, false));
  });
});
