import type { z as Zod } from 'zod/mini';
import { loadValidator } from '../sheet/validator';
import { STATE_SHEET_NAME } from '../sheet/sheet-names';
import { isEmptyDecisions, parseDecisions, type ReviewDecisions } from '../check/decisions';

/**
 * The record of what this add-in changed in a workbook: the original fill of every marked cell, and
 * the review sheet it created. Every host (Excel, WPS, the file host behind the CLI and the page)
 * keeps it the same way — JSON text in column A of the very hidden sheet `STATE_SHEET_NAME` — so a
 * copy marked by one is cleared by any other. It is read back from outside and validated like any
 * other input.
 */
export interface MarkState {
  version: 2;
  marks: SavedMark[];
  reviewSheet: string | null;
  /** The reviewer's decisions on this workbook (忽略此问题, 审核结论): kept by every host, never cleared with the marks. */
  decisions?: ReviewDecisions;
  /** Sheets set to print one page wide at the reviewer's request, with the print scaling each had before. */
  prints?: SavedPrint[];
}

/**
 * A sheet's print scaling as every host can read and set it: fit to pages (`fitWidth` × `fitHeight` pages, 0 for as
 * many as it takes, null where the workbook says nothing) or a zoom percentage (`scale`, null where it says nothing).
 */
export interface PrintFit {
  fitToPage: boolean;
  fitWidth: number | null;
  fitHeight: number | null;
  scale: number | null;
}

export interface SavedPrint {
  sheet: string;
  original: PrintFit;
}

/** One page wide and as many long as it takes: how a reviewer prints a marked form. */
export const ONE_PAGE_WIDE: PrintFit = { fitToPage: true, fitWidth: 1, fitHeight: 0, scale: null };

/** A marked cell's original look, in terms every host can restore. */
export interface SavedFill {
  /** The solid fill colour as RRGGBB, or null for no fill. */
  rgb: string | null;
  /** The file host's cell format index: restores borders, fonts and patterns exactly when it clears. */
  style?: number;
}

export interface SavedMark {
  sheet: string;
  cell: string;
  fill: SavedFill;
  /**
   * Whether this add-in put a note (or comment) on the cell. A cell that already had one keeps it
   * untouched: the message is then only in the 审核意见 sheet.
   */
  addedNote: boolean;
}

/** The very hidden sheet where hosts keep the saved originals (its name lives in sheet-names.ts). */
export { STATE_SHEET_NAME };
/** Where ExcelApi 1.4+ kept the state before every host used the sheet: read once, then removed. */
export const LEGACY_SETTINGS_KEY = 'jixiaoMarkState';

let markStateSchema: Zod.ZodMiniType<unknown> | null = null;

/** Built on first use: most runs never read saved state, and loading zod costs start-up time. */
async function schema(): Promise<Zod.ZodMiniType<unknown>> {
  if (!markStateSchema) {
    const z = await loadValidator();
    const cell = z.string().check(z.regex(/^[A-Z]{1,3}\d+$/));
    const v2Fill = z.object({
      rgb: z.nullable(z.string().check(z.regex(/^[0-9A-F]{6}$/))),
      style: z.optional(z.number()),
    });
    const savedMark = z.object({
      sheet: z.string(),
      cell,
      fill: z.union([z.string(), v2Fill]),
      addedNote: z.boolean(),
    });
    markStateSchema = z.object({
      version: z.union([z.literal(1), z.literal(2)]),
      marks: z.array(savedMark),
      reviewSheet: z.nullable(z.string()),
      // Checked on its own (parseDecisions): damaged decisions never cost the marks their way back.
      decisions: z.optional(z.unknown()),
      prints: z.optional(
        z.array(
          z.object({
            sheet: z.string(),
            original: z.object({
              fitToPage: z.boolean(),
              fitWidth: z.nullable(z.number()),
              fitHeight: z.nullable(z.number()),
              scale: z.nullable(z.number()),
            }),
          }),
        ),
      ),
    });
  }
  return markStateSchema;
}

