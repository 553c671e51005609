import type { CellRange } from '../../src/core/sheet/address';
import type { CellValue, SheetGrid } from '../../src/core/sheet/grid';
import { isScored, type CheckedForm } from '../../src/core/check/workbook';
import type { Variant } from './layout-variants';

/**
 * The physical artefacts of real files (issue #32): what people do to a form while typing, pasting and printing
 * it. Each is a `Variant` of a fixture sheet, saying where every cell of the original went, so the form must read
 * the same: the same totals, grades and findings at the original's cells.
 */

/** Rows to insert: each row's values (and, where given, formulas and number formats) by grid index. */
interface NewRow {
  values: CellValue[];
  formulas?: (string | null)[];
  numberFormats?: (string | null)[];
}

/**
 * `rows` inserted below sheet row `above`. A merge across the gap is cut in two (`split`: a repeated header
 * stands between its parts, the lower part left blank as a reprint leaves it) or grows over the new rows.
 * `newMerges` are merges inside the new rows, by their row offset (0: the first new row).
 */
export function rowsInserted(
  grid: SheetGrid,
  above: number,
  rows: NewRow[],
  options: { split: boolean; newMerges?: CellRange[]; grow?: (area: CellRange) => boolean },
): Variant {
  const at = above - grid.originRow + 1;
  const count = rows.length;
  const insert = <T>(lines: T[][] | null | undefined, part: (row: NewRow) => T[] | undefined): T[][] | null =>
    lines ? [...lines.slice(0, at), ...rows.map((row) => part(row) ?? []), ...lines.slice(at)] : null;
  const merges: CellRange[] = [];
  const values = insert<CellValue>(grid.values, (row) => row.values) ?? [];
  for (const area of grid.merges ?? []) {
    if (area.top > above) merges.push({ ...area, top: area.top + count, bottom: area.bottom + count });
    else if (area.bottom > above) {
      if (!options.split) merges.push({ ...area, bottom: area.bottom + count });
      else {
        if (above > area.top || area.left < area.right) merges.push({ ...area, bottom: above });
        const lower = { ...area, top: above + count + 1, bottom: area.bottom + count };
        if (lower.bottom > lower.top || lower.left < lower.right) merges.push(lower);
      }
    } else if (area.bottom === above && options.grow?.(area)) merges.push({ ...area, bottom: above + count });
    else merges.push(area);
  }
  for (const area of options.newMerges ?? [])
    merges.push({ ...area, top: above + 1 + area.top, bottom: above + 1 + area.bottom });
  return {
    grid: {
      ...grid,
      values,
      numberFormats: insert<string | null>(grid.numberFormats, (row) => row.numberFormats),
      formulas: insert<string | null>(grid.formulas, (row) => row.formulas),
      merges,
    },
    originalCol: (col) => col,
    originalRow: (row) => (row > above + count ? row - count : row),
  };
}

/** Variants applied one after another (each to the last one's grid), mapping cells back through all of them. */
export function composed(grid: SheetGrid, steps: Array<(current: SheetGrid) => Variant | null>): Variant | null {
  let current: Variant = { grid, originalCol: (col) => col, originalRow: (row) => row };
  let applied = 0;
  for (const step of steps) {
    const next = step(current.grid);
    if (!next) continue;
    applied++;
    const before = current;
    current = {
      grid: next.grid,
      originalCol: (col) => before.originalCol(next.originalCol(col)),
      originalRow: (row) => (before.originalRow ?? ((r: number) => r))((next.originalRow ?? ((r) => r))(row)),
    };
  }
  return applied > 0 ? current : null;
}

function valueAt(grid: SheetGrid, row: number, col: number): CellValue {
  return grid.values[row - grid.originRow]?.[col - grid.originCol] ?? null;
}

function withValue(grid: SheetGrid, row: number, col: number, value: CellValue): SheetGrid {
  const values = grid.values.map((line) => line);
  const i = row - grid.originRow;
  const line = [...(values[i] ?? [])];
  while (line.length < col - grid.originCol) line.push(null);
  line[col - grid.originCol] = value;
  values[i] = line;
  return { ...grid, values };
}

function isMergedDown(grid: SheetGrid, row: number, col: number): boolean {
  return (grid.merges ?? []).some(
    (a) => a.left <= col && a.right >= col && a.top <= row && a.bottom >= row && a.bottom > a.top,
  );
}

