/**
 * @jest-environment jsdom
 */
import { installDomPolyfills } from '../src/taskpane/dom-polyfills';

/**
 * IE11 (Excel 2016/2019's webview) lacks these DOM methods: with jsdom's own taken away, the polyfills must
 * behave as the standard ones the pane relies on.
 */
const METHODS: Array<[object, string]> = [
  [Element.prototype, 'matches'],
  [Element.prototype, 'closest'],
  [Element.prototype, 'remove'],
  [CharacterData.prototype, 'remove'],
  [DocumentType.prototype, 'remove'],
  [Element.prototype, 'append'],
  [Element.prototype, 'prepend'],
  [Element.prototype, 'replaceChildren'],
  [Document.prototype, 'append'],
  [DocumentFragment.prototype, 'append'],
];

describe('the IE11 DOM polyfills', () => {
  const saved = new Map<string, PropertyDescriptor>();
  const key = (proto: object, name: string) => `${METHODS.findIndex(([p]) => p === proto)}:${name}`;

  beforeAll(() => {
    // IE11 names matches msMatchesSelector.
    const matches = Element.prototype.matches;
    Object.defineProperty(Element.prototype, 'msMatchesSelector', { value: matches, configurable: true });
    for (const [proto, name] of METHODS) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (descriptor) saved.set(key(proto, name), descriptor);
      delete (proto as Record<string, unknown>)[name];
    }
    installDomPolyfills();
  });

  afterAll(() => {
    for (const [proto, name] of METHODS) {
      const descriptor = saved.get(key(proto, name));
      if (descriptor) Object.defineProperty(proto, name, descriptor);
    }
    delete (Element.prototype as unknown as Record<string, unknown>).msMatchesSelector;
  });

  it('installs each one that is missing', () => {
    for (const [proto, name] of METHODS)
      expect([name, typeof (proto as Record<string, unknown>)[name]]).toEqual([name, 'function']);
  });

  it('append, prepend and replaceChildren take nodes and text; remove and closest work as the standard ones', () => {
    const list = document.createElement('ul');
    const item = document.createElement('li');
    list.append(item, 'after');
    list.prepend('before');
    expect(list.textContent).toBe('beforeafter');
    expect(list.childNodes).toHaveLength(3);
    const inner = document.createElement('span');
    item.append(inner);
    expect(inner.closest('ul')).toBe(list);
    expect(inner.closest('span')).toBe(inner);
    expect(inner.closest('table')).toBeNull();
    item.remove();
    expect(list.contains(inner)).toBe(false);
    const text = document.createTextNode('x');
    list.append(text);
    text.remove();
    list.replaceChildren('只有这个');
    expect(list.textContent).toBe('只有这个');
    expect(list.childNodes).toHaveLength(1);
  });
});
