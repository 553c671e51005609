import type { CellRange } from '../../src/core/sheet/address';
import type { CellValue, SheetGrid } from '../../src/core/sheet/grid';
import { isScored, type CheckedForm } from '../../src/core/check/workbook';

/**
 * The same form as other writers and other provinces lay it out: a column twice as wide (merged with the one
 * beside it), labels broken over lines or spaced out, brackets of either width, numbers stored as text. Each
 * variant says where a cell of the original went, so the findings of both can be compared.
 */
export interface Variant {
  grid: SheetGrid;
  /** The original's column for a column of the variant. */
  originalCol: (col: number) => number;
  /** The original's row for a row of the variant (the same when left out). */
  originalRow?: (row: number) => number;
}

/** Rows with a cell inserted at index `at` (short rows padded to it), `cell` saying what each row's is. */
function columnInserted<T>(rows: T[][] | null | undefined, at: number, cell: (index: number) => T): T[][] | null {
  return (
    rows?.map((line, i) => {
      const copy = [...(line ?? [])];
      while (copy.length < at) copy.push(null as T);
      copy.splice(at, 0, cell(i));
      return copy;
    }) ?? null
  );
}

/**
 * A column inserted right of sheet column `left`, every cell of `left` merged with it (as a form whose 三级指标
 * or 偏差原因 is two grid columns wide): merges that end at `left` grow, merges beyond it move right.
 */
export function widened(grid: SheetGrid, left: number): Variant {
  const at = left - grid.originCol + 1;
  const values = columnInserted<CellValue>(grid.values, at, () => null) ?? [];
  const merges: CellRange[] = [];
  const grown = new Set<number>();
  for (const area of grid.merges ?? []) {
    if (area.left > left) merges.push({ ...area, left: area.left + 1, right: area.right + 1 });
    else if (area.right >= left) {
      merges.push({ ...area, right: area.right + 1 });
      if (area.left === left || area.right === left) for (let r = area.top; r <= area.bottom; r++) grown.add(r);
    } else merges.push(area);
  }
  grid.values.forEach((line, i) => {
    const row = grid.originRow + i;
    const value = line?.[at - 1];
    if (grown.has(row) || value === null || value === undefined || value === '') return;
    merges.push({ top: row, bottom: row, left, right: left + 1 });
  });
  return {
    grid: {
      ...grid,
      values,
      numberFormats: columnInserted(grid.numberFormats, at, () => null),
      formulas: columnInserted(grid.formulas, at, () => null),
      merges,
    },
    originalCol: (col) => (col > left ? col - 1 : col),
  };
}

/** How a writer may spell a label: broken over two lines, spaced out, with brackets of the other width. */
export type Respelling = 'line-break' | 'spaced' | 'half-width-brackets' | 'full-width-brackets';

const SHORT_LABEL = /^[\u4e00-\u9fff（）()]{2,12}$/;

function respell(text: string, how: Respelling): string {
  if (!SHORT_LABEL.test(text)) return text;
  switch (how) {
    case 'line-break': {
      const middle = Math.floor(text.length / 2);
      return `${text.slice(0, middle)}\n${text.slice(middle)}`;
    }
    case 'spaced':
      return text.length <= 4 ? text.split('').join(' ') : text;
    case 'half-width-brackets':
      return text.replace(/（/g, '(').replace(/）/g, ')');
    case 'full-width-brackets':
      return text.replace(/\(/g, '（').replace(/\)/g, '）');
  }
}

/** Every short label of the sheet (header words, 总分, 项目名称, indicator names) respelt one way. */
export function respelt(grid: SheetGrid, how: Respelling): Variant {
  const values = grid.values.map((line) =>
    line?.map((value) => (typeof value === 'string' ? respell(value, how) : value)),
  );
  return { grid: { ...grid, values }, originalCol: (col) => col };
}

/** Numbers stored as text, as HTML and some budget systems export them (`95%` where the cell showed a percent). */
export function numbersAsText(grid: SheetGrid): Variant {
  const values = grid.values.map((line, r) =>
    line?.map((value, c) => {
      if (typeof value !== 'number' || grid.formulas?.[r]?.[c]) return value;
      const format = grid.numberFormats?.[r]?.[c] ?? '';
      return format.includes('%') ? `${Number((value * 100).toFixed(6))}%` : String(value);
    }),
  );
  const numberFormats = grid.numberFormats?.map((line) => line?.map((f) => (f?.includes('%') ? null : f))) ?? null;
  return { grid: { ...grid, values, numberFormats }, originalCol: (col) => col };
}

