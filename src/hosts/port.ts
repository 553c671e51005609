import {
  executeEdits,
  MissingSheet,
  probeRequest,
  type HostOp,
  type MessageSupport,
  type ProbeRequest,
  type Snapshot,
} from '../core/edits/execute';
import { clearRequest, executeClear } from '../core/edits/clear';
import { validateEdit, type Edit } from '../core/edits/edits';
import { HostError, type ApplyReport, type ClearReport } from './host';

/**
 * What a host implements to execute edits: read what a plan needs (`probe`, in Excel one round trip) and write
 * what the core decided (`commit`, in order). Refusals, undo records, saved marks, names and sheet layouts are
 * the core's (`src/core/execute.ts`), so every host carries out a batch alike.
 */
export interface HostPort {
  /** Where this host can put a mark's message. */
  readonly messages: MessageSupport;
  /** Whether this host sets a sheet's print scaling (Excel from ExcelApi 1.9; WPS and files always). */
  readonly printScaling: boolean;
  probe(request: ProbeRequest): Promise<Snapshot>;
  commit(ops: readonly HostOp[]): Promise<void>;
}

/** The host cannot add a mark's message where it planned to (a cell with a comment thread): redo without. */
export class MessagesRefused extends Error {}

/**
 * A batch of edits through a host's port: every edit validated and everything it depends on read before the
 * first write; `expect` areas that changed make it write nothing.
 */
export async function applyThroughPort(port: HostPort, edits: readonly Edit[]): Promise<ApplyReport> {
  for (const edit of edits) {
    const problem = validateEdit(edit);
    if (problem) throw new HostError(problem);
  }
  const run = async (messages: MessageSupport) => {
    const snapshot = await port.probe(probeRequest(edits));
    let plan;
    try {
      plan = executeEdits(edits, snapshot, messages);
    } catch (error) {
      if (error instanceof MissingSheet) throw new HostError(error.message);
      throw error;
    }
    if (plan.ops.length) await port.commit(plan.ops);
    return plan.report;
  };
  try {
    return await run(port.messages);
  } catch (error) {
    if (!(error instanceof MessagesRefused) || port.messages === 'none') throw error;
    // Read again: what the refused batch wrote before its refusal is what the cells hold now.
    return run('none');
  }
}

/** 清除标记 through a host's port: the saved marks and their cells read, every restoring write decided by the core. */
export async function clearThroughPort(port: HostPort): Promise<ClearReport> {
  const plan = executeClear(await port.probe(clearRequest()), port);
  if (plan.ops.length) await port.commit(plan.ops);
  return plan.report;
}
