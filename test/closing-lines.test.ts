import type { CellValue } from '../src/core/sheet/grid';
import { CLOSING_WORDS, NOTE_WORDS } from '../src/core/vocabulary/vocabulary';
import { checkSheets } from './helpers/check';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';

/**
 * A line after the table that the vocabulary says closes a form (a conclusion, a signature, a note) ends the
 * indicators even where no 总分 row comes first: it is never read as an indicator. Every word of the lists is tried,
 * so a word added to the vocabulary is held to it too.
 */
const CLOSING_LINES = [...(CLOSING_WORDS.prefix ?? []), ...NOTE_WORDS];

function checked(after: CellValue[][]) {
  const form = buildForm(seed2024Form({ total: null }));
  const rows = [...form.rows, ...after];
  const [result] = checkSheets([sheetGrid('表', [{ rows, top: 1, left: 1 }])], BUILT_IN_PROFILES.national);
  return {
    findings: result.findings.map((f) => `${f.rule}@${f.cell}`),
    indicators: result.indicators.length,
  };
}

describe('a closing line right after the indicators', () => {
  const plain = checked([]);

  it.each(CLOSING_LINES)('「%s」 ends the table: no indicator, no finding from it', (word) => {
    // Signed and dated (a date serial under 得分), or written across the name column.
    for (const line of [
      [null, `${word}：`, null, '张三', null, null, null, 45292, null],
      [null, null, null, `${word}：继续推进`, null, null, null, null, null],
    ]) {
      const signed = checked([line]);
      expect(signed.indicators).toBe(plain.indicators);
      expect(signed.findings).toEqual(plain.findings);
    }
  });
});