/** Findings and figures of each form, by the original's cells, with labels compared without their spelling. */
export function readAs(
  results: CheckedForm[],
  originalCol: (col: number) => number = (col) => col,
  originalRow: (row: number) => number = (row) => row,
): string[][] {
  const plain = (text: string | null | undefined) =>
    (text ?? '')
      .replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
      .replace(/[\s（）()]/g, '');
  return results.map((r) => [
    r.kind,
    plain((r.form as { project?: string | null }).project),
    isScored(r) ? `${r.total.computed}|${r.grade.computed}|${r.indicators.length}` : '',
    ...r.findings.map((f) => `${f.rule}@${originalRow(f.row)},${originalCol(f.col)}`).sort(),
  ]);
}

/**
 * Two neighbouring columns of an indicator table in the other order (分值 before 年度指标值, 得分 before 实际完成值),
 * as provinces order them; null where a merge across one of them would be cut.
 */
export function swapped(grid: SheetGrid, left: number): Variant | null {
  const right = left + 1;
  const cuts = (grid.merges ?? []).some(
    (area) =>
      area.left !== area.right &&
      ((area.left <= left && area.right >= left) || (area.left <= right && area.right >= right)) &&
      !(area.left <= left && area.right >= right),
  );
  // A merge whose first cell is one of the two keeps its value there: which original column it stands for is
  // not one answer, so such a pair is not swapped.
  const masterMoves = (grid.merges ?? []).some(
    (area) => area.left !== area.right && (area.left === left || area.left === right),
  );
  if (cuts || masterMoves) return null;
  const i = left - grid.originCol;
  // A row where one merge covers both columns keeps its cells: they are one cell.
  const whole = new Set<number>();
  for (const area of grid.merges ?? [])
    if (area.left <= left && area.right >= right) for (let r = area.top; r <= area.bottom; r++) whole.add(r);
  const swap = <T>(rows: T[][] | null | undefined): T[][] | null =>
    rows?.map((line, r) => {
      if (!line || line.length <= i || whole.has(grid.originRow + r)) return line;
      const copy = [...line];
      const a = copy[i];
      copy[i] = copy[i + 1] ?? (null as T);
      copy[i + 1] = a;
      return copy;
    }) ?? null;
  const moved = (col: number) => (col === left ? right : col === right ? left : col);
  return {
    grid: {
      ...grid,
      values: swap(grid.values) ?? [],
      numberFormats: swap(grid.numberFormats),
      formulas: swap(grid.formulas),
      merges:
        grid.merges?.map((area) =>
          area.left === area.right ? { ...area, left: moved(area.left), right: moved(area.left) } : area,
        ) ?? null,
    },
    originalCol: moved,
  };
}

/**
 * The merges lost, as a host that cannot report them (or a CSV / HTML export) gives the sheet: `repeated` fills
 * each merged area with its value, as some hosts and exports do; otherwise only the first cell holds it.
 */
export function unmerged(grid: SheetGrid, repeated: boolean): Variant {
  const values = grid.values.map((line) => (line ? [...line] : line));
  if (repeated)
    for (const area of grid.merges ?? []) {
      const value = values[area.top - grid.originRow]?.[area.left - grid.originCol] ?? null;
      for (let r = area.top; r <= area.bottom; r++)
        for (let c = area.left; c <= area.right; c++) {
          const line = values[r - grid.originRow];
          if (line && c - grid.originCol < line.length) line[c - grid.originCol] = value;
        }
    }
  return { grid: { ...grid, values, merges: null }, originalCol: (col) => col };
}

/**
 * A blank row inserted below sheet row `above` (a gap a writer left between lines): rows below move down, a
 * merge across the gap grows over it.
 */
export function rowInserted(grid: SheetGrid, above: number): Variant {
  const at = above - grid.originRow + 1;
  const insert = <T>(rows: T[][] | null | undefined, blank: T[]): T[][] | null =>
    rows ? [...rows.slice(0, at), blank, ...rows.slice(at)] : null;
  const merges = grid.merges?.map((area) =>
    area.top > above
      ? { ...area, top: area.top + 1, bottom: area.bottom + 1 }
      : area.bottom > above
        ? { ...area, bottom: area.bottom + 1 }
        : area,
  );
  return {
    grid: {
      ...grid,
      values: insert<CellValue>(grid.values, []) ?? [],
      numberFormats: insert<string | null>(grid.numberFormats, []),
      formulas: insert<string | null>(grid.formulas, []),
      merges: merges ?? null,
    },
    originalCol: (col) => col,
    originalRow: (row) => (row > above + 1 ? row - 1 : row),
  };
}

/**
 * A 序号 column in front of a 自评表's indicator table (its header row to its last indicator), numbering the
 * indicators, as many provinces' forms have: everything from that column on moves right.
 */
