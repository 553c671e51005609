import { strToU8, zipSync } from 'fflate';
import { columnLetters } from '../../core/address';
import type { SheetGrid } from '../../core/grid';
import { escapeText, escapeXml } from './xlsx-package';

/**
 * A new workbook from grids (values, formulas, merges): what the tool creates itself, such as a
 * 自评表 started from a 申报表. Text goes in as inline strings, never as formulas.
 */
export function gridWorkbook(grids: readonly SheetGrid[], columnWidths: readonly number[] = []): Uint8Array {
  const cols = colsXml(columnWidths);
  const sheets = grids.map((grid) => gridSheetXml(grid, cols, 1));
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

/** Column widths (characters) as a sheet's `<cols>`. */
export function colsXml(columnWidths: readonly number[]): string {
  return columnWidths.length
    ? `<cols>${columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
}

/** One grid as a worksheet part, every cell in cell format `style` (bordered, as the printed form). */
export function gridSheetXml(grid: SheetGrid, cols: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  const rows: string[] = [];
  const width = Math.max(0, ...grid.values.map((line) => line.length));
  grid.values.forEach((line, i) => {
    const row = grid.originRow + i;
    const cells: string[] = [];
    for (let j = 0; j < width; j++) {
      const ref = `${columnLetters(grid.originCol + j)}${row}`;
      const value = line[j] ?? null;
      const formula = grid.formulas?.[i]?.[j] ?? null;
      // Every cell of the form is bordered, filled in or not, as the printed form has it.
      if (formula) cells.push(`<c r="${ref}"${s}><f>${escapeXml(formula.replace(/^=/, ''))}</f></c>`);
      else if (typeof value === 'number') cells.push(`<c r="${ref}"${s}><v>${value}</v></c>`);
      else if (typeof value === 'string' && value !== '')
        cells.push(`<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`);
      else cells.push(`<c r="${ref}"${s}/>`);
    }
    rows.push(`<row r="${row}">${cells.join('')}</row>`);
  });
  const merges = grid.merges ?? [];
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${columnLetters(m.left)}${m.top}:${columnLetters(m.right)}${m.bottom}"/>`).join('')}</mergeCells>`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${cols}<sheetData>${rows.join('')}</sheetData>${mergeXml}` +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/></worksheet>'
  );
}
