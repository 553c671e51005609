import { LayoutTeaching } from '../../src/taskpane/teaching';
import { TaskpaneController, type PaneState } from '../../src/taskpane/controller';
import type { SpreadsheetHost } from '../../src/hosts/host';
import { mountPane } from '../../src/taskpane/view';

/** The task pane mounted in jsdom on a host, with helpers that wait until it is idle again. */
export function mount(host: SpreadsheetHost, stored = new Map<string, string>()) {
  document.body.innerHTML = '<main id="app"></main>';
  const root = document.getElementById('app')!;
  let render: (state: PaneState) => void = () => undefined;
  const changes: Array<() => void> = [];
  const controller = new TaskpaneController(
    host,
    { get: (k) => stored.get(k) ?? null, set: (k, v) => void stored.set(k, v) },
    (state) => {
      render(state);
      for (const changed of changes.splice(0)) changed();
    },
  );
  render = mountPane(root, controller);
  render(controller.state);
  const started = watchActions(controller);
  /** Until everything a click or key started in the pane is over: its actions' own promises, and the busy state. */
  const idle = async () => {
    while (started.size > 0 || controller.state.busy !== null) {
      await Promise.allSettled([...started]);
      if (controller.state.busy !== null) await new Promise<void>((resolve) => changes.push(resolve));
    }
  };
  const click = async (selector: string) => {
    const element = root.querySelector(
      selector.startsWith('#') || selector.includes('[') ? selector : `#${selector}`,
    ) as HTMLElement | null;
    if (!element) throw new Error(`no ${selector}`);
    element.click();
    await idle();
  };
  const message = () => root.querySelector('#status .message')?.textContent ?? '';
  return { root, controller, click, idle, message };
}

/**
 * The promises the controller's methods return while they run — its own and its teaching's (手动指定表格) — the view
 * starts them and does not wait.
 */
export function watchActions(controller: TaskpaneController): Set<Promise<unknown>> {
  const running = new Set<Promise<unknown>>();
  const watch = (target: object, prototype: object) => {
    const methods = target as Record<string, (...args: unknown[]) => unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = methods[name];
      if (name === 'constructor' || typeof method !== 'function') continue;
      methods[name] = (...args: unknown[]) => {
        const result = method.apply(target, args);
        if (result instanceof Promise) {
          running.add(result);
          void result.finally(() => running.delete(result)).catch(() => undefined);
        }
        return result;
      };
    }
  };
  watch(controller, TaskpaneController.prototype);
  watch(controller.teaching, LayoutTeaching.prototype);
  return running;
}
