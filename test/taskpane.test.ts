/**
 * @jest-environment jsdom
 */
import { watchActions } from './helpers/pane';
import { TaskpaneController, type PaneState } from '../src/taskpane/controller';
import { mountPane } from '../src/taskpane/view';
import { detectHost } from '../src/taskpane/detect-host';
import { ExcelHost } from '../src/hosts/excel/excel-host';
import { HostError } from '../src/hosts/host';
import { FakeExcel } from './fakes/excel-fake';
import { contractWorkbook } from './contract/host-contract';
import { toA1 } from '../src/core/sheet/address';

function fakeWorkbook(): FakeExcel {
  const fake = new FakeExcel(18);
  const workbook = contractWorkbook();
  for (const grid of workbook.sheets) {
    const sheet = fake.addSheet(grid.name);
    grid.values.forEach((row, i) =>
      row.forEach((value, j) => {
        if (value !== null)
          sheet.cells.set(toA1(grid.originRow + i, grid.originCol + j), {
            value,
            formula: null,
            numberFormat: 'General',
            fill: null,
          });
      }),
    );
  }
  fake.active = '表一';
  return fake;
}

function mount(host = new ExcelHost(fakeWorkbook().api(), () => true)) {
  document.body.innerHTML = '<main id="app"></main>';
  const root = document.getElementById('app')!;
  const stored = new Map<string, string>();
  const preferences = {
    get: (k: string) => stored.get(k) ?? null,
    set: (k: string, v: string) => void stored.set(k, v),
  };
  let render: (state: PaneState) => void = () => undefined;
  const changes: Array<() => void> = [];
  const controller = new TaskpaneController(host, preferences, (state) => {
    render(state);
    for (const changed of changes.splice(0)) changed();
  });
  render = mountPane(root, controller);
  render(controller.state);
  const started = watchActions(controller);
  const settled = async () => {
    // Every promise the pane started (an action, opening a finding, saving a template), and what they started.
    while (started.size > 0 || controller.state.busy !== null) {
      await Promise.allSettled([...started]);
      if (controller.state.busy !== null) await new Promise<void>((resolve) => changes.push(resolve));
    }
  };
  const click = async (id: string) => {
    (root.querySelector(`#${id}`) as HTMLButtonElement).click();
    await settled();
  };
  mounted = { settled };
  return { root, controller, stored, click };
}

/** The pane mounted last: what its test waits on. */
let mounted = { settled: async () => undefined as void };
/** Until everything a click or key started in the pane is over (its actions' own promises, not a delay). */
const settled = () => mounted.settled();

