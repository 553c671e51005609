import { MARK_MESSAGE_PREFIX } from './edits';
import { cellKey, saveStateOps, type HostOp, type MessageSupport, type ProbeRequest, type Snapshot } from './execute';

/** 清除标记 through the port: what it reads, and every write that gives the workbook back as it was before the marks. */

/** What 清除标记 did: marked cells given back their fill, and this add-in's notes the host cannot remove. */
export interface ClearReport {
  restored: number;
  /** Notes this add-in wrote that the host can neither see nor remove (Excel below 1.18: notes of other hosts). */
  notesLeft: number;
  /**
   * Sheets still printing one page wide: the host cannot set print scaling (Excel below 1.9). The state keeps what
   * each printed at before, so that 清除标记 in another host (or a newer Excel) gives it back.
   */
  printsLeft?: number;
}

/** What a host can do that the plan depends on: where a mark's message goes, and whether it sets print scaling. */
export interface HostAbilities {
  messages: MessageSupport;
  printScaling: boolean;
}

/** What 清除标记 reads: the saved marks and, once known, the fills and notes of the cells they list. */
export function clearRequest(): ProbeRequest {
  return { contents: [], marks: [], areas: [], sheets: [], state: true, savedMarks: true };
}

/**
 * 清除标记: every marked cell given back the fill it had before its first mark, this add-in's notes removed
 * (never a user's: only a note the probe found starting with the marker), the 审核意见 sheet and the saved marks
 * removed. A host that cannot read notes (Excel below 1.18 sees only its threaded comments, below 1.10 nothing)
 * tells how many notes it leaves for the user.
 */
export function executeClear(
  snapshot: Snapshot,
  { messages, printScaling }: HostAbilities,
): { ops: HostOp[]; report: ClearReport } {
  const names = new Set(snapshot.sheetNames);
  const marks = snapshot.state.marks.filter((mark) => names.has(mark.sheet));
  const ops: HostOp[] = marks.map((mark) => ({
    op: 'restore-fill' as const,
    sheet: mark.sheet,
    cell: mark.cell,
    original: mark.fill,
  }));
  let notesLeft = 0;
  for (const mark of marks) {
    if (!mark.addedNote) continue;
    const note = snapshot.marks.get(cellKey(mark.sheet, mark.cell))?.note ?? null;
    if (note !== null && note.startsWith(MARK_MESSAGE_PREFIX))
      ops.push({ op: 'remove-note', sheet: mark.sheet, cell: mark.cell });
    // Unseen: a note written where this host reads only comments, or none at all.
    else if (note === null && messages !== 'notes') notesLeft++;
  }
  // The print scaling each sheet had before it was set to one page wide; kept where this host cannot set it.
  const prints = (snapshot.state.prints ?? []).filter(({ sheet }) => names.has(sheet));
  if (printScaling) for (const { sheet, original } of prints) ops.push({ op: 'print-fit', sheet, fit: original });
  const review = snapshot.state.reviewSheet;
  if (review && names.has(review)) {
    ops.push({ op: 'remove-sheet', name: review });
    names.delete(review);
  }
  const kept = printScaling ? [] : prints;
  ops.push(...saveStateOps({ ...snapshot.state, marks: [], reviewSheet: null, prints: kept }, names));
  const report: ClearReport = { restored: marks.length, notesLeft };
  if (kept.length) report.printsLeft = kept.length;
  return { ops, report };
}
