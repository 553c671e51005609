/**
 * Elements of one name in XML text, found in linear time even when the XML is damaged. A pattern such as
 * `<row>([\s\S]*?)</row>` searches to the end of the text for every open tag whose close is missing: 20 KB
 * of unclosed tags cost minutes. Here each close tag is searched for once, and a body whose close is
 * missing ends where the next element of the name begins.
 */
export interface XmlElement {
  /** The attribute text of the open tag (with its leading space). */
  attributes: string;
  /** The text between the tags; null for a self-closing element. */
  body: string | null;
  /** Where the element's text begins and ends in the whole text. */
  start: number;
  end: number;
}

interface Patterns {
  open: RegExp;
  close: RegExp;
}

const patterns = new Map<string, Patterns>();

function patternsOf(name: string): Patterns {
  let known = patterns.get(name);
  if (!known) {
    // `[^<>]` cannot run past the next tag, so a tag left open costs only up to it.
    known = {
      open: new RegExp(`<(?:\\w+:)?${name}(?=[\\s/>])([^<>]*?)(/?)>`, 'g'),
      close: new RegExp(`</(?:\\w+:)?${name}\\s*>`, 'g'),
    };
    patterns.set(name, known);
  }
  return known;
}

/** Every element of the name, in order (elements of one name are never nested in the parts read). */
export function forEachElement(xml: string, name: string, visit: (element: XmlElement) => void): void {
  const { open, close } = patternsOf(name);
  open.lastIndex = 0;
  // The first close tag at or after the last body start searched from (-1: none is left).
  let nextClose = -2;
  let closeLength = 0;
  let tag = open.exec(xml);
  while (tag) {
    const start = tag.index;
    const bodyStart = open.lastIndex;
    const selfClosing = tag[2] === '/';
    const attributes = tag[1];
    const following = open.exec(xml);
    const limit = following ? following.index : xml.length;
    if (selfClosing) {
      visit({ attributes, body: null, start, end: bodyStart });
    } else {
      if (nextClose !== -1 && nextClose < bodyStart) {
        close.lastIndex = bodyStart;
        const found = close.exec(xml);
        nextClose = found ? found.index : -1;
        closeLength = found ? found[0].length : 0;
      }
      const closed = nextClose >= 0 && nextClose < limit;
      const bodyEnd = closed ? nextClose : limit;
      visit({ attributes, body: xml.slice(bodyStart, bodyEnd), start, end: closed ? bodyEnd + closeLength : bodyEnd });
    }
    tag = following;
  }
}

/** The first element of the name, or null. */
export function firstElement(xml: string, name: string): XmlElement | null {
  const { open, close } = patternsOf(name);
  open.lastIndex = 0;
  const tag = open.exec(xml);
  if (!tag) return null;
  const bodyStart = open.lastIndex;
  if (tag[2] === '/') return { attributes: tag[1], body: null, start: tag.index, end: bodyStart };
  close.lastIndex = bodyStart;
  const found = close.exec(xml);
  const following = open.exec(xml);
  const limit = following ? following.index : xml.length;
  const bodyEnd = found && found.index < limit ? found.index : limit;
  return {
    attributes: tag[1],
    body: xml.slice(bodyStart, bodyEnd),
    start: tag.index,
    end: found && found.index < limit ? bodyEnd + found[0].length : bodyEnd,
  };
}

/** The whole text of every element of the name (open tag to close tag), in order, in linear time. */
export function elementTexts(xml: string, name: string): string[] {
  const texts: string[] = [];
  forEachElement(xml, name, (element) => texts.push(xml.slice(element.start, element.end)));
  return texts;
}

/** The body of the first element of the name ('' when it has none or is missing). */
export function firstBody(xml: string, name: string): string {
  return firstElement(xml, name)?.body ?? '';
}

/** The text with every element of the name replaced by what `replace` makes of its whole text, in linear time. */
export function replaceElements(
  xml: string,
  name: string,
  replace: (text: string, element: XmlElement) => string,
): string {
  const pieces: string[] = [];
  let last = 0;
  forEachElement(xml, name, (element) => {
    pieces.push(xml.slice(last, element.start), replace(xml.slice(element.start, element.end), element));
    last = element.end;
  });
  pieces.push(xml.slice(last));
  return pieces.join('');
}
