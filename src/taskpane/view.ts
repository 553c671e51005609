import type { FormResult } from '../core/check';
import type { DeclarationResult } from '../core/check-declaration';
import { FORM_KIND_LABEL, type CheckedForm } from '../core/workbook';
import { BUILT_IN_PROFILES } from '../core/profiles';
import { RULES, SEVERITY_LABEL, type Finding, type RuleId, type Severity } from '../core/rules';
import { templateFieldProblems, type TemplateFields } from '../core/templates';
import { formatNumber } from '../core/text';
import type { CellPreview } from '../hosts/host';
import { columnLetters, parseA1 } from '../core/address';
import type { PaneState, TaskpaneController } from './controller';
import { helpSection } from './help';
import { deductedRows } from './reasons';

type Child = Node | string | null | false;

/** A tiny element builder: the pane is small enough not to need a UI framework. */
function h(
  tag: string,
  attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== false) element.append(child);
  return element;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/**
 * Buttons are never `disabled` while the pane works: a disabled button drops the keyboard focus to
 * the page. They say so with aria-disabled, and the controller ignores a click while busy.
 */
function setUnavailable(button: HTMLElement, unavailable: boolean): void {
  if (unavailable) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}

/** Builds the static frame once; `render` then refreshes the parts that change. */
export function mountPane(
  root: HTMLElement,
  controller: TaskpaneController,
  options: { header?: boolean; profile?: boolean } = {},
): (state: PaneState) => void {
  const view = new PaneView(root, controller, options);
  return (state) => view.render(state);
}

/** An element that closes (calls `close`) when Escape is pressed anywhere inside it. */
function closesOnEscape(element: HTMLElement, close: () => void): HTMLElement {
  element.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key !== 'Escape') return;
    event.preventDefault();
    close();
  });
  return element;
}

