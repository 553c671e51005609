import type { CellRead } from './form';
import { isBlank, type SheetView } from '../sheet/grid';
import { LABEL_MAX } from './header';
import { displayText, foldWidth, normaliseLabel, rememberedPerText } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { NUMBER_WORDS } from '../vocabulary/value-words';
import {
  COLUMN_WORDS,
  INDICATOR_CATEGORY_WORDS,
  SHARE_NAME_WORDS,
  type IndicatorCategory,
} from '../vocabulary/table-words';
import { UPPER_HINT_WORDS, BODY_END_HINT_WORDS } from '../vocabulary/form-words';

export interface LabelCell {
  col: number;
  label: string;
}

// Hints computed once per label, so the row scans of the recognisers are bit tests rather than regex runs.
export const HINT_SCORE = 1;
export const HINT_UPPER = 2;
export const HINT_BODY_END = 4;
/** A 三级指标 / 指标内容 label: the header of a form's indicator table (自评表 or 申报表). */
export const HINT_INDICATOR_TABLE = 8;

/** Labels that can matter above an indicator header, or end an indicator body (the vocabulary's hints). */
const UPPER_HINT = wordsPattern(UPPER_HINT_WORDS);
const BODY_END_HINT = wordsPattern(BODY_END_HINT_WORDS);
/** A year written above a form (`2024年度`): the heading reads it. */
const YEAR_HINT = new RegExp(`\\d{4}${NUMBER_WORDS.year}`);
/** Any of the three, as one quick test: most labels are indicator names and values. */
const ANY_HINT = new RegExp(`${UPPER_HINT.source}|${BODY_END_HINT.source}|${YEAR_HINT.source}`);

/** The header words of the 得分 and 三级指标 columns, as the vocabulary has them. */
const SCORE_HEADER = wordsPattern(COLUMN_WORDS.score);
const NAME_HEADER = wordsPattern(COLUMN_WORDS.name);

/** The hints of a label, worked out once per text: this runs on every short text cell of every sheet. */
const hintsOf = rememberedPerText(hintsOfLabel);

function hintsOfLabel(label: string): number {
  const score =
    (label.includes('得分') || SCORE_HEADER.test(label) ? HINT_SCORE : 0) |
    (NAME_HEADER.test(label) ? HINT_INDICATOR_TABLE : 0);
  if (!ANY_HINT.test(label)) return score;
  const upper = UPPER_HINT.test(label) || YEAR_HINT.test(label) ? HINT_UPPER : 0;
  return score | upper | (BODY_END_HINT.test(label) ? HINT_BODY_END : 0);
}

/** Text longer than this is prose (goals, reasons), never a label. */
const PROSE_LENGTH = 200;
const NO_LABELS: readonly LabelCell[] = [];

/** Normalised text of every text cell, computed once per sheet. */
export class LabelIndex {
  private readonly rows: Array<LabelCell[] | undefined> = [];
  private readonly rowHints: number[] = [];

  /** The rows with a label, top to bottom. */
  readonly labelledRows: number[] = [];

  constructor(readonly view: SheetView) {
    for (const row of view.rowsWithValues()) {
      let cells: LabelCell[] | undefined;
      let hints = 0;
      view.forEachValueIn(row, (value, col) => {
        if (typeof value !== 'string' || value.length > PROSE_LENGTH) return;
        const label = normaliseLabel(value);
        if (label === '') return;
        (cells ??= []).push({ col, label });
        if (label.length <= LABEL_MAX * 3) hints |= hintsOf(label);
      });
      if (!cells) continue;
      this.labelledRows.push(row);
      this.rows[row - view.firstRow] = cells;
      this.rowHints[row - view.firstRow] = hints;
    }
  }

  /** Whether some label of the row carries the hint (HINT_*). */
  hinted(row: number, hint: number): boolean {
    return ((this.rowHints[row - this.view.firstRow] ?? 0) & hint) !== 0;
  }

  row(row: number): readonly LabelCell[] {
    return this.rows[row - this.view.firstRow] ?? NO_LABELS;
  }

