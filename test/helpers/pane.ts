import { TaskpaneController, type PaneState } from '../../src/taskpane/controller';
import type { SpreadsheetHost } from '../../src/hosts/host';
import { mountPane } from '../../src/taskpane/view';

/** The task pane mounted in jsdom on a host, with helpers that wait until it is idle again. */
export function mount(host: SpreadsheetHost, stored = new Map<string, string>()) {
  document.body.innerHTML = '<main id="app"></main>';
  const root = document.getElementById('app')!;
  let render: (state: PaneState) => void = () => undefined;
  const controller = new TaskpaneController(
    host,
    { get: (k) => stored.get(k) ?? null, set: (k, v) => void stored.set(k, v) },
    (state) => render(state),
  );
  render = mountPane(root, controller);
  render(controller.state);
  const idle = async () => {
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (controller.state.busy === null) return;
    }
    throw new Error('pane stayed busy');
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
