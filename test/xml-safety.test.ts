import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { planEdits } from '../src/core/edits/edits';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook } from '../src/core/check/workbook';
import { FileHost } from '../src/hosts/file/file-host';
import { reportWorkbook } from '../src/xlsx/grid-workbook';
import { readXlsx } from '../src/xlsx/xlsx-reader';

/**
 * Every part the tool writes is XML 1.0 whatever the text it carries (issue #37): a cell may hold U+FFFF or
 * U+FFFE (`_xFFFF_` in the file), a lone surrogate, a control character, or the literal text `_xFFFF_`.
 */
const HOSTILE = ['末尾\uFFFF', '\uFFFE开头', '孤\uD800立', '控\u0001制', '字面 _xFFFF_ 文字', '尾\uDC00'];

function parsesAsXml(name: string, xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (error) => errors.push(`${name}: ${error.message}`));
  try {
    parser.write(xml).close();
  } catch (error) {
    errors.push(`${name}: ${(error as Error).message}`);
  }
  return errors;
}

function everyPartParses(bytes: Uint8Array): string[] {
  const parts = unzipSync(bytes);
  return Object.keys(parts)
    .filter((name) => /\.(xml|rels|vml)$/.test(name))
    .flatMap((name) => parsesAsXml(name, strFromU8(parts[name])));
}

it('writes reports whose every part parses as XML, and whose text reads back as it was', () => {
  const bytes = reportWorkbook(
    [
      {
        name: '汇总\u0002表',
        title: '标题\uFFFF',
        columns: ['文件', '问题'],
        widths: [10, 30],
        rows: HOSTILE.map((t) => [t, t]),
      },
    ],
    { date: '2026-12-06', profile: '全国\uFFFE通用' },
  );
  expect(everyPartParses(bytes)).toEqual([]);
  const read = readXlsx(bytes);
  const values = read.grid(read.sheets[0]).values.flat();
  // A literal `_xFFFF_` stays literal; the characters XML cannot hold come back as the file had them.
  expect(values).toContain('字面 _xFFFF_ 文字');
  expect(values).toContain('末尾\uFFFF');
});

it('marks a workbook whose cells hold such text into a copy whose every part parses as XML', async () => {
  const original = path.join(__dirname, 'fixtures', 'shared', 'seed000-2020-errors.xlsx');
  const host = await FileHost.load(new Uint8Array(fs.readFileSync(original)), 'x.xlsx');
  const sheets = await host.readSheets('all');
  // The project's name and a reason carry the hostile text into 审核意见 and the notes.
  const results = checkWorkbook(sheets, BUILT_IN_PROFILES.national);
  for (const result of results) result.findings.forEach((f, i) => (f.message += HOSTILE[i % HOSTILE.length]));
  await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true }));
  expect(everyPartParses(await host.toBuffer())).toEqual([]);
});