class PaneView {
  private readonly profileSelect: HTMLSelectElement;
  private readonly undoButton: HTMLElement;
  private readonly buttons: HTMLElement[];
  private readonly status = h('div', { id: 'status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  private readonly freshness = h('div', { id: 'freshness' });
  private readonly draftPanel: HTMLElement;
  private readonly previewPanel: HTMLElement;
  private readonly showResults: (results: CheckedForm[] | null) => void;
  private readonly templates: { element: HTMLElement; render(state: PaneState): void };
  private readonly focus: ReturnType<typeof focusKeeper>;
  private draftKey: string | null = null;
  private previewKey: string | null = null;

  constructor(
    root: HTMLElement,
    private readonly controller: TaskpaneController,
    options: { header?: boolean; profile?: boolean },
  ) {
    this.profileSelect = h(
      'select',
      { id: 'profile', onchange: (event) => controller.setProfile((event.target as HTMLSelectElement).value) },
      ...Object.values(BUILT_IN_PROFILES).map((profile) => h('option', { value: profile.id }, profile.name)),
    ) as HTMLSelectElement;
    const { actions, newForms, undo } = actionGroups(controller);
    this.undoButton = undo;
    this.buttons = [...actions.querySelectorAll('button'), ...newForms.querySelectorAll('button')] as HTMLElement[];
    // Escape closes a panel from anywhere inside it; focus goes back to what opened it.
    this.draftPanel = closesOnEscape(h('section', { id: 'draft', 'aria-label': '偏差原因建议', tabindex: '-1' }), () =>
      controller.state.confirmReplace ? controller.cancelReplace() : controller.closeDraft(),
    );
    this.previewPanel = closesOnEscape(
      h('section', { id: 'preview', 'aria-label': '单元格预览（只读）', tabindex: '-1' }),
      () => controller.closePreview(),
    );
    const results = h('div', { id: 'results' });
    this.templates = templateEditor(controller);
    const header = h('header', {}, h('h1', {}, '绩效自评助手'), h('span', { class: 'host' }, controller.hostName));
    // The page's desk chooses one 评分规则 for every file; the pane in Excel or WPS chooses its own.
    const profileField = h('div', { class: 'field' }, h('label', { for: 'profile' }, '评分规则'), this.profileSelect);
    root.replaceChildren(
      ...(options.header === false ? [] : [header]),
      ...(options.profile === false ? [] : [profileField]),
      actions,
      newForms,
      this.status,
      this.freshness,
      this.previewPanel,
      this.draftPanel,
      results,
      this.templates.element,
      helpSection(controller.hostName),
    );
    this.showResults = pagedResults(results, controller);
    this.focus = focusKeeper(root);
  }

  render(state: PaneState): void {
    const keep = this.focus.remember();
    this.profileSelect.value = state.profileId;
    for (const element of this.buttons) setUnavailable(element, state.busy !== null);
    const last = state.history[state.history.length - 1];
    this.undoButton.textContent = last ? `撤销：${last.label}` : '撤销';
    setUnavailable(this.undoButton, state.busy !== null || !last);
    this.status.replaceChildren(...statusView(state));
    this.freshness.replaceChildren(...freshnessView(state, this.controller));
    this.previewPanel.replaceChildren(...(state.preview ? [previewView(state.preview, this.controller)] : []));
    this.previewPanel.hidden = !state.preview;
    this.draftPanel.replaceChildren(...(state.draft ? [draftView(state, this.controller)] : []));
    this.draftPanel.hidden = !state.draft;
    this.showResults(state.results);
    this.templates.render(state);
    this.moveFocus(state, keep);
  }

  /** A panel that opens takes the focus and comes into view; one that closes gives the focus back. */
  private moveFocus(state: PaneState, keep: () => void): void {
    const shownPreview = state.preview ? `${state.preview.sheet}!${state.preview.cell}` : null;
    const previewOpened = shownPreview !== null && shownPreview !== this.previewKey;
    this.previewKey = shownPreview;
    const key = state.draft ? `${state.draft.sheet}!${state.draft.row.row}` : null;
    if (key !== this.draftKey) {
      this.draftKey = key;
      if (!key) return this.focus.back(this.status);
      const target = state.confirmReplace ? '#confirm-replace' : 'input[type="radio"]:checked, #reason-text';
      return this.focus.into(this.draftPanel, target);
    }
    if (state.confirmReplace) this.focus.into(this.draftPanel, '#confirm-replace');
    else if (previewOpened && !state.draft) this.focus.into(this.previewPanel, '#preview-close');
    else keep();
  }
}

function actionGroups(controller: TaskpaneController): {
  actions: HTMLElement;
  newForms: HTMLElement;
  undo: HTMLElement;
} {
  const button = (label: string, action: () => void, id: string, primary = false) =>
    h('button', { type: 'button', id, class: primary ? 'primary' : '', onclick: () => action() }, label);
  const undo = button('撤销', () => void controller.undo(), 'undo');
  const actions = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': '操作' },
    button('检查当前工作表', () => void controller.check('active'), 'check-active', true),
    button('检查全部工作表', () => void controller.check('all'), 'check-all', true),
    button('标记问题', () => void controller.mark(), 'mark'),
    button('清除标记', () => void controller.clear(), 'clear'),
    button('填写总分与等级', () => void controller.fill(), 'fill'),
    button('一键填写全部缺失原因', () => void controller.fillAllReasons(), 'fill-reasons'),
    button('建议得分', () => void controller.suggestScores(), 'suggest-scores'),
    undo,
  );
  const newForms = h(
    'div',
    { class: 'actions new-forms', role: 'group', 'aria-label': '新建自评表' },
    button('由申报表新建自评表', () => void controller.newFormsFromDeclarations(), 'new-from-declaration'),
    button('插入空白自评表', () => void controller.insertBlankForm(), 'insert-blank'),
  );
  return { actions, newForms, undo };
}

/** What the pane is doing, with its progress, and the last message. */
function statusView(state: PaneState): HTMLElement[] {
  const busy = state.busy
    ? [h('span', {}, state.busy), h('progress', { max: '1', value: String(state.progress ?? 0), 'aria-label': '进度' })]
    : [];
  return [...busy, ...(state.message ? [h('p', { class: `message ${state.message.kind}` }, state.message.text)] : [])];
}

/** Keeps the keyboard focus where the user was through re-renders, and moves it on purpose. */
function focusKeeper(root: HTMLElement): {
  remember(): () => void;
  into(panel: HTMLElement, selector: string): void;
  back(fallback: HTMLElement): void;
} {
  let opener: string | null = null;
  root.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement;
    if (target.classList.contains('finding') && target.id) opener = target.id;
  });
  return {
    remember() {
      const active = document.activeElement as HTMLElement | null;
      const id = active && root.contains(active) ? active.id : '';
      return () => {
        if (!id) return;
        const now = document.activeElement;
        if (now && now !== document.body && root.contains(now) && now.id === id) return;
        document.getElementById(id)?.focus();
      };
    },
    into(panel, selector) {
      const target = (panel.querySelector(selector) as HTMLElement | null) ?? panel;
      target.focus();
      if (typeof panel.scrollIntoView === 'function') panel.scrollIntoView({ block: 'nearest' });
    },
    back(fallback) {
      const target = (opener && document.getElementById(opener)) || fallback;
      target.focus();
    },
  };
}

