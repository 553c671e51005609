/**
 * @jest-environment jsdom
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
import {
  applyLayouts,
  layoutFileText,
  layoutFromHeader,
  parseLayoutText,
  type TaughtLayout,
} from '../src/core/recognise/layouts';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import type { UnrecognisedResult } from '../src/core/check/kinds';
import { checkWorkbook, isScored } from '../src/core/check/workbook';
import { sheetGrid } from './helpers/form-builder';

// jsdom has no TextDecoder; the zip reader needs it.
Object.assign(globalThis, { TextDecoder, TextEncoder });

const UNREADABLE = path.join(__dirname, 'fixtures', 'unseen', 'unreadable-layout.xlsx');
const national = BUILT_IN_PROFILES.national;

/** The fixture's sheets (the file host is loaded after TextDecoder is in place). */
async function unreadableSheets() {
  const { openWorkbookFile } = await import('../src/hosts/file/open-file');
  return (await openWorkbookFile(UNREADABLE)).readSheets('all');
}

/** The roles a reviewer gives the header `考核内容 | 考核要求 | 完成结果 | 标分 | 实评`. */
const TAUGHT: TaughtLayout = {
  name: '某县考核式自评表',
  columns: [
    { label: '考核内容', role: 'name' },
    { label: '考核要求', role: 'target' },
    { label: '完成结果', role: 'actual' },
    { label: '标分', role: 'weight' },
    { label: '实评', role: 'score' },
  ],
};

describe('a taught layout in the engine', () => {
  it('offers the header-like rows of an unread sheet, with guesses from what the columns hold', async () => {
    const sheets = await unreadableSheets();
    const [result] = checkWorkbook(sheets, national) as UnrecognisedResult[];
    // No word is known; 标分 adds up to 100, 实评 never exceeds it, 考核内容 is the first column of texts.
    expect(result.form.candidates[0]).toEqual({
      row: 3,
      cells: TAUGHT.columns.map(({ label, role }, i) => ({ col: i + 1, label, guess: role })),
    });
    // Rows holding numbers (the data) are never offered as the header.
    expect(result.form.candidates.map((c) => c.row)).toEqual([3]);
  });

  it('guesses 分值 by its sum and 得分 right of it on another layout, 序号 and budget aside', () => {
    const grid = sheetGrid('考评', [
      {
        rows: [
          ['项目支出绩效自评表'],
          ['序号', '考评项目', '计划', '实际', '配分', '实得', '说明'],
          [1, '道路养护里程', '≥120公里', '125公里', 30, 30, null],
          [2, '群众满意度', '≥90%', '93%', 60, 58, '个别路段施工影响出行'],
        ],
        top: 1,
        left: 1,
      },
    ]);
    const [result] = checkWorkbook([grid], national) as UnrecognisedResult[];
    expect(result.form.candidates[0].cells.map((c) => [c.label, c.guess])).toEqual([
      ['序号', null],
      ['考评项目', 'name'],
      ['计划', 'target'],
      ['实际', 'actual'],
      ['配分', 'weight'],
      ['实得', 'score'],
      ['说明', null],
    ]);
  });

  it('reads a form whose header matches in the roles given, with every rule, and leaves the grid as it was', async () => {
    const sheets = await unreadableSheets();
    const before = JSON.stringify(sheets);
    const results = checkWorkbook(sheets, national, { layouts: [TAUGHT] });
    expect(JSON.stringify(sheets)).toBe(before);
    expect(results.map((r) => [r.kind, r.sheet])).toEqual([['self-evaluation', '自评表']]);
    const [form] = results.filter(isScored);
    expect(form.indicators.map((i) => [i.name, i.weight, i.score, i.status])).toEqual([
      ['培训人次', 50, 50, 'met'],
      ['满意度', 50, 50, 'met'],
    ]);
    expect(form.total.computed).toBe(100);
    // A header that reads otherwise is not touched by the layout.
    const other = applyLayouts(
      { ...sheets[0], values: sheets[0].values.map((r) => r.map((v) => (v === '实评' ? '评语' : v))) },
      [TAUGHT],
    );
    expect(other.values[2]).toContain('考核内容');
  });

  it('compares labels one by one: a header cell holding "|" is not two labels, a label with "|" shifts nothing', async () => {
    const sheets = await unreadableSheets();
    const joined = (grid: (typeof sheets)[number]) => ({
      ...grid,
      values: grid.values.map((row) => (row[0] === '考核内容' ? ['考核内容|考核要求', null, ...row.slice(2)] : row)),
    });
    // The sheet joins two labels in one cell: it no longer reads like the layout, and nothing throws.
    expect(applyLayouts(joined(sheets[0]), [TAUGHT]).values[2][0]).toBe('考核内容|考核要求');
    // A layout whose own label holds the joint applies only to the header that writes exactly that label.
    const piped: TaughtLayout = {
      name: '竖线',
      columns: [{ label: '考核内容|考核要求', role: 'name' }, ...TAUGHT.columns.slice(2)],
    };
    expect(applyLayouts(sheets[0], [piped]).values[2]).toEqual(sheets[0].values[2]);
    const read = applyLayouts(joined(sheets[0]), [piped]).values[2];
    expect(read.filter((v) => v !== null)).toHaveLength(4);
    expect(read[0]).not.toBe('考核内容|考核要求');
  });

  it('refuses a layout without a name or without the columns a 自评表 needs, in Chinese', () => {
    expect(() => layoutFromHeader(' ', TAUGHT.columns)).toThrow('请给这个表格版式起一个名字');
    const noScore = TAUGHT.columns.map((c) => (c.role === 'score' ? { ...c, role: null } : c));
    expect(() => layoutFromHeader('x', noScore)).toThrow(/至少需要指定：得分/);
    const twice = TAUGHT.columns.map((c) => (c.role === 'actual' ? { ...c, role: 'target' as const } : c));
    expect(() => layoutFromHeader('x', twice)).toThrow('年度指标值指定了不止一列');
    // Without 分值, a target and an actual value make a form (some templates have no 分值 column).
    const noWeight = TAUGHT.columns.map((c) => (c.role === 'weight' ? { ...c, role: null } : c));
    expect(layoutFromHeader('无分值', noWeight).columns[3].role).toBeNull();
  });

  it('reads back what it exports, and names what is wrong in a damaged file', async () => {
    const text = layoutFileText([TAUGHT]);
    expect((await parseLayoutText(text)).layouts).toEqual([TAUGHT]);
    await expect(parseLayoutText('{')).rejects.toThrow('版式文件不是有效的 JSON 文件');
    const badRole = text.replace('"weight"', '"分值"');
    await expect(parseLayoutText(badRole, '文件「a.json」')).rejects.toThrow(
      '文件「a.json」无效：版式列表 layouts → 第 1 个 → 列 columns → 第 4 个 → 用途 role：取值不对',
    );
    const noScore = text.replace('"score"', 'null');
    await expect(parseLayoutText(noScore)).rejects.toThrow(/版式「某县考核式自评表」至少需要指定：得分/);
  });
});

