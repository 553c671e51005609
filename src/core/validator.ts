/**
 * zod/mini, loaded when something read from outside is first validated (saved mark state, a
 * template file): as its own small chunk in the task pane, which most sessions never download.
 */
export type Validator = typeof import('./validator-kit');

let loading: Promise<Validator> | null = null;

export function loadValidator(): Promise<Validator> {
  if (!loading) loading = import(/* webpackChunkName: "validator" */ './validator-kit');
  return loading;
}
