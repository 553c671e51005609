import { BUILT_IN_PROFILES, type Profile } from '../src/core/rules/profiles';
import { appliesTo, REMEDY_LABEL, remedyOf, RULES, type ProfileOption, type RuleId } from '../src/core/rules/rules';
import { FindingList } from '../src/core/rules/findings';
import { fixFor } from '../src/core/edits/fixes';
import { fillEdits } from '../src/core/edits/edits';
import { rowsMissingReason } from '../src/core/edits/templates';
import { isScored } from '../src/core/check/kinds';
import { checkWorkbook, type CheckedForm } from '../src/core/check/workbook';

import { RULE_MODULE_OF } from '../src/core/rules/catalogue';
import type { Case, RuleCases } from './rules/case-helpers';

/**
 * Every rule module's test table (test/rules/<folder>/<module>.cases.ts, see case-helpers.ts), run as linters gate
 * their rules: each case raises its rule at exactly its cells, with the catalogue's severity, on a form the rule
 * applies to, and offers its remedy; each clean case raises nothing. A rule turned on by a profile option is raised
 * under a profile with that option and stays silent on the same input under a profile without it (national,
 * unless national has it).
 */
const TABLES = new Map<string, Record<string, RuleCases>>();

/** The table of a rule's module, loaded by the module's path: a module without one fails here. */
function casesOf(rule: RuleId): RuleCases {
  const module = RULE_MODULE_OF[rule];
  let table = TABLES.get(module);
  if (!table) {
    // By path, as the modules are listed in the catalogue: a new module's table needs no line here.
    table = (require(`./rules/${module}.cases`) as { default: Record<string, RuleCases> }).default;
    TABLES.set(module, table);
  }
  return table[rule];
}

const CASES = Object.fromEntries((Object.keys(RULES) as RuleId[]).map((rule) => [rule, casesOf(rule)])) as Record<
  RuleId,
  RuleCases
>;

async function resultsOf(example: Case, profile?: Profile): Promise<CheckedForm[]> {
  const checked = checkWorkbook(await example.sheets(), profile ?? BUILT_IN_PROFILES[example.profile ?? 'national']);
  return example.after ? example.after(checked) : checked;
}

/** Whether the add-in offers the rule's remedy on the finding (the catalogue's `remedy` decides the tables). */
function offersRemedy(result: CheckedForm, finding: CheckedForm['findings'][number]): boolean {
  switch (remedyOf(finding.rule)) {
    case 'fix':
      return fixFor(result, finding) !== null;
    case 'fill':
      return fillEdits([result]).some((edit) => edit.sheet === result.sheet && edit.cell === finding.cell);
    case 'reason':
      return isScored(result) && rowsMissingReason(result).some((row) => row.reasonCell === finding.cell);
    default:
      return false;
  }
}

async function findingsOf(rule: RuleId, example: Case, profile?: Profile): Promise<string[]> {
  const results = await resultsOf(example, profile);
  const meta = RULES[rule];
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.rule === rule)
      .map((f) => {
        // The catalogue's severity, on a kind of form the catalogue says the rule applies to.
        expect([rule, f.severity, (meta.forms as readonly string[]).includes(r.kind)]).toEqual([
          rule,
          meta.severity,
          true,
        ]);
        return `${r.sheet}!${f.cell}`;
      }),
  );
}

describe.each(Object.keys(RULES) as RuleId[])('%s', (rule) => {
  it('is raised by its case at exactly its cells, with the catalogue’s severity, on a form it applies to', async () => {
    const example = CASES[rule].raise;
    const found = await findingsOf(rule, example);
    expect(found).toEqual(example.cells);
  });

  const remedy = remedyOf(rule);
  if (remedy)
    it(`offers its remedy (${REMEDY_LABEL[remedy]}) on the finding its case raises`, async () => {
      const results = await resultsOf(CASES[rule].raise);
      const offered = results.flatMap((r) => r.findings.filter((f) => f.rule === rule).map((f) => offersRemedy(r, f)));
      expect(offered).toContain(true);
    });

  it('is not raised by its clean case', async () => {
    expect(await findingsOf(rule, CASES[rule].clean)).toEqual([]);
  });

  const options: readonly ProfileOption[] = (RULES[rule] as { options?: readonly ProfileOption[] }).options ?? [];
  if (options.length > 0)
    it(`is turned on by ${options.join(' / ')}: silent on the same input under a profile without it`, async () => {
      const profile = BUILT_IN_PROFILES[CASES[rule].raise.profile ?? 'national'];
      const on = (p: Profile) => options.some((option) => p[option] !== undefined && p[option] !== false);
      expect(on(profile)).toBe(true);
      // National unless it has the option (the systems' 通版 defaults, #33): then the first built-in profile without.
      const without = [BUILT_IN_PROFILES.national, ...Object.values(BUILT_IN_PROFILES)].find((p) => !on(p));
      expect(without).toBeDefined();
      expect(await findingsOf(rule, CASES[rule].raise, without)).toEqual([]);
    });
});

it('names only Profile fields as rule options', () => {
  const check: Record<ProfileOption, keyof Profile> = {
    overachievementReason: 'overachievementReason',
    overachievementReview: 'overachievementReview',
    budgetRateReasonBelow: 'budgetRateReasonBelow',
    executionCaps: 'executionCaps',
    costUnsetCap: 'costUnsetCap',
    reviewChecks: 'reviewChecks',
    comparisonReview: 'comparisonReview',
    numericActuals: 'numericActuals',
  };
  expect(Object.keys(check)).toHaveLength(8);
});

describe('the catalogue decides which rules a form is checked by', () => {
  const cell = { row: 3, col: 2 };
  const said = (list: FindingList) => list.sorted().map((f) => f.rule);

  it('says a rule on a kind of form it applies to, under a profile that turns it on', () => {
    const list = new FindingList({ kind: 'self-evaluation', options: BUILT_IN_PROFILES['strict-review'] });
    list.add('reason-missing', cell, '');
    list.add('spending-as-output', cell, '');
    expect(said(list)).toEqual(['reason-missing', 'spending-as-output']);
  });

  it('passes over a rule raised on another kind, or whose options the profile leaves off', () => {
    const national = new FindingList({ kind: 'self-evaluation', options: BUILT_IN_PROFILES.national });
    national.add('spending-as-output', cell, '');
    national.add('monitoring-rate-mismatch', cell, '');
    const department = new FindingList({ kind: 'department-evaluation', options: BUILT_IN_PROFILES.national });
    department.add('reason-missing', cell, '');
    department.add('coefficient-score-mismatch', cell, '');
    expect([said(national), said(department)]).toEqual([[], ['coefficient-score-mismatch']]);
  });

  it('agrees with every case of the table: each raised finding is in the scope of its form', async () => {
    for (const rule of Object.keys(CASES) as RuleId[]) {
      const example = CASES[rule].raise;
      const profile = BUILT_IN_PROFILES[example.profile ?? 'national'];
      for (const result of await resultsOf(example))
        for (const f of result.findings)
          expect([f.rule, appliesTo(f.rule, { kind: result.kind, options: profile })]).toEqual([f.rule, true]);
    }
  });
});