describe('task pane', () => {
  it('is in Chinese and usable by keyboard: native buttons, a labelled select, a live status', () => {
    const { root } = mount();
    expect(root.querySelector('h1')!.textContent).toBe('绩效自评助手');
    // One primary action, 撤销 beside it, the rest in the 更多操作 menu, grouped.
    const bar = root.querySelector('.command-bar[role="group"]')!;
    expect([...bar.querySelectorAll(':scope > button')].map((b) => [b.textContent, b.className])).toEqual([
      ['检查全部工作表', 'primary'],
      ['检查当前工作表', ''],
      ['撤销', ''],
    ]);
    const toggle = root.querySelector('#more-actions')!;
    expect(toggle.getAttribute('aria-haspopup')).toBe('menu');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const menu = root.querySelector('#more-menu[role="menu"]') as HTMLElement;
    expect(menu.hidden).toBe(true);
    expect([...menu.children].map((item) => item.textContent)).toEqual([
      '检查与审核',
      '标记问题',
      '清除标记',
      '填报',
      '填写总分与等级',
      '一键填写全部缺失原因',
      '建议得分',
      '新建自评表',
      '由申报表新建自评表',
      '插入空白自评表',
    ]);
    expect([...root.querySelectorAll('div.actions[role="group"] button')].map((b) => b.textContent)).toEqual([
      // Hidden until there are findings to step through.
      '上一个问题（Shift+F8）',
      '下一个问题（F8）',
    ]);
    expect((root.querySelector('.finding-nav') as HTMLElement).hidden).toBe(true);
    expect(root.querySelector('label[for="profile"]')!.textContent).toBe('评分规则');
    expect(root.querySelector('#status')!.getAttribute('aria-live')).toBe('polite');
    // No control is taken out of the tab order (the status and the panel take focus only when moved there),
    // except a menu's items, reached with the arrow keys from their menu button as menus are.
    expect(
      root.querySelectorAll(
        'button[tabindex="-1"]:not([role="menuitem"]), select[tabindex="-1"], input[tabindex="-1"], textarea[tabindex="-1"]',
      ),
    ).toHaveLength(0);
    expect(root.querySelector('details.help summary')!.textContent).toBe('帮助');
  });

  it('更多操作 opens by keyboard as a menu: ↓ to the first item, ↑ ↓ End move, Esc closes back on its button, an item runs', async () => {
    const { root, controller } = mount();
    const toggle = root.querySelector('#more-actions') as HTMLElement;
    const menu = root.querySelector('#more-menu') as HTMLElement;
    const key = (target: Element, name: string) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
    toggle.focus();
    key(toggle, 'ArrowDown');
    expect(menu.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.id).toBe('mark');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.id).toBe('clear');
    key(document.activeElement!, 'End');
    expect(document.activeElement?.id).toBe('insert-blank');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement?.id).toBe('mark');
    // IE11's key name for Escape.
    key(document.activeElement!, 'Esc');
    expect(menu.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
    toggle.click();
    key(document.activeElement!, 'End');
    expect(document.activeElement?.id).toBe('insert-blank');
    (document.activeElement as HTMLElement).click();
    await settled();
    expect(menu.hidden).toBe(true);
    expect(controller.state.message?.text).toMatch(/^已新建工作表「自评表」/);
  });

  it('checks every sheet and lists forms with computed vs declared totals and grouped findings', async () => {
    const { root, click } = mount();
    await click('check-all');
    const forms = root.querySelectorAll('article.form');
    expect(forms).toHaveLength(2);
    expect(forms[0].querySelector('h2')!.textContent).toBe('有问题的项目');
    expect(forms[1].querySelector('dl.scores')!.textContent).toContain('填报 93 · 计算 93');
    expect(forms[0].querySelector('.group.error h3')!.textContent).toMatch(/^错误（\d+）$/);
    expect(root.querySelector('#status .message')!.textContent).toMatch(/共 2 张自评表：错误 \d+ 项/);
    // What the reviewer must do, in the reports' words (issue #34).
    expect([...forms].map((form) => form.querySelector('p.status')!.textContent)).toEqual([
      '状态：需修改',
      '状态：通过',
    ]);
  });

  it('checks only the active sheet', async () => {
    const { root, click } = mount();
    await click('check-active');
    expect(root.querySelectorAll('article.form')).toHaveLength(1);
  });

  it('F8 and Shift+F8 (and their buttons) step through the findings, selecting each cell, wrapping round', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    expect((root.querySelector('.finding-nav') as HTMLElement).hidden).toBe(false);
    const cells = ([...root.querySelectorAll('button.finding[data-rule]')] as HTMLElement[]).map(
      (finding) => finding.dataset.cell,
    );
    const selected = () => fake.selected?.cell;
    const press = async (shiftKey = false) => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F8', shiftKey, bubbles: true }));
      await settled();
    };
    await press();
    expect(selected()).toBe(cells[0]);
    await press();
    expect(selected()).toBe(cells[1]);
    await press(true);
    expect(selected()).toBe(cells[0]);
    await press(true);
    expect(selected()).toBe(cells[cells.length - 1]);
    await click('finding-next');
    expect(selected()).toBe(cells[0]);
    await click('finding-prev');
    expect(selected()).toBe(cells[cells.length - 1]);
  });

  it('a form folds to its title and unfolds (收起 / 展开), stays folded when drawn again, and F8 unfolds it', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const form = root.querySelector('article.form') as HTMLElement;
    const fold = form.querySelector('.form-head button.fold') as HTMLElement;
    const body = form.querySelector('.form-body') as HTMLElement;
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    expect(fold.getAttribute('aria-controls')).toBe(body.id);
    fold.click();
    expect(body.hidden).toBe(true);
    expect(fold.textContent).toBe('展开');
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    // A check again draws new cards: the folded form stays folded.
    await click('check-all');
    const again = root.querySelector('article.form .form-body') as HTMLElement;
    expect(again.hidden).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'F8', bubbles: true }));
    await settled();
    expect(again.hidden).toBe(false);
    expect(fake.selected?.cell).toBe((again.querySelector('button.finding[data-rule]') as HTMLElement).dataset.cell);
  });

  it('on the page’s desk there is no 检查当前工作表: the batch is always every sheet', async () => {
    const { TaskpaneController } = await import('../src/taskpane/controller');
    const { mountPane } = await import('../src/taskpane/view');
    document.body.innerHTML = '<main id="desk-pane"></main>';
    const root = document.getElementById('desk-pane')!;
    const controller = new TaskpaneController(new ExcelHost(fakeWorkbook().api(), () => true), {
      get: () => null,
      set: () => undefined,
    });
    mountPane(root, controller, { header: false, profile: false, checkActive: false })(controller.state);
    expect(root.querySelector('#check-active')).toBeNull();
    expect(root.querySelector('#check-all')).not.toBeNull();
  });

  it('clicking a finding selects its cell on its sheet', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const first = root.querySelector('article.form .finding') as HTMLButtonElement;
    const cell = first.querySelector('.cell')!.textContent!;
    first.click();
    await settled();
    expect(fake.selected).toEqual({ sheet: '表一', cell });
  });

  it('marks, then clears back to the original fills', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    await click('mark');
    expect(root.querySelector('#status .message')!.textContent).toMatch(/已标记 \d+ 个单元格/);
    expect(fake.sheet('审核意见')).toBeDefined();
    await click('clear');
    expect(root.querySelector('#status .message')!.textContent).toMatch(/已清除 \d+ 处标记/);
    expect([...fake.sheets[1].cells.values()].every((c) => c.fill === null)).toBe(true);
    expect(fake.sheet('审核意见')).toBeUndefined();
  });

  it('asks to check first before marking or filling', async () => {
    const { root, click } = mount();
    await click('mark');
    expect(root.querySelector('#status .message')!.textContent).toContain('请先点击');
  });

  it('remembers the profile per user and re-checks with it', async () => {
    const { root, stored, controller, click } = mount();
    await click('check-all');
    const select = root.querySelector('#profile') as HTMLSelectElement;
    select.value = 'hubei';
    select.dispatchEvent(new Event('change'));
    await settled();
    expect(stored.get('jixiao.profile')).toBe('hubei');
    expect(controller.state.profileId).toBe('hubei');
    expect(controller.state.results).not.toBeNull();
  });

  it('shows a host failure as a Chinese message and stays usable', async () => {
    const host = {
      displayName: '测试',
      readSheets: async () => {
        throw new HostError('工作簿正在编辑，无法读取');
      },
      applyEdits: async () => ({ written: 0, skipped: [] }),
      clearMarks: async () => ({ restored: 0, notesLeft: 0 }),
      selectCell: async () => undefined,
    };
    const { root, click } = mount(host as unknown as ExcelHost);
    await click('check-all');
    expect(root.querySelector('#status .message.error')!.textContent).toBe('工作簿正在编辑，无法读取');
    expect((root.querySelector('#check-all') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('清除标记 where Excel cannot do it all', () => {
  it('says how many notes and how many sheets printing one page wide it leaves to the user', async () => {
    const host = {
      displayName: 'Excel 2016',
      readSheets: async () => [],
      applyEdits: async () => ({ written: 0, skipped: [] }),
      clearMarks: async () => ({ restored: 4, notesLeft: 3, printsLeft: 2 }),
      selectCell: async () => undefined,
    };
    const { root, controller } = mount(host as unknown as ExcelHost);
    await controller.clear();
    const text = root.querySelector('#status .message')!.textContent!;
    expect(text).toMatch(/^已清除 4 处标记/);
    expect(text).toContain('另有 3 条助手写的批注');
    expect(text).toContain('另有 2 张工作表仍按一页宽打印');
  });
});

describe('host detection', () => {
  it('prefers WPS, then Excel, else the standalone page', async () => {
    expect(await detectHost({ Application: { Workbooks: {} } })).toBe('wps');
    const office = (host: unknown) => ({ onReady: async () => ({ host }), HostType: { Excel: 'Excel' } });
    expect(await detectHost({ Office: office('Excel') })).toBe('excel');
    expect(await detectHost({ Office: office(null) })).toBe('standalone');
    expect(await detectHost({})).toBe('standalone');
  });

  it('waits for an Office that is slow to answer, says so, and never turns into the standalone page', async () => {
    let answer: (info: { host: unknown }) => void = () => undefined;
    const office = {
      onReady: () => new Promise<{ host: unknown }>((resolve) => (answer = resolve)),
      HostType: { Excel: 'Excel' },
    };
    let saidSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (saidSlow = resolve));
    const detected = detectHost({ Office: office }, () => saidSlow(), 20);
    // The pane says Office is slow while Office still has not answered.
    await slow;
    answer({ host: 'Excel' });
    expect(await detected).toBe('excel');
  });
});

describe('偏差原因 in the task pane', () => {
  const reasonCell = (fake: FakeExcel) => fake.cell('表一', 'J19')?.value ?? null;

  it('a reason-missing finding shows ranked suggestions with a live preview, and 插入 writes the cell', async () => {
    const fake = fakeWorkbook();
    const { root, controller, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const finding = [...root.querySelectorAll('article.form .group.error .finding')].find((b) =>
      b.textContent!.includes('须填写偏差原因'),
    ) as HTMLButtonElement;
    finding.click();
    await settled();
    const panel = root.querySelector('#draft')!;
    expect(panel.hasAttribute('hidden')).toBe(false);
    const radios = panel.querySelectorAll('input[type="radio"]');
    expect(radios).toHaveLength(3);
    expect(panel.querySelector('label.choice')!.textContent).toContain('满意度存档');
    const textarea = panel.querySelector('#reason-text') as HTMLTextAreaElement;
    expect(textarea.value).toContain('受众群体满意度');
    (radios[1] as HTMLInputElement).click();
    expect((root.querySelector('#reason-text') as HTMLTextAreaElement).value).toBe(
      controller.state.draft!.suggestions[1].text,
    );
    await click('insert-reason');
    expect(reasonCell(fake)).toBe(
      controller.state.draft === null ? controller.state.history[0].changes[0].after : null,
    );
    expect(controller.state.results!.flatMap((r) => r.findings).filter((f) => f.rule === 'reason-missing')).toEqual([]);
  });

  it('a row that has a reason offers 追加 and 替换 instead of 插入', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const row = [...root.querySelectorAll('.group.deducted .finding')].find((b) =>
      b.textContent!.includes('原因：'),
    ) as HTMLButtonElement;
    row.click();
    await settled();
    expect(root.querySelector('#insert-reason')).toBeNull();
    const before = String(fake.cell('表一', 'J18')?.value);
    (root.querySelector('#reason-text') as HTMLTextAreaElement).value = '补充说明。';
    root.querySelector('#reason-text')!.dispatchEvent(new Event('input'));
    await click('append-reason');
    expect(fake.cell('表一', 'J18')?.value).toBe(`${before}\n补充说明。`);
  });

  it('一键填写 fills every missing reason in one write, and 撤销 empties them again', async () => {
    const fake = fakeWorkbook();
    const host = new ExcelHost(fake.api(), () => true);
    const writes = jest.spyOn(host, 'applyEdits');
    const { controller, click } = mount(host);
    await click('check-all');
    // The first check also read the reviewer's decisions the workbook keeps (through the same port).
    writes.mockClear();
    await click('fill-reasons');
    expect(writes).toHaveBeenCalledTimes(1);
    expect(String(reasonCell(fake))).toMatch(/满意度/);
    await click('undo');
    expect(reasonCell(fake)).toBeNull();
    expect(controller.state.history).toEqual([]);
  });

  it('own templates are saved per user, preferred when they fit, exported and imported', async () => {
    const { root, controller, stored, click } = mount();
    (root.querySelector('#my-templates') as HTMLDetailsElement).open = true;
    (root.querySelector('#tpl-title') as HTMLInputElement).value = '本单位满意度';
    (root.querySelector('#tpl-keywords') as HTMLInputElement).value = '满意度';
    (root.querySelector('#tpl-text') as HTMLTextAreaElement).value = '本单位：{指标}扣{扣分}分，后续完善。';
    await click('tpl-save');
    expect(stored.get('jixiao.templates')).toContain('本单位满意度');
    expect(root.querySelector('#my-templates summary')!.textContent).toBe('我的模板（1）');
    await click('check-all');
    controller.openRow('表一', 19);
    expect(controller.state.draft!.suggestions[0].template.title).toBe('本单位满意度');
    expect(controller.state.draft!.text).toBe('本单位：受众群体满意度扣2分，后续完善。');

    const exported = controller.exportTemplates();
    await controller.importTemplates('{"version":1,"templates":[{"id":"x","title":""}]}', '坏文件.json');
    expect(controller.state.message).toEqual({
      kind: 'error',
      text: expect.stringMatching(/文件「坏文件.json」无效.*原有模板未受影响/),
    });
    expect(controller.exportTemplates()).toBe(exported);
    await controller.importTemplates(
      JSON.stringify({
        version: 1,
        templates: [
          { id: 'shared', title: '共享模板', appliesTo: { keywords: ['进度'] }, text: '进度滞后，后续加强。' },
        ],
      }),
      '共享.json',
    );
    expect(controller.state.customTemplates.map((t) => t.title)).toEqual(['本单位满意度', '共享模板']);
  });

  it('damaged stored templates are reported and left alone', async () => {
    document.body.innerHTML = '<main id="app"></main>';
    const stored = new Map([['jixiao.templates', '{broken']]);
    const preferences = {
      get: (k: string) => stored.get(k) ?? null,
      set: (k: string, v: string) => void stored.set(k, v),
    };
    const controller = new TaskpaneController(new ExcelHost(fakeWorkbook().api(), () => true), preferences);
    await controller.ready;
    expect(controller.state.message?.kind).toBe('error');
    expect(stored.get('jixiao.templates')).toBe('{broken');
  });
});

describe('申报表 in the task pane', () => {
  it('shows a 申报表 like a 自评表: project, funds, grouped findings', async () => {
    const fake = new FakeExcel(18);
    const sheet = fake.addSheet('申报');
    const rows: Array<Array<string | number | null>> = [
      ['财政项目支出绩效目标申报表'],
      ['项目名称', '科普资源平台建设'],
      ['项目资金(元)', null, null, '年度资金申请总额:', 700000],
      [null, null, null, '其中: 当年财政拨款', 700000],
      [null, '一级指标', '二级指标', '三级指标', '年度(/项目)指标值'],
      [null, '满意度指标', '服务对象满意度指标', '受众满意度', '≥90.00(件)'],
    ];
    rows.forEach((row, r) =>
      row.forEach(
        (value, c) =>
          value !== null &&
          sheet.cells.set(toA1(r + 1, c + 1), { value, formula: null, numberFormat: 'General', fill: null }),
      ),
    );
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const card = root.querySelector('article.form[data-kind="target-declaration"]')!;
    expect(card.querySelector('h2')!.textContent).toBe('科普资源平台建设');
    expect(card.querySelector('.where')!.textContent).toContain('绩效目标申报表');
    expect(card.querySelector('dl.scores')!.textContent).toContain('700000 元');
    expect([...card.querySelectorAll('.finding')].map((f) => (f as HTMLElement).dataset.rule)).toContain(
      'target-unit-mismatch',
    );
    expect(root.querySelector('#status .message')!.textContent).toMatch(/1 张绩效目标申报表/);
  });
});

describe('selecting an indicator row in the sheet', () => {
  it('shows that row’s suggestions; other cells change nothing', async () => {
    const { controller, click } = mount();
    await click('check-all');
    controller.selectionChanged('表一', 'B5');
    expect(controller.state.draft).toBeNull();
    controller.selectionChanged('表一', 'E19');
    expect(controller.state.draft?.row.name).toBe('受众群体满意度');
    expect(controller.state.draft?.suggestions[0].template.id).toBe('satisfaction-records');
  });
});

describe('findings by type across forms', () => {
  it('counts each kind of finding over every form, errors first, and a type opens its first finding', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const types = [...root.querySelectorAll('#finding-types button.type')] as HTMLElement[];
    const findings = [...root.querySelectorAll('button.finding[data-rule]')] as HTMLElement[];
    expect(types.length).toBe(new Set(findings.map((f) => f.dataset.rule)).size);
    const counted = types.map((t) => Number(/× (\d+)$/.exec(t.textContent ?? '')?.[1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(findings.length);
    expect(types[0].textContent).toMatch(/^错误 · /);
    types[0].click();
    await settled();
    const first = findings.find((f) => f.dataset.rule === types[0].dataset.rule)!;
    expect(fake.selected?.cell).toBe(first.dataset.cell);
  });
});