describe.each([
  ['Excel', 18],
  ['WPS', 0],
] as const)('手动指定表格 in the pane on %s', (_name, minor) => {
  async function pane(stored?: Map<string, string>) {
    const { excelFakeFromXlsx, etFakeFromXlsx } = await import('./helpers/saved-workbook');
    const { ExcelHost } = await import('../src/hosts/excel/excel-host');
    const { WpsHost } = await import('../src/hosts/wps/wps-host');
    const { mount } = await import('./helpers/pane');
    const bytes = new Uint8Array(fs.readFileSync(UNREADABLE));
    if (minor > 0) {
      const fake = await excelFakeFromXlsx(bytes, minor);
      return mount(new ExcelHost(fake.api(), fake.supports), stored);
    }
    const fake = await etFakeFromXlsx(bytes);
    return mount(new WpsHost(fake.application()), stored);
  }

  const choose = (root: HTMLElement, selector: string, value: string) => {
    const select = root.querySelector(selector) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change'));
  };

  it('makes an unread form checkable from the pane alone, and exports the layout it saved', async () => {
    const { root, controller, click, idle, message } = await pane();
    await controller.ready;
    await click('#check-all');
    expect(message()).toContain('2 张表格未识别');
    await click('#teach-open-0');
    const panel = root.querySelector('#teach') as HTMLElement;
    expect(panel.hidden).toBe(false);
    expect(document.activeElement?.id).toBe('teach-row');
    expect([...panel.querySelectorAll('th label')].map((l) => l.textContent)).toEqual([
      '考核内容',
      '考核要求',
      '完成结果',
      '标分',
      '实评',
    ]);
    // The guesses from the columns' contents are right here; without 得分 the layout cannot be saved.
    const chosen = () =>
      [0, 1, 2, 3, 4].map((i) => (root.querySelector(`#teach-role-${i}`) as HTMLSelectElement).value);
    expect(chosen()).toEqual(['name', 'target', 'actual', 'weight', 'score']);
    choose(root, '#teach-role-4', '');
    await click('#teach-save');
    expect(root.querySelector('#teach-problem')?.textContent).toMatch(/至少需要指定/);
    choose(root, '#teach-role-4', 'score');
    await click('#teach-save');
    await idle();
    expect(root.querySelector('#teach')!.hasAttribute('hidden')).toBe(true);
    expect(message()).toContain('已按指定的列检查');
    expect(controller.state.results!.map((r) => [r.kind, r.sheet])).toEqual([['self-evaluation', '自评表']]);
    expect(root.querySelector('#layouts summary')?.textContent).toBe('我的表格版式（1）');
    const exported = await parseLayoutText(await controller.teaching.exportText());
    expect(exported.layouts[0].columns.map((c) => c.role)).toEqual(['name', 'target', 'actual', 'weight', 'score']);
  });

  it('applies a layout saved in an earlier session at the first check of a new pane, without waiting', async () => {
    const stored = new Map([['jixiao.layouts', layoutFileText([TAUGHT])]]);
    const { controller, click } = await pane(stored);
    // Clicked at once: the saved layouts are still being loaded (and validated) when the check starts.
    await click('#check-all');
    expect(controller.state.results!.map((r) => r.kind)).toEqual(['self-evaluation']);
  });

  it('closes on Escape and gives the focus back', async () => {
    const { root, controller, click } = await pane();
    await controller.ready;
    await click('#check-all');
    await click('#teach-open-0');
    root.querySelector('#teach')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(controller.state.teach).toBeNull();
    expect(root.querySelector('#teach')!.hasAttribute('hidden')).toBe(true);
  });

  it('renames, imports, exports and deletes layouts, and a bad file changes nothing', async () => {
    const { root, controller, click } = await pane();
    await controller.ready;
    await click('#check-all');
    await click('#teach-open-0');
    choose(root, '#teach-row', '3');
    const name = root.querySelector('#teach-name') as HTMLInputElement;
    name.value = '考核式';
    name.dispatchEvent(new Event('input'));
    expect(controller.state.teach?.name).toBe('考核式');
    controller.teaching.close();
    await controller.teaching.importText('{"version":1}', '坏.json');
    expect(root.querySelector('#status .message')?.textContent).toMatch(/文件「坏.json」无效.*原有版式未受影响/);
    await controller.teaching.importText(layoutFileText([TAUGHT]), '版式.json');
    expect(root.querySelector('#layouts summary')?.textContent).toBe('我的表格版式（1）');
    expect(root.querySelector('.layout-list li')?.textContent).toContain('某县考核式自评表：考核内容 | 考核要求');
    await click('#check-all');
    expect(controller.state.results!.map((r) => r.kind)).toEqual(['self-evaluation']);
    await click('#layout-remove-0');
    expect(root.querySelector('#layouts summary')?.textContent).toBe('我的表格版式（0）');
    expect((await parseLayoutText(await controller.teaching.exportText())).layouts).toEqual([]);
  });

  it('says so when a sheet has no header-like row to start from', async () => {
    const { controller, message } = await pane();
    await controller.ready;
    controller.teaching.open('没有这张表');
    expect(controller.state.teach).toBeNull();
    expect(message()).toContain('没有找到像表头的一行');
  });
});

describe('a 监控表 in the pane', () => {
  it('shows its rate, indicators and findings on a card of its own', async () => {
    const { excelFakeFromXlsx } = await import('./helpers/saved-workbook');
    const { ExcelHost } = await import('../src/hosts/excel/excel-host');
    const { mount } = await import('./helpers/pane');
    const bytes = new Uint8Array(
      fs.readFileSync(path.join(__dirname, 'fixtures', 'unseen', 'monitoring-national.xlsx')),
    );
    const fake = await excelFakeFromXlsx(bytes, 18);
    const { root, controller, click, message } = await mount(new ExcelHost(fake.api(), fake.supports));
    await controller.ready;
    await click('#check-all');
    expect(message()).toContain('共 2 张绩效运行监控表');
    const cards = [...root.querySelectorAll('article.monitoring')];
    expect(cards).toHaveLength(2);
    expect(cards[0].textContent).toContain('执行率52%');
    expect(cards[0].textContent).toContain('✔ 未发现问题');
    expect(cards[1].textContent).toContain('完成目标可能性为「有可能」');
  });
});