/**
 * Each indicator's name (of at least four characters) typed over two sheet rows, as people do with a long name or
 * paste it from Word: the tail on a new row below, in the name column only; 一级 / 二级 merges that ended at the
 * row grow over the new one, and a name merged across columns is merged across them on the new row too.
 */
export function namesContinued(grid: SheetGrid, result: CheckedForm, pick: (index: number) => boolean): Variant | null {
  if (!isScored(result)) return null;
  const indicators = result.form.indicators
    .map((indicator, index) => ({ indicator, index }))
    .filter(({ indicator, index }) => {
      const value = valueAt(grid, indicator.name.row, indicator.name.col);
      return (
        pick(index) &&
        typeof value === 'string' &&
        value.trim().length >= 4 &&
        indicator.name.row === indicator.row &&
        !isMergedDown(grid, indicator.row, indicator.name.col)
      );
    })
    .map(({ indicator }) => indicator)
    .reverse();
  const steps = indicators.map((indicator) => (current: SheetGrid): Variant => {
    const { row, col } = indicator.name;
    const text = String(valueAt(current, row, col)).trim();
    const middle = Math.ceil(text.length / 2);
    const named = withValue(current, row, col, text.slice(0, middle));
    const line: CellValue[] = [];
    line[col - current.originCol] = text.slice(middle);
    const across = (current.merges ?? []).find((a) => a.top === row && a.bottom === row && a.left === col);
    return rowsInserted(named, row, [{ values: line }], {
      split: false,
      newMerges: across ? [{ top: 0, bottom: 0, left: across.left, right: across.right }] : [],
      grow: (area) => area.right < col,
    });
  });
  return composed(grid, steps);
}

/**
 * The header rows copied into the table after every `every` indicators (print titles pasted in, a form re-typed
 * from a two-page printout). Merges across the copy are cut; their lower part is left blank, as a reprint shows it.
 */
export function headerRepeated(grid: SheetGrid, result: CheckedForm, every: number): Variant | null {
  if (!isScored(result)) return null;
  const { indicators, headerRow } = result.form;
  const firstIndicator = indicators[0]?.row;
  if (firstIndicator === undefined) return null;
  const headerRows: NewRow[] = [];
  for (let row = headerRow; row < firstIndicator; row++) {
    const i = row - grid.originRow;
    // The header's own rows: a subtotal line under it holds numbers.
    if (row > headerRow && (grid.values[i] ?? []).some((value) => /^[\d.]+$/.test(String(value ?? '')))) break;
    headerRows.push({
      values: [...(grid.values[i] ?? [])],
      formulas: grid.formulas?.[i] ? [...(grid.formulas[i] ?? [])] : undefined,
      numberFormats: grid.numberFormats?.[i] ? [...(grid.numberFormats[i] ?? [])] : undefined,
    });
  }
  const headerMerges = (grid.merges ?? [])
    .filter((a) => a.top >= headerRow && a.bottom < headerRow + headerRows.length)
    .map((a) => ({ ...a, top: a.top - headerRow, bottom: a.bottom - headerRow }));
  const points: number[] = [];
  for (let i = every - 1; i < indicators.length - 1; i += every) {
    const below = indicators[i + 1].row;
    // Between two indicators that follow each other on the sheet, under the first one's last row.
    points.push(below - 1);
  }
  if (points.length === 0) return null;
  const steps = points
    .reverse()
    .map(
      (above) => (current: SheetGrid) =>
        rowsInserted(current, above, headerRows, { split: true, newMerges: headerMerges }),
    );
  return composed(grid, steps);
}

/**
 * A subtotal row written right under the header, above the indicators it sums (`90.00 | 90.00`): no name, the
 * 分值 and 得分 of the whole table. Null where a weight or score is not a plain number.
 */
export function subtotalOnTop(grid: SheetGrid, result: CheckedForm): Variant | null {
  if (!isScored(result)) return null;
  const { indicators } = result.form;
  const first = indicators[0];
  if (!first?.weight || !first.score) return null;
  let weights = 0;
  let scores = 0;
  for (const indicator of indicators) {
    const weight = indicator.weight ? valueAt(grid, indicator.weight.row, indicator.weight.col) : null;
    const score = indicator.score ? valueAt(grid, indicator.score.row, indicator.score.col) : null;
    if (typeof weight !== 'number' || typeof score !== 'number') return null;
    weights += weight;
    scores += score;
  }
  const line: CellValue[] = [];
  line[first.weight.col - grid.originCol] = weights;
  line[first.score.col - grid.originCol] = scores;
  return rowsInserted(grid, first.row - 1, [{ values: line }], { split: false });
}

