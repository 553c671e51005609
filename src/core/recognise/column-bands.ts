import type { SheetGrid } from '../sheet/grid';
import { forEachStored, isBlank } from '../sheet/grid';
import { normaliseLabel } from '../sheet/text';
import { namesForm } from './unrecognised';
import { wordsPattern } from '../vocabulary/words';
import { PROJECT_LINE_WORDS } from '../vocabulary/form-words';

const PROJECT_LINE = wordsPattern(PROJECT_LINE_WORDS);

/**
 * Forms side by side in one sheet (a unit copies each project's form to the right of the last): the column
 * ranges between empty columns that no merge crosses. A sheet with one such range gives one band.
 */
export function columnBands(grid: SheetGrid): Array<[number, number]> {
  let width = 0;
  forEachStored(grid.values, (line) => {
    if (line && line.length > width) width = line.length;
  });
  const used = new Uint8Array(width);
  // Stored cells only: a sheet may hold one value at XFD1048576, and the cost follows the cells.
  forEachStored(grid.values, (line) => {
    if (line) forEachStored(line, (value, j) => used[j] === 0 && !isBlank(value) && (used[j] = 1));
  });
  // A merge keeps every column it covers in one band (a title over the whole form, a label over a spacer).
  for (const area of grid.merges ?? [])
    for (let c = Math.max(area.left, grid.originCol); c <= area.right && c - grid.originCol < width; c++)
      if (used[c - grid.originCol] === 0) used[c - grid.originCol] = 2;
  const bands: Array<[number, number]> = [];
  let start = -1;
  for (let j = 0; j <= width; j++) {
    const occupied = j < width && used[j] !== 0;
    if (occupied && start < 0) start = j;
    if (!occupied && start >= 0) {
      bands.push([grid.originCol + start, grid.originCol + j - 1]);
      start = -1;
    }
  }
  // Two forms side by side take ten columns at least (name, target, actual, 分值, 得分 each): narrower bands hold one.
  if (bands.every(([left, right]) => right - left + 1 < TWO_FORMS_WIDTH)) return bands;
  return splitAtSeams(bands, formStarts(grid));
}

const TWO_FORMS_WIDTH = 10;

/**
 * Where forms start along the rows: the columns of form titles, and of 项目名称 labels. A label repeated over
 * the cells of a lost merge counts once.
 */
function formStarts(grid: SheetGrid): { titles: Marker[]; projects: Marker[] } {
  const titles: Marker[] = [];
  const projects: Marker[] = [];
  forEachStored(grid.values, (line, i) => {
    if (!line) return;
    let previous = { j: -2, label: '' };
    forEachStored(line, (value, j) => {
      // Every title word ends in 表 and 项目名称 has 称: other text (most cells) is passed over unread.
      if (typeof value !== 'string' || (value.indexOf('表') < 0 && value.indexOf('称') < 0)) {
        previous = { j: -2, label: '' };
        return;
      }
      const label = normaliseLabel(value);
      const repeat = previous.j === j - 1 && previous.label === label;
      previous = { j, label };
      if (label === '' || repeat) return;
      const marker = { row: grid.originRow + i, col: grid.originCol + j };
      if (namesForm(label)) titles.push(marker);
      else if (PROJECT_LINE.test(label)) projects.push(marker);
    });
  });
  return { titles, projects };
}

interface Marker {
  row: number;
  col: number;
}

/** Forms copied side by side start at about the same row; stacked forms (titles far apart in rows) do not. */
const SIDE_BY_SIDE_ROWS = 3;

/**
 * The columns of markers that all stand beside another at about the same row; none when one stands alone (a
 * form stacked above or below: the forms side by side are then split in their own rows, by sideBySideInSlabs).
 */
function sideBySide(markers: readonly Marker[]): number[] {
  const byRow = [...markers].sort((a, b) => a.row - b.row);
  const paired = new Uint8Array(byRow.length);
  for (let i = 0; i < byRow.length; i++)
    for (let k = i + 1; k < byRow.length && byRow[k].row - byRow[i].row <= SIDE_BY_SIDE_ROWS; k++)
      if (byRow[k].col !== byRow[i].col) paired[i] = paired[k] = 1;
  if (paired.includes(0)) return [];
  return [...new Set(byRow.map(({ col }) => col))].sort((x, y) => x - y);
}

/**
 * Bands cut where a second form starts with no empty column before it (forms touching column to column): at
 * each title (else each 项目名称) beside another, less the first one's distance from the band's left edge, since
 * a unit copies one template side by side (a 指标编码 column may stand left of the title).
 */
function splitAtSeams(
  bands: Array<[number, number]>,
  starts: { titles: readonly Marker[]; projects: readonly Marker[] },
): Array<[number, number]> {
  const split: Array<[number, number]> = [];
  for (const [left, right] of bands) {
    const inBand = (markers: readonly Marker[]) => markers.filter(({ col }) => col >= left && col <= right);
    const titles = sideBySide(inBand(starts.titles));
    const markers = titles.length >= 2 ? titles : sideBySide(inBand(starts.projects));
    let from = left;
    for (const marker of markers.slice(1)) {
      const seam = marker - (markers[0] - left);
      if (seam <= from) continue;
      split.push([from, seam - 1]);
      from = seam;
    }
    split.push([from, right]);
  }
  return split;
}

/**
 * The part of a sheet in columns `left`..`right`, at the same coordinates, trimmed to the rows that hold a value
 * there: a narrow band of a sheet with a value at row 1,048,576 is not a million rows tall.
 */
export function bandGrid(grid: SheetGrid, left: number, right: number): SheetGrid {
  const from = left - grid.originCol;
  const to = right - grid.originCol + 1;
  let first = -1;
  let last = -1;
  forEachStored(grid.values, (line, i) => {
    if (!line) return;
    let held = false;
    forEachStored(line, (value, j) => {
      held ||= j >= from && j < to && !isBlank(value);
    });
    if (!held) return;
    if (first < 0) first = i;
    last = i;
  });
  if (first < 0) first = last = 0;
  // Stored rows only, re-indexed from the first that holds a value.
  const slice = <T>(rows: T[][] | null | undefined) => {
    if (!rows) return null;
    const sliced: T[][] = [];
    forEachStored(rows, (line, i) => {
      if (line && i >= first && i <= last) sliced[i - first] = line.slice(from, to);
    });
    return sliced;
  };
  const top = grid.originRow + first;
  const bottom = grid.originRow + last;
  return {
    name: grid.name,
    originRow: top,
    originCol: left,
    values: slice(grid.values) ?? [],
    numberFormats: slice(grid.numberFormats),
    formulas: slice(grid.formulas),
    merges:
      grid.merges?.filter(
        (area) => area.left >= left && area.right <= right && area.top >= top && area.bottom <= bottom,
      ) ?? null,
  };
}

/** The part of a sheet in rows `top`..`bottom`, at the same coordinates. */
export function rowGrid(grid: SheetGrid, top: number, bottom: number, withMerges = true): SheetGrid {
  const from = Math.max(0, top - grid.originRow);
  const to = bottom - grid.originRow + 1;
  return {
    ...grid,
    originRow: grid.originRow + from,
    values: grid.values.slice(from, to),
    numberFormats: grid.numberFormats?.slice(from, to) ?? null,
    formulas: grid.formulas?.slice(from, to) ?? null,
    merges: withMerges ? (grid.merges?.filter((area) => area.top >= top && area.bottom <= bottom) ?? null) : null,
  };
}
