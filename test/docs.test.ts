import { promises as fs } from 'fs';
import { SPEC, withTables } from '../scripts/spec-tables';

describe('docs/SPECIFICATION.md', () => {
  it('lists every rule id and built-in profile the code has (run `npm run docs` after changing them)', async () => {
    const text = await fs.readFile(SPEC, 'utf8');
    expect(withTables(text)).toBe(text);
  });
});
