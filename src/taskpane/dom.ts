export type Child = Node | string | null | false;

/** A tiny element builder: the pane is small enough not to need a UI framework. */
export function node(
  tag: string,
  attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== false) element.append(child);
  return element;
}

/**
 * Buttons are never `disabled` while the pane works: a disabled button drops the keyboard focus to
 * the page. They say so with aria-disabled, and the controller ignores a click while busy.
 */
export function setUnavailable(button: HTMLElement, unavailable: boolean): void {
  if (unavailable) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}
