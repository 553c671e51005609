import ExcelJS from 'exceljs';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile } from 'child_process';
import { main, runFromShell } from '../src/cli/command-line';
import { CheckPool } from '../src/cli/check-pool';
import { checkSheets } from './helpers/check';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { openWorkbookFile } from '../src/hosts/file/open-file';
import { buildForm, seed2024Form, sheetGrid, workbookBytes } from './helpers/form-builder';
import { encryptedContainer } from './helpers/hostile-xlsx';

/** The copy as another library reads it (exceljs), to prove it is a workbook others can open. */
async function excelJsModel(file: string): Promise<ExcelJS.Workbook> {
  const model = new ExcelJS.Workbook();
  await model.xlsx.readFile(file);
  return model;
}

const FIXTURES = path.join(__dirname, 'fixtures', 'shared');
const ERRORS = path.join(FIXTURES, 'seed000-2020-errors.xlsx');
const CLEAN = path.join(FIXTURES, 'seed002-2024.xlsx');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zp-cli-'));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

describe('check CLI', () => {
  it('--json prints one document in the contract shape, exit 1 on errors', async () => {
    const { code, stdout } = await run(['--json', ERRORS]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.files).toHaveLength(1);
    const [file] = doc.files;
    expect(file).toMatchObject({ path: ERRORS, error: null });
    expect(file.forms.map((f: { sheet: string; range: string; kind: string }) => [f.range, f.kind])).toEqual([
      ['A1:I21', 'self-evaluation'],
      ['A1:I21', 'self-evaluation'],
    ]);
    expect(file.forms[1].total).toEqual({ cell: 'H21', declared: 90, computed: 90 });
    expect(file.forms[1].grade).toEqual({ cell: null, declared: null, computed: '优' });
    expect(file.forms[0].findings[0]).toEqual({
      rule: 'score-exceeds-weight',
      severity: 'error',
      cell: 'H14',
      message: expect.stringContaining('超过分值'),
    });
  });

  it('names each finding’s kind in Chinese in the text report (rule ids only in the JSON)', async () => {
    const { stdout } = await run([path.join(__dirname, 'fixtures', 'shared', 'seed000-2020-errors.xlsx')]);
    expect(stdout).toMatch(/✖ 错误 H14\s+得分超过分值：指标「项目质量达标率」/);
    expect(stdout).not.toMatch(/score-exceeds-weight|reason-missing|\[[a-z-]+\]/);
  });

  it('exit 0 and a Chinese report for a clean workbook', async () => {
    const { code, stdout } = await run([CLEAN]);
    expect(code).toBe(0);
    expect(stdout).toContain('■ 文件：');
    expect(stdout).toContain('项目：基层科普服务');
    expect(stdout).toContain('总分：填报 93 ｜ 计算 93（含预算执行率）');
    expect(stdout).toMatch(/汇总：共 1 个文件，5 张自评表；错误 0 项/);
  });

  it('unreadable files get a Chinese reason and exit 2, while the others are still checked', async () => {
    const files: Record<string, Uint8Array | string> = {
      'empty.xlsx': new Uint8Array(0),
      'text.xlsx': '这不是工作簿',
      'old.xls': Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
      // An .xlsx saved with an open password: an OLE container with EncryptionInfo and EncryptedPackage streams.
      'locked.xlsx': encryptedContainer(),
      'truncated.xlsx': (await fs.readFile(CLEAN)).subarray(0, 3000),
    };
    for (const [name, data] of Object.entries(files)) await fs.writeFile(path.join(tmp, name), data);
    const paths = [...Object.keys(files).map((n) => path.join(tmp, n)), path.join(tmp, 'missing.xlsx'), tmp, CLEAN];
    const { code, stdout } = await run(['--json', ...paths]);
    expect(code).toBe(2);
    const doc = JSON.parse(stdout) as { files: Array<{ path: string; error: string | null; forms: unknown[] }> };
    const errors = Object.fromEntries(doc.files.map((f) => [path.basename(f.path), f.error]));
    expect(errors['empty.xlsx']).toMatch(/空/);
    expect(errors['text.xlsx']).toMatch(/不是 Excel 工作簿/);
    // An .xls is read now; these bytes only look like one.
    expect(errors['old.xls']).toMatch(/\.xls（Excel 97–2003）文件已损坏或无法识别/);
    expect(errors['locked.xlsx']).toMatch(/密码/);
    expect(errors['truncated.xlsx']).toMatch(/损坏/);
    expect(errors['missing.xlsx']).toMatch(/找不到文件/);
    // The folder is opened: its workbooks are the ones given above, each checked once.
    expect(errors[path.basename(tmp)]).toBeUndefined();
    expect(doc.files).toHaveLength(7);
    for (const message of Object.values(errors).filter(Boolean)) expect(message).not.toMatch(/\n\s+at |Error:/);
    expect(doc.files[doc.files.length - 1]).toMatchObject({ error: null });
    expect(doc.files[doc.files.length - 1].forms).toHaveLength(5);
  });

  it('--out writes an annotated copy and never touches the input', async () => {
    const input = path.join(tmp, '收到的表.xlsx');
    await fs.copyFile(ERRORS, input);
    const before = await sha(input);
    const out = path.join(tmp, 'out');
    const { code, stdout } = await run(['--json', '--out', out, input]);
    expect(code).toBe(1);
    expect(await sha(input)).toBe(before);
    const copyPath = JSON.parse(stdout).files[0].output as string;
    expect(copyPath).toBe(path.join(out, '收到的表-审核.xlsx'));

    const original = await openWorkbookFile(input);
    const copy = await openWorkbookFile(copyPath);
    const originalSheets = await original.readSheets('all');
    const copySheets = await copy.readSheets('all');
    expect(copySheets.map((s) => [s.name, s.values])).toEqual(originalSheets.map((s) => [s.name, s.values]));

    const copyModel = await excelJsModel(copyPath);
    const marked = copyModel.getWorksheet('1-上海科协官方微信、微博策划与运维及视频拍')!.getCell('H14');
    expect((marked.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(marked.note)).toContain('超过分值');
    const review = copyModel.getWorksheet('审核意见')!;
    const results = checkSheets(originalSheets, BUILT_IN_PROFILES.national);
    const findings = results.flatMap((r) => r.findings);
    // The header, then per form a heading line and its findings (or 未发现问题).
    const lines = results.reduce((n, r) => n + 1 + Math.max(1, r.findings.length), 0);
    expect(review.rowCount).toBe(lines + 1);
    expect(findings.length).toBeGreaterThan(0);
    const firstLink = [...Array(review.rowCount).keys()]
      .map((i) => review.getCell(`C${i + 2}`).value)
      .find((v) => v && typeof v === 'object');
    expect(String((firstLink as { formula: string }).formula)).toMatch(/^HYPERLINK\("#'/);
  });

  it('--fill fills empty 总分 and 评分等级 in the copy only, and the copy then checks clean', async () => {
    const form = buildForm(seed2024Form({ total: [100, null], grade: null }));
    const input = path.join(tmp, '未填总分.xlsx');
    await fs.writeFile(input, await workbookBytes([sheetGrid('表', [{ rows: form.rows, top: 1, left: 1 }])]));
    const out = path.join(tmp, 'out');
    expect((await run(['--out', out, '--fill', input])).code).toBe(0);
    const copy = await openWorkbookFile(path.join(out, '未填总分-审核.xlsx'));
    const [result] = checkSheets(await copy.readSheets('all'), BUILT_IN_PROFILES.national);
    expect(result.total).toMatchObject({ declared: 93, computed: 93 });
    expect(result.grade).toMatchObject({ declared: '优', computed: '优' });
    expect(result.findings.map((f) => f.rule)).not.toContain('total-missing');
    const [inputResult] = checkSheets(
      await (await openWorkbookFile(input)).readSheets('all'),
      BUILT_IN_PROFILES.national,
    );
    expect(inputResult.total.declared).toBeNull();
  });

  it('--fill without --out is refused', async () => {
    const { code, stderr } = await run(['--fill', CLEAN]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--out/);
  });

  it('a user profile file is validated, and a bad one names its field', async () => {
    const good = path.join(tmp, 'good.json');
    await fs.writeFile(good, JSON.stringify({ ...BUILT_IN_PROFILES.national, id: 'mine', name: '本单位' }));
    expect((await run(['--profile', good, CLEAN])).stdout).toContain('评分规则：本单位');
    const bad = path.join(tmp, 'bad.json');
    await fs.writeFile(bad, JSON.stringify({ ...BUILT_IN_PROFILES.national, budgetWeight: '十' }));
    const { code, stderr } = await run(['--profile', bad, CLEAN]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/budgetWeight/);
    expect(stderr).toMatch(/预算执行率分值/);
    expect((await run(['--profile', 'nowhere', CLEAN])).stderr).toMatch(/找不到评分规则/);
  });

  it('hubei profile is selectable by name', async () => {
    const { stdout } = await run(['--json', '--profile', 'hubei', CLEAN]);
    expect(JSON.parse(stdout).profile).toBe('hubei');
  });

  it('an unknown option gets the usage in Chinese', async () => {
    const { code, stderr } = await run(['--bogus', CLEAN]);
    expect(code).toBe(2);
    expect(stderr).toContain('用法');
  });
});

describe('check CLI from the shell', () => {
  it('runs as `npm run check` does: the entry starts its checking process first, the exit status is the answer', async () => {
    const entry = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', entry, '--json', ERRORS], (_error, out) =>
        resolve({ code: child.exitCode, stdout: out }),
      );
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).files[0]).toMatchObject({ path: ERRORS, error: null });
  });

  it('sets the exit status from the run', async () => {
    const before = process.exitCode;
    const written = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await runFromShell(new CheckPool(), ['--version']);
      expect(process.exitCode).toBe(0);
      expect(written).toHaveBeenCalledWith(expect.stringMatching(/^绩效自评助手 /));
    } finally {
      written.mockRestore();
      process.exitCode = before;
    }
  });
});

