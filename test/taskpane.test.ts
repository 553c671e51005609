/**
 * @jest-environment jsdom
 */
import { TaskpaneController, type PaneState } from '../src/taskpane/controller';
import { mountPane } from '../src/taskpane/view';
import { detectHost } from '../src/taskpane/detect-host';
import { ExcelHost } from '../src/hosts/excel/excel-host';
import { HostError } from '../src/hosts/host';
import { FakeExcel } from './fakes/excel-fake';
import { contractWorkbook } from './contract/host-contract';
import { toA1 } from '../src/core/address';

function fakeWorkbook(): FakeExcel {
  const fake = new FakeExcel(18);
  const workbook = contractWorkbook();
  for (const grid of workbook.sheets) {
    const sheet = fake.addSheet(grid.name);
    grid.values.forEach((row, i) =>
      row.forEach((value, j) => {
        if (value !== null) sheet.cells.set(toA1(grid.originRow + i, grid.originCol + j), { value, formula: null, numberFormat: 'General', fill: null });
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
  const preferences = { get: (k: string) => stored.get(k) ?? null, set: (k: string, v: string) => void stored.set(k, v) };
  let render: (state: PaneState) => void = () => undefined;
  const controller = new TaskpaneController(host, preferences, (state) => render(state));
  render = mountPane(root, controller);
  render(controller.state);
  const click = async (id: string) => {
    (root.querySelector(`#${id}`) as HTMLButtonElement).click();
    await waitIdle(controller);
  };
  return { root, controller, stored, click };
}

async function waitIdle(controller: TaskpaneController): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (controller.state.busy === null) return;
  }
  throw new Error('pane stayed busy');
}

describe('task pane', () => {
  it('is in Chinese and usable by keyboard: native buttons, a labelled select, a live status', () => {
    const { root } = mount();
    expect(root.querySelector('h1')!.textContent).toBe('绩效自评助手');
    const labels = [...root.querySelectorAll('.actions button')].map((b) => b.textContent);
    expect(labels).toEqual(['检查当前工作表', '检查全部工作表', '标记问题', '清除标记', '填写总分与等级']);
    expect(root.querySelector('label[for="profile"]')!.textContent).toBe('评分规则');
    expect(root.querySelector('#status')!.getAttribute('aria-live')).toBe('polite');
    expect(root.querySelectorAll('[tabindex="-1"]')).toHaveLength(0);
    expect(root.querySelector('details.help summary')!.textContent).toBe('帮助');
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
  });

  it('checks only the active sheet', async () => {
    const { root, click } = mount();
    await click('check-active');
    expect(root.querySelectorAll('article.form')).toHaveLength(1);
  });

  it('clicking a finding selects its cell on its sheet', async () => {
    const fake = fakeWorkbook();
    const { root, click } = mount(new ExcelHost(fake.api(), () => true));
    await click('check-all');
    const first = root.querySelector('article.form .finding') as HTMLButtonElement;
    const cell = first.querySelector('.cell')!.textContent!;
    first.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
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
    await waitIdle(controller);
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
      clearMarks: async () => 0,
      selectCell: async () => undefined,
    };
    const { root, click } = mount(host as unknown as ExcelHost);
    await click('check-all');
    expect(root.querySelector('#status .message.error')!.textContent).toBe('工作簿正在编辑，无法读取');
    expect((root.querySelector('#check-all') as HTMLButtonElement).disabled).toBe(false);
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
});
