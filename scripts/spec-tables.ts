/* The generated parts of docs/SPECIFICATION.md: the rule catalogue and the built-in profiles, from the
 * code itself. `npm run docs` rewrites them; a test fails when the document is behind the code. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { BUILT_IN_PROFILES } from '../src/core/profiles';
import { RULES, SEVERITY_LABEL } from '../src/core/rules';

export const SPEC = path.join(__dirname, '..', 'docs', 'SPECIFICATION.md');

export function ruleTable(): string {
  const rows = Object.entries(RULES).map(
    ([id, rule]) => `| \`${id}\` | ${SEVERITY_LABEL[rule.severity]} | ${rule.title} |`,
  );
  return ['| 规则 id | 级别 | 含义 |', '| --- | --- | --- |', ...rows].join('\n');
}

export function profileTable(): string {
  const rows = Object.values(BUILT_IN_PROFILES).map((p) => `| \`${p.id}\` | ${p.name} | ${p.budgetWeight} |`);
  return ['| profile id | 名称 | 预算执行率分值 |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The document with its generated sections replaced by the current tables. */
export function withTables(text: string): string {
  const put = (name: string, table: string) => (doc: string) =>
    doc.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${table}\n$2`);
  return [put('rules', ruleTable()), put('profiles', profileTable())].reduce((doc, f) => f(doc), text);
}

if (require.main === module) {
  void (async () => {
    const text = await fs.readFile(SPEC, 'utf8');
    await fs.writeFile(SPEC, withTables(text));
  })();
}
