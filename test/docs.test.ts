import { promises as fs } from 'fs';
import { SPEC, VOCABULARY, withTables } from '../scripts/spec-tables';
import { CATALOGUE, catalogueText, MODULES, moduleFiles, modulesText } from '../scripts/rule-catalogue';

describe.each([SPEC, VOCABULARY])('%s', (file) => {
  it('lists every rule id, built-in profile and vocabulary word the code has (run `npm run docs` after changing them)', async () => {
    const text = await fs.readFile(file, 'utf8');
    expect(withTables(text)).toBe(text);
  });
});

describe('docs/VOCABULARY.md', () => {
  it('shows every list the vocabulary module exports: a word added to a new list is documented too', async () => {
    const vocabulary = await import('../src/core/vocabulary/vocabulary');
    const script = await fs.readFile(require.resolve('../scripts/spec-tables'), 'utf8');
    // Types and helpers are not lists of words.
    const lists = Object.entries(vocabulary)
      .filter(([, value]) => typeof value === 'object' && value !== null)
      .map(([name]) => name);
    expect(lists.length).toBeGreaterThan(30);
    expect(lists.filter((name) => !new RegExp(`vocabulary\\.${name}\\b`).test(script))).toEqual([]);
  });
});

describe('the rule catalogue (src/core/rules/modules.ts, catalogue.ts)', () => {
  it('lists every rule module in the rules folder and every rule they describe (run `npm run docs` after changing one)', async () => {
    const files = await moduleFiles();
    expect(modulesText(files)).toBe(await fs.readFile(MODULES, 'utf8'));
    expect(catalogueText(files)).toBe(await fs.readFile(CATALOGUE, 'utf8'));
  });
});
