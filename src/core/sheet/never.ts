/**
 * The default branch of a switch that handles every member of a union: a member added later (an edit type, a
 * form kind) no longer compiles until each switch says what to do with it, instead of being ignored silently.
 */
export function assertNever(value: never): never {
  throw new Error(`未处理的类型：${JSON.stringify(value)}`);
}
