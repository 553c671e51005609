import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckPool, defaultPoolSize, fileBudget } from '../src/cli/check-pool';
import { main } from '../src/cli/command-line';
import { reportFilesOf, saveReports } from '../src/cli/batch-output';
import { batchReports } from '../src/xlsx/grid-workbook';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook } from '../src/core/check/workbook';
import { planEdits } from '../src/core/edits/edits';
import { FileHost } from '../src/hosts/file/file-host';
import {
  encryptedContainer,
  farCellXlsx,
  odsWithRows,
  repeatedFilledRow,
  toZip64,
  unclosedTagsXlsx,
  xlsxWithSheetXml,
} from './helpers/hostile-xlsx';
import { filledCells } from '../src/xlsx/ods-bounds';

/** Files made to hurt (issue #22): each gets a Chinese error of its own, and the batch goes on. */
const CLEAN = path.join(__dirname, 'fixtures', 'shared', 'seed002-2024.xlsx');
const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };
const cell = (ref: string) => `<c r="${ref}" t="inlineStr"><is><t>项目支出绩效自评表</t></is></c>`;

describe('sheets no form could fill', () => {
  it('refuses a cell beyond Excel’s last row at once, naming it, instead of filling memory', async () => {
    const host = await FileHost.load(xlsxWithSheetXml(`<row r="1">${cell('A1')}</row>${farCellXlsxRow()}`), '远.xlsx');
    await expect(host.readSheets('all')).rejects.toThrow('单元格 A999999999 超出了 Excel 的范围');
  });

  it('checks a sheet with stray values far away (XFD1048576) as if they were not there: cost follows the cells', async () => {
    const clean = await fs.readFile(CLEAN);
    const strayed = withStrayCells(clean, [
      // Two thousand rows whose one value is at the last column, each row as long as the sheet is wide.
      ...Array.from({ length: 2000 }, (_, i) => `<row r="${500000 + i}"><c r="XFD${500000 + i}"><v>1</v></c></row>`),
      '<row r="600000"><c r="ZZ600000"><v>7</v></c></row>',
      `<row r="1048576">${cell('XFD1048576')}</row>`,
    ]);
    const summary = async (bytes: Uint8Array) =>
      checkWorkbook(await (await FileHost.load(bytes, '远.xlsx')).readSheets('all'), BUILT_IN_PROFILES.national).map(
        (r) => `${r.sheet}!${r.range}: ${r.findings.map((f) => `${f.rule}@${f.cell}`).join(' ')}`,
      );
    const started = Date.now();
    const far = await summary(strayed);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(far).toEqual(await summary(clean));
    expect(far.length).toBeGreaterThan(3);
  });
});

