import { parseA1 } from '../../src/core/sheet/address';
import type { CellValue } from '../../src/core/sheet/grid';
import type { XlsxPackage } from '../../src/xlsx/xlsx-package';
import { notesOf } from '../../src/xlsx/notes-xml';
import { attributesOf, decodeXml, readMerges, readRelations } from '../../src/xlsx/xlsx-reader';
import { lookOf, type SheetLook } from '../contract/sheet-look';
import type { CellLook } from '../../src/core/edits/looks';

/**
 * Looks into an .xlsx package the way Excel would show it: a cell's value, formula, fill colour and
 * note, the visible sheets and the active cell, read from the parts themselves (tests only).
 */
export class PackageInspector {
  constructor(private readonly pkg: XlsxPackage) {}

  private path(sheet: string): string {
    const entry = this.pkg.read().sheets.find((s) => s.name === sheet);
    if (!entry) throw new Error(`no sheet ${sheet}`);
    return entry.path;
  }

  private at(sheet: string, cell: string): { value: CellValue; formula: string | null } {
    const entry = this.pkg.read().sheets.find((s) => s.name === sheet);
    if (!entry) return { value: null, formula: null };
    const grid = this.pkg.read().grid(entry);
    const { row, col } = parseA1(cell) as { row: number; col: number };
    const r = row - grid.originRow;
    const c = col - grid.originCol;
    return { value: grid.values[r]?.[c] ?? null, formula: grid.formulas?.[r]?.[c] ?? null };
  }

  value(sheet: string, cell: string): CellValue {
    return this.at(sheet, cell).value;
  }

  formula(sheet: string, cell: string): string | null {
    return this.at(sheet, cell).formula;
  }

  /** The solid fill colour RRGGBB of the cell's style, or null. */
  fill(sheet: string, cell: string): string | null {
    const xml = this.pkg.text(this.path(sheet)) as string;
    const tag = new RegExp(`<c\\b[^>]*\\br="${cell}"[^>]*>`).exec(xml)?.[0];
    const style = Number(tag ? (attributesOf(tag).s ?? 0) : 0);
    const styles = this.pkg.text('xl/styles.xml') ?? '';
    const xfs =
      /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    const fillId = Number(attributesOf(xfs[style] ?? '').fillId ?? 0);
    const fills =
      /<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(styles)?.[1].match(/<fill\b[\s\S]*?<\/fill>|<fill\/>/g) ?? [];
    const fill = fills[fillId] ?? '';
    if (!/patternType="solid"/.test(fill)) return null;
    return /<fgColor\b[^>]*rgb="(?:FF)?([0-9A-Fa-f]{6})"/.exec(fill)?.[1].toUpperCase() ?? null;
  }

  note(sheet: string, cell: string): string | null {
    const path = this.path(sheet);
    const slash = path.lastIndexOf('/');
    const rels = readRelations(
      this.pkg.text(`${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`) ?? '',
      path.slice(0, slash + 1),
    );
    const comments = [...rels.values()].find((r) => r.type === 'comments');
    return comments ? (notesOf(this.pkg.text(comments.path)).get(cell)?.text ?? null) : null;
  }

  sheetNames(): string[] {
    return this.pkg
      .read()
      .sheets.filter((s) => s.state === 'visible')
      .map((s) => s.name);
  }

  activeCell(): { sheet: string; cell: string } | null {
    const read = this.pkg.read();
    const sheet = read.sheets[read.activeTab];
    const cell = sheet && /<selection\b[^>]*activeCell="([A-Z]+\d+)"/.exec(this.pkg.text(sheet.path) ?? '')?.[1];
    return sheet && cell ? { sheet: sheet.name, cell } : null;
  }

  /** Merges, column widths and print setup of a sheet, from its XML and the workbook's print titles. */
  look(sheet: string): SheetLook {
    const xml = this.pkg.text(this.path(sheet)) ?? '';
    const widths: Record<number, number> = {};
    for (const tag of xml.match(/<(?:\w+:)?col\b[^>]*>/g) ?? []) {
      const a = attributesOf(tag);
      for (let c = Number(a.min); c <= Number(a.max); c++) widths[c] = Number(a.width);
    }
    const setup = attributesOf(/<(?:\w+:)?pageSetup\b[^>]*>/.exec(xml)?.[0] ?? '<pageSetup>');
    const header = decodeXml(/<(?:\w+:)?oddHeader>([^<]*)</.exec(xml)?.[1] ?? '');
    const footer = decodeXml(/<(?:\w+:)?oddFooter>([^<]*)</.exec(xml)?.[1] ?? '');
    const index = this.pkg.read().sheets.findIndex((s) => s.name === sheet);
    const workbook = this.pkg.text('xl/workbook.xml') ?? '';
    const titles =
      new RegExp(`_xlnm\\.Print_Titles" localSheetId="${index}">[^<]*!([^<]*)<`).exec(workbook)?.[1] ?? null;
    const printed = /<(?:\w+:)?pageSetup\b/.test(xml);
    return lookOf({
      cells: this.cellLooks(xml),
      merges: readMerges(xml),
      widths,
      frozenRows: Number(/<(?:\w+:)?pane\b[^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml)?.[1] ?? 0),
      print: printed
        ? {
            landscape: setup.orientation === 'landscape',
            fitWide: setup.fitToWidth === '1' && /fitToPage="1"/.test(xml),
            titleRows: titles,
            title: /&C(.*)$/.exec(header)?.[1] ?? null,
            signature: /&L(.*?)&R/.exec(footer)?.[1] ?? null,
          }
        : null,
    });
  }

  /** Each written cell of a sheet's XML with the look its cell format shows (tests only: regular expressions). */
  private cellLooks(xml: string): Array<[string, CellLook]> {
    const styles = this.pkg.text('xl/styles.xml') ?? '';
    const list = (name: string, item: string) =>
      new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`)
        .exec(styles)?.[1]
        .match(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g')) ?? [];
    const [xfs, fonts, fills, borders] = [
      list('cellXfs', 'xf'),
      list('fonts', 'font'),
      list('fills', 'fill'),
      list('borders', 'border'),
    ];
    const plainSize = Math.max(10, Number(/<sz val="([\d.]+)"/.exec(fonts[0] ?? '')?.[1] ?? 11));
    return (xml.match(/<c\b[^>]*>/g) ?? []).map((tag) => {
      const a = attributesOf(tag);
      const xf = xfs[Number(a.s ?? 0)] ?? '';
      const x = attributesOf(/<xf\b[^>]*>/.exec(xf)?.[0] ?? '<xf>');
      const font = fonts[Number(x.fontId ?? 0)] ?? '';
      const fill = fills[Number(x.fillId ?? 0)] ?? '';
      const align = attributesOf(/<alignment\b[^>]*>/.exec(xf)?.[0] ?? '<alignment>');
      const size = Number(/<sz val="([\d.]+)"/.exec(font)?.[1] ?? plainSize);
      const look: CellLook = {
        bold: /<b\/>/.test(font),
        size: size > plainSize ? size : undefined,
        fill: /patternType="solid"/.test(fill)
          ? (/<fgColor\b[^>]*rgb="(?:FF)?([0-9A-Fa-f]{6})"/.exec(fill)?.[1].toUpperCase() ?? undefined)
          : undefined,
        link: /<u\/>/.test(font),
        wrap: align.wrapText === '1',
        vertical: align.vertical as CellLook['vertical'],
        horizontal: align.horizontal === 'center' ? 'center' : undefined,
        border: /<left style="thin"/.test(borders[Number(x.borderId ?? 0)] ?? ''),
      };
      return [a.r, look];
    });
  }
}
