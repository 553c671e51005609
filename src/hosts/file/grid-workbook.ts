import { strToU8, zipSync } from 'fflate';
import { columnLetters } from '../../core/address';
import type { SheetGrid } from '../../core/grid';
import { newSheetLayout, PAGE_NUMBERS, type SheetLayout } from '../../core/sheet-layout';
import { escapeText, escapeXml, type CellLook } from './xlsx-package';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A new workbook from grids (values, formulas, merges): what the tool creates itself, such as a
 * 自评表 started from a 申报表. Text goes in as inline strings, never as formulas.
 */
export function gridWorkbook(grids: readonly SheetGrid[], columnWidths: readonly number[] = []): Uint8Array {
  // Cell format 1 below: thin borders, wrapped and centred, as a new form's cells.
  const sheets = grids.map((grid) =>
    layoutSheetXml(
      newSheetLayout({ type: 'new-sheet', name: grid.name, grid, columnWidths: [...columnWidths] }, grid.name),
      (look) => (look.border ? 1 : 0),
      10,
    ),
  );
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        grids
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${grids.map((g, i) => `<sheet name="${escapeXml(g.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${grids.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${grids.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="10"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf></cellXfs></styleSheet>',
    ),
  };
  sheets.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml)));
  return zipSync(files);
}

/** Before `<sheetViews>`: the sheet prints scaled to fit (with `printSetupXml`'s one page wide). */
export const FIT_TO_PAGE_XML = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';

/**
 * How every sheet the tool writes prints (审核意见, a new 自评表, the report workbooks): landscape A4, one page wide
 * and as many long as it takes, centred, with a title on top and a signature line and page numbers below when
 * given. The one place this XML is written; it goes after the sheet's data and merges.
 */
export function printSetupXml(page: { title?: string; signature?: string } = {}): string {
  const header = page.title ? `<oddHeader>&amp;C${escapeXml(page.title)}</oddHeader>` : '';
  const footer =
    page.signature !== undefined
      ? `<oddFooter>&amp;L${escapeXml(page.signature)}&amp;R${escapeXml(PAGE_NUMBERS)}</oddFooter>`
      : '';
  return (
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    (header || footer ? `<headerFooter>${header}${footer}</headerFooter>` : '')
  );
}

/** Column widths (characters) as a sheet's `<cols>`. */
export function colsXml(columnWidths: readonly number[]): string {
  return columnWidths.length
    ? `<cols>${columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
}

/** Lines a text takes wrapped in a column `width` characters wide (a CJK character is two width units). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  let lines = 0;
  for (const line of text.split('\n')) {
    let units = 0;
    for (const ch of line) units += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
    lines += Math.max(1, Math.ceil(units / room));
  }
  return Math.max(1, lines);
}

/** A row's height in points for that many wrapped lines of a `fontSize` pt font (at most Excel's 409). */
export function heightOfLines(lines: number, fontSize = 10): number {
  // A printed line is about 1.35 times the font size (13.5 pt for 10 pt), plus the cell's padding.
  return Math.min(409, Math.round(lines * fontSize * 1.35 * 10) / 10 + 2);
}

/**
 * Each row's height for its wrapped texts, where one line is not enough (null: the default height). A text merged
 * across columns wraps in their joint width; one merged down several rows is left to them.
 */
function gridRowHeights(grid: SheetGrid, widths: readonly number[], fontSize: number): Array<number | null> {
  const spanOf = new Map<string, number>();
  for (const m of grid.merges ?? []) {
    let width = 0;
    for (let c = m.left; c <= m.right; c++) width += widths[c - 1] ?? 8.43;
    spanOf.set(`${m.top},${m.left}`, m.bottom > m.top ? Infinity : width);
  }
  return grid.values.map((line, i) => {
    let lines = 1;
    line.forEach((value, j) => {
      if (typeof value !== 'string' || grid.formulas?.[i]?.[j]) return;
      const row = grid.originRow + i;
      const col = grid.originCol + j;
      const width = spanOf.get(`${row},${col}`) ?? widths[col - 1] ?? 8.43;
      if (width !== Infinity) lines = Math.max(lines, wrappedLines(value, width));
    });
    return lines > 1 ? heightOfLines(lines, fontSize) : null;
  });
}

/**
 * A sheet the add-in adds (`SheetLayout`, built in the core) as worksheet XML: its cells in the looks `styleOf`
 * gives (bold rows, links, wrapping, borders), rows as tall as their wrapped texts, merges, widths, frozen header
 * and print setup. `fontSize`: the workbook's text size, for the row heights.
 */
export function layoutSheetXml(layout: SheetLayout, styleOf: (look: CellLook) => number, fontSize: number): string {
  const { grid } = layout;
  const width = Math.max(0, ...grid.values.map((line) => line.length));
  const heights = layout.wrap ? gridRowHeights(grid, layout.columnWidths, fontSize) : [];
  const bold = new Set(layout.boldRows);
  const styles = new Map<string, number>();
  const style = (look: CellLook) => {
    const key = JSON.stringify(look);
    if (!styles.has(key)) styles.set(key, look.bold || look.link || look.wrap || look.border ? styleOf(look) : 0);
    return styles.get(key) as number;
  };
  const rows = grid.values.map((line, i) => {
    const row = grid.originRow + i;
    const cells: string[] = [];
    for (let j = 0; j < width; j++) {
      const ref = `${columnLetters(grid.originCol + j)}${row}`;
      const value = line[j] ?? null;
      const formula = grid.formulas?.[i]?.[j] ?? null;
      const link = formula !== null && /^=HYPERLINK\(/i.test(formula);
      const s = style({ bold: bold.has(row) && !link, link, wrap: layout.wrap, border: layout.borders });
      const at = `<c r="${ref}"${s ? ` s="${s}"` : ''}`;
      const body = formula ? `<f>${escapeXml(formula.replace(/^=/, ''))}</f>` : '';
      // A link shows its text before any recalculation; other formulas are calculated when the file opens.
      if (link) cells.push(`${at} t="str">${body}<v>${escapeText(/"([^"]*)"\)$/.exec(formula)?.[1] ?? '')}</v></c>`);
      else if (formula) cells.push(`${at}>${body}</c>`);
      else if (typeof value === 'number') cells.push(`${at}><v>${value}</v></c>`);
      else if (typeof value === 'boolean') cells.push(`${at} t="b"><v>${value ? 1 : 0}</v></c>`);
      else if (typeof value === 'string' && value !== '')
        cells.push(`${at} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`);
      else if (s) cells.push(`${at}/>`);
    }
    const height = heights[i] ? ` ht="${heights[i]}" customHeight="1"` : '';
    return `<row r="${row}"${height}>${cells.join('')}</row>`;
  });
  const merges = grid.merges ?? [];
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${columnLetters(m.left)}${m.top}:${columnLetters(m.right)}${m.bottom}"/>`).join('')}</mergeCells>`
    : '';
  const frozen = layout.freezeRows
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${layout.freezeRows}" topLeftCell="A${layout.freezeRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
    : '';
  const print = layout.print;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `${print ? FIT_TO_PAGE_XML : ''}${frozen}${colsXml(layout.columnWidths)}<sheetData>${rows.join('')}</sheetData>${mergeXml}` +
    (print ? printSetupXml({ title: print.title ?? undefined, signature: print.signature ?? undefined }) : '') +
    '</worksheet>'
  );
}