/** The form around a finding's cell, read-only, with the cell highlighted (the page cannot show the sheet). */
function previewView(preview: CellPreview, controller: TaskpaneController): HTMLElement {
  const target = parseA1(preview.cell);
  const width = Math.max(0, ...preview.values.map((row) => row.length));
  const header = h(
    'tr',
    {},
    h('th', {}, ''),
    ...Array.from({ length: width }, (_, c) => h('th', { scope: 'col' }, columnLetters(preview.left + c))),
  );
  const rows = preview.values.map((row, r) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, String(preview.top + r)),
      ...Array.from({ length: width }, (_, c) => {
        const value = row[c];
        const here = !!target && target.row === preview.top + r && target.col === preview.left + c;
        return h(
          'td',
          here ? { class: 'target', 'aria-current': 'true' } : {},
          value === null || value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : String(value),
        );
      }),
    ),
  );
  return h(
    'div',
    {},
    h('h2', {}, `「${preview.sheet}」${preview.cell} 附近（只读）`),
    h(
      'div',
      { class: 'preview-scroll', tabindex: '0', role: 'region', 'aria-label': '预览区域，可用方向键滚动' },
      h('table', { class: 'preview' }, h('thead', {}, header), h('tbody', {}, ...rows)),
    ),
    h(
      'button',
      { type: 'button', id: 'preview-close', class: 'small', onclick: () => controller.closePreview() },
      '关闭预览（Esc）',
    ),
  );
}

function freshnessView(state: PaneState, controller: TaskpaneController): HTMLElement[] {
  if (!state.results || state.checkedAt === null) return [];
  const time = new Date(state.checkedAt);
  const clock = [time.getHours(), time.getMinutes(), time.getSeconds()]
    .map((n) => (n < 10 ? `0${n}` : String(n)))
    .join(':');
  if (!state.stale) return [h('p', { class: 'checked-at' }, `检查于 ${clock}`)];
  return [
    h(
      'p',
      { class: 'message stale', role: 'alert' },
      `检查于 ${clock}，之后表格已有改动，下面的结果可能已过时。`,
      h(
        'button',
        { type: 'button', id: 'recheck', class: 'small', onclick: () => void controller.check(state.scope ?? 'all') },
        '重新检查',
      ),
    ),
  ];
}

/** Cards shown at a time: a reviewer's 4,000-form workbook must not build 4,000 cards at once. */
const RESULTS_PAGE = 30;

/**
 * The form cards, built again only when the results change (not on every progress tick), a page at a
 * time with a button for the next page.
 */