export function emptyMarkState(): MarkState {
  return { version: 2, marks: [], reviewSheet: null };
}

/** Parse saved state (this version's or the first one's); damaged state is reported, never thrown. */
export async function parseMarkState(text: string | null | undefined): Promise<{ state: MarkState; damaged: boolean }> {
  if (!text) return { state: emptyMarkState(), damaged: false };
  const validate = await schema();
  try {
    const result = validate.safeParse(JSON.parse(text));
    if (result.success) {
      const data = result.data as {
        marks: Array<Omit<SavedMark, 'fill'> & { fill: string | SavedFill }>;
        reviewSheet: string | null;
        decisions?: unknown;
        prints?: SavedPrint[];
      };
      const decisions = data.decisions === undefined ? null : await parseDecisions(data.decisions);
      return {
        state: {
          version: 2,
          reviewSheet: data.reviewSheet,
          marks: data.marks.map((m) => ({ ...m, fill: typeof m.fill === 'string' ? legacyFill(m.fill) : m.fill })),
          ...(decisions && !isEmptyDecisions(decisions) ? { decisions } : {}),
          ...(data.prints?.length ? { prints: data.prints } : {}),
        },
        damaged: false,
      };
    }
  } catch {
    // fall through: not JSON
  }
  return { state: emptyMarkState(), damaged: true };
}

/**
 * Version 1 kept each host's own fill text: Excel's `"#RRGGBB"` (white for none), WPS's BGR number,
 * the file host's cell format index.
 */
function legacyFill(text: string): SavedFill {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return { rgb: null };
  }
  if (typeof saved === 'string') return { rgb: normaliseRgb(saved) };
  if (saved && typeof saved === 'object') {
    const { color, s } = saved as { color?: unknown; s?: unknown };
    if (typeof color === 'number') return { rgb: bgrToRgb(color) };
    if (typeof s === 'number') return { rgb: null, style: s };
  }
  return { rgb: null };
}

/** `#rrggbb` or `RRGGBB` → RRGGBB; white counts as no fill (Excel reports "no fill" as white). */
export function normaliseRgb(color: string | null | undefined): string | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(String(color ?? '').trim());
  if (!match) return null;
  const rgb = match[1].toUpperCase();
  return rgb === 'FFFFFF' ? null : rgb;
}

/** Colours in WPS (as in Excel's COM) are BGR: red is 0x0000FF. */
export function rgbToBgr(rgb: string): number {
  const value = parseInt(rgb.replace('#', ''), 16);
  return ((value & 0xff) << 16) | (value & 0xff00) | ((value >> 16) & 0xff);
}

export function bgrToRgb(bgr: number): string {
  const parts = [bgr & 0xff, (bgr >> 8) & 0xff, (bgr >> 16) & 0xff];
  return parts
    .map((c) => (c < 16 ? '0' : '') + c.toString(16))
    .join('')
    .toUpperCase();
}

export function serialiseMarkState(state: MarkState): string {
  return JSON.stringify(state);
}

/** Whether there is anything to keep: an empty state means the state sheet is removed. */
export function isEmptyMarkState(state: MarkState): boolean {
  return (
    state.marks.length === 0 && state.reviewSheet === null && isEmptyDecisions(state.decisions) && !state.prints?.length
  );
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

/**
 * Column A of the state sheet, top down: the state's JSON in chunks. Hosts that write through a
 * value API prefix each with an apostrophe so the text never reads as a number or formula.
 */
export function stateSheetRows(state: MarkState): string[] {
  const text = serialiseMarkState(state);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += STATE_CHUNK) chunks.push(text.slice(i, i + STATE_CHUNK));
  return chunks;
}

/** The state from column A of the state sheet as a host read it. */
export function stateFromColumn(column: readonly unknown[]): Promise<{ state: MarkState; damaged: boolean }> {
  return parseMarkState(column.map((value) => (typeof value === 'string' ? value : '')).join(''));
}
