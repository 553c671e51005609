import { parseA1 } from '../core/sheet/address';
import { HostError } from '../hosts/host';
import { elementTexts, firstElement, forEachElement } from './xml-elements';
import { attributesOf, decodeXml } from './xlsx-reader';
import { escapeText, escapeXml } from './xml-text';

/** Notes: the legacy comments part and its VML shapes. */

export const NOTE_AUTHOR = '绩效自评助手';

/** A note's text and author from a comments part. */
export function notesOf(xml: string | null): Map<string, { text: string; author: string }> {
  const notes = new Map<string, { text: string; author: string }>();
  if (!xml) return notes;
  const doc = new CommentsXml(xml);
  for (const ref of doc.refs()) notes.set(ref, doc.note(ref) as { text: string; author: string });
  return notes;
}

export function emptyComments(): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
}

/** A comments part split into its authors and its notes by cell, so many notes cost one parse. */
export class CommentsXml {
  private readonly head: string;
  private readonly tail: string;
  private readonly authors: string[];
  private readonly notes = new Map<string, string>();

  constructor(xml: string) {
    let text = xml;
    if (!/<(?:\w+:)?commentList\b/.test(text))
      text = text.replace(/<\/((?:\w+:)?comments)>/, '<commentList></commentList></$1>');
    text = text.replace(/<((?:\w+:)?commentList)\/>/, '<$1></$1>');
    const list = firstElement(text, 'commentList');
    if (!list) throw new HostError('批注部件无法识别，写不出带标记的副本');
    const before = text.slice(0, list.start);
    const authors = firstElement(before, 'authors');
    this.authors = elementTexts(authors?.body ?? '', 'author').map((a) => decodeXml(a.replace(/<[^>]+>/g, '')));
    this.head = authors ? before.slice(0, authors.start) : before;
    this.listOpen = text.slice(list.start, text.indexOf('>', list.start) + 1);
    this.tail = text.slice(list.end);
    this.afterAuthors = authors ? before.slice(authors.end) : '';
    const comments = list.body ?? '';
    forEachElement(comments, 'comment', ({ attributes, start, end }) => {
      const ref = attributesOf(attributes).ref;
      if (ref) this.notes.set(ref, comments.slice(start, end));
    });
  }

  private readonly listOpen: string;
  private readonly afterAuthors: string;

  refs(): string[] {
    return [...this.notes.keys()];
  }

  get size(): number {
    return this.notes.size;
  }

  note(ref: string): { text: string; author: string } | null {
    const comment = this.notes.get(ref);
    if (!comment) return null;
    const authorId = Number(attributesOf(comment.slice(0, comment.indexOf('>'))).authorId ?? 0);
    const texts: string[] = [];
    forEachElement(comment, 't', ({ body }) => texts.push(body ?? ''));
    return {
      text: decodeXml(texts.join('').replace(/<[^>]+>/g, '')),
      author: this.authors[authorId] ?? '',
    };
  }

  /** Sets the note at `ref` with this add-in as author (replacing a note already there). */
  set(ref: string, text: string): void {
    let authorId = this.authors.indexOf(NOTE_AUTHOR);
    if (authorId < 0) authorId = this.authors.push(NOTE_AUTHOR) - 1;
    this.notes.set(
      ref,
      `<comment ref="${ref}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeText(text)}</t></r></text></comment>`,
    );
  }

  remove(ref: string): void {
    this.notes.delete(ref);
  }

  serialise(): string {
    const authors = `<authors>${this.authors.map((a) => `<author>${escapeXml(a)}</author>`).join('')}</authors>`;
    const close = /^<((?:\w+:)?commentList)/.exec(this.listOpen)?.[1] ?? 'commentList';
    return `${this.head}${authors}${this.afterAuthors}${this.listOpen}${[...this.notes.values()].join('')}</${close}>${this.tail}`;
  }
}

const NOTE_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

export function emptyVml(): string {
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>${NOTE_SHAPE_TYPE}</xml>`;
}

/** A VML drawing split into its shapes; note boxes are found by the cell they belong to. */
export class VmlXml {
  private head = '';
  private tail = '';
  /** Every shape in order; note boxes keyed by `row,col` (0-based, as VML writes them). */
  private shapes: Array<{ key: string | null; xml: string }> = [];
  private nextId = 1025;

  constructor(xml: string) {
    this.copyFrom(xml);
  }

  /** Takes the drawing of another part as this one's content. */
  copyFrom(xml: string): void {
    this.shapes = [];
    let text = xml.includes('_x0000_t202') ? xml : xml.replace(/(<\/o:shapelayout>)/, `$1${NOTE_SHAPE_TYPE}`);
    if (!text.includes('_x0000_t202')) text = text.replace(/<\/xml>\s*$/, `${NOTE_SHAPE_TYPE}</xml>`);
    const first = text.search(/<v:shape\b/);
    const end = text.search(/<\/xml>\s*$/);
    this.head = first < 0 ? text.slice(0, end) : text.slice(0, first);
    this.tail = text.slice(end);
    const body = first < 0 ? '' : text.slice(first, end);
    let max = 1024;
    // Anything between shapes that is not a shape (rare) stays before them.
    const between: string[] = [];
    let last = 0;
    forEachElement(body, 'shape', ({ start, end }) => {
      between.push(body.slice(last, start));
      last = end;
      const match = body.slice(start, end);
      const id = /id="_x0000_s(\d+)"/.exec(match);
      if (id) max = Math.max(max, Number(id[1]));
      const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(match)?.[1];
      const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(match)?.[1];
      const note = /ObjectType="Note"/.test(match) && row !== undefined && col !== undefined;
      this.shapes.push({ key: note ? `${row},${col}` : null, xml: match });
    });
    this.head += between.join('') + body.slice(last);
    this.nextId = max + 1;
  }

  get noteCount(): number {
    return this.shapes.filter((s) => s.key !== null).length;
  }

  has(ref: string): boolean {
    const key = vmlKey(ref);
    return this.shapes.some((s) => s.key === key);
  }

  /** Adds the box Excel draws a note in, anchored next to its cell. */
  add(ref: string): void {
    const { row, col } = parseA1(ref) as { row: number; col: number };
    const id = this.nextId++;
    const xml =
      `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:80pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${row - 1}, 2, ${col + 2}, 15, ${row + 3}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`;
    this.shapes.push({ key: vmlKey(ref), xml });
  }

  remove(ref: string): void {
    const key = vmlKey(ref);
    const index = this.shapes.findIndex((s) => s.key === key);
    if (index >= 0) this.shapes.splice(index, 1);
  }

  serialise(): string {
    return `${this.head}${this.shapes.map((s) => s.xml).join('')}${this.tail}`;
  }
}

function vmlKey(ref: string): string {
  const { row, col } = parseA1(ref) as { row: number; col: number };
  return `${row - 1},${col - 1}`;
}
