/** What Excel lets a cell and a sheet name hold: text within the cell limit, names valid and never one already taken. */

/** Excel refuses longer cell text. */
export const CELL_TEXT_LIMIT = 32767;

export function clampText(text: string): string {
  return text.length <= CELL_TEXT_LIMIT ? text : `${text.slice(0, CELL_TEXT_LIMIT - 1)}…`;
}

/** Combine existing cell text with new text for an `append` edit. */
export function appendText(existing: string, addition: string): string {
  return clampText(existing.trim() === '' ? addition : `${existing}\n${addition}`);
}

/** Excel's rules for a sheet name: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function validSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name);
}

/**
 * `wanted`, or `wanted(2)`, `wanted(3)`… — the first name `taken` does not hold, cut so that it stays
 * within Excel's 31 characters.
 */
export function uniqueSheetName(wanted: string, taken: (name: string) => boolean): string {
  let name = wanted;
  for (let i = 2; taken(name); i++) name = `${wanted.slice(0, 31 - String(i).length - 2)}(${i})`;
  return name;
}

/** A name made valid for a sheet (forbidden characters dropped, cut to 31), for names taken from a form. */
export function sheetNameFrom(text: string, fallback: string): string {
  const cleaned = text
    .replace(/[:\\/?*[\]]/g, '')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || fallback;
}
