/**
 * The few DOM methods the pane uses that IE11 (Excel 2016/2019's webview) lacks and core-js does not
 * provide: ChildNode.remove, ParentNode.append / prepend / replaceChildren, Element.closest / matches.
 * Loaded before everything else; a no-op in every current browser.
 */
type NodeLike = Node | string;

function toNode(item: NodeLike): Node {
  return typeof item === 'string' ? document.createTextNode(item) : item;
}

export function installDomPolyfills(): void {
  if (typeof Element === 'undefined') return;
  const element = Element.prototype as Element & { msMatchesSelector?: (selector: string) => boolean };
  if (!element.matches && element.msMatchesSelector) element.matches = element.msMatchesSelector;
  if (!element.closest) {
    element.closest = function closest(this: Element, selector: string): Element | null {
      // Walking up from the element itself, as the standard method does.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      for (let node: Element | null = this; node; node = node.parentElement) if (node.matches(selector)) return node;
      return null;
    } as Element['closest'];
  }
  for (const proto of [Element.prototype, CharacterData.prototype, DocumentType.prototype] as Array<ChildNode>) {
    if (!proto.remove) {
      proto.remove = function remove(this: ChildNode): void {
        this.parentNode?.removeChild(this);
      };
    }
  }
  for (const proto of [Element.prototype, Document.prototype, DocumentFragment.prototype] as Array<ParentNode & Node>) {
    if (!proto.append) {
      proto.append = function append(this: ParentNode & Node, ...items: NodeLike[]): void {
        for (const item of items) this.appendChild(toNode(item));
      };
    }
    if (!proto.prepend) {
      proto.prepend = function prepend(this: ParentNode & Node, ...items: NodeLike[]): void {
        const first = this.firstChild;
        for (const item of items) this.insertBefore(toNode(item), first);
      };
    }
    if (!proto.replaceChildren) {
      proto.replaceChildren = function replaceChildren(this: ParentNode & Node, ...items: NodeLike[]): void {
        while (this.firstChild) this.removeChild(this.firstChild);
        for (const item of items) this.appendChild(toNode(item));
      };
    }
  }
}