function pagedResults(container: HTMLElement, controller: TaskpaneController): (results: CheckedForm[] | null) => void {
  let shown: CheckedForm[] | null = null;
  let count = 0;
  let more: HTMLElement | null = null;
  const appendPage = (): void => {
    const list = shown ?? [];
    more?.remove();
    const page = list.slice(count, count + RESULTS_PAGE);
    container.append(...page.map((result, i) => formCard(result, count + i, controller)));
    count += page.length;
    more = null;
    if (count < list.length) {
      more = h(
        'button',
        { type: 'button', class: 'more', id: 'more-results', onclick: appendPage },
        `再显示 ${Math.min(RESULTS_PAGE, list.length - count)} 张（共 ${list.length} 张，已显示 ${count} 张）`,
      );
      container.append(more);
    }
  };
  return (results) => {
    if (results === shown) return;
    shown = results;
    count = 0;
    container.replaceChildren();
    appendPage();
  };
}

function draftView(state: PaneState, controller: TaskpaneController): HTMLElement {
  const draft = state.draft!;
  const row = draft.row;
  const textarea = h('textarea', {
    id: 'reason-text',
    rows: '7',
    'aria-label': '偏差原因分析及改进措施（可修改）',
    oninput: (event) => controller.editDraft((event.target as HTMLTextAreaElement).value),
  }) as HTMLTextAreaElement;
  textarea.value = draft.text;
  // One radio group: Tab enters it once, the arrow keys move between suggestions.
  const choices = draft.suggestions.map((suggestion, index) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'suggestion',
        id: `suggestion-${index}`,
        value: String(index),
        checked: index === draft.selected,
        onchange: () => controller.chooseSuggestion(index),
      }),
      ` ${suggestion.template.title}${suggestion.template.custom ? '（我的模板）' : ''}`,
    ),
  );
  const hasText = row.reason.trim() !== '';
  const busy = state.busy !== null;
  const action = (id: string, label: string, run: () => void, primary = false) => {
    const element = h('button', { type: 'button', id, class: primary ? 'primary' : '', onclick: run }, label);
    setUnavailable(element, busy);
    return element;
  };
  const confirm = state.confirmReplace;
  return h(
    'div',
    { class: 'draft' },
    h('h2', {}, `偏差原因：${row.name || `第 ${row.row} 行`}`),
    h(
      'p',
      { class: 'where' },
      `${draft.sheet}!${row.reasonCell} · 分值 ${row.weight ?? '—'}，得分 ${row.score ?? '—'}，扣 ${row.pointsLost ?? '—'} 分`,
    ),
    hasText ? h('p', { class: 'current' }, h('strong', {}, '单元格现有内容：'), row.reason) : null,
    choices.length
      ? h('fieldset', {}, h('legend', {}, '建议（按适合程度排序，可用方向键选择）'), ...choices)
      : h('p', {}, '没有适合的模板，可直接输入。'),
    textarea,
    confirm
      ? h(
          'div',
          { class: 'confirm', role: 'alertdialog', 'aria-label': '确认替换' },
          h('p', {}, `替换会删去 ${confirm.cell} 现有的内容：「${confirm.current}」，改为上面的文本。可用“撤销”恢复。`),
          h(
            'div',
            { class: 'actions' },
            action('confirm-replace', '确认替换', () => void controller.confirmReplace(), true),
            action('cancel-replace', '取消', () => controller.cancelReplace()),
          ),
        )
      : h(
          'div',
          { class: 'actions' },
          ...(hasText
            ? [
                action('append-reason', '追加', () => void controller.insertReason('append')),
                action('replace-reason', '替换…', () => void controller.insertReason('replace')),
              ]
            : [action('insert-reason', '插入', () => void controller.insertReason('if-empty'), true)]),
          h('button', { type: 'button', id: 'close-draft', onclick: () => controller.closeDraft() }, '关闭（Esc）'),
        ),
  );
}

