import { strToU8, zipSync } from 'fflate';
import { columnLetters } from '../core/sheet/address';
import type { SheetGrid } from '../core/sheet/grid';
import { newSheetLayout, PAGE_NUMBERS, reportSheetLayout, type SheetLayout } from '../core/edits/sheet-layout';
import type { Profile } from '../core/rules/profiles';
import {
  findingsCsv,
  reviewTable,
  ruleCountTable,
  summaryTable,
  type ReportFile,
  type ReportTable,
} from '../core/reports/reports';
import { escapeText, escapeXml } from './xml-text';
import { StylesXml, type StyleLook } from './styles-xml';
import { valueCellXml } from './sheet-xml';
import { paintLooks } from '../core/edits/looks';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The styles a new workbook starts from: 宋体 10 pt, as the forms are printed. */
const NEW_WORKBOOK_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="10"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

/**
 * A new workbook of sheets the core laid out (a 自评表 started from a 申报表, the report tables), each rendered as
 * the file host renders a sheet it adds to a user's workbook. Text goes in as inline strings, never as formulas.
 */
export function layoutWorkbook(layouts: readonly SheetLayout[]): Uint8Array {
  const styles = new StylesXml(NEW_WORKBOOK_STYLES, () => undefined);
  const sheets = layouts.map((layout) => layoutSheetXml(layout, (look) => styles.withLook(look), 10));
  const part = (i: number) => `worksheets/sheet${i + 1}.xml`;
  const titles = layouts
    .map((layout, i) =>
      layout.print?.titleRows
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${escapeXml(layout.name.replace(/'/g, "''"))}'!${layout.print.titleRows}</definedName>`
        : '',
    )
    .join('');
  const sheetTags = layouts
    .map(
      (layout, i) =>
        `<sheet name="${escapeXml(layout.name)}" sheetId="${i + 1}"${layout.visibility === 'visible' ? '' : ` state="${layout.visibility}"`} r:id="rId${i + 1}"/>`,
    )
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        layouts
          .map(
            (_, i) =>
              `<Override PartName="/xl/${part(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetTags}</sheets>` +
        `${titles ? `<definedNames>${titles}</definedNames>` : ''}<calcPr fullCalcOnLoad="1"/></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${layouts.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${part(i)}"/>`).join('')}<Relationship Id="rId${layouts.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  sheets.forEach((xml, i) => (files[`xl/${part(i)}`] = strToU8(xml)));
  files['xl/styles.xml'] = strToU8(styles.serialise());
  return zipSync(files);
}

/** New 自评表 (from grids the core made) as a workbook of their own, bordered and printable as the forms are. */
export function gridWorkbook(grids: readonly SheetGrid[], columnWidths: readonly number[] = []): Uint8Array {
  return layoutWorkbook(
    grids.map((grid) =>
      newSheetLayout({ type: 'new-sheet', name: grid.name, grid, columnWidths: [...columnWidths] }, grid.name),
    ),
  );
}

/**
 * A workbook of report tables (汇总表, 复核底稿), printable as it is: a title and a line with the date, the profile
 * and places to sign above a shaded, frozen, filterable header row; landscape, one page wide, the header row
 * repeated on every page, page numbers in the footer.
 */
export function reportWorkbook(tables: readonly ReportTable[], heading: { date: string; profile: string }): Uint8Array {
  return layoutWorkbook(tables.map((table) => reportSheetLayout(table, heading)));
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
    // Excel's 窄 margins at the sides: the width goes to the type (a form or report one page wide prints at 9 pt+).
    '<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
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
 * Each row's height for its wrapped texts (office suites do not grow a row to its wrapped text on opening a file).
 * A text merged across columns wraps in their joint width; one merged down several rows is left to them.
 */
function gridRowHeights(grid: SheetGrid, widths: readonly number[], fontSize: number): number[] {
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
    return heightOfLines(lines, fontSize);
  });
}

/**
 * A sheet the add-in adds (`SheetLayout`, built in the core) as worksheet XML: its cells in the looks `styleOf`
 * gives (bold rows, links, wrapping, borders), rows as tall as their wrapped texts, merges, widths, frozen header
 * and print setup. `fontSize`: the workbook's text size, for the row heights.
 */
export function layoutSheetXml(layout: SheetLayout, styleOf: (look: StyleLook) => number, fontSize: number): string {
  const { grid } = layout;
  const width = Math.max(0, ...grid.values.map((line) => line.length));
  const heights = layout.wrap ? gridRowHeights(grid, layout.columnWidths, fontSize) : [];
  const styles = new Map<string, number>();
  const looks = paintLooks(layout);
  const style = (look: StyleLook) => {
    const key = JSON.stringify(look);
    if (!styles.has(key)) styles.set(key, Object.values(look).some(Boolean) ? styleOf(look) : 0);
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
      const numberFormat = grid.numberFormats?.[i]?.[j];
      const s = style(numberFormat ? { ...looks[i][j], numberFormat } : looks[i][j]);
      const at = `<c r="${ref}"${s ? ` s="${s}"` : ''}`;
      const body = formula ? `<f>${escapeXml(formula.replace(/^=/, ''))}</f>` : '';
      // A link shows its text before any recalculation; other formulas are calculated when the file opens.
      if (link) cells.push(`${at} t="str">${body}<v>${escapeText(/"([^"]*)"\)$/.exec(formula)?.[1] ?? '')}</v></c>`);
      else if (formula) cells.push(`${at}>${body}</c>`);
      // An empty cell is written only where it has a look to keep.
      else if (s || (value !== null && value !== '')) cells.push(valueCellXml(ref, value, s));
    }
    // The title's larger type sets its own height.
    const height = heights[i] && row !== layout.titleRow ? ` ht="${heights[i]}" customHeight="1"` : '';
    return `<row r="${row}"${height}>${cells.join('')}</row>`;
  });
  const table = layout.table;
  const lastRow = grid.originRow + Math.max(0, grid.values.length - 1);
  const filter =
    table?.filter && width > 0
      ? `<autoFilter ref="A${table.headerRow}:${columnLetters(grid.originCol + width - 1)}${Math.max(lastRow, table.headerRow)}"/>`
      : '';
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
    `${print ? FIT_TO_PAGE_XML : ''}${frozen}${colsXml(layout.columnWidths)}<sheetData>${rows.join('')}</sheetData>${filter}${mergeXml}` +
    (print ? printSetupXml({ title: print.title ?? undefined, signature: print.signature ?? undefined }) : '') +
    '</worksheet>'
  );
}

/** A batch's reports as contents: 问题清单.csv, 汇总表.xlsx and 复核底稿.xlsx. */
export interface BatchReports {
  findingsCsv: string;
  summary: Uint8Array;
  review: Uint8Array;
}

/**
 * 问题清单 (every finding), 汇总表 (a row per form and per unreadable file, and counts by rule) and 复核底稿 (a row
 * per indicator with the profile's 复核得分): the same three for the CLI (made in a checking process, under a
 * budget: their text is the files') and for the page's 全部标记并下载.
 */
export function batchReports(files: readonly ReportFile[], profile: Profile, date: string): BatchReports {
  const heading = { date, profile: profile.name };
  return {
    findingsCsv: findingsCsv(files),
    summary: reportWorkbook([summaryTable(files), ruleCountTable(files)], heading),
    review: reportWorkbook([reviewTable(files, profile)], heading),
  };
}