export function numbered(grid: SheetGrid, result: CheckedForm): Variant | null {
  if (!isScored(result) || result.form.indicators.length === 0) return null;
  const form = result.form;
  const left = form.range.left;
  const at = left - grid.originCol;
  const lastIndicator = form.indicators[form.indicators.length - 1].row;
  const numberOf = new Map(form.indicators.map((indicator, i) => [indicator.row, i + 1]));
  const merges = (grid.merges ?? []).map((area) =>
    area.left >= left ? { ...area, left: area.left + 1, right: area.right + 1 } : area,
  );
  return {
    grid: {
      ...grid,
      values:
        columnInserted<CellValue>(grid.values, at, (i) => {
          const row = grid.originRow + i;
          return row === form.headerRow ? '序号' : row <= lastIndicator ? (numberOf.get(row) ?? null) : null;
        }) ?? [],
      numberFormats: columnInserted<string | null>(grid.numberFormats, at, () => null),
      formulas: columnInserted<string | null>(grid.formulas, at, () => null),
      merges,
    },
    originalCol: (col) => (col > left ? col - 1 : col),
  };
}

/** The title line left out (`…绩效自评表`, `…评价表`): a form pasted without it. */
export function untitled(grid: SheetGrid): Variant {
  const values = grid.values.map((line) =>
    line?.map((value) => (typeof value === 'string' && TITLE_WORDS.test(value) ? null : value)),
  );
  return { grid: { ...grid, values }, originalCol: (col) => col };
}

const TITLE_WORDS = /自评表|评价表|得分表|监控表|目标表|申报表/;

/**
 * The header of a form in two rows: two neighbouring columns under a group label (`评分` over 分值 | 得分), every
 * other header cell merged down over both rows — as Anhui, Hebei and the 2020 national template draw it.
 */
export function twoRowHeader(grid: SheetGrid, headerRow: number, left: number, group: string): Variant {
  const inserted = rowInserted(grid, headerRow);
  const below = headerRow + 1;
  const at = headerRow - grid.originRow;
  const values = inserted.grid.values.map((line) => (line ? [...line] : line));
  const header = values[at] ?? [];
  const lower: CellValue[] = [];
  const i = left - grid.originCol;
  lower[i] = header[i] ?? null;
  lower[i + 1] = header[i + 1] ?? null;
  header[i] = group;
  header[i + 1] = null;
  values[at + 1] = lower;
  const merges: CellRange[] = (inserted.grid.merges ?? []).filter(
    (area) => area.top !== headerRow || area.bottom !== headerRow,
  );
  for (const area of inserted.grid.merges ?? [])
    if (area.top === headerRow && area.bottom === headerRow && (area.right < left || area.left > left + 1))
      merges.push({ ...area, bottom: below });
  const mergedAlready = (col: number) =>
    merges.some((area) => area.top === headerRow && area.left <= col && area.right >= col);
  header.forEach((value, j) => {
    const col = grid.originCol + j;
    if (col === left || col === left + 1 || value === null || value === undefined || mergedAlready(col)) return;
    merges.push({ top: headerRow, bottom: below, left: col, right: col });
  });
  merges.push({ top: headerRow, bottom: headerRow, left, right: left + 1 });
  return { grid: { ...inserted.grid, values, merges }, originalCol: (col) => col, originalRow: inserted.originalRow };
}

/** How a writer may write a value: digits of full width, `>=` for `≥`, words (`不低于`), or a suffix (`16个以上`). */
export type ValueSpelling = 'full-width' | 'ascii-operators' | 'operator-words' | 'operator-suffixes';

const VALUE_SPELLINGS: Record<ValueSpelling, (text: string) => string> = {
  'full-width': (text) => text.replace(/[0-9%.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
  'ascii-operators': (text) => text.replace(/≥/g, '>=').replace(/≤/g, '<='),
  'operator-words': (text) => text.replace(/^≥/, '不低于').replace(/^≤/, '不超过'),
  'operator-suffixes': (text) =>
    /^≥\d/.test(text) ? `${text.slice(1)}以上` : /^≤\d/.test(text) ? `${text.slice(1)}以内` : text,
};

/** Every short text cell (values, codes, labels) respelt one way; numbers stay numbers. */
export function valuesRespelt(grid: SheetGrid, how: ValueSpelling): Variant {
  const values = grid.values.map((line) =>
    line?.map((value) => (typeof value === 'string' && value.length < 30 ? VALUE_SPELLINGS[how](value) : value)),
  );
  return { grid: { ...grid, values }, originalCol: (col) => col };
}

/** Header cells (rows `top`..`bottom`) whose text is a key of `words`, written as its value instead. */
export function reworded(grid: SheetGrid, top: number, bottom: number, words: Record<string, string>): Variant {
  const values = grid.values.map((line, i) => {
    const row = grid.originRow + i;
    if (row < top || row > bottom) return line;
    return line?.map((value) => (typeof value === 'string' && words[value.trim()] ? words[value.trim()] : value));
  });
  return { grid: { ...grid, values }, originalCol: (col) => col };
}
