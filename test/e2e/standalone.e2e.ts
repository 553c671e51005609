import ExcelJS from 'exceljs';
import { mkdirSync, promises as fs, readdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkSheets } from '../helpers/check';
import { BUILT_IN_PROFILES } from '../../src/core/rules/profiles';
import { openWorkbookFile } from '../../src/hosts/file/open-file';
import { FileHost } from '../../src/hosts/file/file-host';
import { launchChromium, serveDist } from './harness';
import { readXlsx } from '../../src/xlsx/xlsx-reader';
import { stackedXlsx } from '../helpers/stacked-xlsx';
import { unzipSync } from 'fflate';
import { spawn, spawnSync } from 'child_process';

/** The copy as another library reads it (exceljs), to prove it is a workbook others can open. */
async function excelJsModel(file: string): Promise<ExcelJS.Workbook> {
  const model = new ExcelJS.Workbook();
  await model.xlsx.readFile(file);
  return model;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'shared');
const ARTIFACTS = path.join(__dirname, '..', '..', 'e2e-artifacts');

interface ExpectedForm {
  sheet: string;
  top: string;
  bottom: string;
  total: number | null;
  required: Array<[string, number]>;
  allowed: Array<[string, number]>;
}

let browser: Browser;
let server: { origin: string; close: () => Promise<void> };
let context: BrowserContext;
const requests: string[] = [];

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  context.on('request', (request) => requests.push(request.url()));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** A new page on an empty desk: what earlier tests opened (the browser keeps the desk) is forgotten first. */
async function openStandalone(width = 1280): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    // Before the page's own scripts: IndexedDB runs a delete before any later open of the same database.
    if (!sessionStorage.getItem('keep-desk')) indexedDB.deleteDatabase('jixiao-desk');
  });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${server.origin}/checker.html`);
  await page.waitForSelector('#drop-zone', { timeout: 15000 });
  return page;
}

async function openWorkbook(page: Page, file: string): Promise<void> {
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('article.form', { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('#status progress'));
}

const workbooks = readdirSync(FIXTURES).filter((n) => n.endsWith('.xlsx'));

describe('standalone page in Chromium', () => {
  it.each(workbooks)('shows every expected form and finding of %s', async (workbook) => {
    const expected = (
      JSON.parse(await fs.readFile(path.join(FIXTURES, workbook.replace(/\.xlsx$/, '.expected.json')), 'utf8')) as {
        forms: ExpectedForm[];
      }
    ).forms;
    const page = await openStandalone();
    await openWorkbook(page, path.join(FIXTURES, workbook));
    const forms = await page.$$eval('article.form', (elements) =>
      elements.map((element) => ({
        sheet: (element as HTMLElement).dataset.sheet,
        range: (element as HTMLElement).dataset.range,
        findings: [...element.querySelectorAll<HTMLElement>('.finding[data-rule]')].map((f) => ({
          rule: f.dataset.rule!,
          row: Number(f.dataset.row),
          error: !!f.closest('.group.error'),
        })),
      })),
    );
    expect(forms.map((f) => [f.sheet, f.range])).toEqual(expected.map((e) => [e.sheet, `${e.top}:${e.bottom}`]));
    forms.forEach((form, i) => {
      for (const [rule, row] of expected[i].required) expect(form.findings).toContainEqual({ rule, row, error: true });
      const permitted = [...expected[i].required, ...expected[i].allowed].map(([rule, row]) => `${rule}@${row}`);
      expect(form.findings.filter((f) => f.error && !permitted.includes(`${f.rule}@${f.row}`))).toEqual([]);
    });
    await page.close();
  });

  it('clicks a finding, inserts a template, downloads the annotated copy, and the engine checks it', async () => {
    const page = await openStandalone();
    await openWorkbook(page, path.join(FIXTURES, 'seed000-2020-errors.xlsx'));
    // 帮助 speaks of the page (not of Excel's 开始 tab) and names the version the build was made from.
    const help = (await page.textContent('#help')) ?? '';
    expect(help).toContain(
      `绩效自评助手 ${(JSON.parse(await fs.readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version}`,
    );
    expect(help).toContain('独立网页版');
    expect(help).not.toContain('开始”选项卡');
    await page.click('.finding[data-rule="reason-missing"][data-cell="I15"]');
    await page.waitForSelector('#draft:not([hidden]) #reason-text');
    const preview = await page.inputValue('#reason-text');
    expect(preview).toContain('项目完成及时性');
    await page.click('#insert-reason');
    await page.waitForSelector('.message.success');
    await page.waitForFunction(() => !document.querySelector('.finding[data-rule="reason-missing"][data-cell="I15"]'));
    await page.click('#more-actions');
    await page.click('#mark');
    await page.waitForFunction(() => /已标记/.test(document.querySelector('#status')?.textContent ?? ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('seed000-2020-errors-审核.xlsx');
    const saved = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'zp-e2e-')), download.suggestedFilename());
    await download.saveAs(saved);

    const copy = await openWorkbookFile(saved);
    const results = checkSheets(await copy.readSheets('all'), BUILT_IN_PROFILES.national);
    const model = await excelJsModel(saved);
    const sheet = model.getWorksheet('2-科普资源平台建设及大众学奖评选项目')!;
    expect(String(sheet.getCell('I15').value)).toBe(preview);
    expect(results[1].findings.map((f) => `${f.rule}@${f.cell}`)).not.toContain('reason-missing@I15');
    expect(results[1].findings.map((f) => `${f.rule}@${f.cell}`)).toContain('reason-missing@I16');
    expect((sheet.getCell('H6').fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(model.getWorksheet('审核意见')).toBeDefined();
    await page.close();
  });

  it('works by keyboard alone: from a focused finding to an inserted template in at most 10 key presses', async () => {
    const page = await openStandalone();
    // Opening the file by keyboard: Tab to the drop zone, Enter opens the picker.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('drop-zone');
    // Enter on the drop zone opens the file picker (seen as a click on the file input; the picker itself
    // is the browser's own dialog and is answered with the file below).
    await page.evaluate(() =>
      document.getElementById('file-input')!.addEventListener('click', (event) => {
        (window as unknown as { picked: boolean }).picked = true;
        event.preventDefault();
      }),
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { picked?: boolean }).picked === true);
    await page.setInputFiles('#file-input', path.join(FIXTURES, 'seed000-2020-errors.xlsx'));
    await page.waitForSelector('article.form', { timeout: 30000 });
    await page.waitForFunction(() => !document.querySelector('#status progress'));
    await page.focus('.finding[data-rule="reason-missing"][data-cell="I15"]');
    // Each key, then where the focus must be once the pane has answered it (never on the page itself).
    const steps: Array<[string, string]> = [
      ['Enter', '#draft input[type="radio"]:checked'],
      ['ArrowDown', '#suggestion-1'],
      ['Tab', '#reason-text'],
      ['Tab', '#insert-reason'],
      ['Enter', '#status, #close-draft, .finding, button'],
    ];
    const keys = steps.map(([key]) => key);
    for (const [key, focused] of steps) {
      await page.keyboard.press(key);
      await page.waitForFunction((selector) => {
        const active = document.activeElement;
        return !!active && active !== document.body && active.matches(selector);
      }, focused);
    }
    expect(keys.length).toBeLessThanOrEqual(10);
    await page.waitForFunction(() => /已写入 I15/.test(document.querySelector('#status')?.textContent ?? ''));
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('');
    await page.close();
  });

  it('at 320 px the preview is scrolled to the highlighted cell, and 插入’s confirmation is on screen where the user is', async () => {
    const page = await openStandalone(320);
    await openWorkbook(page, path.join(FIXTURES, 'seed000-2020-errors.xlsx'));
    // A finding far to the right of column A: its preview would start at column A and hide it.
    await page.click('.finding[data-rule="reason-missing"][data-cell="I15"]');
    await page.waitForSelector('#preview td.target');
    const visible = await page.evaluate(() => {
      const box = document.querySelector('#preview .preview-scroll')!.getBoundingClientRect();
      const cell = document.querySelector('#preview td.target')!.getBoundingClientRect();
      return (
        cell.left >= box.left - 1 &&
        cell.right <= box.right + 1 &&
        cell.top >= box.top - 1 &&
        cell.bottom <= box.bottom + 1
      );
    });
    expect(visible).toBe(true);
    await page.waitForSelector('#insert-reason');
    await page.click('#insert-reason');
    await page.waitForFunction(() => /已写入 I15/.test(document.querySelector('#status')?.textContent ?? ''));
    const onScreen = await page.evaluate(() => {
      const message = document.querySelector('#status .message')!.getBoundingClientRect();
      return message.top >= 0 && message.bottom <= window.innerHeight;
    });
    expect(onScreen).toBe(true);
    await page.close();
  });

  it('替换 asks with the current text, and 撤销 puts the filler’s text back', async () => {
    const page = await openStandalone();
    await openWorkbook(page, path.join(FIXTURES, 'seed000-2020-errors.xlsx'));
    const withReason = page.locator('.group.deducted .finding', { hasText: '原因：' }).first();
    const before = ((await withReason.locator('.text').textContent()) ?? '').replace(/^原因：/, '');
    await withReason.click();
    await page.fill('#reason-text', '新的说明。');
    await page.click('#replace-reason');
    await page.waitForSelector('#confirm-replace');
    expect(await page.textContent('.confirm')).toContain(before.slice(0, 10));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /已写入/.test(document.querySelector('#status')?.textContent ?? ''));
    await page.click('#undo');
    await page.waitForFunction(() => /已撤销/.test(document.querySelector('#status')?.textContent ?? ''));
    // The status comes before the re-check of the restored cells: the cards show the text once it is done.
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('.group.deducted .finding .text')].some((e) => e.textContent === text),
      `原因：${before}`,
    );
    const texts = await page.$$eval('.group.deducted .finding .text', (elements) => elements.map((e) => e.textContent));
    expect(texts).toContain(`原因：${before}`);
    expect(texts).not.toContain('原因：新的说明。');
    await page.close();
  });

  it('新建自评表 from a 申报表 file: the new forms show at once, the download is named as a new form and prints one page wide', async () => {
    const declarations = path.join(__dirname, '..', 'fixtures', 'declarations', 'seed001-2025-declarations.xlsx');
    const page = await openStandalone();
    await openWorkbook(page, declarations);
    const before = await page.$$eval('article.form', (forms) => forms.length);
    await page.click('#more-actions');
    await page.click('#new-from-declaration');
    await page.waitForFunction(() => /已新建工作表/.test(document.querySelector('#status')?.textContent ?? ''));
    const status = (await page.textContent('#status')) ?? '';
    // The page cannot be typed into: the message says to download and fill in, not to click what cannot help.
    expect(status).toContain('下载副本');
    await page.waitForFunction((n) => document.querySelectorAll('article.form').length > n, before);
    const sheets = await page.$$eval('article.form', (forms) => forms.map((f) => (f as HTMLElement).dataset.sheet));
    const added = sheets.filter((sheet) => /自评表/.test(sheet ?? ''));
    expect(added.length).toBeGreaterThanOrEqual(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('seed001-2025-declarations-自评表.xlsx');
    const parts = unzipSync(new Uint8Array(await fs.readFile(await download.path())));
    const newSheets = Object.entries(parts).filter(
      ([name, bytes]) =>
        /^xl\/worksheets\/sheet\d+\.xml$/.test(name) && /项目支出绩效自评表/.test(Buffer.from(bytes).toString()),
    );
    expect(newSheets.length).toBe(added.length);
    for (const [, bytes] of newSheets) {
      const xml = Buffer.from(bytes).toString();
      expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"[^>]*fitToWidth="1"/);
      expect(xml).toMatch(/<row r="\d+" ht="/);
    }
    await page.close();
  });

  it('is a desk for 36 received files: every one counted, 查看 on the last row brings that file, filters by 未识别, few Tabs to a finding', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-desk36-'));
    const unseen = path.join(__dirname, '..', 'fixtures', 'unseen');
    const sources = [
      ...workbooks.map((w) => path.join(FIXTURES, w)),
      ...readdirSync(unseen)
        .filter((n) => n.endsWith('.xlsx'))
        .map((n) => path.join(unseen, n)),
    ];
    const files: string[] = [];
    for (let i = 0; files.length < 35; i++) {
      const source = sources[i % sources.length];
      const name = path.join(dir, `${String(i + 1).padStart(2, '0')}-${path.basename(source)}`);
      await fs.copyFile(source, name);
      files.push(name);
    }
    const broken = path.join(dir, '36-截断的.xlsx');
    await fs.writeFile(broken, (await fs.readFile(sources[0])).subarray(0, 2000));
    files.push(broken);
    const page = await openStandalone();
    await page.setInputFiles('#file-input', files);
    await page.waitForFunction(
      () =>
        /共 36 个文件、\d+ 张表（1 个文件无法读取）：/.test(document.querySelector('#desk-totals')?.textContent ?? ''),
      null,
      { timeout: 120000 },
    );
    const rows = () =>
      page.$$eval('.desk-table tr[data-status]', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.status));
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(40);
    // Every file has at least one row: its forms, or the file itself with what became of it.
    const named = await page.$$eval('.desk-table tr[data-status] td:first-child', (tds) =>
      tds.map((td) => td.textContent ?? ''),
    );
    for (const file of files) expect(named.some((text) => text.includes(path.basename(file)))).toBe(true);
    // At 320 px the rows are cards and the header a row of sort buttons, every one on screen and usable.
    const width = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.locator('.desk-table button.sort:visible').count()).toBe(
      await page.locator('.desk-table button.sort').count(),
    );
    await page.locator('.desk-table button.sort[data-column="状态"]').click();
    expect(await page.getAttribute('.desk-table th:has(button[data-column="状态"])', 'aria-sort')).toBe('ascending');
    if (width) await page.setViewportSize(width);
    // 查看 on the last row: that file below the desk, in view, its title focused.
    const last = page.locator('.desk-table button:has-text("查看")').last();
    const label = (await last.getAttribute('aria-label')) ?? '';
    await last.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    expect(await page.textContent('#detail-title')).toContain(/「(.+)」/.exec(label)![1]);
    expect(
      await page.evaluate(() => {
        const box = document.getElementById('detail-title')!.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    // The status filter has 未识别: only those rows stay.
    await page.selectOption('#desk-status', '未识别');
    const unrecognised = await rows();
    expect(unrecognised.length).toBeGreaterThan(0);
    expect(unrecognised.length).toBeLessThan(all.length);
    expect(new Set(unrecognised)).toEqual(new Set(['unrecognised']));
    await page.selectOption('#desk-status', '全部');
    // From the top of the page: the skip link, then a few Tabs to the open file's first finding (not ~180).
    expect(
      await page.evaluate(
        () => document.querySelector('a[href], button, input:not([tabindex="-1"]), select, [tabindex="0"]')?.className,
      ),
    ).toBe('skip-link');
    await page.focus('a.skip-link');
    await page.keyboard.press('Enter');
    let tabs = 0;
    while (tabs < 40 && !(await page.evaluate(() => document.activeElement?.classList.contains('finding')))) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs).toBeLessThanOrEqual(20);
    await page.close();
  }, 240000);

  it('is a desk: five files in one summary table with the right counts, one zip that re-checks the same, a printout without buttons', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-desk-'));
    const broken = path.join(dir, '损坏的.xlsx');
    await fs.writeFile(broken, 'PK\u0003\u0004 不是完整的工作簿');
    const files = [...workbooks.map((w) => path.join(FIXTURES, w)), broken];
    expect(files).toHaveLength(5);
    const expected = { files: files.length, forms: 0, errors: 0 };
    const findingsOf = new Map<string, string[]>();
    for (const file of workbooks) {
      const results = checkSheets(
        await (await openWorkbookFile(path.join(FIXTURES, file))).readSheets('all'),
        BUILT_IN_PROFILES.national,
      );
      expected.forms += results.length;
      expected.errors += results.flatMap((r) => r.findings).filter((f) => f.severity === 'error').length;
      findingsOf.set(file, results.flatMap((r) => r.findings.map((f) => `${r.sheet}!${f.rule}@${f.cell}`)).sort());
    }
    const page = await openStandalone();
    await page.setInputFiles('#file-input', files);
    // Every file read, the unreadable one included, before the totals are compared.
    const filesLine = `共 ${expected.files} 个文件、${expected.forms} 张表（1 个文件无法读取）`;
    await page.waitForFunction(
      (line) => (document.querySelector('#desk-totals')?.textContent ?? '').includes(line),
      filesLine,
    );
    await page.waitForFunction(() => !/正在检查/.test(document.querySelector('#desk-summary')?.textContent ?? ''));
    const totals = await page.textContent('#desk-totals');
    expect(totals).toContain(`共 ${expected.files} 个文件、${expected.forms} 张表（1 个文件无法读取）`);
    expect(totals).toContain(`错误 ${expected.errors} 项`);
    // The same file dropped again stays one file.
    await page.setInputFiles('#file-input', files[0]);
    await page.waitForFunction(() => /已经打开/.test(document.querySelector('#file-notice')?.textContent ?? ''));
    expect(await page.textContent('#desk-totals')).toContain(`共 ${expected.files} 个文件`);
    // Sorting by 错误 puts the file with the most errors first.
    await page.click('button.sort[data-column="错误"]');
    await page.click('button.sort[data-column="错误"]');
    const errorsAt = await page.$$eval('.desk-table th', (ths) =>
      ths.findIndex((th) => th.querySelector('button')?.getAttribute('data-column') === '错误'),
    );
    const firstErrors = await page.$eval(`.desk-table tbody tr:first-child td:nth-child(${errorsAt + 1})`, (td) =>
      Number(td.textContent),
    );
    const allErrors = await page.$$eval(`.desk-table tr td:nth-child(${errorsAt + 1})`, (tds) =>
      tds.map((td) => Number(td.textContent) || 0),
    );
    expect(firstErrors).toBe(Math.max(...allErrors));
    // The filter searches columns the desk does not show: 实施单位 finds the forms of that unit.
    const rowsShown = () => page.$$eval('.desk-table tr[data-status]', (rows) => rows.length);
    const everything = await rowsShown();
    await page.fill('#desk-filter', '上海市科普事业中心');
    const filtered = await rowsShown();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(everything);
    await page.fill('#desk-filter', '');
    // 查看 on the last row brings that file's findings into view with the focus on its title.
    await page.locator('.desk-table button:has-text("查看")').last().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
    // 关闭文件 asks first, naming the file; saying no keeps it.
    const rowsBefore = await rowsShown();
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await page.locator('.desk-table button:has-text("关闭文件")').last().click();
    expect(await asked).toMatch(/^关闭文件「.+」？/);
    expect(await rowsShown()).toBe(rowsBefore);
    // The first Tab stop jumps past the desk to the open file's findings.
    const first = await page.evaluate(
      () => document.querySelector('a[href], button, input:not([tabindex="-1"]), select, [tabindex="0"]')?.className,
    );
    expect(first).toBe('skip-link');
    await page.focus('a.skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#mark-all')]);
    expect(download.suggestedFilename()).toMatch(/^审核结果-\d{4}-\d{2}-\d{2}\.zip$/);
    const zipped = unzipSync(new Uint8Array(await fs.readFile(await download.path())));
    expect(Object.keys(zipped)).toEqual(expect.arrayContaining(['汇总表.xlsx', '复核底稿.xlsx', '问题清单.csv']));
    expect([...zipped['问题清单.csv'].slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const file of workbooks) {
      const name = `${file.replace(/\.xlsx$/, '')}-审核.xlsx`;
      expect(zipped[name]).toBeDefined();
      const copy = path.join(dir, name);
      await fs.writeFile(copy, zipped[name]);
      const again = checkSheets(await (await openWorkbookFile(copy)).readSheets('all'), BUILT_IN_PROFILES.national);
      expect(again.flatMap((r) => r.findings.map((f) => `${r.sheet}!${f.rule}@${f.cell}`)).sort()).toEqual(
        findingsOf.get(file),
      );
    }

    // What the browser does before printing (Ctrl+P or 打印汇总): the list of every file's findings is made.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.desk-table')).toBe(true);
    expect(await page.isVisible('#printed-findings')).toBe(true);
    expect(await page.isVisible('#detail')).toBe(false);
    const printedFiles = await page.$$eval('#printed-findings tbody tr', (rows) =>
      rows.map((row) => row.querySelector('td')?.textContent ?? ''),
    );
    const allFindings = [...findingsOf.values()].reduce((sum, list) => sum + list.length, 0);
    // One row per finding, and one for the file that could not be read (with its reason).
    expect(printedFiles).toHaveLength(allFindings + 1);
    expect(new Set(printedFiles)).toEqual(
      new Set([...workbooks.filter((file) => findingsOf.get(file)!.length > 0), path.basename(broken)]),
    );
    // Rule names in words, never ids.
    expect(await page.textContent('#printed-findings')).not.toMatch(/[a-z]+-[a-z]+-?[a-z]*@|score-over|total-/);
    expect(
      await page.$$eval(
        'button',
        (buttons) =>
          buttons.filter(
            (b) => b.offsetParent !== null && !b.classList.contains('finding') && !b.classList.contains('sort'),
          ).length,
      ),
    ).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    const pdfPath = path.join(ARTIFACTS, 'desk-print.pdf');
    const pdf = await page.pdf({ path: pdfPath, format: 'A4', landscape: true });
    expect(pdf.length).toBeGreaterThan(1000);
    // Each page that continues the findings list starts with its header row again.
    const pages = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).stdout.split('\f');
    const listStart = pages.findIndex((text) => text.includes('问题清单（'));
    expect(listStart).toBeGreaterThanOrEqual(0);
    const continued = pages.slice(listStart + 1).filter((text) => /\.xlsx/.test(text));
    expect(continued.length).toBeGreaterThan(0);
    for (const text of continued) expect(text).toMatch(/文件\s+工作表\s+表单\s+项目\s+单元格/);
    // Signed where 汇总表.xlsx is signed; no word of the printout under 9 pt (pdftotext's box is ~1.3 × the size).
    expect(pages.join('')).toMatch(/审核人：_+\s+复核人：_+\s+日期：_+/);
    const boxes = spawnSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' }).stdout;
    const heights = [...boxes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">[^<]*[\u4e00-\u9fff]/g)].map(
      (m) => Number(m[2]) - Number(m[1]),
    );
    expect(heights.length).toBeGreaterThan(50);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(9 * 1.25);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('a reviewer’s decisions survive a reload: an ignored warning and a 退回 come back with the desk and stand in 汇总表', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-decide-'));
    const broken = path.join(dir, '损坏的.xlsx');
    await fs.writeFile(broken, 'PK\u0003\u0004 不是完整的工作簿');
    const page = await openStandalone();
    await page.setInputFiles('#file-input', [path.join(FIXTURES, 'seed000-2020.xlsx'), broken]);
    await page.waitForSelector('article.form button.ignore', { timeout: 30000 });
    // The only warning of the first form (a score outside its band) is accepted, with the reason.
    const first = page.locator('article.form').first();
    await expect(first.locator('.status').textContent()).resolves.toMatch(/需核对/);
    await first.locator('button.ignore').click();
    await first.locator('input.ignore-reason').fill('经核实，满意度调查口径已报备');
    await first.locator('input.ignore-reason').press('Enter');
    await page.waitForFunction(() =>
      /状态：通过/.test(document.querySelector('article.form .status')?.textContent ?? ''),
    );
    // The second form goes back to the unit, with the 审核意见 they will read.
    const second = page.locator('article.form').nth(1);
    await second.locator('input[value="退回"]').check();
    await second.locator('textarea').fill('请按评分标准重新评分');
    await second.locator('button:has-text("保存审核结论")').click();
    await page.waitForSelector('article.form .verdict-saved');
    const deskRows = () =>
      page.$$eval('.desk-table tbody tr[data-status]', (rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('td')]
            .filter((td) => ['状态', '审核结论'].includes(td.getAttribute('data-label') ?? ''))
            .map((td) => td.textContent),
        ),
      );
    const before = await deskRows();
    expect(before).toEqual(
      expect.arrayContaining([
        ['通过', ''],
        ['需核对', '退回'],
      ]),
    );
    // Reloaded (on purpose this time: the desk is kept), everything is back.
    await page.evaluate(() => sessionStorage.setItem('keep-desk', '1'));
    await page.reload();
    await page.waitForFunction(
      () => /已恢复上次打开的 2 个文件/.test(document.querySelector('#file-notice')?.textContent ?? ''),
      null,
      {
        timeout: 30000,
      },
    );
    expect(await deskRows()).toEqual(before);
    await page.waitForSelector('article.form .group.ignored');
    expect(await page.textContent('article.form .group.ignored')).toContain('经核实，满意度调查口径已报备');
    // Asked for here: the copies print each form one page wide.
    await page.check('#fit-width');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#mark-all')]);
    const zipped = unzipSync(new Uint8Array(await fs.readFile(await download.path())));
    const copy = await FileHost.load(zipped['seed000-2020-审核.xlsx'], 'seed000-2020-审核.xlsx');
    const [formSheet] = copy.workbookPackage.read().sheets;
    expect(copy.workbookPackage.sheet(formSheet.path).printFit()).toMatchObject({ fitToPage: true, fitWidth: 1 });
    const summaryPath = path.join(dir, '汇总表.xlsx');
    await fs.writeFile(summaryPath, zipped['汇总表.xlsx']);
    const sheet = (await excelJsModel(summaryPath)).worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
    );
    const header = rows.findIndex((row) => row.includes('审核结论'));
    const at = (name: string) => rows[header].indexOf(name);
    const forms = rows.slice(header + 1).filter((row) => row[at('工作表')]);
    const cell = (row: string[], name: string) => row[at(name)] ?? '';
    const shown = forms.map((row) => [
      cell(row, '状态'),
      cell(row, '已忽略'),
      cell(row, '审核结论'),
      cell(row, '审核意见'),
    ]);
    expect(shown).toEqual([
      ['通过', '1', '', ''],
      ['需核对', '', '退回', '请按评分标准重新评分'],
    ]);
    await page.evaluate(() => sessionStorage.removeItem('keep-desk'));
    await page.close();
  });

  it('checks 4,400 forms stacked in one sheet in a worker: progress shows and the page keeps answering', async () => {
    const source = readXlsx(new Uint8Array(await fs.readFile(path.join(FIXTURES, 'seed000-2020-errors.xlsx'))));
    const big = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'zp-e2e-')), '汇总4400.xlsx');
    await fs.writeFile(big, stackedXlsx(source.grid(source.sheets[1]), 4400));
    const page = await openStandalone();
    // Every 50 ms the page notes how long it really waited: a frozen main thread shows as a long gap.
    // It also notes every line the desk showed meanwhile: progress must tell the truth, never "0 张表" alone.
    await page.evaluate(() => {
      const gaps: number[] = [];
      const seen: string[] = [];
      Object.assign(window, { gaps, seen });
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        seen.push(
          `${document.querySelector('#desk-summary')?.textContent ?? ''}\n${document.querySelector('#status')?.textContent ?? ''}`,
        );
      }, 50);
    });
    await page.setInputFiles('#file-input', big);
    await page.waitForSelector('#file-progress:not([hidden]), #status progress', { timeout: 20000 });
    await page.waitForFunction(
      () => /共 4400 张自评表/.test(document.querySelector('#status')?.textContent ?? ''),
      null,
      { timeout: 120000 },
    );
    const longest = await page.evaluate(() => Math.max(...(window as unknown as { gaps: number[] }).gaps));
    expect(longest).toBeLessThan(1500);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // The forms found so far, counted as the worker finds and checks them.
    expect(seen.some((text) => /已找到 4,400 张表，已检查 [\d,]+ 张/.test(text))).toBe(true);
    const whileChecking = seen.filter((text) => /正在检查：/.test(text));
    expect(whileChecking.length).toBeGreaterThan(0);
    for (const text of whileChecking) expect(text).toContain('正在读取或检查，完成后计入');
    expect(await page.$$('article.form')).toHaveLength(30);
    expect(await page.textContent('#more-results')).toContain('共 4400 张');
    await page.click('#more-results');
    expect(await page.$$('article.form')).toHaveLength(60);
    await page.close();
  }, 180000);

  it.each(['seed002-2024.xls', 'seed002-2024.et', 'seed002-2024.ods'])(
    'reads %s like its .xlsx twin and downloads an .xlsx copy',
    async (file) => {
      const page = await openStandalone();
      await openWorkbook(page, path.join(FIXTURES, '..', 'formats', file));
      expect(await page.$$('article.form')).toHaveLength(5);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      expect(download.suggestedFilename()).toBe('seed002-2024-审核.xlsx');
      await page.close();
    },
  );

  it('a file that is not a workbook gets a Chinese message, and nothing breaks', async () => {
    const page = await openStandalone();
    const bad = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'zp-e2e-')), '不是表格.xlsx');
    await fs.writeFile(bad, '这不是工作簿');
    await page.setInputFiles('#file-input', bad);
    await page.waitForFunction(() => (document.querySelector('#file-notice')?.textContent ?? '').length > 0);
    expect(await page.textContent('#file-notice')).toMatch(/文件「不是表格.xlsx」：不是 Excel 工作簿/);
    await openWorkbook(page, path.join(FIXTURES, 'seed002-2024.xlsx'));
    expect(await page.$$('article.form')).toHaveLength(5);
    await page.close();
  });

  it('takes screenshots of the results at 320 px and 1280 px for people to look at', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [320, 1280]) {
      const page = await openStandalone(width);
      await openWorkbook(page, path.join(FIXTURES, 'seed000-2020-errors.xlsx'));
      // Nothing may overflow sideways at 320 px.
      const overflowing = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter(
            (e) =>
              e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.desk-scroll, .preview-scroll'),
          )
          .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)
          .slice(0, 5),
      );
      expect(overflowing).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      // At 320 px the desk is cards: a row a block, each value with its column's name; wide, a table.
      const rowDisplay = await page.$eval('.desk-table tr[data-status]', (row) => getComputedStyle(row).display);
      expect(rowDisplay).toBe(width === 320 ? 'block' : 'table-row');
      if (width === 320) {
        const label = await page.$eval(
          '.desk-table tr[data-status] td',
          (td) => getComputedStyle(td, '::before').content,
        );
        expect(label).toContain('文件');
      }
      await page.screenshot({ path: path.join(ARTIFACTS, `results-${width}.png`), fullPage: true });
      await page.close();
    }
  });

  it('teaches an unread layout with the page alone in under a minute; the saved layout reads the next file in the CLI', async () => {
    const unseen = path.join(__dirname, '..', 'fixtures', 'unseen');
    const started = Date.now();
    const page = await openStandalone();
    await openWorkbook(page, path.join(unseen, 'unreadable-layout.xlsx'));
    expect(await page.textContent('article.form[data-kind="unrecognised"]')).toContain('此表未检查');
    // The desk lists the sheet as 未识别 with the reason, and filters on it.
    await page.waitForSelector('.desk-table tr[data-status="unrecognised"]');
    expect(await page.textContent('.desk-table tr[data-status="unrecognised"]')).toContain('未识别：没有找到指标表头');
    await page.selectOption('#desk-status', '未识别');
    expect(
      await page.$$eval('.desk-table tbody tr, .desk-table tr[data-status]', (rows) => rows.length),
    ).toBeGreaterThan(0);
    await page.selectOption('#desk-status', '全部');
    await page.click('#teach-open-0');
    await page.waitForSelector('#teach-role-4');
    const roles = ['name', 'target', 'actual', 'weight', 'score'];
    for (const [i, role] of roles.entries()) await page.selectOption(`#teach-role-${i}`, role);
    await page.fill('#teach-name', '考核式自评表');
    await page.click('#teach-save');
    await page.waitForSelector('article.form[data-kind="self-evaluation"]', { timeout: 30000 });
    expect(await page.textContent('#status')).toContain('已按指定的列检查');
    expect(Date.now() - started).toBeLessThan(60000);

    await page.click('#layouts summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#layouts-export')]);
    expect(download.suggestedFilename()).toBe('表格版式.json');
    const layoutFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'layout-e2e-')), '表格版式.json');
    await download.saveAs(layoutFile);
    // The next file, written by another program (LibreOffice), checked by the CLI as a reviewer runs it.
    const cli = path.join(__dirname, '..', '..', 'lib', 'cli', 'main.js');
    const next = path.join(unseen, 'unreadable-layout-libreoffice.xlsx');
    const run = spawnSync(process.execPath, [cli, '--json', '--layout', layoutFile, next], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const forms = JSON.parse(run.stdout).files[0].forms as Array<{ kind: string; sheet: string }>;
    expect(forms.map((f) => [f.kind, f.sheet])).toEqual([['self-evaluation', '自评表']]);
    const without = spawnSync(process.execPath, [cli, '--json', next], { encoding: 'utf8' });
    expect(without.status).toBe(1);
    await page.close();
  });

  it('opened by double-click (file://) from a copied folder it reads and checks workbooks all the same; npm run serve serves it too', async () => {
    // A context of its own: these pages come from file:// and another port, not the server under test.
    const own = await browser.newContext();
    const page = await own.newPage();
    const copied = await fs.mkdtemp(path.join(os.tmpdir(), '绩效自评助手 副本-'));
    await fs.cp(path.join(__dirname, '..', '..', 'dist'), copied, { recursive: true });
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(request.url()));
    await page.goto(`file://${path.join(copied, 'checker.html')}`);
    await page.waitForSelector('#drop-zone', { timeout: 15000 });
    // A workbook and an .xls (read by the worker's own SheetJS): both checked, in workers started from blobs.
    await page.setInputFiles('#file-input', [
      path.join(FIXTURES, 'seed000-2020-errors.xlsx'),
      path.join(__dirname, '..', 'fixtures', 'formats', 'seed002-2024.xls'),
    ]);
    await page.waitForFunction(
      () => /共 2 个文件、\d+ 张表：/.test(document.querySelector('#desk-totals')?.textContent ?? ''),
      null,
      { timeout: 30000 },
    );
    await page.waitForSelector('article.form', { timeout: 30000 });
    expect(await page.$$eval('.finding[data-rule]', (f) => f.length)).toBeGreaterThan(0);
    expect(await page.textContent('#desk-totals')).not.toMatch(/无法读取/);
    expect(fetched.filter((url) => !url.startsWith('file://') && !url.startsWith('blob:'))).toEqual([]);
    await page.close();
    const port = 20000 + (process.pid % 20000);
    const serve = spawn(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'serve.js')], {
      env: { ...process.env, PORT: String(port) },
    });
    try {
      const said = await new Promise<string>((resolve) =>
        serve.stdout.once('data', (chunk: Buffer) => resolve(String(chunk))),
      );
      expect(said).toContain(`http://127.0.0.1:${port}/checker.html`);
      const served = await own.newPage();
      await served.goto(`http://127.0.0.1:${port}/checker.html`);
      await served.waitForSelector('#drop-zone', { timeout: 15000 });
      await served.close();
    } finally {
      serve.kill();
      await own.close();
    }
  });

  it('sent no request to any other origin', () => {
    expect(requests.length).toBeGreaterThan(5);
    const foreign = requests.filter(
      (url) => !url.startsWith(server.origin) && !url.startsWith('blob:') && !url.startsWith('data:'),
    );
    expect(foreign).toEqual([]);
  });
});

describe('accessibility', () => {
  it.each([1280, 320])(
    'has no serious or critical axe-core violations at %p px, with a finding’s panel and the 更多操作 menu open',
    async (width) => {
      // axe is injected as a script, which the page's CSP rightly forbids: a separate context bypasses it.
      const axeContext = await browser.newContext({ bypassCSP: true });
      const page = await axeContext.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.origin}/checker.html`);
      await page.waitForSelector('#drop-zone', { timeout: 15000 });
      await page.setInputFiles('#file-input', path.join(FIXTURES, 'seed000-2020-errors.xlsx'));
      await page.waitForSelector('article.form');
      await page.click('.finding[data-rule="reason-missing"]');
      await page.click('#more-actions');
      expect(await page.isVisible('#more-menu')).toBe(true);
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
              ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
            };
          }
        ).axe;
        const result = await axe.run(document);
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await axeContext.close();
    },
  );
});
