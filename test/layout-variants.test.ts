import * as fs from 'fs';
import * as path from 'path';
import type { SheetGrid } from '../src/core/sheet/grid';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook } from '../src/core/check/workbook';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import fc from 'fast-check';
import { isScored } from '../src/core/check/kinds';
import { besideEachOther, gridWidth, relative, shifted, stacked } from './helpers/grid-transforms';
import {
  twoRowHeader,
  valuesRespelt,
  type ValueSpelling,
  numbered,
  numbersAsText,
  rowInserted,
  untitled,
  readAs,
  respelt,
  reworded,
  swapped,
  unmerged,
  widened,
  type Respelling,
  type Variant,
} from './helpers/layout-variants';
import {
  coverSheets,
  headerRepeated,
  nameHeadsAbove,
  namesContinued,
  subtotalOnTop,
  totalRelabelled,
  totalWithGrade,
} from './helpers/artefacts';

/**
 * The engine is judged on forms nobody has shown it. Every sheet of our fixtures (the shared seeds, the shapes
 * of DOMAIN.md, the unseen shapes, the systems' columns) is rewritten as another writer would write the same
 * form, and must read the same: the same forms, totals, grades and findings, at the same cells of the original.
 */
const national = BUILT_IN_PROFILES.national;
const FOLDERS = ['shared', 'shapes', 'unseen', 'systems', 'artefacts'];

async function fixtureSheets(): Promise<SheetGrid[]> {
  const sheets: SheetGrid[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(__dirname, 'fixtures', folder);
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.xlsx') || /libreoffice|openpyxl/.test(name) || name.startsWith('not-forms')) continue;
      const host = await openWorkbookFile(path.join(dir, name));
      for (const sheet of await host.readSheets('all'))
        sheets.push({ ...sheet, name: `${folder}/${name}/${sheet.name}` });
    }
  }
  return sheets;
}

let sheets: SheetGrid[] = [];
beforeAll(async () => {
  sheets = await fixtureSheets();
});

const readAlone = (grid: SheetGrid) => checkWorkbook([grid], national);
const expectSame = (grid: SheetGrid, variant: Variant) =>
  expect([grid.name, readAs(readAlone(variant.grid), variant.originalCol, variant.originalRow)]).toEqual([
    grid.name,
    readAs(readAlone(grid)),
  ]);