/**
 * 我的模板: the fields are built once and keep what the user typed through every re-render and error;
 * problems show next to their field in plain Chinese; 删除 asks first.
 */
function templateEditor(controller: TaskpaneController): { element: HTMLElement; render(state: PaneState): void } {
  const container = h('details', { id: 'my-templates', class: 'templates' });
  const summary = h('summary', {});
  const list = h('div', { class: 'template-list' });
  const inputs = {
    title: h('input', { id: 'tpl-title', type: 'text', 'aria-describedby': 'tpl-title-problem' }) as HTMLInputElement,
    keywords: h('input', {
      id: 'tpl-keywords',
      type: 'text',
      placeholder: '如：及时，进度',
      'aria-describedby': 'tpl-keywords-problem',
    }) as HTMLInputElement,
    level2: h('input', {
      id: 'tpl-level2',
      type: 'text',
      placeholder: '如：时效指标（可空）',
      'aria-describedby': 'tpl-level2-problem',
    }) as HTMLInputElement,
    text: h('textarea', {
      id: 'tpl-text',
      rows: '4',
      placeholder: '可用 {指标} {指标值} {实际值} {分值} {得分} {扣分}',
      'aria-describedby': 'tpl-text-problem',
    }) as HTMLTextAreaElement,
  };
  const problems = Object.fromEntries(
    Object.keys(inputs).map((key) => [
      key,
      h('p', { id: `tpl-${key}-problem`, class: 'field-problem', 'aria-live': 'polite' }),
    ]),
  ) as Record<keyof TemplateFields, HTMLElement>;
  const labels: Record<keyof TemplateFields, string> = {
    title: '标题',
    keywords: '适用关键词（指标名称中含有）',
    level2: '适用二级指标',
    text: '文本',
  };
  const field = (key: keyof TemplateFields) =>
    h('div', { class: 'field stacked' }, h('label', { for: inputs[key].id }, labels[key]), inputs[key], problems[key]);
  let editing: string | null = null;
  let confirmingDelete: string | null = null;
  const split = (value: string) =>
    value
      .split(/[,，、\s]+/)
      .map((w) => w.trim())
      .filter(Boolean);
  const fields = (): TemplateFields => ({
    title: inputs.title.value,
    keywords: split(inputs.keywords.value),
    level2: split(inputs.level2.value),
    text: inputs.text.value,
  });
  const showProblems = (found: Partial<Record<keyof TemplateFields, string>>) => {
    for (const key of Object.keys(problems) as Array<keyof TemplateFields>) {
      problems[key].textContent = found[key] ?? '';
      if (found[key]) inputs[key].setAttribute('aria-invalid', 'true');
      else inputs[key].removeAttribute('aria-invalid');
    }
    const first = (Object.keys(inputs) as Array<keyof TemplateFields>).find((key) => found[key]);
    if (first) inputs[first].focus();
  };
  const save = async () => {
    const typed = fields();
    const found = templateFieldProblems(typed);
    showProblems(found);
    if (Object.keys(found).length) return;
    const saved = await controller.saveTemplate({
      id: editing ?? `own-${Date.now().toString(36)}`,
      title: typed.title.trim(),
      appliesTo: { keywords: typed.keywords, ...(typed.level2.length ? { level2: typed.level2 } : {}) },
      text: typed.text,
      custom: true,
    });
    // Only a saved template empties the fields; after a failure everything typed stays.
    if (!saved) return;
    editing = null;
    for (const input of Object.values(inputs)) input.value = '';
  };
  const edit = (id: string) => {
    const template = controller.state.customTemplates.find((t) => t.id === id);
    if (!template) return;
    editing = id;
    inputs.title.value = template.title;
    inputs.keywords.value = (template.appliesTo.keywords ?? []).join('，');
    inputs.level2.value = (template.appliesTo.level2 ?? []).join('，');
    inputs.text.value = template.text;
    inputs.title.focus();
  };
  const importInput = h('input', {
    id: 'tpl-import',
    type: 'file',
    accept: '.json,application/json',
    onchange: (event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) void file.text().then((content) => controller.importTemplates(content, file.name));
    },
  });
  const exportButton = h(
    'button',
    {
      type: 'button',
      id: 'tpl-export',
      onclick: () => {
        const blob = new Blob([controller.exportTemplates()], { type: 'application/json' });
        const link = h('a', { href: URL.createObjectURL(blob), download: '偏差原因模板.json' });
        link.click();
        setTimeout(() => URL.revokeObjectURL((link as HTMLAnchorElement).href), 1000);
      },
    },
    '导出模板',
  );
  container.append(
    summary,
    list,
    field('title'),
    field('keywords'),
    field('level2'),
    field('text'),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', id: 'tpl-save', onclick: () => void save() }, '保存模板'),
      exportButton,
    ),
    h('div', { class: 'field stacked' }, h('label', { for: 'tpl-import' }, '导入模板文件（JSON）'), importInput),
  );
  let shown: PaneState['customTemplates'] | null = null;
  const renderList = (state: PaneState) => {
    summary.textContent = `我的模板（${state.customTemplates.length}）`;
    const rows = state.customTemplates.map((template) => {
      const asking = confirmingDelete === template.id;
      return h(
        'li',
        {},
        h('span', {}, asking ? `删除「${template.title}」？` : template.title),
        ...(asking
          ? [
              h(
                'button',
                {
                  type: 'button',
                  class: 'small danger',
                  id: `tpl-delete-yes-${template.id}`,
                  onclick: () => {
                    confirmingDelete = null;
                    void controller.removeTemplate(template.id);
                  },
                },
                '确认删除',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  id: `tpl-delete-no-${template.id}`,
                  onclick: () => {
                    confirmingDelete = null;
                    renderList(controller.state);
                    document.getElementById(`tpl-delete-${template.id}`)?.focus();
                  },
                },
                '取消',
              ),
            ]
          : [
              h(
                'button',
                { type: 'button', class: 'small', id: `tpl-edit-${template.id}`, onclick: () => edit(template.id) },
                '编辑',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  id: `tpl-delete-${template.id}`,
                  onclick: () => {
                    confirmingDelete = template.id;
                    renderList(controller.state);
                    document.getElementById(`tpl-delete-no-${template.id}`)?.focus();
                  },
                },
                '删除…',
              ),
            ]),
      );
    });
    list.replaceChildren(state.customTemplates.length ? h('ul', {}, ...rows) : h('p', {}, '还没有自己的模板。'));
    shown = state.customTemplates;
  };
  return {
    element: container,
    render(state) {
      if (state.customTemplates !== shown) renderList(state);
    },
  };
}

