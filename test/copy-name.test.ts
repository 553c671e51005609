import { copyName, freeCopyName } from '../src/core/edits/copy-name';

/** One naming of copies for the CLI's output folder and the page's downloads. */
describe('the name of a copy', () => {
  it('is the file’s name with -审核, as .xlsx whatever came in, an .xlsm kept, from a path of either kind', () => {
    expect(copyName('单位A.xls')).toBe('单位A-审核.xlsx');
    expect(copyName('C:\\收文\\单位B.et')).toBe('单位B-审核.xlsx');
    expect(copyName('/home/r/单位C.ods', '审核', 3)).toBe('单位C-审核(3).xlsx');
    expect(copyName('宏.xlsm')).toBe('宏-审核.xlsm');
    expect(copyName('申报表.xlsx', '自评表')).toBe('申报表-自评表.xlsx');
  });

  it('takes the next number where the name is taken', () => {
    const taken = new Set<string>();
    const next = () => {
      const name = freeCopyName('a/同名.xlsx', (n) => taken.has(n));
      taken.add(name);
      return name;
    };
    expect([1, 2, 3].map(next)).toEqual(['同名-审核.xlsx', '同名-审核(2).xlsx', '同名-审核(3).xlsx']);
  });
});
