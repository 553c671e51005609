import { MARK_MESSAGE_PREFIX, type Edit } from '../src/core/edits/edits';
import {
  areaKey,
  cellKey,
  executeEdits,
  MissingSheet,
  probeRequest,
  type HostOp,
  type Snapshot,
} from '../src/core/edits/execute';
import { executeClear } from '../src/core/edits/clear';
import { fingerprintValues } from '../src/core/check/basis';
import { STATE_SHEET_NAME } from '../src/core/sheet/sheet-names';

/**
 * The core's half of the host port on its own: what a batch asks to read, and every write it decides from what a
 * host read (each host's half is held by the contract suite).
 */
function snapshot(parts: Partial<Snapshot> = {}): Snapshot {
  return {
    sheetNames: ['表一'],
    contents: new Map(),
    marks: new Map(),
    areas: new Map(),
    sheets: new Map(),
    state: { version: 2, marks: [], reviewSheet: null },
    ...parts,
  };
}

const ours = `${MARK_MESSAGE_PREFIX}\n【错误】旧的说明`;
const kinds = (ops: readonly HostOp[]) => ops.map((op) => op.op);

describe('executeEdits', () => {
  const mark: Edit = { type: 'mark', sheet: '表一', cell: 'B2', severity: 'error', color: 'FFC7CE', message: ours };

  it('asks to read exactly what the batch depends on', () => {
    const request = probeRequest([
      { type: 'set-value', sheet: '表一', cell: 'A1', value: 1, mode: 'if-empty' },
      mark,
      { type: 'expect', sheet: '表一', range: 'A1:B2', fingerprint: 'x' },
      { type: 'remove-sheet', name: '新表', expected: { name: '新表', originRow: 1, originCol: 1, values: [] } },
    ]);
    expect(request).toEqual({
      contents: [{ sheet: '表一', cell: 'A1' }],
      marks: [{ sheet: '表一', cell: 'B2' }],
      areas: [{ sheet: '表一', range: 'A1:B2' }],
      sheets: ['新表'],
      state: true,
    });
  });

  it('writes nothing when an area changed since the check, and refuses a batch naming a missing sheet', () => {
    const expect1: Edit = { type: 'expect', sheet: '表一', range: 'A1:A1', fingerprint: fingerprintValues([[1]]) };
    const changed = snapshot({ areas: new Map([[areaKey('表一', 'A1:A1'), [[2]]]]) });
    const plan = executeEdits([expect1, mark], changed, 'notes');
    expect(plan.ops).toEqual([]);
    expect(plan.report.stale).toEqual([{ sheet: '表一', range: 'A1:A1' }]);
    expect(() => executeEdits([{ ...mark, sheet: '表二' }], snapshot(), 'notes')).toThrow(MissingSheet);
  });

  it('saves the original fill first, never writes over a user’s note, and replaces its own', () => {
    const userNote = snapshot({
      marks: new Map([[cellKey('表一', 'B2'), { fill: { rgb: 'FFFF00' }, note: '用户批注' }]]),
    });
    const plan = executeEdits([mark], userNote, 'notes');
    expect(kinds(plan.ops)).toEqual(['add-sheet', 'fill']);
    const state = plan.ops[0].op === 'add-sheet' ? plan.ops[0].layout : null;
    expect(state?.name).toBe(STATE_SHEET_NAME);
    expect(JSON.parse(String(state?.grid.values[0][0])).marks).toEqual([
      { sheet: '表一', cell: 'B2', fill: { rgb: 'FFFF00' }, addedNote: false },
    ]);
    const own = snapshot({ marks: new Map([[cellKey('表一', 'B2'), { fill: { rgb: null }, note: ours }]]) });
    expect(executeEdits([mark], own, 'notes').ops.at(-1)).toEqual({
      op: 'note',
      sheet: '表一',
      cell: 'B2',
      text: ours,
      replacesOwn: true,
    });
    // Where messages cannot go, none is planned and none recorded.
    expect(kinds(executeEdits([mark], own, 'none').ops)).toEqual(['add-sheet', 'fill']);
  });
});