function formCard(result: CheckedForm, index: number, controller: TaskpaneController): HTMLElement {
  return result.kind === 'target-declaration'
    ? declarationCard(result, index, controller)
    : evaluationCard(result, index, controller);
}

function findingGroups(result: CheckedForm, index: number, controller: TaskpaneController): Array<HTMLElement | null> {
  return SEVERITIES.map((severity) => {
    const findings = result.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) return null;
    return h(
      'section',
      { class: `group ${severity}` },
      h('h3', {}, `${SEVERITY_LABEL[severity]}（${findings.length}）`),
      h(
        'ul',
        {},
        ...findings.map((finding) =>
          h(
            'li',
            {},
            findingButton(result, finding, `finding-${index}-${result.findings.indexOf(finding)}`, controller),
          ),
        ),
      ),
    );
  });
}

function declarationCard(result: DeclarationResult, index: number, controller: TaskpaneController): HTMLElement {
  const { funds } = result;
  return h(
    'article',
    {
      class: 'form declaration',
      'aria-labelledby': `form-${index}`,
      'data-sheet': result.sheet,
      'data-range': result.range,
      'data-kind': result.kind,
    },
    h('h2', { id: `form-${index}` }, `${result.form.project ?? '（未识别到项目名称）'}`),
    h('p', { class: 'where' }, `绩效目标申报表 · 工作表「${result.sheet}」${result.range}`),
    h(
      'dl',
      { class: 'scores' },
      h('dt', {}, '资金'),
      h(
        'dd',
        {},
        `${funds.total === null ? '—' : `${formatNumber(funds.total)} ${funds.unit}`}${funds.components === null ? '' : `（明细合计 ${formatNumber(funds.components)}）`}`,
      ),
      h('dt', {}, '指标'),
      h('dd', {}, `${result.indicators.length} 个`),
    ),
    result.findings.length === 0 ? h('p', { class: 'ok' }, '✔ 未发现问题') : null,
    ...findingGroups(result, index, controller),
  );
}

