import { COLUMN_ROLE_NAMES, TEACHABLE_ROLES, type ColumnRole } from '../core/vocabulary/column-roles';
import type { PaneState, TaskpaneController, TeachDraft } from './controller';
import { node } from './dom';

const UNUSED = '';

/**
 * 手动指定表格: the user picks the header row among the sheet's likely ones and gives each of its columns a
 * role (pre-filled with the engine's guess), names the layout and saves it; the sheet is then checked again.
 */
export function teachView(teach: TeachDraft, controller: TaskpaneController): HTMLElement {
  const candidate = teach.candidates.find((c) => c.row === teach.row) ?? teach.candidates[0];
  const rowSelect = node(
    'select',
    {
      id: 'teach-row',
      onchange: (event) => controller.teaching.chooseRow(Number((event.target as HTMLSelectElement).value)),
    },
    ...teach.candidates.map((c) =>
      node(
        'option',
        { value: String(c.row), ...(c.row === teach.row ? { selected: true } : {}) },
        `第 ${c.row} 行：${c.cells.map((cell) => cell.label).join(' | ')}`.slice(0, 80),
      ),
    ),
  );
  const rows = candidate.cells.map((cell, i) => roleRow(cell.label, teach.roles[i] ?? null, i, controller));
  const name = node('input', {
    id: 'teach-name',
    type: 'text',
    value: teach.name,
    maxlength: '60',
    oninput: (event) => controller.teaching.rename((event.target as HTMLInputElement).value),
  });
  return node(
    'div',
    {},
    node('h2', {}, `手动指定表格：工作表「${teach.sheet}」`),
    node('p', { class: 'hint' }, '选出表头所在的行，再为每一列指定用途；用不到的列选“（不用）”。'),
    node('div', { class: 'field stacked' }, node('label', { for: 'teach-row' }, '表头所在行'), rowSelect),
    node('table', { class: 'teach-columns' }, node('tbody', {}, ...rows)),
    node('div', { class: 'field stacked' }, node('label', { for: 'teach-name' }, '版式名称'), name),
    teach.problem ? node('p', { class: 'field-problem', id: 'teach-problem', role: 'alert' }, teach.problem) : null,
    node(
      'div',
      { class: 'actions' },
      node(
        'button',
        { type: 'button', id: 'teach-save', class: 'primary', onclick: () => void controller.teaching.save() },
        '保存并重新检查',
      ),
      node('button', { type: 'button', id: 'teach-cancel', onclick: () => controller.teaching.close() }, '取消（Esc）'),
    ),
    node(
      'p',
      { class: 'hint' },
      '保存后，表头与此相同的表格都按这些列读取；“我的表格版式”可导出为文件，命令行用 --layout 文件名 读取。',
    ),
  );
}

function roleRow(label: string, role: ColumnRole | null, index: number, controller: TaskpaneController): HTMLElement {
  const id = `teach-role-${index}`;
  const select = node(
    'select',
    {
      id,
      onchange: (event) => {
        const value = (event.target as HTMLSelectElement).value;
        controller.teaching.setRole(index, value === UNUSED ? null : (value as ColumnRole));
      },
    },
    node('option', { value: UNUSED, ...(role === null ? { selected: true } : {}) }, '（不用）'),
    ...TEACHABLE_ROLES.map((r) =>
      node('option', { value: r, ...(r === role ? { selected: true } : {}) }, COLUMN_ROLE_NAMES[r]),
    ),
  );
  return node('tr', {}, node('th', { scope: 'row' }, node('label', { for: id }, label)), node('td', {}, select));
}

/** 导出版式 (a file for the CLI's --layout or a colleague) and 导入版式文件. */
function layoutFileControls(controller: TaskpaneController): HTMLElement[] {
  const exportButton = node(
    'button',
    {
      type: 'button',
      id: 'layouts-export',
      onclick: () =>
        void controller.teaching.exportText().then((text) => {
          const blob = new Blob([text], { type: 'application/json' });
          const link = node('a', { href: URL.createObjectURL(blob), download: '表格版式.json' }) as HTMLAnchorElement;
          link.click();
          setTimeout(() => URL.revokeObjectURL(link.href), 1000);
        }),
    },
    '导出版式',
  );
  const importInput = node('input', {
    id: 'layouts-import',
    type: 'file',
    accept: '.json,application/json',
    onchange: (event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) void file.text().then((content) => controller.teaching.importText(content, file.name));
    },
  });
  return [
    node('div', { class: 'actions' }, exportButton),
    node(
      'div',
      { class: 'field stacked' },
      node('label', { for: 'layouts-import' }, '导入版式文件（JSON）'),
      importInput,
    ),
  ];
}

/** 我的表格版式: the layouts taught so far, to delete, export for the CLI (--layout) or import from a colleague. */
export function layoutsSection(controller: TaskpaneController): {
  element: HTMLElement;
  render(state: PaneState): void;
} {
  const summary = node('summary', {}, '我的表格版式（0）');
  const list = node('ul', { class: 'layout-list' });
  const element = node('details', { id: 'layouts' }, summary, list, ...layoutFileControls(controller));
  let shown: PaneState['customLayouts'] | null = null;
  return {
    element,
    render(state) {
      if (state.customLayouts === shown) return;
      shown = state.customLayouts;
      summary.textContent = `我的表格版式（${state.customLayouts.length}）`;
      list.replaceChildren(
        ...state.customLayouts.map((layout, i) =>
          node(
            'li',
            {},
            `${layout.name}：${layout.columns.map((c) => c.label).join(' | ')}`,
            node(
              'button',
              { type: 'button', id: `layout-remove-${i}`, onclick: () => void controller.teaching.remove(layout.name) },
              '删除',
            ),
          ),
        ),
      );
    },
  };
}
