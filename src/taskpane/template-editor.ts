import { templateFieldProblems, type TemplateFields } from '../core/edits/templates';
import type { PaneState, TaskpaneController } from './controller';
import { node } from './dom';

type Field = keyof TemplateFields;
const FIELDS: Field[] = ['title', 'keywords', 'level2', 'text'];
const LABELS: Record<Field, string> = {
  title: '标题',
  keywords: '适用关键词（指标名称中含有）',
  level2: '适用二级指标',
  text: '文本',
};

/**
 * 我的模板: the fields are built once and keep what the user typed through every re-render and error;
 * problems show next to their field in plain Chinese; 删除 asks first.
 */
export function templateEditor(controller: TaskpaneController): {
  element: HTMLElement;
  render(state: PaneState): void;
} {
  const editor = new TemplateEditor(controller);
  return { element: editor.element, render: (state) => editor.render(state) };
}

class TemplateEditor {
  readonly element = node('details', { id: 'my-templates', class: 'templates' });
  private readonly summary = node('summary', {});
  private readonly list = node('div', { class: 'template-list' });
  private readonly inputs: Record<Field, HTMLInputElement | HTMLTextAreaElement> = {
    title: textInput('tpl-title'),
    keywords: textInput('tpl-keywords', '如：及时，进度'),
    level2: textInput('tpl-level2', '如：时效指标（可空）'),
    text: node('textarea', {
      id: 'tpl-text',
      rows: '4',
      placeholder: '可用 {指标} {指标值} {实际值} {分值} {得分} {扣分}',
      'aria-describedby': 'tpl-text-problem',
    }) as HTMLTextAreaElement,
  };
  private readonly problems = Object.fromEntries(
    FIELDS.map((key) => [key, node('p', { id: `tpl-${key}-problem`, class: 'field-problem', 'aria-live': 'polite' })]),
  ) as Record<Field, HTMLElement>;
  /** The template being edited (saved under its id), or null for a new one. */
  private editing: string | null = null;
  private confirmingDelete: string | null = null;
  private shown: PaneState['customTemplates'] | null = null;

  constructor(private readonly controller: TaskpaneController) {
    const field = (key: Field) =>
      node(
        'div',
        { class: 'field stacked' },
        node('label', { for: this.inputs[key].id }, LABELS[key]),
        this.inputs[key],
        this.problems[key],
      );
    const save = node('button', { type: 'button', id: 'tpl-save', onclick: () => void this.save() }, '保存模板');
    const exportButton = node(
      'button',
      { type: 'button', id: 'tpl-export', onclick: () => this.exportFile() },
      '导出模板',
    );
    const importInput = node('input', {
      id: 'tpl-import',
      type: 'file',
      accept: '.json,application/json',
      onchange: (event) => this.importFile(event),
    });
    this.element.append(
      this.summary,
      this.list,
      ...FIELDS.map(field),
      node('div', { class: 'actions' }, save, exportButton),
      node(
        'div',
        { class: 'field stacked' },
        node('label', { for: 'tpl-import' }, '导入模板文件（JSON）'),
        importInput,
      ),
    );
  }

  render(state: PaneState): void {
    if (state.customTemplates !== this.shown) this.renderList(state);
  }

  private fields(): TemplateFields {
    const words = (value: string) =>
      value
        .split(/[,，、\s]+/)
        .map((w) => w.trim())
        .filter(Boolean);
    const { title, keywords, level2, text } = this.inputs;
    return { title: title.value, keywords: words(keywords.value), level2: words(level2.value), text: text.value };
  }

  private showProblems(found: Partial<Record<Field, string>>): void {
    for (const key of FIELDS) {
      this.problems[key].textContent = found[key] ?? '';
      if (found[key]) this.inputs[key].setAttribute('aria-invalid', 'true');
      else this.inputs[key].removeAttribute('aria-invalid');
    }
    const first = FIELDS.find((key) => found[key]);
    if (first) this.inputs[first].focus();
  }

  private async save(): Promise<void> {
    const typed = this.fields();
    const found = templateFieldProblems(typed);
    this.showProblems(found);
    if (Object.keys(found).length) return;
    const saved = await this.controller.saveTemplate({
      id: this.editing ?? `own-${Date.now().toString(36)}`,
      title: typed.title.trim(),
      appliesTo: { keywords: typed.keywords, ...(typed.level2.length ? { level2: typed.level2 } : {}) },
      text: typed.text,
      custom: true,
    });
    // Only a saved template empties the fields; after a failure everything typed stays.
    if (!saved) return;
    this.editing = null;
    for (const input of Object.values(this.inputs)) input.value = '';
  }

  private edit(id: string): void {
    const template = this.controller.state.customTemplates.find((t) => t.id === id);
    if (!template) return;
    this.editing = id;
    this.inputs.title.value = template.title;
    this.inputs.keywords.value = (template.appliesTo.keywords ?? []).join('，');
    this.inputs.level2.value = (template.appliesTo.level2 ?? []).join('，');
    this.inputs.text.value = template.text;
    this.inputs.title.focus();
  }

  private exportFile(): void {
    const blob = new Blob([this.controller.exportTemplates()], { type: 'application/json' });
    const link = node('a', { href: URL.createObjectURL(blob), download: '偏差原因模板.json' }) as HTMLAnchorElement;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  private importFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void file.text().then((content) => this.controller.importTemplates(content, file.name));
  }

  private renderList(state: PaneState): void {
    this.summary.textContent = `我的模板（${state.customTemplates.length}）`;
    const rows = state.customTemplates.map((template) => this.listRow(template.id, template.title));
    this.list.replaceChildren(
      state.customTemplates.length ? node('ul', {}, ...rows) : node('p', {}, '还没有自己的模板。'),
    );
    this.shown = state.customTemplates;
  }

  /** A saved template with 编辑 and 删除…; 删除 first asks, with 确认删除 and 取消. */
  private listRow(id: string, title: string): HTMLElement {
    const button = (label: string, buttonId: string, run: () => void, danger = false) =>
      node('button', { type: 'button', class: danger ? 'small danger' : 'small', id: buttonId, onclick: run }, label);
    const ask = (asking: string | null, focus: string) => {
      this.confirmingDelete = asking;
      this.renderList(this.controller.state);
      document.getElementById(focus)?.focus();
    };
    if (this.confirmingDelete === id) {
      return node(
        'li',
        {},
        node('span', {}, `删除「${title}」？`),
        button(
          '确认删除',
          `tpl-delete-yes-${id}`,
          () => {
            this.confirmingDelete = null;
            void this.controller.removeTemplate(id);
          },
          true,
        ),
        button('取消', `tpl-delete-no-${id}`, () => ask(null, `tpl-delete-${id}`)),
      );
    }
    return node(
      'li',
      {},
      node('span', {}, title),
      button('编辑', `tpl-edit-${id}`, () => this.edit(id)),
      button('删除…', `tpl-delete-${id}`, () => ask(id, `tpl-delete-no-${id}`)),
    );
  }
}

function textInput(id: string, placeholder = ''): HTMLInputElement {
  return node('input', { id, type: 'text', placeholder, 'aria-describedby': `${id}-problem` }) as HTMLInputElement;
}