describe('a run that writes no copy and no report', () => {
  it('brings back brief outlines: the same forms and findings, the 自评表 without their assessed indicators', async () => {
    const { readAndCheck } = await import('../src/cli/check-files');
    const { reportFilesOf } = await import('../src/cli/batch-output');
    const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };
    const whole = await readAndCheck(ERRORS, options);
    const brief = await readAndCheck(ERRORS, options, { brief: true });
    expect(brief.brief).toBe(true);
    expect(whole.results.length).toBeGreaterThan(0);
    expect(whole.results.every((r) => 'indicators' in r && r.indicators.length > 0)).toBe(true);
    // Only what the reports list is left out; what the cross-check compares (form.indicators) still comes.
    const withoutAssessed = whole.results.map((r) => ({ ...r, indicators: [] }));
    expect(brief.results).toEqual(withoutAssessed);
    expect(() => reportFilesOf([brief])).toThrow(/brief/);
    expect(reportFilesOf([whole])[0].results).toBe(whole.results);
  });
});

describe('check CLI --fill-reasons', () => {
  it('fills every missing reason in the copy: no reason-missing left, every other finding and value unchanged', async () => {
    const out = path.join(tmp, 'out');
    expect((await run(['--out', out, '--fill-reasons', ERRORS])).code).toBe(1);
    const original = await openWorkbookFile(ERRORS);
    const copy = await openWorkbookFile(path.join(out, 'seed000-2020-errors-审核.xlsx'));
    const before = checkSheets(await original.readSheets('all'), BUILT_IN_PROFILES.national);
    const after = checkSheets(await copy.readSheets('all'), BUILT_IN_PROFILES.national);
    const filledCells = before.flatMap((r) =>
      r.findings.filter((f) => f.rule === 'reason-missing').map((f) => `${r.sheet}!${f.cell}`),
    );
    expect(filledCells).toHaveLength(2);
    expect(after.flatMap((r) => r.findings).filter((f) => f.rule === 'reason-missing')).toEqual([]);
    const others = (results: typeof before) =>
      results.map((r) =>
        r.findings
          .filter((f) => f.rule !== 'reason-missing' && f.rule !== 'target-met-but-deducted')
          .map((f) => [f.rule, f.cell, f.message]),
      );
    expect(others(after)).toEqual(others(before));

    // Values: identical except the filled deviation cells, which now hold template text.
    const [beforeSheets, afterSheets] = [await original.readSheets('all'), await copy.readSheets('all')];
    afterSheets.forEach((sheet, s) => {
      sheet.values.forEach((row, i) =>
        row.forEach((value, j) => {
          const address = `${sheet.name}!${String.fromCharCode(64 + sheet.originCol + j)}${sheet.originRow + i}`;
          if (filledCells.includes(address)) expect(String(value)).toMatch(/后续/);
          else expect(value).toEqual(beforeSheets[s].values[i]?.[j] ?? null);
        }),
      );
    });
    // The first filled row is a 时效 indicator: the 进度 template was chosen.
    const timely = afterSheets[1].values[14][8];
    expect(String(timely)).toContain('进度管理');
  });

  it('--fill-reasons takes a user template file, and rejects a bad one', async () => {
    const own = path.join(tmp, 'own.json');
    await fs.writeFile(
      own,
      JSON.stringify({
        version: 1,
        templates: [
          {
            id: 'own',
            title: '本单位',
            appliesTo: { keywords: ['及时', '稳定'] },
            text: '本单位说明：{指标}扣{扣分}分，后续改进。',
          },
        ],
      }),
    );
    const out = path.join(tmp, 'out');
    await run(['--out', out, '--fill-reasons', '--templates', own, ERRORS]);
    const copy = await openWorkbookFile(path.join(out, 'seed000-2020-errors-审核.xlsx'));
    const sheet = (await copy.readSheets('all'))[1];
    expect(sheet.values[14][8]).toBe('本单位说明：项目完成及时性扣4分，后续改进。');
    await fs.writeFile(own, '{"version":1,"templates":[{"id":"x"}]}');
    const { code, stderr } = await run(['--out', out, '--fill-reasons', '--templates', own, ERRORS]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/模板文件.*无效：模板列表 → 第 1 个 → 标题 title/);
  });
});