  /** The first cell of a row (within columns) whose label matches. */
  find(row: number, pattern: RegExp, left = -Infinity, right = Infinity): LabelCell | null {
    for (const cell of this.row(row)) {
      if (cell.col >= left && cell.col <= right && cell.label.length <= LABEL_MAX * 3 && pattern.test(cell.label))
        return cell;
    }
    return null;
  }
}

export function cellRead(view: SheetView, row: number, col: number | undefined): CellRead | null {
  if (col === undefined) return null;
  return {
    row,
    col,
    value: view.raw(row, col),
    numberFormat: view.numberFormat(row, col),
    formula: view.formula(row, col),
  };
}

/** The master cell of the merge covering (row, col), or the cell itself. */
export function shownCell(view: SheetView, row: number, col: number): CellRead {
  const master = view.masterOf(row, col);
  return cellRead(view, master.row, master.col) as CellRead;
}

export function firstValueRightOf(view: SheetView, row: number, col: number, right = view.lastCol): CellRead | null {
  // A label repeated over what was its merged area (an unmerged and filled sheet) is not its value.
  const label = typeof view.raw(row, col) === 'string' ? normaliseLabel(view.raw(row, col)) : '';
  for (let c = col + 1, end = Math.min(right, view.rowEnd(row)); c <= end; c++) {
    if (view.isCovered(row, c)) continue;
    const value = view.raw(row, c);
    if (label !== '' && typeof value === 'string' && normaliseLabel(value) === label) continue;
    if (!isBlank(value) || view.formula(row, c) !== null) return cellRead(view, row, c);
  }
  return null;
}

/** `项目名称 | X`, or `项目名称：X` in one cell. */
export function valueRightOf(view: SheetView, row: number, col: number, label: string, prefix: RegExp): string | null {
  const inline = label.replace(prefix, '');
  if (inline !== '') return displayText(String(view.raw(row, col)).replace(/^[^:：]*[:：]/, '')) || inline;
  const value = firstValueRightOf(view, row, col);
  return value ? displayText(value.value) : null;
}

export function findYear(labels: LabelIndex, fromRow: number, toRow: number): number | null {
  for (let row = fromRow; row <= toRow; row++) {
    for (const { label } of labels.row(row)) {
      const match = YEAR_IN_LABEL.exec(label);
      if (match && label.length <= 40) return Number(match[1]);
    }
  }
  return null;
}

const YEAR_IN_LABEL = new RegExp(`(20\\d{2}|19\\d{2})${NUMBER_WORDS.year}(?:${NUMBER_WORDS.wholeYear})?`);

const WEIGHT_SUFFIX = new RegExp(`[(（]\\s*(\\d+(?:\\.\\d+)?)\\s*(?:${NUMBER_WORDS.points})?\\s*[)）]$`);

export function stripWeightSuffix(label: string): string {
  // Matched with digits folded to half width (`（５０分）`); the label keeps its own characters.
  const match = WEIGHT_SUFFIX.exec(foldWidth(label));
  return (match ? label.slice(0, match.index) : label).trim();
}

/** The weight a 一级 / 二级 label states at its end: `数量指标（10分）`, `项目产出(30)`; null when none. */
export function weightSuffix(label: string): number | null {
  const match = WEIGHT_SUFFIX.exec(foldWidth(label).trim());
  return match ? Number(match[1]) : null;
}

const CATEGORY_PATTERNS = Object.fromEntries(
  Object.entries(INDICATOR_CATEGORY_WORDS).map(([category, words]) => [category, wordsPattern(words)]),
) as Record<IndicatorCategory, RegExp>;
const SHARE_NAME = wordsPattern(SHARE_NAME_WORDS);

/** Whether any of these 一级 / 二级 labels puts an indicator in the category, however the label is spelt. */
export function inCategory(category: IndicatorCategory, ...levels: readonly string[]): boolean {
  return levels.some((level) => CATEGORY_PATTERNS[category].test(normaliseLabel(level)));
}

/** A 成本指标 row: its 一级 or 二级 is a cost level. */
export function isCostIndicator(row: { level1: string; level2: string }): boolean {
  return inCategory('cost', row.level1, row.level2);
}

/** Whether an indicator's name says it is measured as a share (满意度, 完成率, 占比…). */
export function isShareName(name: string): boolean {
  return SHARE_NAME.test(normaliseLabel(name));
}
