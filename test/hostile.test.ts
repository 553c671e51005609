import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IsolatedChecker, fileBudget } from '../src/cli/isolated-check';
import { main } from '../src/cli/main';
import { BUILT_IN_PROFILES } from '../src/core/profiles';
import { FileHost } from '../src/hosts/file/file-host';
import { encryptedContainer, farCellXlsx, xlsxWithSheetXml } from './helpers/hostile-xlsx';

/** Files made to hurt (issue #22): each gets a Chinese error of its own, and the batch goes on. */
const CLEAN = path.join(__dirname, 'fixtures', 'shared', 'seed002-2024.xlsx');
const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };
const cell = (ref: string) => `<c r="${ref}" t="inlineStr"><is><t>项目支出绩效自评表</t></is></c>`;

describe('sheets no form could fill', () => {
  it('refuses a cell beyond Excel’s last row at once, naming it, instead of filling memory', async () => {
    const host = await FileHost.load(xlsxWithSheetXml(`<row r="1">${cell('A1')}</row>${farCellXlsxRow()}`), '远.xlsx');
    await expect(host.readSheets('all')).rejects.toThrow('单元格 A999999999 超出了 Excel 的范围');
  });

  it('refuses a used area of billions of blank cells (a stray value at XFD1048576), saying how to fix it', async () => {
    const xml = `<row r="1">${cell('A1')}</row><row r="1048576">${cell('XFD1048576')}</row>`;
    const host = await FileHost.load(xlsxWithSheetXml(xml), '大.xlsx');
    await expect(host.readSheets('all')).rejects.toThrow(/已用区域过大（A1:XFD1048576.*Ctrl\+End/);
  });
});

function farCellXlsxRow(): string {
  return `<row r="999999999">${cell('A999999999')}</row>`;
}

describe('each file within a memory and a time budget', () => {
  it('reads the budget from the environment, with defaults stated in the README', () => {
    expect(fileBudget({})).toEqual({ memoryMb: 2048, seconds: 120 });
    expect(fileBudget({ JIXIAO_FILE_MEMORY_MB: '512', JIXIAO_FILE_SECONDS: '30' })).toEqual({
      memoryMb: 512,
      seconds: 30,
    });
    expect(fileBudget({ JIXIAO_FILE_MEMORY_MB: 'abc', JIXIAO_FILE_SECONDS: '-1' })).toEqual({
      memoryMb: 2048,
      seconds: 120,
    });
  });

  it('stops a file over its time, in Chinese, and checks the next one in a fresh process', async () => {
    const slow = new IsolatedChecker({ memoryMb: 2048, seconds: 0.001 });
    const stopped = await slow.check(CLEAN, options);
    await slow.close();
    expect(stopped.error).toMatch(/^读取超时：超过 0.001 秒/);
    expect(stopped.results).toEqual([]);
    const checker = new IsolatedChecker({ memoryMb: 2048, seconds: 60 });
    const done = await checker.check(CLEAN, options);
    await checker.close();
    expect(done.error).toBeNull();
    expect(done.results).toHaveLength(5);
  });

  it('stops a file over its memory, in Chinese', async () => {
    const tiny = new IsolatedChecker({ memoryMb: 4, seconds: 60 });
    const stopped = await tiny.check(CLEAN, options);
    await tiny.close();
    expect(stopped.error).toMatch(/^文件过大：读取和检查需要的内存超过上限（4 MB）/);
  });

  it('reports every file of a batch with hostile ones in it: JSON complete, the good file checked', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hostile-'));
    const far = path.join(dir, '远.xlsx');
    await fs.writeFile(far, farCellXlsx());
    const garbage = path.join(dir, '乱码.xlsx');
    await fs.writeFile(garbage, Buffer.from('PK\u0003\u0004'.padEnd(4000, '\u0000')));
    let stdout = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += chunk.toString();
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['--json', far, garbage, CLEAN]);
    } finally {
      write.mockRestore();
      stderr.mockRestore();
    }
    const files = JSON.parse(stdout).files as Array<{ path: string; error: string | null; forms: unknown[] }>;
    expect(files.map((f) => path.basename(f.path))).toEqual(['远.xlsx', '乱码.xlsx', 'seed002-2024.xlsx']);
    expect(files[2]).toMatchObject({ error: null });
    expect(files[2].forms).toHaveLength(5);
    // Not a form, nothing to check (one cell far away) — or refused: either way in Chinese, never a crash.
    for (const file of files.slice(0, 2)) if (file.error) expect(file.error).toMatch(/[\u4e00-\u9fa5]/);
    expect(files[1].error).toMatch(/损坏|无法读取/);
    expect(code).toBe(2);
  });
});

describe('encryption is told from the container, not from cell text', () => {
  it('reads a plain .xls whose cell speaks of EncryptedPackage (LibreOffice wrote it)', async () => {
    const { describeUnreadableWorkbook } = await import('../src/hosts/file/unreadable');
    const xls = await fs.readFile(path.join(__dirname, 'fixtures', 'formats', 'text-names-encryption.xls'));
    expect(xls.includes(Buffer.from('EncryptedPackage', 'utf16le'))).toBe(true);
    expect(describeUnreadableWorkbook(new Uint8Array(xls))).toBeNull();
    const host = await FileHost.load(new Uint8Array(xls), 'text-names-encryption.xls');
    const [sheet] = await host.readSheets('all');
    expect(sheet.values[1][0]).toContain('EncryptedPackage');
  });

  it('refuses an OLE container with an EncryptedPackage stream as password-protected', async () => {
    const { describeUnreadableWorkbook } = await import('../src/hosts/file/unreadable');
    const container = encryptedContainer();
    expect(describeUnreadableWorkbook(container)).toMatch(/设置了打开密码/);
  });

  it('reads a character reference past the last code point as a replacement character, not a crash', async () => {
    const xml = `<row r="1"><c r="A1" t="inlineStr"><is><t>项目&#x110000;名称&#xD800;</t></is></c></row>`;
    const [sheet] = await (await FileHost.load(xlsxWithSheetXml(xml), '坏字符.xlsx')).readSheets('all');
    expect(sheet.values[0][0]).toBe('项目\uFFFD名称\uFFFD');
  });
});

describe('a workbook that changes while the batch runs', () => {
  it('gets no copy with marks from its old content, and says why', async () => {
    const { readAndCheck, writeCopy } = await import('../src/cli/check-files');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'changed-'));
    const file = path.join(dir, '自评表.xlsx');
    await fs.copyFile(CLEAN, file);
    const checked = await readAndCheck(file, options);
    expect(checked.results).toHaveLength(5);
    // The filler saves the workbook again (another form now) while the reviewer's batch is running.
    await fs.copyFile(path.join(__dirname, 'fixtures', 'shared', 'seed000-2020-errors.xlsx'), file);
    const out = path.join(dir, 'out');
    await writeCopy(checked, { ...options, outDir: out }, new Set());
    expect(checked.output).toBeNull();
    expect(checked.writeError).toMatch(/文件在检查之后被改动过，没有写带标记的副本/);
    await expect(fs.readdir(out)).rejects.toThrow();
    // Unchanged, it is copied as before.
    const again = await readAndCheck(file, options);
    await writeCopy(again, { ...options, outDir: out }, new Set());
    expect(again.output).toBe(path.join(out, '自评表-审核.xlsx'));
  });
});
