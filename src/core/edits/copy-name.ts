/**
 * The name of a copy the add-in writes of a received file, in the CLI's output folder and in the page's downloads
 * alike: `<name>-审核.xlsx`, then `<name>-审核(2).xlsx` and on where the first is taken. Whatever format the file
 * came in, the copy is an .xlsx; an .xlsm stays .xlsm (Excel refuses macros in an .xlsx).
 */
export function copyName(fileName: string, suffix: '审核' | '自评表' = '审核', attempt = 1): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const extension = /\.xlsm$/i.test(base) ? '.xlsm' : '.xlsx';
  return `${base.replace(/\.(xlsx|xlsm|xls|et|ods)$/i, '')}-${suffix}${attempt === 1 ? '' : `(${attempt})`}${extension}`;
}

/** The first of the copy's names that `taken` does not hold (a name in the zip, a file in the output folder). */
export function freeCopyName(
  fileName: string,
  taken: (name: string) => boolean,
  suffix: '审核' | '自评表' = '审核',
): string {
  let attempt = 1;
  while (taken(copyName(fileName, suffix, attempt))) attempt++;
  return copyName(fileName, suffix, attempt);
}
