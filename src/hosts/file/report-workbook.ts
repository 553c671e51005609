import { strToU8, zipSync } from 'fflate';
import { columnLetters } from '../../core/address';
import type { ReportCell, ReportTable } from '../../core/reports';
import { colsXml, FIT_TO_PAGE_XML, heightOfLines, printSetupXml, wrappedLines } from './grid-workbook';
import { escapeXml, writtenRowXml, type WrittenCell } from './xlsx-package';

/**
 * A new workbook of report tables (汇总表, 复核底稿), printable as it is: a title and a line with the date,
 * the profile and a place for the reviewer to sign above a bold, frozen, filterable header row; landscape,
 * one page wide, the header row repeated on every page, page numbers in the footer.
 */
export function reportWorkbook(tables: readonly ReportTable[], heading: { date: string; profile: string }): Uint8Array {
  const sheets = tables.map(
    (table, i) => [`xl/worksheets/sheet${i + 1}.xml`, strToU8(sheetXml(table, heading))] as const,
  );
  const names = tables
    .map(
      (table, i) =>
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${table.name.replace(/'/g, "''")}'!$3:$3</definedName>`,
    )
    .join('');
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${tables.map((t, i) => `<sheet name="${escapeXml(t.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    `<definedNames>${names}</definedNames></workbook>`;
  const relations = tables
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const overrides = tables
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`,
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations}<Relationship Id="rId${tables.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(STYLES),
    ...Object.fromEntries(sheets),
  });
}

/**
 * Cell styles: 0 plain, 1 bold header (bordered), 2 wrapped text, 3 link, 4 title, 5 bordered, 6 two decimals,
 * 7 wrapped without border (the signature line).
 */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts>' +
  '<fonts count="4"><font><sz val="10"/><name val="宋体"/></font><font><b/><sz val="10"/><name val="宋体"/></font><font><u/><sz val="10"/><color rgb="FF0563C1"/><name val="宋体"/></font><font><b/><sz val="14"/><name val="宋体"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center" horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>' +
  '</cellXfs></styleSheet>';

function sheetXml(table: ReportTable, heading: { date: string; profile: string }): string {
  const lastCol = columnLetters(table.columns.length);
  const lastRow = 3 + table.rows.length;
  const rows = [
    writtenRowXml(1, [{ text: table.title, style: 4 }]),
    // Wrapped: on a narrow table the signature line goes on a second line instead of off the page.
    writtenRowXml(2, [
      {
        text: `审核日期：${heading.date}　　评分规则：${heading.profile}　　审核人：__________　　复核人：__________　　日期：__________`,
        style: 7,
      },
    ]).replace('<row r="2"', '<row r="2" ht="30" customHeight="1"'),
    // The header row: its labels wrap too (执行率(%) in a narrow column).

    withHeight(
      writtenRowXml(
        3,
        table.columns.map((text) => ({ text, style: 1 })),
      ),
      rowHeight(table.columns, table.widths),
    ),
    ...table.rows.map((row, i) => withHeight(writtenRowXml(4 + i, row.map(cellOf)), rowHeight(row, table.widths))),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    FIT_TO_PAGE_XML +
    `<dimension ref="A1:${lastCol}${Math.max(lastRow, 3)}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A4" sqref="A4"/></sheetView></sheetViews>' +
    `${colsXml(table.widths)}<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A3:${lastCol}${Math.max(lastRow, 3)}"/><mergeCells count="2"><mergeCell ref="A1:${lastCol}1"/><mergeCell ref="A2:${lastCol}2"/></mergeCells>` +
    printSetupXml({ title: table.title, signature: '审核人签字：' }) +
    '</worksheet>'
  );
}

/**
 * The height a row's wrapped texts need: office suites do not grow a row to its wrapped text on opening a file,
 * so a row of the default height would cut its names and 备注.
 */
export function rowHeight(row: readonly ReportCell[], widths: readonly number[]): number {
  let lines = 1;
  row.forEach((cell, i) => {
    const text = cell === null || typeof cell === 'number' ? '' : typeof cell === 'object' ? cell.text : cell;
    lines = Math.max(lines, wrappedLines(text, widths[i] ?? 10));
  });
  return heightOfLines(lines);
}

function withHeight(rowXml: string, height: number): string {
  return rowXml.replace(/^<row r="(\d+)"/, `<row r="$1" ht="${height}" customHeight="1"`);
}

function cellOf(value: ReportCell): WrittenCell {
  if (value === null) return { style: 5 };
  if (typeof value === 'number') return { number: value, style: Number.isInteger(value) ? 5 : 6 };
  if (typeof value === 'object')
    return {
      formula: `HYPERLINK("${value.link.replace(/"/g, '""')}","${value.text.replace(/"/g, '""')}")`,
      text: value.text,
      style: 3,
    };
  // Every text wraps within its column (names, projects, 备注): the print keeps its size and cuts nothing.
  return { text: value, style: 2 };
}