/** Rows appended at the end of every sheet of a workbook (rows beyond its last, in order). */
function withStrayCells(xlsx: Uint8Array, rows: string[]): Uint8Array {
  const parts = unzipSync(xlsx);
  for (const name of Object.keys(parts).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
    parts[name] = strToU8(strFromU8(parts[name]).replace('</sheetData>', `${rows.join('')}</sheetData>`));
  return zipSync(parts);
}

function farCellXlsxRow(): string {
  return `<row r="999999999">${cell('A999999999')}</row>`;
}

describe('damaged XML is read in linear time', () => {
  it.each(Object.keys(unclosedTagsXlsx(1)))(
    '%s left open by the ten thousand: read in well under a second',
    async (kind) => {
      // 40,000 cost 7–11 s each when every open tag searched the rest of the part for its close.
      const started = Date.now();
      const bytes = unclosedTagsXlsx(40_000)[kind];
      await FileHost.load(bytes, 'x.xlsx').then(
        (host) => host.readSheets('all'),
        () => undefined,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    },
  );
});

describe('each file within a memory and a time budget', () => {
  it('checks a short batch in one process: another is started only while work waits that is worth its start', async () => {
    const pool = new CheckPool();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => pool.check(CLEAN, options)));
    await pool.close();
    expect(outcomes.every((o) => o.error === null && o.results.length === 5)).toBe(true);
    expect(pool.size).toBe(os.availableParallelism());
    expect(pool.started).toBe(1);
  });

  it('runs at most one checking process per core, or as many as JIXIAO_WORKERS says', () => {
    expect(defaultPoolSize({})).toBe(os.availableParallelism());
    expect(defaultPoolSize({ JIXIAO_WORKERS: '1' })).toBe(1);
    expect(defaultPoolSize({ JIXIAO_WORKERS: '0' })).toBe(os.availableParallelism());
    expect(defaultPoolSize({ JIXIAO_WORKERS: 'x' })).toBe(os.availableParallelism());
  });

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

  it('starts its checking processes without the extra certificates Node would load (they never connect)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pool-env-'));
    // A stand-in for the checking process: it answers every task with what it was given of the environment.
    const script = path.join(dir, 'tell-environment.js');
    await fs.writeFile(
      script,
      `process.on('message', ({ id }) => process.send({ id, memoryMb: 0, peakMemoryMb: 0, value: {
        certificates: process.env.NODE_EXTRA_CA_CERTS ?? null,
        limit: process.env.JIXIAO_RESIDENT_LIMIT_MB,
        kept: process.env.JIXIAO_POOL_ENV_TEST ?? null,
      } }));
      process.on('disconnect', () => process.exit(0));`,
    );
    const saved = { ...process.env };
    // A file that does not exist: Node reads the named file as it starts and only warns when it cannot.
    Object.assign(process.env, { NODE_EXTRA_CA_CERTS: path.join(dir, 'none.pem'), JIXIAO_POOL_ENV_TEST: 'kept' });
    try {
      const pool = new CheckPool({ memoryMb: 300, seconds: 60 }, 1, { file: script, execArgv: [] });
      const told = (await pool.check(CLEAN, options)) as unknown;
      await pool.close();
      expect(told).toEqual({ certificates: null, limit: '300', kept: 'kept' });
      const { checkingEnvironment } = await import('../src/cli/check-pool');
      expect(checkingEnvironment({ node_extra_ca_certs: 'a.pem', Path: 'x' }, 100)).toEqual({
        Path: 'x',
        JIXIAO_RESIDENT_LIMIT_MB: '100',
      });
    } finally {
      process.env = saved;
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('stops a file over its time, in Chinese, and checks the next one in a fresh process', async () => {
    const slow = new CheckPool({ memoryMb: 2048, seconds: 0.001 }, 1);
    const stopped = await slow.check(CLEAN, options);
    await slow.close();
    expect(stopped.error).toMatch(/^读取超时：超过 0.001 秒/);
    expect(stopped.results).toEqual([]);
    const checker = new CheckPool({ memoryMb: 2048, seconds: 60 }, 1);
    const done = await checker.check(CLEAN, options);
    await checker.close();
    expect(done.error).toBeNull();
    expect(done.results).toHaveLength(5);
  });

  it('stops a file over its memory, in Chinese', async () => {
    const tiny = new CheckPool({ memoryMb: 4, seconds: 60 }, 1);
    const stopped = await tiny.check(CLEAN, options);
    await tiny.close();
    expect(stopped.error).toMatch(/^文件过大：读取和检查需要的内存超过上限（4 MB）/);
  });

  it('stops a process whose resident memory passes the budget, even while its heap stays under it', async () => {
    // 40 MB: a Node process alone holds more than that (code, zip buffers are outside the heap), its heap far less.
    const small = new CheckPool({ memoryMb: 40, seconds: 60 }, 1);
    const stopped = await small.check(CLEAN, options);
    await small.close();
    expect(stopped.error).toMatch(/^文件过大：读取和检查需要的内存超过上限（40 MB）/);
  });

  it('makes copies and reports under the same budget: one over it gets its reason, nothing else is lost', async () => {
    const checker = new CheckPool(fileBudget({}), 1);
    const checked = await checker.check(CLEAN, options);
    await checker.close();
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'budget-'));
    const copyOptions = { ...options, outDir: out };
    const slow = new CheckPool({ memoryMb: 2048, seconds: 0.001 }, 1);
    const copy = await slow.copy(checked, copyOptions);
    const reports = await slow.reports({
      files: reportFilesOf([checked]),
      profile: options.profile,
      date: '2026-12-06',
    });
    await slow.close();
    expect(copy).toEqual({ error: expect.stringMatching(/^读取超时：.*没有写出带标记的副本/) });
    expect(reports).toEqual({ error: expect.stringMatching(/^读取超时：.*没有写出该报表/) });
    const saved = await saveReports(reports, out, new Set());
    expect(Object.values(saved).map((o) => o.error)).toEqual([
      expect.stringMatching(/^写不出「问题清单\.csv」：读取超时/),
      expect.stringMatching(/^写不出「汇总表\.xlsx」：读取超时/),
      expect.stringMatching(/^写不出「复核底稿\.xlsx」：读取超时/),
    ]);
    // Within the budget, the same pool writes them.
    const pool = new CheckPool(fileBudget({}), 2);
    const made = await pool.copy(checked, copyOptions);
    const files = reportFilesOf([checked]);
    const books = await pool.reports({ files, profile: options.profile, date: '2026-12-06' });
    await pool.close();
    expect('bytes' in made && made.bytes.length).toBeGreaterThan(1000);
    // The reports made in the pool are the reports this process would make, part for part (zip times aside).
    const here = batchReports(files, options.profile, '2026-12-06');
    if ('error' in books) throw new Error(books.error);
    expect(books.findingsCsv).toBe(here.findingsCsv);
    expect(unzipSync(books.summary)).toEqual(unzipSync(here.summary));
    expect(unzipSync(books.review)).toEqual(unzipSync(here.review));
    expect(await fs.readdir(out)).toEqual([]);
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
    const { describeUnreadableWorkbook } = await import('../src/xlsx/unreadable');
    const xls = await fs.readFile(path.join(__dirname, 'fixtures', 'formats', 'text-names-encryption.xls'));
    expect(xls.includes(Buffer.from('EncryptedPackage', 'utf16le'))).toBe(true);
    expect(describeUnreadableWorkbook(new Uint8Array(xls))).toBeNull();
    const host = await FileHost.load(new Uint8Array(xls), 'text-names-encryption.xls');
    const [sheet] = await host.readSheets('all');
    expect(sheet.values[1][0]).toContain('EncryptedPackage');
  });

  it('refuses an OLE container with an EncryptedPackage stream as password-protected', async () => {
    const { describeUnreadableWorkbook } = await import('../src/xlsx/unreadable');
    const container = encryptedContainer();
    expect(describeUnreadableWorkbook(container)).toMatch(/设置了打开密码/);
  });

  it('reads a character reference past the last code point as a replacement character, not a crash', async () => {
    const xml = `<row r="1"><c r="A1" t="inlineStr"><is><t>项目&#x110000;名称&#xD800;</t></is></c></row>`;
    const [sheet] = await (await FileHost.load(xlsxWithSheetXml(xml), '坏字符.xlsx')).readSheets('all');
    expect(sheet.values[0][0]).toBe('项目\uFFFD名称\uFFFD');
  });
});

