import { rangeToA1, toA1 } from '../sheet/address';
import type { FormHeading } from '../read/form';
import type { SheetView } from '../sheet/grid';
import { roleOf, type ColumnRole } from '../read/header';
import type { LabelIndex } from '../read/labels';
import { displayText, normaliseLabel, readNumber } from '../sheet/text';
import { wordsPattern } from '../vocabulary/words';
import { COVER_WORDS, FORM_LIKE_WORDS } from '../vocabulary/form-words';
import { COLUMN_ROLE_NAMES } from '../vocabulary/column-roles';

/**
 * A sheet that says it holds a 绩效 form (its title or cells name 自评表, 绩效, 得分…) but in which no form was
 * recognised. It is reported like a form, with one `form-unrecognised` finding, so that no output can pass
 * the sheet over in silence: a skipped form is the worst answer the engine can give.
 */
export interface UnrecognisedSheet extends FormHeading {
  kind: 'unrecognised';
  /** What the sheet shows: its title, and the column roles of the most header-like row. */
  found: string[];
  /** What a 自评表's header needs and that row lacks. */
  missing: string[];
  /** One sentence for a report's status column. */
  reason: string;
  /**
   * The rows most like a header, best first, with each label and the role the engine would give it: what
   * 手动指定表格 offers the user to start from.
   */
  candidates: HeaderCandidate[];
}

export interface HeaderCandidate {
  row: number;
  cells: Array<{ col: number; label: string; guess: ColumnRole | null }>;
}

/** The sheet's diagnosis as a report shows it; its one finding (form-unrecognised) is the checker's to make. */
export interface UnreadSheet {
  kind: 'unrecognised';
  form: UnrecognisedSheet;
  sheet: string;
  range: string;
  /** Where the sheet looks most like a form, and what to tell the reviewer about it. */
  said: { cell: { row: number; col: number }; message: string };
}

/**
 * A diagnosis, and how sure it is that the sheet is a form: a form's title or a header naming three column
 * roles is `strong` and is reported whatever else the workbook holds; a mere 绩效 / 得分 word is reported only
 * when no sheet of the workbook holds a recognised form (a 填表说明 or 评分标准 sheet beside real forms is no miss).
 */
export interface Diagnosis {
  result: UnreadSheet;
  strong: boolean;
  /** A form's title with a header-like row of three labels or more below it: a form, beyond doubt. */
  certain: boolean;
  /** A cover sheet (封面): said only when nothing else in the workbook is, so the workbook is never silent. */
  cover: boolean;
}

/** The columns a scored 自评表 needs: one of each group. */
const NEEDED: ReadonlyArray<readonly ColumnRole[]> = [['name', 'target'], ['actual'], ['weight'], ['score']];

/** Longest cell text read as a title or a form word (longer is prose: goals, reasons). */
const TITLE_MAX = 60;

interface HeaderGuess {
  row: number;
  col: number;
  roles: Set<ColumnRole>;
}