function evaluationCard(result: FormResult, index: number, controller: TaskpaneController): HTMLElement {
  const total = result.total;
  const grade = result.grade;
  // The view shows the engine's verdicts, never its own comparison.
  const flagged = (rule: RuleId) => result.findings.some((f) => f.rule === rule);
  const deducted = deductedRows(result);
  const rows = deducted.length
    ? h(
        'section',
        { class: 'group deducted' },
        h('h3', {}, `扣分指标（${deducted.length}）`),
        h(
          'ul',
          {},
          ...deducted.map((row) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'finding',
                  id: `row-${index}-${row.row}`,
                  onclick: () => void controller.openFinding(result.sheet, row.reasonCell ?? row.nameCell, row.row),
                },
                h('span', { class: 'cell' }, `第 ${row.row} 行`),
                h('span', { class: 'rule' }, `${row.name || '（无名称）'}：扣 ${formatNumber(row.pointsLost ?? 0)} 分`),
                h(
                  'span',
                  { class: 'text' },
                  row.reason.trim() ? `原因：${row.reason}` : '尚未填写偏差原因 — 点击查看建议',
                ),
              ),
            ),
          ),
        ),
      )
    : null;
  const groups = findingGroups(result, index, controller);
  return h(
    'article',
    {
      class: 'form',
      'aria-labelledby': `form-${index}`,
      'data-sheet': result.sheet,
      'data-range': result.range,
      'data-kind': result.kind,
    },
    h('h2', { id: `form-${index}` }, result.form.project ?? '（未识别到项目名称）'),
    h(
      'p',
      { class: 'where' },
      `${FORM_KIND_LABEL[result.kind]} · 工作表「${result.sheet}」${result.range} · 评分规则：${result.profile.name}`,
    ),
    h(
      'dl',
      { class: 'scores' },
      h('dt', {}, '总分'),
      h(
        'dd',
        { class: flagged('total-mismatch') ? 'bad' : '' },
        `填报 ${show(total.declared)} · 计算 ${total.computed === null ? '无法计算' : formatNumber(total.computed)}`,
      ),
      h('dt', {}, '评分等级'),
      h(
        'dd',
        { class: flagged('grade-mismatch') ? 'bad' : '' },
        `填报 ${grade.declared ?? '—'} · 计算 ${grade.computed ?? '—'}`,
      ),
    ),
    result.findings.length === 0 ? h('p', { class: 'ok' }, '✔ 未发现问题') : null,
    ...groups,
    rows,
  );
}

function findingButton(result: CheckedForm, finding: Finding, id: string, controller: TaskpaneController): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'finding',
      id,
      title: `定位到 ${finding.cell}`,
      'data-rule': finding.rule,
      'data-cell': finding.cell,
      'data-row': String(finding.row),
      onclick: () => void controller.openFinding(result.sheet, finding.cell, finding.row),
    },
    h('span', { class: 'cell' }, finding.cell),
    h('span', { class: 'rule' }, RULES[finding.rule].title),
    h('span', { class: 'text' }, finding.message),
  );
}

function show(value: number | null): string {
  return value === null ? '—' : formatNumber(value);
}
