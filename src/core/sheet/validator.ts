/**
 * zod/mini, loaded when something read from outside is first validated (saved mark state, a
 * template file): as its own small chunk in the task pane, which most sessions never download.
 */
export type Validator = typeof import('./validator-kit');

let loading: Promise<Validator> | null = null;

/** Where in a file a validation issue is, in the user's words: `模板列表 → 第 2 个 → 标题 title`. */
export function issuePlace(path: ReadonlyArray<PropertyKey>, fieldNames: Readonly<Record<string, string>>): string {
  if (path.length === 0) return '整个文件';
  return path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 个` : (fieldNames[String(p)] ?? String(p)))).join(' → ');
}

export function loadValidator(): Promise<Validator> {
  if (!loading) loading = import(/* webpackChunkName: "validator" */ './validator-kit');
  return loading;
}

/** The data of a JSON file a user gives (Notepad and WPS save UTF-8 with a byte-order mark); null: not JSON. */
export function jsonFileData(text: string): { data: unknown } | null {
  try {
    return { data: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return null;
  }
}
