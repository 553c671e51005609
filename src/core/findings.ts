import { toA1 } from './address';
import { RULES, type Finding, type RuleId } from './rules';

/** Findings of one form: at most one per rule and cell, in reading order. */
export class FindingList {
  private readonly items: Finding[] = [];
  private readonly seen = new Set<string>();

  add(rule: RuleId, cell: { row: number; col: number }, message: string): void {
    const key = `${rule}@${cell.row}:${cell.col}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(finding(rule, cell, message));
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
