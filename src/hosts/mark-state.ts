import type { z as Zod } from 'zod/mini';
import type { SavedMark } from './host';

/**
 * The record of what this add-in changed in a workbook: the original fill of every marked
 * cell, and the review sheet it created. It lives inside the workbook (a hidden sheet or the
 * document settings), so it is read back from outside and validated like any other input.
 */
export interface MarkState {
  version: 1;
  marks: SavedMark[];
  reviewSheet: string | null;
}

/** Built on first use: most runs never read saved state, and loading zod costs start-up time. */
let markStateSchema: Zod.ZodMiniType<MarkState> | null = null;

function schema(): Zod.ZodMiniType<MarkState> {
  if (!markStateSchema) {
    // zod/mini: the same checks at a fraction of the task pane's script size.
    const { z } = require('zod/mini') as typeof import('zod/mini');
    const savedMark = z.object({
      sheet: z.string(),
      cell: z.string().check(z.regex(/^[A-Z]{1,3}\d+$/)),
      fill: z.string(),
      addedNote: z.boolean(),
    });
    markStateSchema = z.object({ version: z.literal(1), marks: z.array(savedMark), reviewSheet: z.nullable(z.string()) }) as unknown as Zod.ZodMiniType<MarkState>;
  }
  return markStateSchema;
}

export function emptyMarkState(): MarkState {
  return { version: 1, marks: [], reviewSheet: null };
}

/** Parse saved state; damaged state is reported, never thrown past the host. */
export function parseMarkState(text: string | null | undefined): { state: MarkState; damaged: boolean } {
  if (!text) return { state: emptyMarkState(), damaged: false };
  try {
    const result = schema().safeParse(JSON.parse(text));
    if (result.success) return { state: result.data, damaged: false };
  } catch {
    // fall through: not JSON
  }
  return { state: emptyMarkState(), damaged: true };
}

export function serialiseMarkState(state: MarkState): string {
  return JSON.stringify(state);
}

/** Each state's marks by sheet and cell, so recording thousands of marks stays linear. */
const markIndex = new WeakMap<MarkState, Map<string, SavedMark>>();

function indexOf(state: MarkState): Map<string, SavedMark> {
  let index = markIndex.get(state);
  if (!index || index.size !== state.marks.length) {
    index = new Map(state.marks.map((m) => [`${m.sheet}\u0000${m.cell}`, m]));
    markIndex.set(state, index);
  }
  return index;
}

/** The saved original of a marked cell, if this add-in marked it. */
export function savedMarkOf(state: MarkState, sheet: string, cell: string): SavedMark | undefined {
  return indexOf(state).get(`${sheet}\u0000${cell}`);
}

/** Record a mark's original unless the cell is already marked (its first original is the true one). */
export function rememberMark(state: MarkState, mark: SavedMark): void {
  const index = indexOf(state);
  const key = `${mark.sheet}\u0000${mark.cell}`;
  if (index.has(key)) return;
  state.marks.push(mark);
  index.set(key, mark);
}


/** Cells hold at most 32,767 characters: long state is spread over consecutive cells. */
export const STATE_CHUNK = 30000;

export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += STATE_CHUNK) chunks.push(text.slice(i, i + STATE_CHUNK));
  return chunks.length ? chunks : [''];
}