describe('a form reads the same however it is written', () => {
  it('has forms to rewrite', () => expect(sheets.length).toBeGreaterThan(30));

  it('with any column twice as wide (merged with the one beside it)', () => {
    for (const grid of sheets) {
      const width = Math.max(...grid.values.map((line) => line?.length ?? 0));
      for (let col = grid.originCol; col < grid.originCol + width; col++) expectSame(grid, widened(grid, col));
    }
  });

  it.each<Respelling>(['line-break', 'spaced', 'half-width-brackets', 'full-width-brackets'])(
    'with every label written %s',
    (how) => {
      for (const grid of sheets) expectSame(grid, respelt(grid, how));
    },
  );

  it('with the value columns of an indicator table in any neighbouring order', () => {
    let swaps = 0;
    for (const grid of sheets) {
      const columns = new Set<number>();
      for (const result of readAlone(grid)) {
        const first = isScored(result) ? result.form.indicators[0] : undefined;
        for (const cell of [first?.target, first?.actual, first?.weight, first?.score, first?.reason])
          if (cell) columns.add(cell.col);
      }
      for (const col of columns) {
        const variant = columns.has(col + 1) ? swapped(grid, col) : null;
        if (!variant) continue;
        swaps++;
        expectSame(grid, variant);
      }
    }
    expect(swaps).toBeGreaterThan(50);
  });

  it.each([true, false])('with the merges lost (their areas filled with the value: %s)', (repeated) => {
    for (const grid of sheets) expectSame(grid, unmerged(grid, repeated));
  });

  it('with a blank row anywhere in the heading or the table, except inside its header', () => {
    for (const grid of sheets) {
      const results = readAlone(grid);
      const headerRows = new Set<number>();
      for (const result of results) {
        if (!isScored(result)) continue;
        const firstIndicator = result.form.indicators[0]?.row ?? result.form.headerRow + 1;
        for (let row = result.form.headerRow; row < firstIndicator - 1; row++) headerRows.add(row);
      }
      if (!results.every(isScored)) continue;
      for (let row = grid.originRow; row < grid.originRow + grid.values.length - 1; row++)
        if (!headerRows.has(row)) expectSame(grid, rowInserted(grid, row));
    }
  });

  it('with a 序号 column in front of the indicator table', () => {
    for (const grid of sheets) {
      const results = readAlone(grid);
      const variant = results.length === 1 ? numbered(grid, results[0]) : null;
      if (variant) expectSame(grid, variant);
    }
  });

  it('without its title (a form pasted into a sheet of its own)', () => {
    for (const grid of sheets) {
      const results = readAlone(grid);
      if (results.some((result) => result.kind === 'unrecognised')) continue;
      const variant = untitled(grid);
      const named = /整体/.test(grid.name) ? variant : { ...variant, grid: { ...variant.grid, name: '表1' } };
      expectSame(grid, results.some((result) => result.kind === 'department-evaluation') ? variant : named);
    }
  });

  it('with its one-row header drawn in two rows, a group label over two of its columns', () => {
    let drawn = 0;
    for (const grid of sheets) {
      const results = readAlone(grid);
      const [result] = results;
      if (results.length !== 1 || !isScored(result)) continue;
      const first = result.form.indicators[0];
      if (!first || first.row !== result.form.headerRow + 1) continue;
      const groups: Array<[number, string]> = [];
      if (first.weight && first.score?.col === first.weight.col + 1)
        groups.push([first.weight.col, '评分'], [first.weight.col, '得分情况']);
      if (first.target && first.actual?.col === first.target.col + 1)
        groups.push([first.target.col, '绩效指标值'], [first.target.col, '年度绩效目标完成情况']);
      for (const [left, group] of groups) {
        drawn++;
        expectSame(grid, twoRowHeader(grid, result.form.headerRow, left, group));
      }
    }
    expect(drawn).toBeGreaterThan(30);
  });

  it.each<ValueSpelling>(['full-width', 'ascii-operators', 'operator-words', 'operator-suffixes'])(
    'with every value written %s',
    (how) => {
      for (const grid of sheets) expectSame(grid, valuesRespelt(grid, how));
    },
  );

  it('beside other forms in one sheet, each read as if alone', () => {
    const single = sheets.filter((grid) => {
      const results = readAlone(grid);
      return results.length === 1 && results[0].kind !== 'unrecognised';
    });
    fc.assert(
      fc.property(
        fc.array(fc.nat(single.length - 1), { minLength: 2, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
        (indexes, gaps, downs) => {
          const grids = indexes.map((i) => single[i]);
          const sheet = besideEachOther(grids, gaps, downs);
          let left = 1;
          const alone = grids.flatMap((grid, i) => {
            const width = gridWidth(grid);
            const placed = shifted(grid, 1 + downs[i] - grid.originRow, left - grid.originCol, 'S');
            left += width + gaps[i];
            return relative(readAlone(placed));
          });
          // Forms are given top to bottom, then left to right: compare them as sets.
          const sorted = (forms: string[][]) => forms.map((form) => JSON.stringify(form)).sort();
          expect(sorted(relative(readAlone(sheet)))).toEqual(sorted(alone));
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });

  // Header words of forms from other provinces and systems, for the words of the fixtures' headers.
  const OTHER_WORDS: Record<string, string[]> = {
    三级指标: ['指标名称', '具体指标', '指标内容', '考核指标', '评价指标'],
    年度指标值: ['全年目标值', '年度目标值', '预期指标值', '计划指标值', '绩效目标值', '指标值', '年度计划值'],
    实际完成值: ['全年实际值', '实际值', '完成值', '年度实际完成值', '实际完成情况', '全年实际完成值'],
    分值: ['权重', '分数', '标准分值', '指标分值', '满分', '权重（%）', '分值（分）'],
    得分: ['自评得分', '评分', '实际得分', '考核得分', '自评分数', '得分值'],
    偏差原因分析及改进措施: ['偏差原因', '未完成原因分析', '原因分析及改进措施', '偏差分析', '偏差原因及改进措施'],
  };

  it.each([0, 1, 2, 3, 4, 5, 6])('with the header words other forms use (set %s)', (set) => {
    const words = Object.fromEntries(
      Object.entries(OTHER_WORDS).map(([word, others]) => [word, others[set % others.length]]),
    );
    for (const grid of sheets) {
      const results = readAlone(grid);
      for (const result of results) {
        if (result.kind === 'unrecognised' || result.kind === 'department-evaluation') continue;
        const top = result.kind === 'target-declaration' ? result.form.headerCell.row : result.form.headerRow;
        const bottom = (result.form.indicators[0]?.row ?? top + 1) - 1;
        expectSame(grid, reworded(grid, top, bottom, words));
      }
    }
  });

  it('beside or below a form it cannot read, which is reported, never passed over', () => {
    const unreadable = sheets.filter((grid) => {
      const results = readAlone(grid);
      // A cover sheet (封面) is said alone, and rightly not beside a form.
      if (grid.name.endsWith('封面')) return false;
      // A form by its title, not a 填表说明 that merely says 得分.
      return results.length > 0 && results.every((result) => result.kind === 'unrecognised' && result.form.title);
    });
    const readable = sheets.filter((grid) => {
      const results = readAlone(grid);
      return results.length === 1 && results[0].kind !== 'unrecognised';
    });
    expect(unreadable.length).toBeGreaterThan(0);
    for (const unread of unreadable)
      for (const grid of readable) {
        for (const sheet of [stacked([grid, unread], [0, 3]), besideEachOther([grid, unread], [2, 2], [0, 0])]) {
          // In the order they stand on the sheet: compared as a set.
          const kinds = readAlone(sheet)
            .map((result) => result.kind)
            .sort((a, b) => (a === 'unrecognised' ? 1 : b === 'unrecognised' ? -1 : 0));
          expect([grid.name, unread.name, kinds]).toEqual([
            grid.name,
            unread.name,
            [readAlone(grid)[0].kind, 'unrecognised'],
          ]);
        }
      }
  });

  it('with numbers stored as text', () => {
    for (const grid of sheets) expectSame(grid, numbersAsText(grid));
  });
});

/**
 * The physical artefacts of real files (issue #32): every fixture form, with names typed over two rows or its
 * header repeated inside the table, reads as the original does.
 */
describe('a form reads the same through what typing and printing do to it', () => {
  const scoredResults = (grid: SheetGrid) => {
    const results = readAlone(grid);
    return results.every((result) => result.kind !== 'unrecognised') ? results.filter(isScored) : [];
  };

  it('with every indicator name continued on the next sheet row', () => {
    let continued = 0;
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const variant = namesContinued(grid, result, () => true);
        if (!variant) continue;
        continued++;
        expectSame(grid, variant);
      }
    expect(continued).toBeGreaterThan(20);
  });

  it('with one indicator name continued (the first, the last, one in the middle)', () => {
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const count = result.form.indicators.length;
        for (const index of new Set([0, Math.floor(count / 2), count - 1])) {
          const variant = namesContinued(grid, result, (i) => i === index);
          if (variant) expectSame(grid, variant);
        }
      }
  });

  it.each([2, 3, 5])('with the header repeated after every %s indicators', (every) => {
    let repeated = 0;
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const variant = headerRepeated(grid, result, every);
        if (!variant) continue;
        repeated++;
        expectSame(grid, variant);
      }
    expect(repeated).toBeGreaterThan(20);
  });

  it('with a subtotal of the whole table right under its header', () => {
    let written = 0;
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const variant = subtotalOnTop(grid, result);
        if (!variant) continue;
        written++;
        expectSame(grid, variant);
      }
    expect(written).toBeGreaterThan(10);
  });

  it('after a cover sheet (封面), which is no form and never 未识别 beside forms', () => {
    for (const cover of coverSheets()) {
      for (const grid of sheets.filter((sheet) => !sheet.name.endsWith('封面'))) {
        const alone = readAs(readAlone(grid));
        expect([grid.name, cover.name, readAs(checkWorkbook([cover, grid], national))]).toEqual([
          grid.name,
          cover.name,
          alone,
        ]);
      }
      // A cover with no form anywhere is still said: the forms it announces are missing.
      expect(checkWorkbook([cover], national).map((result) => result.kind)).toEqual(['unrecognised']);
    }
  });

  it('touching copies of itself column to column (a unit copying one template), each read as if alone', () => {
    const single = sheets.filter((grid) => {
      const results = readAlone(grid);
      return results.length === 1 && results[0].kind !== 'unrecognised';
    });
    fc.assert(
      fc.property(
        fc.nat(single.length - 1),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }),
        (index, copies, downs) => {
          const grids = Array.from({ length: copies }, () => single[index]);
          const sheet = besideEachOther(grids, [0, 0, 0], downs);
          let left = 1;
          const alone = grids.flatMap((grid, i) => {
            const placed = shifted(grid, 1 + downs[i] - grid.originRow, left - grid.originCol, 'S');
            left += gridWidth(grid);
            return readAs(readAlone(placed));
          });
          const sorted = (forms: string[][]) => forms.map((form) => JSON.stringify(form)).sort();
          expect([single[index].name, sorted(readAs(readAlone(sheet)))]).toEqual([single[index].name, sorted(alone)]);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });

  it.each(['合计', '综合得分', '得分合计', '总计', '自评总分'])('with its 总分 line labelled %s', (word) => {
    let relabelled = 0;
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const variant = totalRelabelled(grid, result, word);
        if (!variant) continue;
        relabelled++;
        expectSame(grid, variant);
      }
    expect(relabelled).toBeGreaterThan(10);
  });

  it('with its total and grade written in one cell (96（优）)', () => {
    let written = 0;
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const variant = totalWithGrade(grid, result);
        if (!variant) continue;
        written++;
        const [read] = readAlone(variant.grid).filter(isScored);
        // The grade is read from the cell, and is the one the total gives.
        expect([grid.name, read?.grade.declared]).toEqual([grid.name, result.grade.computed]);
        expect([grid.name, read?.total.declared]).toEqual([grid.name, result.total.declared]);
      }
    expect(written).toBeGreaterThan(5);
  });

  it('with each name’s head typed on a row of its own above its values (one at a time)', () => {
    let typed = 0;
    for (const grid of sheets)
      for (const result of scoredResults(grid)) {
        const count = result.form.indicators.length;
        for (const index of new Set([0, Math.floor(count / 2), count - 1])) {
          const variant = nameHeadsAbove(grid, result, (i) => i === index);
          if (!variant) continue;
          typed++;
          expectSame(grid, variant);
        }
      }
    expect(typed).toBeGreaterThan(20);
  });
});
