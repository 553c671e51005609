import { strToU8, zipSync } from 'fflate';

/**
 * Small .xlsx files made to hurt (issue #22), built here rather than committed: a workbook of a few KB whose
 * sheet XML is given by the caller, with the parts a reader needs around it.
 */
export function xlsxWithSheetXml(sheetXml: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetXml}</sheetData></worksheet>`,
    ),
  });
}

/**
 * What an .xlsx saved with an open password is: an OLE container whose directory holds EncryptionInfo and
 * EncryptedPackage streams (entries of 128 bytes: UTF-16 name, its length at 64, type at 66).
 */
export function encryptedContainer(): Uint8Array {
  const container = new Uint8Array(2048);
  container.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].forEach((name, i) => {
    const at = 512 + i * 128;
    for (let k = 0; k < name.length; k++) container[at + 2 * k] = name.charCodeAt(k);
    container[at + 64] = (name.length + 1) * 2;
    container[at + 66] = i === 0 ? 5 : 2;
  });
  return container;
}

/** One text cell at a row far past any real form (Excel's last row is 1,048,576). */
export function farCellXlsx(row = 999_999_999): Uint8Array {
  return xlsxWithSheetXml(`<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>项目支出绩效自评表</t></is></c></row>`);
}

/** Thousands of cell tags left open: a reader that searches ahead for each close tag turns quadratic. */
export function unclosedTagsXlsx(count = 4000): Uint8Array {
  return xlsxWithSheetXml(`<row r="1">${'<c r="A1" t="inlineStr"><is><t>x'.repeat(count)}</row>`);
}