/** A 自评表 and the 申报表 of its project in two files: one target changed, one declared indicator left out. */
async function crossCheckedPair(): Promise<{ selfFile: string; declaredFile: string }> {
  const evaluation = buildForm(seed2024Form()).rows;
  const declaration = [
    ['财政项目支出绩效目标申报表'],
    ['项目名称', '基层科普服务'],
    [null, '一级指标', '二级指标', '三级指标', '年度(/项目)指标值'],
    [null, '产出指标', '数量指标', '覆盖面', '≥18.00(个)'],
    [null, '产出指标', '数量指标', '培训场次', '≥4.00(场)'],
  ];
  const selfFile = path.join(tmp, '自评.xlsx');
  const declaredFile = path.join(tmp, '申报.xlsx');
  await fs.writeFile(selfFile, await workbookBytes([sheetGrid('自评', [{ rows: evaluation, top: 1, left: 1 }])]));
  await fs.writeFile(declaredFile, await workbookBytes([sheetGrid('申报', [{ rows: declaration, top: 1, left: 1 }])]));
  return { selfFile, declaredFile };
}

describe('check CLI with 绩效目标申报表', () => {
  it('reports 申报表 as kind target-declaration with funds and indicators', async () => {
    const { stdout } = await run([
      '--json',
      path.join(__dirname, 'fixtures', 'declarations', 'seed004-2019-declarations.xlsx'),
    ]);
    const [form] = JSON.parse(stdout).files[0].forms;
    expect(form).toMatchObject({
      kind: 'target-declaration',
      project: '百万市民共享科普',
      funds: { unit: '元', total: 7150000, components: 7150000 },
    });
    expect(form.indicators).toContainEqual({
      row: 18,
      level1: '投入和管理目标',
      level2: '管理目标',
      name: '经费使用执行率',
      target: '10%',
      term: null,
      cell: 'D18',
    });
    expect(form.findings.map((f: { rule: string }) => f.rule)).toEqual(['target-implausible', 'target-unit-mismatch']);
  });

  it('cross-checks a 自评表 against the 申报表 of the same project in another file', async () => {
    const { selfFile, declaredFile } = await crossCheckedPair();
    const { stdout } = await run(['--json', selfFile, declaredFile]);
    const files = JSON.parse(stdout).files;
    const rules = (file: { forms: Array<{ findings: Array<{ rule: string; cell: string }> }> }) =>
      file.forms.flatMap((f) => f.findings.map((x) => `${x.rule}@${x.cell}`));
    expect(rules(files[0])).toContain('target-changed@E13');
    expect(rules(files[1])).toContain('target-dropped@D5');
    // Alone, the 自评表 has nothing to be compared with.
    const alone = JSON.parse((await run(['--json', selfFile])).stdout).files[0];
    expect(rules(alone).filter((r: string) => r.startsWith('target-'))).toEqual(['target-met-but-deducted@H18']);
  });

  it('cross-checks the only file of a run where it is checked, as the batch would, and brings back less', async () => {
    const { selfFile, declaredFile } = await crossCheckedPair();
    const sheetOf = async (file: string) => (await openWorkbookFile(file)).readSheets('all');
    const both = path.join(tmp, '自评与申报.xlsx');
    await fs.writeFile(both, await workbookBytes([...(await sheetOf(selfFile)), ...(await sheetOf(declaredFile))]));
    const alone = JSON.parse((await run(['--json', both])).stdout).files[0];
    const findings = alone.forms.flatMap((f: { findings: Array<{ rule: string; cell: string }> }) =>
      f.findings.map((x) => `${x.rule}@${x.cell}`),
    );
    expect(findings).toEqual(expect.arrayContaining(['target-changed@E13', 'target-dropped@D5']));
    // The same file in a batch, cross-checked by the batch's own process: the same report.
    const inBatch = JSON.parse((await run(['--json', both, ERRORS])).stdout).files[0];
    expect(alone).toEqual(inBatch);
    const { readAndCheck } = await import('../src/cli/check-files');
    const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };
    const checked = await readAndCheck(both, options, { brief: true, alone: true });
    expect(checked.crossChecked).toBe(true);
    const scored = checked.results.filter((r) => r.kind === 'self-evaluation');
    expect(scored).toHaveLength(1);
    expect(scored.every((r) => 'indicators' in r.form && r.form.indicators.length === 0)).toBe(true);
  });

  it('marks the cross-check in the copy, whether the checking process kept the results or reads the file again', async () => {
    const { selfFile, declaredFile } = await crossCheckedPair();
    const out = path.join(tmp, 'out');
    const { stdout } = await run(['--json', '--out', out, selfFile, declaredFile]);
    const [own, declared] = JSON.parse(stdout).files as Array<{ output: string }>;
    const noteAt = async (file: string, sheet: string, cell: string) =>
      String((await excelJsModel(file)).getWorksheet(sheet)!.getCell(cell).note ?? '');
    expect(await noteAt(own.output, '自评', 'E13')).toContain('申报');
    expect(await noteAt(declared.output, '申报', 'D5')).toContain('没有出现在自评表');
    // The same copy made by a process that did not keep the results (it checks the file again).
    const { readAndCheck, markedCopy } = await import('../src/cli/check-files');
    const { crossCheck } = await import('../src/core/check/cross-check');
    const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };
    const files = [await readAndCheck(selfFile, options), await readAndCheck(declaredFile, options)];
    // What goes back to the batch's process is the outline: no cells of the budget section.
    expect(files[0].results[0].form).not.toHaveProperty('budget');
    const together = crossCheck(files.flatMap((f) => f.results));
    files[0].results = together.slice(0, files[0].results.length);
    const again = path.join(tmp, 'again.xlsx');
    await fs.writeFile(again, (await markedCopy(files[0], options)).bytes);
    expect(await noteAt(again, '自评', 'E13')).toBe(await noteAt(own.output, '自评', 'E13'));
  });

  it("never overwrites an existing copy (a reviewer's edited one): the new copy gets another name, and says so", async () => {
    const out = path.join(tmp, 'out');
    await fs.mkdir(out);
    const existing = path.join(out, 'seed000-2020-errors-审核.xlsx');
    await fs.writeFile(existing, 'the reviewer’s own edits');
    const { stdout } = await run(['--out', out, ERRORS]);
    expect(await fs.readFile(existing, 'utf8')).toBe('the reviewer’s own edits');
    expect(stdout).toContain(path.join(out, 'seed000-2020-errors-审核(2).xlsx'));
    expect(stdout).toContain('未覆盖');
    expect((await openWorkbookFile(path.join(out, 'seed000-2020-errors-审核(2).xlsx'))).fileName).toBeDefined();
  });

  it('reports a copy it cannot write as a write failure, with the findings still shown (exit 2)', async () => {
    const blocker = path.join(tmp, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const { code, stdout } = await run(['--json', '--out', blocker, ERRORS]);
    expect(code).toBe(2);
    const [file] = JSON.parse(stdout).files;
    expect(file.error).toBeNull();
    expect(file.output).toBeNull();
    expect(file.writeError).toMatch(/写不出带标记的副本.*输出位置不是可用的文件夹/);
    expect(file.forms[0].findings.length).toBeGreaterThan(0);
    // The three report files failed too: each is said, none passed over.
    expect(JSON.parse(stdout).outputErrors).toEqual([
      '写不出「问题清单.csv」：输出位置不是可用的文件夹',
      '写不出「汇总表.xlsx」：输出位置不是可用的文件夹',
      '写不出「复核底稿.xlsx」：输出位置不是可用的文件夹',
    ]);
  });

  it('reads workbooks exceljs refuses (openpyxl with a chart and comments) and annotates them', async () => {
    const input = path.join(__dirname, 'fixtures', 'writers', 'openpyxl-chart-comments.xlsx');
    const { code, stdout } = await run(['--json', '--out', tmp, input]);
    expect(code).toBe(0);
    const [file] = JSON.parse(stdout).files;
    expect(file.error).toBeNull();
    expect(file.forms).toHaveLength(1);
    expect(file.output).toBe(path.join(tmp, 'openpyxl-chart-comments-审核.xlsx'));
  });

  it('keeps an .xlsm copy an .xlsm (its macros stay, and Excel opens it)', async () => {
    const input = path.join(tmp, '带宏.xlsm');
    await fs.copyFile(ERRORS, input);
    const { stdout } = await run(['--json', '--out', path.join(tmp, 'out'), input]);
    const [file] = JSON.parse(stdout).files;
    expect(file.output).toBe(path.join(tmp, 'out', '带宏-审核.xlsm'));
  });

  it('speaks Chinese about bad arguments, knows its version, and refuses --templates without --fill-reasons', async () => {
    let result = await run(['--frobnicate', ERRORS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('未知选项「--frobnicate」');
    expect(result.stderr).not.toMatch(/Unknown option/);
    result = await run([ERRORS, '--out']);
    expect(result.stderr).toContain('选项「--out」后面缺少值');
    result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^绩效自评助手 \d+\.\d+\.\d+/);
    result = await run(['--templates', path.join(tmp, 'mine.json'), ERRORS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--templates 只在 --fill-reasons 时使用');
  });

  it('accepts a profile file saved with a UTF-8 BOM, and names a wrong type as a wrong type', async () => {
    const profile = path.join(tmp, 'profile.json');
    const national = { ...BUILT_IN_PROFILES.national, id: 'mine', name: '我的规则' };
    await fs.writeFile(profile, `\uFEFF${JSON.stringify(national)}`);
    let result = await run(['--json', '--profile', profile, CLEAN]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).profile).toBe('mine');
    await fs.writeFile(profile, JSON.stringify({ ...national, budgetWeight: '10' }));
    result = await run(['--profile', profile, CLEAN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('预算执行率分值 budgetWeight');
    expect(result.stderr).toContain('类型不对');
    expect(result.stderr).not.toContain('缺失');
  });

  it('walks a folder linked into itself once, and reports a workbook whose name is not UTF-8 as unreadable', async () => {
    const folder = path.join(tmp, '链接');
    await fs.mkdir(path.join(folder, 'sub'), { recursive: true });
    await fs.copyFile(CLEAN, path.join(folder, 'a.xlsx'));
    await fs.symlink(folder, path.join(folder, 'sub', 'loop'));
    await fs.symlink('..', path.join(folder, 'sub', 'up'));
    // 自评.xlsx as a Windows zip leaves it: GBK bytes, which no UTF-8 path can name.
    const gbk = Buffer.concat([Buffer.from(`${folder}/`), Buffer.from([0xd7, 0xd4, 0xc6, 0xc0]), Buffer.from('.xlsx')]);
    await fs.copyFile(CLEAN, gbk);
    const { code, stdout } = await run(['--json', folder]);
    expect(code).toBe(2);
    const files = JSON.parse(stdout).files as Array<{ path: string; error: string | null }>;
    expect(files.map((f) => [path.relative(folder, f.path), f.error === null])).toEqual([
      ['a.xlsx', true],
      ['自评.xlsx', false],
    ]);
    expect(files[1].error).toContain('文件名不是 UTF-8 编码');
  });

  it('opens folders recursively, lists what it skips, and writes 问题清单.csv with a BOM for Excel', async () => {
    const folder = path.join(tmp, '收到的文件');
    await fs.mkdir(path.join(folder, '二季度'), { recursive: true });
    await fs.copyFile(ERRORS, path.join(folder, 'a.xlsx'));
    await fs.copyFile(CLEAN, path.join(folder, '二季度', 'b.xlsx'));
    await fs.writeFile(path.join(folder, '说明.txt'), '请审核');
    await fs.writeFile(path.join(folder, '~$a.xlsx'), 'lock');
    const out = path.join(tmp, 'out');
    const { stdout } = await run(['--json', '--out', out, folder]);
    const doc = JSON.parse(stdout);
    expect(doc.files.map((f: { path: string }) => path.relative(folder, f.path))).toEqual([
      'a.xlsx',
      path.join('二季度', 'b.xlsx'),
    ]);
    expect(doc.skipped.map((s: { path: string; reason: string }) => [path.basename(s.path), s.reason])).toEqual([
      ['~$a.xlsx', 'Office 打开文件时留下的临时文件'],
      ['说明.txt', '不是工作簿（扩展名不是 .xlsx、.xlsm、.xls、.et、.ods）'],
    ]);
    expect(doc.findingsList).toBe(path.join(out, '问题清单.csv'));
    const csv = await fs.readFile(doc.findingsList, 'utf8');
    expect(csv.startsWith('\uFEFF文件,工作表,表单,项目,单元格,级别,问题类型,问题')).toBe(true);
    const findings = doc.files.flatMap((f: { forms: Array<{ findings: unknown[] }> }) =>
      f.forms.flatMap((form) => form.findings),
    );
    expect(csv.trim().split('\r\n')).toHaveLength(findings.length + 1);
    // Reviewers read the rule's name; the id stays in the JSON.
    expect(csv).toContain(',得分超过分值,');
    expect(csv).not.toContain('score-exceeds-weight');
  });
});

describe('check CLI on forms it could not read and on 监控表', () => {
  const UNSEEN = path.join(__dirname, 'fixtures', 'unseen');

  it('never reports a form-like sheet it could not read as clean: exit 1, kind unrecognised with the reason', async () => {
    const file = path.join(UNSEEN, 'unreadable-layout.xlsx');
    const { code, stdout } = await run(['--json', file]);
    expect(code).toBe(1);
    const [form] = JSON.parse(stdout).files[0].forms;
    expect(form).toMatchObject({ kind: 'unrecognised', sheet: '自评表', project: null });
    expect(form.reason).toContain('没有找到指标表头');
    expect(form.missing.length).toBeGreaterThan(0);
    expect(form.findings.map((f: { rule: string }) => f.rule)).toEqual(['form-unrecognised']);
    const text = await run([file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('第 1 张表（未识别的表格）');
    expect(text.stdout).toContain('0 张自评表，2 张表格未识别（未检查，见上）');
  });

  it('reports a 监控表 as monitoring, with its rate and indicators, in JSON and text', async () => {
    const file = path.join(UNSEEN, 'monitoring-national.xlsx');
    const { code, stdout } = await run(['--json', file]);
    expect(code).toBe(1);
    const [clean, wrong] = JSON.parse(stdout).files[0].forms;
    expect(clean).toMatchObject({ kind: 'monitoring', project: '城乡居民医疗救助', executionRate: 52, findings: [] });
    expect(clean.indicators).toHaveLength(5);
    expect(wrong.findings.map((f: { rule: string }) => f.rule)).toEqual([
      'monitoring-rate-mismatch',
      'monitoring-reason-missing',
      'monitoring-likelihood-missing',
    ]);
    const text = await run([file]);
    expect(text.stdout).toContain('执行率：52% ｜ 绩效指标 5 个');
    expect(text.stdout).toContain('0 张自评表，2 张绩效运行监控表');
  });
});

describe('the report of a run’s only file, made where it is checked', () => {
  const UNSEEN = path.join(__dirname, 'fixtures', 'unseen');
  const files = [
    ERRORS,
    CLEAN,
    path.join(UNSEEN, 'unreadable-layout.xlsx'),
    path.join(UNSEEN, 'monitoring-national.xlsx'),
  ];

  it.each(files.map((file) => [path.basename(file), file]))(
    'is the report the batch’s own process makes of it, to the byte, with the same exit status (%s)',
    async (_name, file) => {
      const other = file === CLEAN ? ERRORS : CLEAN;
      const alone = await run(['--json', file]);
      const inBatch = await run(['--json', file, other]);
      const document = JSON.parse(alone.stdout);
      // The forms were set into the document as text: it is still exactly what JSON.stringify writes.
      expect(alone.stdout).toBe(`${JSON.stringify(document, null, 1)}\n`);
      expect(document.files).toEqual([JSON.parse(inBatch.stdout).files[0]]);
      const forms: Array<{ kind: string; findings: Array<{ severity: string }> }> = document.files[0].forms;
      const needsLook = forms.some((f) => f.kind === 'unrecognised' || f.findings.some((x) => x.severity === 'error'));
      expect(alone.code).toBe(needsLook ? 1 : 0);
      const text = await run([file]);
      const batchText = await run([file, other]);
      const [summary, ...report] = text.stdout.trimEnd().split('\n').reverse();
      expect(batchText.stdout.startsWith(`${report.reverse().join('\n')}\n`)).toBe(true);
      const count = (severity: string) =>
        forms.flatMap((f) => f.findings).filter((x) => x.severity === severity).length;
      expect(summary).toContain(`错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项`);
      expect(text.code).toBe(alone.code);
    },
  );

  it('sets forms made elsewhere in place of their placeholder only, whatever the cells say', async () => {
    const { decidedFormToJson, formsJson, formsPlaceholder, stringifyWithForms } =
      await import('../src/cli/json-report');
    const { readAndCheck } = await import('../src/cli/check-files');
    const options = { profile: BUILT_IN_PROFILES.national, outDir: null, fill: false, reasonTemplates: null };
    const { results } = await readAndCheck(ERRORS, options, { brief: true, alone: true });
    const lookalike = `"forms": ${JSON.stringify(formsPlaceholder(0))}`;
    const document = {
      profile: 'national',
      files: [
        { path: formsPlaceholder(0), error: lookalike, forms: formsPlaceholder(0) },
        { path: 'b.xlsx', error: null, forms: formsPlaceholder(1) },
      ],
      skipped: [],
    };
    const written = stringifyWithForms(document, [formsJson(results, undefined), formsJson([], undefined)]);
    const forms = [results.map((result) => decidedFormToJson(result, undefined)), []];
    const whole = { ...document, files: document.files.map((file, i) => ({ ...file, forms: forms[i] })) };
    expect(written).toBe(JSON.stringify(whole, null, 1));
  });
});

describe('check CLI --layout', () => {
  const UNREADABLE = path.join(__dirname, 'fixtures', 'unseen', 'unreadable-layout.xlsx');
  const layoutFile = async (text: string) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'layout-'));
    const file = path.join(dir, '表格版式.json');
    await fs.writeFile(file, text);
    return file;
  };

  it('reads a form in the roles a layout file gives its header, with every rule', async () => {
    const columns = [
      ['考核内容', 'name'],
      ['考核要求', 'target'],
      ['完成结果', 'actual'],
      ['标分', 'weight'],
      ['实评', 'score'],
    ].map(([label, role]) => ({ label, role }));
    const file = await layoutFile(`\uFEFF${JSON.stringify({ version: 1, layouts: [{ name: '考核式', columns }] })}`);
    const { code, stdout } = await run(['--json', '--layout', file, UNREADABLE]);
    expect(code).toBe(0);
    const forms = JSON.parse(stdout).files[0].forms;
    expect(forms.map((f: { kind: string; sheet: string }) => [f.kind, f.sheet])).toEqual([
      ['self-evaluation', '自评表'],
    ]);
    expect(forms[0].total).toMatchObject({ computed: 100 });
  });

  it('refuses a damaged layout file before checking anything, naming it', async () => {
    const file = await layoutFile('{"version":1,"layouts":[{"name":"x","columns":[{"label":"a","role":"得分"}]}]}');
    const { code, stderr } = await run(['--layout', file, UNREADABLE]);
    expect(code).toBe(2);
    expect(stderr).toContain(`版式文件「${file}」无效`);
    const missing = await run(['--layout', path.join(os.tmpdir(), '没有这个文件.json'), UNREADABLE]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取版式文件');
  });
});
