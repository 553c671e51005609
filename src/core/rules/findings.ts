import { toA1 } from '../sheet/address';
import { appliesTo, RULES, type Finding, type RuleId, type RuleScope } from './rules';

/**
 * Findings of one form: at most one per rule and cell, in reading order. Given the form's scope, the catalogue
 * decides: a rule that does not apply to the form's kind, or that no option of the profile turns on, is not said.
 */
export class FindingList {
  private readonly items: Finding[] = [];
  private readonly seen = new Set<string>();

  /** What the catalogue said of each rule for this list's form, asked once a form (the runner asks at every row). */
  private readonly applying = new Map<RuleId, boolean>();

  constructor(private readonly scope?: RuleScope) {}

  /** Whether the catalogue applies the rule to this list's form (every rule, for a list without a scope). */
  applies(rule: RuleId): boolean {
    if (!this.scope) return true;
    let applies = this.applying.get(rule);
    if (applies === undefined) {
      applies = appliesTo(rule, this.scope);
      this.applying.set(rule, applies);
    }
    return applies;
  }

  /** `add`, as a function a rule module's check is given. */
  readonly report = (rule: RuleId, cell: { row: number; col: number }, message: string): void =>
    this.add(rule, cell, message);

  add(rule: RuleId, cell: { row: number; col: number }, message: string): void {
    if (!this.applies(rule)) return;
    const key = `${rule}@${cell.row}:${cell.col}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(finding(rule, cell, message));
  }

  /** Takes back every finding of a rule (a reading the form's total refuted raised them). */
  remove(rule: RuleId): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i];
      if (item.rule !== rule) continue;
      this.items.splice(i, 1);
      this.seen.delete(`${rule}@${item.row}:${item.col}`);
    }
  }

  sorted(): Finding[] {
    return [...this.items].sort((a, b) => a.row - b.row || a.col - b.col);
  }
}

/** A finding of `rule` at a cell, with the rule's severity. */
export function finding(rule: RuleId, cell: { row: number; col: number }, message: string): Finding {
  return {
    rule,
    severity: RULES[rule].severity,
    cell: toA1(cell.row, cell.col),
    row: cell.row,
    col: cell.col,
    message,
  };
}
