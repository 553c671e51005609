/** How the words of one role are written and tested: whole label, start, anywhere, end. */

/** How the labels of one role are written: the whole label, its start, or a word anywhere in it. */
export interface Words {
  exact?: readonly string[];
  /** The label starts with one of these (and may go on: `实际完成值(B)`, `分值(10分)`). */
  prefix?: readonly string[];
  contains?: readonly string[];
  /** The label ends with one of these (`完成率`), or with one of these and a bracket (`完成率(%)`). */
  suffix?: readonly string[];
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One regular expression for a role's words. */
export function wordsPattern(words: Words): RegExp {
  const parts: string[] = [];
  if (words.exact?.length) parts.push(`^(?:${words.exact.map(escape).join('|')})$`);
  if (words.prefix?.length) parts.push(`^(?:${words.prefix.map(escape).join('|')})`);
  if (words.contains?.length) parts.push(`(?:${words.contains.map(escape).join('|')})`);
  if (words.suffix?.length) parts.push(`(?:${words.suffix.map(escape).join('|')})(?:$|[(（])`);
  return new RegExp(parts.join('|') || '(?!)');
}

/** One role's words made of several lists (a hint that must cover each of them). */
export function unionOf(...lists: readonly Words[]): Words {
  const all = (key: keyof Words) => lists.flatMap((words) => words[key] ?? []);
  return { exact: all('exact'), prefix: all('prefix'), contains: all('contains'), suffix: all('suffix') };
}
