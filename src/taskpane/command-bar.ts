import { node } from './dom';

/** One command: its button id (stable, used by tests and help), label and action. */
export interface Command {
  id: string;
  label: string;
  run: () => void;
}

/** A titled group of commands inside the 更多操作 menu. */
export interface CommandGroup {
  title: string;
  commands: Command[];
}

export interface CommandBar {
  element: HTMLElement;
  /** Every command button, the menu's included (made unavailable together while the pane works). */
  buttons: HTMLElement[];
}

/** Key names of old webviews (IE11 says "Down", "Esc") as the standard ones. */
function keyOf(event: KeyboardEvent): string {
  const legacy: Record<string, string> = { Down: 'ArrowDown', Up: 'ArrowUp', Esc: 'Escape' };
  return legacy[event.key] ?? event.key;
}

function commandButton(command: Command, className: string, role?: string): HTMLElement {
  return node(
    'button',
    { type: 'button', id: command.id, class: className, ...(role ? { role, tabindex: '-1' } : {}) },
    command.label,
  );
}

/**
 * The pane's commands as Excel's own panes show them: one primary action, the few used next to it, and the rest
 * in a 更多操作 menu. The menu's items keep their ids, so every action stays reachable.
 */
export function commandBar(primary: Command, beside: readonly Command[], menu: readonly CommandGroup[]): CommandBar {
  const more = menuButton(menu);
  const visible = [primary, ...beside].map((command, i) => {
    const element = commandButton(command, i === 0 ? 'primary' : '');
    element.addEventListener('click', () => command.run());
    return element;
  });
  const element = node('div', { class: 'command-bar', role: 'group', 'aria-label': '操作' }, ...visible, more.element);
  return { element, buttons: [...visible, ...more.items] };
}

/**
 * 更多操作: a menu button (Enter, Space or ↓ opens it on its first item, ↑ ↓ Home End move, Esc or Tab closes
 * it, focus back on the button; a click elsewhere closes it).
 */
function menuButton(menu: readonly CommandGroup[]): { element: HTMLElement; items: HTMLElement[] } {
  const toggle = node(
    'button',
    {
      type: 'button',
      id: 'more-actions',
      class: 'more-toggle',
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
      'aria-controls': 'more-menu',
    },
    '更多操作 ▾',
  );
  const list = node('div', { id: 'more-menu', role: 'menu', 'aria-label': '更多操作', hidden: true });
  const runs = new Map<HTMLElement, () => void>();
  for (const group of menu) {
    list.append(node('div', { class: 'menu-title', role: 'presentation' }, group.title));
    for (const command of group.commands) {
      const item = commandButton(command, 'menu-item', 'menuitem');
      runs.set(item, command.run);
      list.append(item);
    }
  }
  const items = Array.from(runs.keys());
  const focusItem = (index: number) => items[(index + items.length) % items.length]?.focus();
  const open = (index: number) => {
    list.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    focusItem(index);
  };
  const close = (refocus: boolean) => {
    if (list.hidden) return;
    list.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (refocus) toggle.focus();
  };
  toggle.addEventListener('click', () => (list.hidden ? open(0) : close(true)));
  toggle.addEventListener('keydown', (event) => {
    const key = keyOf(event);
    if (key !== 'ArrowDown' && key !== 'ArrowUp') return;
    event.preventDefault();
    open(key === 'ArrowDown' ? 0 : -1);
  });
  list.addEventListener('keydown', (event) => menuKey(event, items, focusItem, close));
  list.addEventListener('click', (event) => {
    const run = runs.get(event.target as HTMLElement);
    if (!run) return;
    close(true);
    run();
  });
  document.addEventListener('mousedown', (event) => {
    if (!list.hidden && !list.contains(event.target as Node) && event.target !== toggle) close(false);
  });
  return { element: node('div', { class: 'more' }, toggle, list), items };
}

/** A key inside the open menu: ↑ ↓ Home End move between items, Esc closes back on the button, Tab leaves. */
function menuKey(
  event: KeyboardEvent,
  items: readonly HTMLElement[],
  focusItem: (index: number) => void,
  close: (refocus: boolean) => void,
): void {
  const key = keyOf(event);
  const at = items.indexOf(document.activeElement as HTMLElement);
  const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
  if (key in moves) {
    event.preventDefault();
    focusItem(moves[key]);
  } else if (key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    close(true);
  } else if (key === 'Tab') close(false);
}