describe('Zip64 archives are read by the same rules as any zip', () => {
  const sheetPart = /^xl\/worksheets\/sheet1\.xml$/;

  it('reads a Zip64 workbook as its plain twin', async () => {
    const clean = await fs.readFile(CLEAN);
    const summary = async (bytes: Uint8Array) =>
      checkWorkbook(await (await FileHost.load(bytes, 'z.xlsx')).readSheets('all'), BUILT_IN_PROFILES.national).map(
        (r) => `${r.range}: ${r.findings.map((f) => f.rule).join(' ')}`,
      );
    expect(await summary(toZip64(clean))).toEqual(await summary(clean));
  });

  it('refuses a part that inflates past the size its Zip64 entry declares, instead of cutting it', async () => {
    const lying = toZip64(await fs.readFile(CLEAN), (name, size) => (sheetPart.test(name) ? size - 100 : size));
    const host = await FileHost.load(lying, 'z.xlsx');
    await expect(host.readSheets('all')).rejects.toThrow(/损坏/);
  });

  it('writes a marked copy of a Zip64 workbook, every part kept', async () => {
    const clean = await fs.readFile(CLEAN);
    const host = await FileHost.load(toZip64(clean), 'z.xlsx');
    const results = checkWorkbook(await host.readSheets('all'), BUILT_IN_PROFILES.national);
    const report = await host.applyEdits(planEdits(results, { mark: true, reviewSheet: true, fill: false }));
    expect(report.marked).toBeGreaterThan(0);
    const copy = unzipSync(await host.toBuffer());
    const files = Object.keys(unzipSync(clean)).filter((name) => !name.endsWith('/'));
    for (const name of files) expect(Object.keys(copy)).toContain(name);
    expect(
      Object.keys(copy).some((name) => name.startsWith('xl/worksheets/sheet') && !(name in unzipSync(clean))),
    ).toBe(true);
  });
});

