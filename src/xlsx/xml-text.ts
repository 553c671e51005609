import { forEachElement } from './xml-elements';
import { attributesOf } from './xlsx-reader';

/** Text going into the XML parts this tool writes: escaped, made safe for XML 1.0, and elements edited by name. */

/**
 * The text with every character XML 1.0 cannot hold (control characters but tab and line breaks, U+FFFE, U+FFFF,
 * a lone surrogate) given by `replace`: read from a file, one would make the part the tool writes unreadable to
 * every office suite. A scan of char codes, not a pattern: the page's scripts stay ES5.
 */
function xmlSafe(text: string, replace: (code: number) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let bad = (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (code >= 0xdc00 && code <= 0xdfff) bad = true;
    if (!bad) continue;
    out += text.slice(from, i) + replace(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The four characters markup gives a meaning, as entities. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text for an attribute or a header: XML-escaped, and what XML cannot hold replaced by U+FFFD. */
export function escapeXml(text: string): string {
  return escapeMarkup(xmlSafe(text, () => '\uFFFD'));
}

/**
 * Text as a cell or comment may hold it, as Excel writes it: XML-escaped; what XML cannot hold as an OOXML
 * `_xHHHH_` escape, and a literal `_xHHHH_` in the text guarded as `_x005F_xHHHH_` so it reads back as written.
 */
export function escapeText(text: string): string {
  const hex = (code: number) => `_x${code.toString(16).padStart(4, '0').toUpperCase()}_`;
  const guarded = text.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
  return xmlSafe(escapeMarkup(guarded), hex);
}

/** An element's open tag (or whole empty element) with one attribute set, or removed when `value` is null. */
export function withAttribute(element: string, name: string, value: string | null): string {
  const end = element.search(/\/?>/);
  const tag = element.slice(0, end).replace(new RegExp(`\\s${name}="[^"]*"`), '');
  return `${tag}${value === null ? '' : ` ${name}="${value}"`}${element.slice(end)}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text with the first element of the name whose attributes match rewritten by `edit` ('' removes it). */
export function editFirstElement(
  xml: string,
  name: string,
  matches: (attributes: Record<string, string>) => boolean,
  edit: (element: string) => string,
): string {
  let found: { start: number; end: number } | null = null;
  forEachElement(xml, name, (element) => {
    if (!found && matches(attributesOf(element.attributes))) found = element;
  });
  if (!found) return xml;
  const { start, end } = found as { start: number; end: number };
  return `${xml.slice(0, start)}${edit(xml.slice(start, end))}${xml.slice(end)}`;
}