/** The sheet, if it looks like a 绩效 form, as an unrecognised one; null for any other sheet. */
export function diagnoseSheet(view: SheetView, labels: LabelIndex, besideForms = false): Diagnosis | null {
  const signal = formSignal(view, labels);
  if (!signal) return null;
  const guess = bestHeaderGuess(view, labels);
  const found = [`「${signal.text}」（${toA1(signal.row, signal.col)}）`];
  let missing: string[] = [];
  let where: string;
  if (guess) {
    const names = [...guess.roles].map((role) => COLUMN_ROLE_NAMES[role]);
    found.push(`第 ${guess.row} 行的表头：${names.join('、')}`);
    missing = NEEDED.filter((group) => !group.some((role) => guess.roles.has(role))).map((group) =>
      group.map((role) => COLUMN_ROLE_NAMES[role]).join('或'),
    );
    where =
      missing.length > 0
        ? `第 ${guess.row} 行的表头有${names.join('、')}，缺少${missing.join('、')}列`
        : `第 ${guess.row} 行的表头有${names.join('、')}，但表头下没有读出指标行`;
  } else {
    missing = ['指标表头（三级指标或年度指标值、实际完成值、分值、得分）'];
    where = '没有找到指标表头（三级指标或年度指标值、实际完成值、分值、得分）';
  }
  const reason = `${where}，此表未检查`;
  const cell = guess ? { row: guess.row, col: guess.col } : { row: signal.row, col: signal.col };
  const what = besideForms ? `除已识别的表格外，还有一张像是绩效表格` : `像是绩效表格`;
  const message = `工作表「${view.name}」${what}（${found[0]}），但没有识别出可检查的表格：${reason}。请人工核对，或用“手动指定表格”指明各列`;
  // Beside forms that were read, the unread one starts at its title: what lies above is theirs or nobody's.
  const top = besideForms ? Math.min(signal.row, cell.row) : view.firstRow;
  const range = { top, left: view.firstCol, bottom: view.lastRow, right: view.lastCol };
  const form: UnrecognisedSheet = {
    kind: 'unrecognised',
    sheet: view.name,
    range,
    title: signal.isTitle ? signal.text : null,
    year: null,
    project: null,
    department: null,
    headerRow: cell.row,
    found,
    missing,
    reason,
    candidates: headerCandidates(view, labels),
  };
  const result: UnreadSheet = {
    kind: 'unrecognised',
    form,
    sheet: view.name,
    range: rangeToA1(range),
    said: { cell, message },
  };
  const headerLike = guess !== null && guess.roles.size >= 3 && (guess.roles.has('score') || guess.roles.has('weight'));
  const tableBelow = form.candidates.some(({ row, cells }) => row > signal.row && cells.length >= 3);
  // A cover (封面): said only when the workbook holds no form at all, else it is the forms' own first page.
  const cover = guess === null && isCover(labels, signal.row);
  return {
    result,
    strong: (signal.isTitle || headerLike) && !cover,
    certain: signal.isTitle && tableBelow && !cover,
    cover,
  };
}

const COVER_LINE = wordsPattern(COVER_WORDS);
/** A cover is short: a title, a few lines of who and when. */
const COVER_ROWS = 20;

/**
 * A cover sheet (封面): under its title only lines of who fills the form in and when (项目名称, 项目单位（盖章）,
 * 填报日期…), each a label and its answer, and no table; at least two such lines, nothing else with labels.
 */
function isCover(labels: LabelIndex, titleRow: number): boolean {
  const rows = labels.labelledRows.filter((row) => row > titleRow);
  if (rows.length > COVER_ROWS) return false;
  let lines = 0;
  for (const row of rows) {
    const cells = labels.row(row);
    if (!cells.some(({ label }) => COVER_LINE.test(label))) {
      // A line of its own (a year, a document number, a date) is part of a cover; a second label is not.
      if (cells.length > 1) return false;
      continue;
    }
    lines++;
  }
  return lines >= 2;
}

/** The first cell whose text names a 绩效 form (a title first, else any 绩效 / 得分 word). */
/** Whether a text is a form's title (自评表, 评价表, 监控表…): short, and with a title word. */
export function namesForm(text: string): boolean {
  return text.length <= TITLE_MAX && FORM_LIKE_WORDS.title.test(text);
}

function formSignal(
  view: SheetView,
  labels: LabelIndex,
): { row: number; col: number; text: string; isTitle: boolean } | null {
  let word: { row: number; col: number; text: string; isTitle: boolean } | null = null;
  for (const row of labels.labelledRows) {
    for (const { col, label } of labels.row(row)) {
      if (label.length > TITLE_MAX) continue;
      const strength = namesForm(label) ? 2 : FORM_LIKE_WORDS.word.test(label) ? 1 : 0;
      if (strength === 0) continue;
      const text = displayText(view.raw(row, col));
      if (strength === 2) return { row, col, text, isTitle: true };
      word ??= { row, col, text, isTitle: false };
    }
  }
  return word;
}