/** Cover sheets (封面) as units write them: a title, then who fills the form in and when, each line its own way. */
export function coverSheets(): SheetGrid[] {
  const sheet = (name: string, values: CellValue[][], merges: CellRange[] = []): SheetGrid => ({
    name,
    originRow: 1,
    originCol: 1,
    values,
    merges,
  });
  return [
    sheet(
      '封面',
      [
        ['2024年度项目支出绩效自评表'],
        [],
        ['项目名称：', '社区养老服务'],
        ['项目单位（盖章）：', '某区民政局'],
        ['填报日期：', '2025年3月10日'],
      ],
      [{ top: 1, bottom: 1, left: 1, right: 4 }],
    ),
    sheet('封面 (2)', [
      [null, '附件2'],
      [null, '财政项目支出绩效自评表'],
      [null, '（2023 年度）'],
      [],
      [null, '项目名称', null, '城乡环境综合整治'],
      [null, '主管部门', null, '某县住房和城乡建设局'],
      [null, '实施单位（盖章）', null, '某县环境卫生管理所'],
      [null, '填报人', '张三', '联系电话', '0871-1234567'],
      [null, '填报日期', null, 45000],
    ]),
    sheet('首页', [
      ['项 目 支 出 绩 效 自 评 表'],
      ['单位名称：某市图书馆'],
      ['填报时间：2024年1月'],
      ['单位负责人：李四'],
    ]),
  ];
}

/** The 总分 line's label written in other words (合计, 综合得分…), as other provinces' forms do. */
export function totalRelabelled(grid: SheetGrid, result: CheckedForm, word: string): Variant | null {
  if (!isScored(result) || !result.form.total) return null;
  const { label } = result.form.total;
  const written = valueAt(grid, label.row, label.col);
  if (typeof written !== 'string' || !/^\s*总\s*分\s*$/.test(written)) return null;
  return { grid: withValue(grid, label.row, label.col, word), originalCol: (col) => col };
}

/** A total written with its grade in one cell (`96（优）`), where the form writes no grade elsewhere. */
export function totalWithGrade(grid: SheetGrid, result: CheckedForm): Variant | null {
  if (!isScored(result) || !result.form.total?.score || result.form.grade || result.grade.computed === null)
    return null;
  const { score } = result.form.total;
  const written = valueAt(grid, score.row, score.col);
  if (typeof written !== 'number' || grid.formulas?.[score.row - grid.originRow]?.[score.col - grid.originCol])
    return null;
  return {
    grid: withValue(grid, score.row, score.col, `${written}（${result.grade.computed}）`),
    originalCol: (col) => col,
  };
}

/**
 * Each indicator's name (of at least four characters) typed with its head on a row of its own above the values
 * (the tail stays beside them), as a long name wrapped by hand: merges that started at the row start at the new
 * one, so a 一级 / 二级 label merged over its group still covers it.
 */
export function nameHeadsAbove(grid: SheetGrid, result: CheckedForm, pick: (index: number) => boolean): Variant | null {
  if (!isScored(result)) return null;
  const indicators = result.form.indicators
    .filter((indicator, index) => {
      const value = valueAt(grid, indicator.name.row, indicator.name.col);
      return (
        pick(index) && typeof value === 'string' && value.trim().length >= 4 && indicator.name.row === indicator.row
      );
    })
    .filter((indicator) => !isMergedDown(grid, indicator.row, indicator.name.col))
    .reverse();
  const steps = indicators.map((indicator) => (current: SheetGrid): Variant => {
    const { row, col } = indicator.name;
    const text = String(valueAt(current, row, col)).trim();
    const middle = Math.floor(text.length / 2);
    const named = withValue(current, row, col, text.slice(middle));
    const line: CellValue[] = [];
    line[col - current.originCol] = text.slice(0, middle);
    const inserted = rowsInserted(named, row - 1, [{ values: line }], { split: false });
    // A label merged down from the indicator's row now starts at the head row above it.
    let moved = inserted.grid;
    const merges = (inserted.grid.merges ?? []).map((area) => {
      if (area.top !== row + 1 || area.bottom === area.top || area.right >= col) return area;
      // The label moves up with its merge's first cell.
      moved = withValue(withValue(moved, row, area.left, valueAt(moved, row + 1, area.left)), row + 1, area.left, null);
      return { ...area, top: row };
    });
    return { ...inserted, grid: { ...moved, merges } };
  });
  return composed(grid, steps);
}
