import { wordsPattern } from '../vocabulary/words';
import {
  CLOSING_WORDS,
  DEPARTMENT_INDICATOR_WORDS,
  DEPARTMENT_LINE_WORDS,
  OWN_DEPARTMENT_WORDS,
  DEPARTMENT_TITLE_WORDS,
  EVALUATION_TITLE,
  IMPLEMENTING_UNIT_WORDS,
  GRADE_VALUES,
  GRADE_WORDS,
  HEAD_TOTAL_WORDS,
  PROJECT_LINE_WORDS,
  SUBTOTAL_WORDS,
  TOTAL_ALONE_WORDS,
  TOTAL_WORDS,
  INLINE_TOTAL_WORDS,
} from '../vocabulary/form-words';

/** The lines around and inside a 自评表's table — title, project, department, unit, 总分, 评分等级, closing notes — as patterns built once from the vocabulary. */

export const TITLE = EVALUATION_TITLE;

export const TOTAL_LABEL = wordsPattern(TOTAL_WORDS);

export const TOTAL_ALONE = wordsPattern(TOTAL_ALONE_WORDS);

export const HEAD_TOTAL = wordsPattern(HEAD_TOTAL_WORDS);

export const GRADE_LABEL = wordsPattern(GRADE_WORDS);

export const GRADE_VALUE = wordsPattern({ exact: GRADE_VALUES });

export const SUBTOTAL = wordsPattern(SUBTOTAL_WORDS);

export const IMPLEMENTING_UNIT = wordsPattern(IMPLEMENTING_UNIT_WORDS);

export const PROJECT_LINE = wordsPattern(PROJECT_LINE_WORDS);

/** A total stated in a header line or one cell: `总分：99.8分` (labels are compared without colons). */
export const INLINE_TOTAL = new RegExp(`^(${INLINE_TOTAL_WORDS.join('|')})(\\d+(?:\\.\\d+)?)分?$`);

export const INLINE_GRADE = new RegExp(`^(${GRADE_WORDS.exact?.join('|')})(${GRADE_VALUES.join('|')})$`);

/** Rows after the table that end a form: conclusions, problems, measures, signatures, notes. */
export const CLOSING_LABEL = wordsPattern(CLOSING_WORDS);

/** A 部门整体支出 form: its title, its first-level indicators or its typical measures. */
export const DEPARTMENT_TITLE = wordsPattern(DEPARTMENT_TITLE_WORDS);

export const DEPARTMENT_INDICATOR = wordsPattern(DEPARTMENT_INDICATOR_WORDS);

export const DEPARTMENT_LINE = wordsPattern(DEPARTMENT_LINE_WORDS);

export const OWN_DEPARTMENT = wordsPattern(OWN_DEPARTMENT_WORDS);

/** `90.5（优）`, `96分(良)`: a total written with its grade in one cell. */
export const SCORE_WITH_GRADE = new RegExp(`^(\\d+(?:\\.\\d+)?)分?[(（](${GRADE_VALUES.join('|')})[)）]$`);