describe('executeClear', () => {
  const state = {
    version: 2 as const,
    marks: [
      { sheet: '表一', cell: 'A1', fill: { rgb: null }, addedNote: true },
      { sheet: '表一', cell: 'A2', fill: { rgb: 'FFFF00' }, addedNote: true },
      { sheet: '表一', cell: 'A3', fill: { rgb: null }, addedNote: false },
      { sheet: '已删除', cell: 'A1', fill: { rgb: null }, addedNote: true },
    ],
    reviewSheet: '审核意见',
  };
  const notes = new Map([
    [cellKey('表一', 'A1'), { fill: { rgb: null }, note: ours }],
    // The user wrote over the add-in's note: theirs now, it stays.
    [cellKey('表一', 'A2'), { fill: { rgb: 'FFFF00' }, note: '用户改写的批注' }],
    [cellKey('表一', 'A3'), { fill: { rgb: null }, note: ours }],
  ]);

  it('gives each cell its first fill back, removes only its own notes, the 审核意见 and state sheets', () => {
    const plan = executeClear(snapshot({ sheetNames: ['表一', '审核意见', STATE_SHEET_NAME], marks: notes, state }), {
      messages: 'notes',
      printScaling: true,
    });
    expect(plan.ops).toEqual([
      { op: 'restore-fill', sheet: '表一', cell: 'A1', original: { rgb: null } },
      { op: 'restore-fill', sheet: '表一', cell: 'A2', original: { rgb: 'FFFF00' } },
      { op: 'restore-fill', sheet: '表一', cell: 'A3', original: { rgb: null } },
      { op: 'remove-note', sheet: '表一', cell: 'A1' },
      { op: 'remove-sheet', name: '审核意见' },
      { op: 'remove-sheet', name: STATE_SHEET_NAME },
    ]);
    expect(plan.report).toEqual({ restored: 3, notesLeft: 0 });
  });

  it('counts the notes a host cannot see as left for the user', () => {
    const unseen = snapshot({ state, marks: new Map() });
    const able = (messages: 'none' | 'comments' | 'notes') => ({ messages, printScaling: true });
    expect(executeClear(unseen, able('none')).report).toEqual({ restored: 3, notesLeft: 2 });
    expect(executeClear(unseen, able('comments')).report.notesLeft).toBe(2);
    expect(executeClear(unseen, able('notes')).report.notesLeft).toBe(0);
  });

  it('gives back each sheet’s print scaling, or keeps it for another host where this one cannot set it', () => {
    const printed = {
      ...state,
      prints: [{ sheet: '表一', original: { fitToPage: false, fitWidth: null, fitHeight: null, scale: 85 } }],
    };
    const names = ['表一', '审核意见', STATE_SHEET_NAME];
    const able = executeClear(snapshot({ sheetNames: names, marks: notes, state: printed }), {
      messages: 'notes',
      printScaling: true,
    });
    expect(able.ops).toContainEqual({
      op: 'print-fit',
      sheet: '表一',
      fit: { fitToPage: false, fitWidth: null, fitHeight: null, scale: 85 },
    });
    expect(able.report.printsLeft).toBeUndefined();
    const unable = executeClear(snapshot({ sheetNames: names, marks: notes, state: printed }), {
      messages: 'notes',
      printScaling: false,
    });
    expect(unable.ops.some((op) => op.op === 'print-fit')).toBe(false);
    expect(unable.report.printsLeft).toBe(1);
    // The state sheet stays, with only what printed before: a later 清除标记 elsewhere gives it back.
    const kept = unable.ops.find((op) => op.op === 'add-sheet');
    expect(kept && kept.op === 'add-sheet' && kept.layout.name).toBe(STATE_SHEET_NAME);
  });
});