describe('the legacy path is bounded as strictly as .xlsx', () => {
  const ods = () => fs.readFile(path.join(__dirname, 'fixtures', 'formats', 'department.ods'));

  it('refuses an .ods whose repeats stand for tens of millions of filled cells, at once and in Chinese', async () => {
    const started = Date.now();
    const host = FileHost.load(odsWithRows(await ods(), repeatedFilledRow(2000, 16000), 'first'), '炸弹.ods');
    await expect(host).rejects.toThrow(/^文件过大：\.ods 文件中重复的单元格展开后约 3,200 万个（上限 200 万个）/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  // Issue #37: the same bomb written as other writers may write it, namespaces bound to other prefixes included.
  const disguises: Record<string, (content: string) => string> = {
    'the table namespace under another prefix': (content) =>
      content.replace(/xmlns:table=/g, 'xmlns:tb=').replace(/(<\/?|\s)table:/g, '$1tb:'),
    'the office namespace under another prefix': (content) =>
      content.replace(/xmlns:office=/g, 'xmlns:of=').replace(/(<\/?|\s)office:/g, '$1of:'),
    'a long attribute before the repeat': (content) =>
      content.replace(
        /<table:table-row table:number-rows-repeated=/g,
        `<table:table-row x:note="${'x'.repeat(6000)}" table:number-rows-repeated=`,
      ),
    'single quotes': (content) => content.replace(/number-(rows|columns)-repeated="(\d+)"/g, "number-$1-repeated='$2'"),
  };

  it.each(Object.keys(disguises))('refuses the same bomb with %s, at once and in Chinese', async (disguise) => {
    const bomb = unzipSync(odsWithRows(await ods(), repeatedFilledRow(2000, 16000), 'first'));
    bomb['content.xml'] = strToU8(disguises[disguise](strFromU8(bomb['content.xml'])));
    const { mimetype, ...rest } = bomb;
    const started = Date.now();
    const host = FileHost.load(zipSync({ mimetype: [mimetype, { level: 0 }], ...rest }), '炸弹.ods');
    await expect(host).rejects.toThrow(/^文件过大：\.ods 文件中重复的单元格展开后约 3,200 万个/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses filled cells past Excel’s last row (after LibreOffice’s own blank repeat), naming the row', async () => {
    const host = FileHost.load(odsWithRows(await ods(), repeatedFilledRow(3, 2), 'last'), '远.ods');
    await expect(host).rejects.toThrow(/超出了 Excel 的范围（第 1,048,5\d\d 行/);
  });

  it('reads an .ods with a few repeated filled rows as before: the bound is on expansion, not on repeats', async () => {
    const host = await FileHost.load(odsWithRows(await ods(), repeatedFilledRow(5, 3), 'first'), '部门.ods');
    const results = checkWorkbook(await host.readSheets('all'), BUILT_IN_PROFILES.national);
    expect(results.map((r) => r.kind)).toContain('department-evaluation');
  });

  it('refuses an XML 2003 sheet whose one far cell (ss:Index) would make the converter walk billions of addresses', async () => {
    const xml =
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="自评表"><Table>' +
      '<Row><Cell><Data ss:Type="String">项目支出绩效自评表</Data></Cell></Row>' +
      '<Row ss:Index="1048576"><Cell ss:Index="16384"><Data ss:Type="Number">1</Data></Cell></Row></Table></Worksheet></Workbook>';
    const started = Date.now();
    await expect(FileHost.load(strToU8(xml), '远.xls')).rejects.toThrow(
      /^工作表「自评表」已用区域过大（A1:XFD1048576，/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reads an HTML table of twenty thousand unclosed cells in linear time, in Chinese either way', async () => {
    const html = `<html><body><table>${'<tr><td>1'.repeat(20000)}</table></body></html>`;
    const started = Date.now();
    const outcome = await FileHost.load(strToU8(html), '乱.xls').then(
      async (host) => checkWorkbook(await host.readSheets('all'), BUILT_IN_PROFILES.national).length,
      (error: Error) => error.message,
    );
    expect(typeof outcome === 'number' || /[\u4e00-\u9fa5]/.test(outcome)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('counts what LibreOffice writes — trailing blank repeats of a million rows — as the cells they fill', () => {
    const xml =
      '<table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row>' +
      '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>';
    expect(filledCells(xml)).toEqual({ cells: 1, lastRow: 1, lastCol: 1 });
  });

  it('scans unclosed table tags in linear time', () => {
    const started = Date.now();
    filledCells('<table:table-cell office:value="1"'.repeat(200_000));
    expect(Date.now() - started).toBeLessThan(3000);
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
