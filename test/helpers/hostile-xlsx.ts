import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Small .xlsx files made to hurt (issue #22), built here rather than committed: a workbook of a few KB whose
 * sheet XML is given by the caller, with the parts a reader needs around it.
 */
export function xlsxWithSheetXml(sheetXml: string, sharedStringsXml?: string): Uint8Array {
  return zipSync({
    ...(sharedStringsXml === undefined
      ? {}
      : {
          'xl/sharedStrings.xml': strToU8(
            `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sharedStringsXml}</sst>`,
          ),
        }),
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

/**
 * Tags left open by the thousand, of each kind the reader looks for (cells, rows, values, formulas, shared
 * strings, phonetic runs): a reader that searches ahead for each close tag turns quadratic.
 */
export function unclosedTagsXlsx(count: number): Record<string, Uint8Array> {
  const strings = (item: string) =>
    xlsxWithSheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', item.repeat(count));
  return {
    cells: xlsxWithSheetXml(`<row r="1">${'<c r="A1" t="inlineStr"><is><t>x'.repeat(count)}</row>`),
    rows: xlsxWithSheetXml('<row r="1"><c r="A1"><v>1</v></c>'.repeat(count)),
    attributes: xlsxWithSheetXml('<row r="1"><c r="A1" t="s'.repeat(count)),
    values: xlsxWithSheetXml(`<row r="1"><c r="A1">${'<v>1'.repeat(count)}</c></row>`),
    formulas: xlsxWithSheetXml(`<row r="1"><c r="A1">${'<f>SUM(A2'.repeat(count)}</c></row>`),
    sharedStrings: strings('<si><t>x'),
    phonetics: strings(`<si><t>x</t>${'<rPh sb="0" eb="1"><t>y'.repeat(10)}`),
  };
}

/**
 * The same zip in Zip64 form, as writers of files over 4 GB (and some libraries always) make it: every size and
 * offset of the central directory moved to a Zip64 extra field, and the Zip64 end records. `declare` may
 * state a smaller original size for an entry than it inflates to (a part that lies about its size).
 */
export function toZip64(
  bytes: Uint8Array,
  declare: (name: string, size: number) => number = (_, size) => size,
): Uint8Array {
  // A copy of its own: a Node Buffer's slices share (and its DataViews see) the whole pool.
  const zip = new Uint8Array(bytes);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const head = zip.slice(at, at + 46 + nameLength);
    const headView = new DataView(head.buffer);
    const sizes = [
      declare(name, view.getUint32(at + 24, true)),
      view.getUint32(at + 20, true),
      view.getUint32(at + 42, true),
    ];
    [24, 20, 42].forEach((offset) => headView.setUint32(offset, 0xffffffff, true));
    const extra = new Uint8Array(4 + 24);
    const extraView = new DataView(extra.buffer);
    extraView.setUint16(0, 1, true);
    extraView.setUint16(2, 24, true);
    sizes.forEach((size, k) => extraView.setUint32(4 + k * 8, size, true));
    headView.setUint16(30, extra.length + extraLength, true);
    entries.push(head, extra, zip.slice(at + 46 + nameLength, at + 46 + nameLength + extraLength + commentLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  const directoryAt = view.getUint32(end + 16, true);
  const directory = concat(entries);
  const record = new DataView(new ArrayBuffer(56 + 20 + 22));
  record.setUint32(0, 0x06064b50, true);
  record.setUint32(4, 44, true);
  record.setUint16(12, 45, true);
  record.setUint16(14, 45, true);
  record.setUint32(24, count, true);
  record.setUint32(32, count, true);
  record.setUint32(40, directory.length, true);
  record.setUint32(48, directoryAt, true);
  record.setUint32(56, 0x07064b50, true);
  record.setUint32(64, directoryAt + directory.length, true);
  record.setUint32(72, 1, true);
  record.setUint32(76, 0x06054b50, true);
  record.setUint16(76 + 8, 0xffff, true);
  record.setUint16(76 + 10, 0xffff, true);
  record.setUint32(76 + 12, 0xffffffff, true);
  record.setUint32(76 + 16, 0xffffffff, true);
  return concat([zip.subarray(0, directoryAt), directory, new Uint8Array(record.buffer)]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** An .ods (LibreOffice's, from the formats fixtures) with rows put first, or last, in its first table. */
export function odsWithRows(ods: Uint8Array, rowsXml: string, where: 'first' | 'last'): Uint8Array {
  const parts = unzipSync(ods);
  const xml = strFromU8(parts['content.xml']);
  parts['content.xml'] = strToU8(
    where === 'first'
      ? xml.replace('<table:table-row', `${rowsXml}<table:table-row`)
      : xml.replace('</table:table>', `${rowsXml}</table:table>`),
  );
  // The mimetype stays first and stored, as OpenDocument requires (the format is told by it).
  const { mimetype, ...rest } = parts;
  return zipSync({ mimetype: [mimetype, { level: 0 }], ...rest });
}

/** A row of `columns` filled cells, repeated `rows` times: a few bytes that stand for rows × columns cells. */
export function repeatedFilledRow(rows: number, columns: number): string {
  return `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="${columns}"><text:p>1</text:p></table:table-cell></table:table-row>`;
}
