import { promises as fs } from 'fs';
import { SPEC, VOCABULARY, withTables } from '../scripts/spec-tables';

describe.each([SPEC, VOCABULARY])('%s', (file) => {
  it('lists every rule id, built-in profile and vocabulary word the code has (run `npm run docs` after changing them)', async () => {
    const text = await fs.readFile(file, 'utf8');
    expect(withTables(text)).toBe(text);
  });
});