/** Rows of three or more short labels, most roles first (then top to bottom), at most five. */
function headerCandidates(view: SheetView, labels: LabelIndex): HeaderCandidate[] {
  const rows: Array<HeaderCandidate & { roles: number }> = [];
  for (const row of labels.labelledRows) {
    // Cells under a merge repeat its master in some hosts: a header is the distinct labels it shows.
    const cells = labels.row(row).filter(({ col }) => !view.isCovered(row, col));
    if (new Set(cells.map((c) => c.label)).size < 3) continue;
    // A header is short words only: no numbers, in cells or as text (a data row has them).
    const wordsOnly = cells.every(({ label }) => label.length <= TITLE_MAX && !/^[+-]?[\d.,%]+$/.test(label));
    if (cells.length < 3 || !wordsOnly || hasNumber(view, row)) continue;
    const withGuess = guessByContent(
      view,
      row,
      cells.map(({ col, label }) => ({ col, label: displayText(view.raw(row, col)), guess: roleOf(label) })),
    );
    rows.push({ row, cells: withGuess, roles: withGuess.filter((c) => c.guess !== null).length });
  }
  rows.sort((a, b) => b.roles - a.roles || a.row - b.row);
  return rows.slice(0, 5).map(({ row, cells }) => ({ row, cells }));
}

/** Data rows below a header: until a blank run of three rows, at most 80. */
function columnValues(view: SheetView, row: number, col: number): Array<number | string> {
  const values: Array<number | string> = [];
  let blank = 0;
  for (let r = row + 1; r <= Math.min(view.lastRow, row + 80) && blank < 3; r++) {
    const number = readNumber(view.raw(r, col));
    const text = normaliseLabel(view.raw(r, col));
    if (text === '') blank++;
    else blank = 0;
    if (typeof number === 'number') values.push(number);
    else if (text !== '') values.push(text);
  }
  return values;
}

/**
 * Roles for the columns whose words say nothing, from what they hold: numbers that add up to 100 (or 90, the
 * budget aside) are the 分值; numbers that never exceed them the 得分; the first column of texts the 三级指标,
 * and the next two with values the 年度指标值 and 实际完成值. A guess the user confirms or changes.
 */
function guessByContent(view: SheetView, row: number, cells: HeaderCandidate['cells']): HeaderCandidate['cells'] {
  const taken = new Set(cells.map((c) => c.guess).filter((g) => g !== null));
  const values = cells.map((cell) => columnValues(view, row, cell.col));
  const numbers = values.map((list) =>
    list.length > 0 && list.every((v) => typeof v === 'number') ? (list as number[]) : null,
  );
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const guessed = cells.map((cell) => ({ ...cell }));
  const give = (i: number, role: ColumnRole) => {
    if (i < 0 || guessed[i].guess !== null || taken.has(role)) return;
    guessed[i].guess = role;
    taken.add(role);
  };
  const weight = numbers.findIndex((list) => list !== null && [100, 90].some((t) => Math.abs(sum(list) - t) < 0.01));
  give(weight, 'weight');
  const weights = weight >= 0 ? (numbers[weight] as number[]) : null;
  // 得分 stands right of 分值 in every template seen; a 序号 column (1, 2, 3…) left of it fits the numbers too.
  const fitsUnder = (list: number[] | null, i: number) =>
    i !== weight &&
    list !== null &&
    weights !== null &&
    list.length === weights.length &&
    list.every((v, k) => v >= 0 && v <= weights[k] + 1e-9);
  const right = numbers.findIndex((list, i) => i > weight && fitsUnder(list, i));
  give(right >= 0 ? right : numbers.findIndex(fitsUnder), 'score');
  const texts = values.map((list, i) => list.length > 0 && numbers[i] === null);
  const name = texts.findIndex((isText, i) => isText && guessed[i].guess === null);
  give(name, 'name');
  const later = texts.map((isText, i) => i > name && name >= 0 && values[i].length > 0 && guessed[i].guess === null);
  give(later.indexOf(true), 'target');
  give(later.indexOf(true, later.indexOf(true) + 1), 'actual');
  return guessed;
}

function hasNumber(view: SheetView, row: number): boolean {
  return view.someValueIn(row, (value) => typeof value === 'number');
}

/** The row (or row pair) whose labels name the most column roles: what the user would call the header. */
function bestHeaderGuess(view: SheetView, labels: LabelIndex): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  for (const row of labels.labelledRows) {
    const cells = labels.row(row);
    if (cells.length < 2) continue;
    const roles = new Set<ColumnRole>();
    for (const { label } of [...cells, ...labels.row(row + 1)]) {
      const role = roleOf(label);
      if (role) roles.add(role);
    }
    if (roles.size >= 2 && (best === null || roles.size > best.roles.size)) best = { row, col: cells[0].col, roles };
  }
  return best;
}
