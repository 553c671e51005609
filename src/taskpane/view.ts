import type { FormResult } from '../core/check';
import type { DeclarationResult } from '../core/check-declaration';
import { FORM_KIND_LABEL, type CheckedForm } from '../core/workbook';
import { BUILT_IN_PROFILES } from '../core/profiles';
import { RULES, SEVERITY_LABEL, type Finding, type Severity } from '../core/rules';
import { formatNumber } from '../core/text';
import type { PaneState, TaskpaneController } from './controller';
import { deductedRows } from './reasons';

type Child = Node | string | null | false;

/** A tiny element builder: the pane is small enough not to need a UI framework. */
function h(tag: string, attributes: Record<string, string | boolean | ((event: Event) => void)> = {}, ...children: Child[]): HTMLElement {
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

/** Builds the static frame once; `render` then refreshes the parts that change. */
export function mountPane(root: HTMLElement, controller: TaskpaneController, options: { header?: boolean } = {}): (state: PaneState) => void {
  const profileSelect = h(
    'select',
    { id: 'profile', onchange: (event) => controller.setProfile((event.target as HTMLSelectElement).value) },
    ...Object.values(BUILT_IN_PROFILES).map((profile) => h('option', { value: profile.id }, profile.name)),
  ) as HTMLSelectElement;
  const button = (label: string, action: () => void, id: string, primary = false) =>
    h('button', { type: 'button', id, class: primary ? 'primary' : '', onclick: () => action() }, label);
  const actions = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': '操作' },
    button('检查当前工作表', () => void controller.check('active'), 'check-active', true),
    button('检查全部工作表', () => void controller.check('all'), 'check-all', true),
    button('标记问题', () => void controller.mark(), 'mark'),
    button('清除标记', () => void controller.clear(), 'clear'),
    button('填写总分与等级', () => void controller.fill(), 'fill'),
    button('一键填写全部缺失原因', () => void controller.fillAllReasons(), 'fill-reasons'),
    button('撤销本次填写', () => void controller.undoFill(), 'undo-fill'),
  );
  const status = h('div', { id: 'status', role: 'status', 'aria-live': 'polite' });
  const draftPanel = h('section', { id: 'draft', 'aria-label': '偏差原因建议' });
  const results = h('div', { id: 'results' });
  const templates = h('details', { id: 'my-templates', class: 'templates' });
  root.replaceChildren(
    ...(options.header === false ? [] : [h('header', {}, h('h1', {}, '绩效自评助手'), h('span', { class: 'host' }, controller.hostName))]),
    h('div', { class: 'field' }, h('label', { for: 'profile' }, '评分规则'), profileSelect),
    actions,
    status,
    draftPanel,
    results,
    templates,
    help(),
  );

  const showResults = pagedResults(results, controller);
  return (state: PaneState) => {
    profileSelect.value = state.profileId;
    for (const element of actions.querySelectorAll('button')) (element as HTMLButtonElement).disabled = state.busy !== null;
    (actions.querySelector('#undo-fill') as HTMLButtonElement).disabled = state.busy !== null || !state.lastFill?.length;
    status.replaceChildren(
      ...(state.busy ? [h('span', {}, state.busy), h('progress', { max: '1', value: String(state.progress ?? 0), 'aria-label': '进度' })] : []),
      ...(state.message ? [h('p', { class: `message ${state.message.kind}` }, state.message.text)] : []),
    );
    draftPanel.replaceChildren(...(state.draft ? [draftView(state, controller)] : []));
    draftPanel.hidden = !state.draft;
    showResults(state.results);
    renderTemplates(templates, state, controller);
  };
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
      more = h('button', { type: 'button', class: 'more', id: 'more-results', onclick: appendPage }, `再显示 ${Math.min(RESULTS_PAGE, list.length - count)} 张（共 ${list.length} 张，已显示 ${count} 张）`);
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
  const textarea = h('textarea', { id: 'reason-text', rows: '7', 'aria-label': '偏差原因分析及改进措施（可修改）', oninput: (event) => controller.editDraft((event.target as HTMLTextAreaElement).value) }) as HTMLTextAreaElement;
  textarea.value = draft.text;
  const choices = draft.suggestions.map((suggestion, index) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'suggestion', value: String(index), checked: index === draft.selected, onchange: () => controller.chooseSuggestion(index) }),
      ` ${suggestion.template.title}${suggestion.template.custom ? '（我的模板）' : ''}`,
    ),
  );
  const hasText = row.reason.trim() !== '';
  const busy = state.busy !== null;
  return h(
    'div',
    { class: 'draft' },
    h('h2', {}, `偏差原因：${row.name || `第 ${row.row} 行`}`),
    h('p', { class: 'where' }, `${draft.sheet}!${row.reasonCell} · 分值 ${row.weight ?? '—'}，得分 ${row.score ?? '—'}，扣 ${row.pointsLost ?? '—'} 分`),
    choices.length ? h('fieldset', {}, h('legend', {}, '建议（按适合程度排序）'), ...choices) : h('p', {}, '没有适合的模板，可直接输入。'),
    textarea,
    h(
      'div',
      { class: 'actions' },
      ...(hasText
        ? [
            h('button', { type: 'button', id: 'append-reason', disabled: busy, onclick: () => void controller.insertReason('append') }, '追加'),
            h('button', { type: 'button', id: 'replace-reason', disabled: busy, onclick: () => void controller.insertReason('replace') }, '替换'),
          ]
        : [h('button', { type: 'button', id: 'insert-reason', class: 'primary', disabled: busy, onclick: () => void controller.insertReason('if-empty') }, '插入')]),
      h('button', { type: 'button', id: 'close-draft', onclick: () => controller.closeDraft() }, '关闭'),
    ),
  );
}

function renderTemplates(container: HTMLElement, state: PaneState, controller: TaskpaneController): void {
  const open = (container as HTMLDetailsElement).open;
  const field = (id: string, label: string, input: HTMLElement) => h('div', { class: 'field stacked' }, h('label', { for: id }, label), input);
  const title = h('input', { id: 'tpl-title', type: 'text' }) as HTMLInputElement;
  const keywords = h('input', { id: 'tpl-keywords', type: 'text', placeholder: '如：及时，进度' }) as HTMLInputElement;
  const level2 = h('input', { id: 'tpl-level2', type: 'text', placeholder: '如：时效指标（可空）' }) as HTMLInputElement;
  const text = h('textarea', { id: 'tpl-text', rows: '4', placeholder: '可用 {指标} {指标值} {实际值} {分值} {得分} {扣分}' }) as HTMLTextAreaElement;
  let editing: string | null = null;
  const list = h(
    'ul',
    {},
    ...state.customTemplates.map((template) =>
      h(
        'li',
        {},
        h('span', {}, template.title),
        h('button', { type: 'button', class: 'small', onclick: () => {
          editing = template.id;
          title.value = template.title;
          keywords.value = (template.appliesTo.keywords ?? []).join('，');
          level2.value = (template.appliesTo.level2 ?? []).join('，');
          text.value = template.text;
          title.focus();
        } }, '编辑'),
        h('button', { type: 'button', class: 'small', onclick: () => controller.removeTemplate(template.id) }, '删除'),
      ),
    ),
  );
  const split = (value: string) => value.split(/[,，、\s]+/).map((w) => w.trim()).filter(Boolean);
  const save = () => {
    const saved = controller.saveTemplate({
      id: editing ?? `own-${Date.now().toString(36)}`,
      title: title.value.trim(),
      appliesTo: { keywords: split(keywords.value), ...(split(level2.value).length ? { level2: split(level2.value) } : {}) },
      text: text.value,
      custom: true,
    });
    if (saved) editing = null;
  };
  const importInput = h('input', { id: 'tpl-import', type: 'file', accept: '.json,application/json', onchange: (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void file.text().then((content) => controller.importTemplates(content, file.name));
  } });
  const exportButton = h('button', { type: 'button', id: 'tpl-export', onclick: () => {
    const blob = new Blob([controller.exportTemplates()], { type: 'application/json' });
    const link = h('a', { href: URL.createObjectURL(blob), download: '偏差原因模板.json' });
    link.click();
    setTimeout(() => URL.revokeObjectURL((link as HTMLAnchorElement).href), 1000);
  } }, '导出模板');
  container.replaceChildren(
    h('summary', {}, `我的模板（${state.customTemplates.length}）`),
    state.customTemplates.length ? list : h('p', {}, '还没有自己的模板。'),
    field('tpl-title', '标题', title),
    field('tpl-keywords', '适用关键词（指标名称中含有）', keywords),
    field('tpl-level2', '适用二级指标', level2),
    field('tpl-text', '文本', text),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'tpl-save', onclick: save }, '保存模板'), exportButton),
    field('tpl-import', '导入模板文件（JSON）', importInput),
  );
  (container as HTMLDetailsElement).open = open;
}

function formCard(result: CheckedForm, index: number, controller: TaskpaneController): HTMLElement {
  return result.kind === 'target-declaration' ? declarationCard(result, index, controller) : evaluationCard(result, index, controller);
}

function findingGroups(result: CheckedForm, controller: TaskpaneController): Array<HTMLElement | null> {
  return SEVERITIES.map((severity) => {
    const findings = result.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) return null;
    return h(
      'section',
      { class: `group ${severity}` },
      h('h3', {}, `${SEVERITY_LABEL[severity]}（${findings.length}）`),
      h('ul', {}, ...findings.map((finding) => h('li', {}, findingButton(result, finding, controller)))),
    );
  });
}

function declarationCard(result: DeclarationResult, index: number, controller: TaskpaneController): HTMLElement {
  const { funds } = result;
  return h(
    'article',
    { class: 'form declaration', 'aria-labelledby': `form-${index}`, 'data-sheet': result.sheet, 'data-range': result.range, 'data-kind': result.kind },
    h('h2', { id: `form-${index}` }, `${result.form.project ?? '（未识别到项目名称）'}`),
    h('p', { class: 'where' }, `绩效目标申报表 · 工作表「${result.sheet}」${result.range}`),
    h(
      'dl',
      { class: 'scores' },
      h('dt', {}, '资金'),
      h('dd', {}, `${funds.total === null ? '—' : `${formatNumber(funds.total)} ${funds.unit}`}${funds.components === null ? '' : `（明细合计 ${formatNumber(funds.components)}）`}`),
      h('dt', {}, '指标'),
      h('dd', {}, `${result.indicators.length} 个`),
    ),
    result.findings.length === 0 ? h('p', { class: 'ok' }, '✔ 未发现问题') : null,
    ...findingGroups(result, controller),
  );
}

function evaluationCard(result: FormResult, index: number, controller: TaskpaneController): HTMLElement {
  const total = result.total;
  const grade = result.grade;
  const totalMismatch = total.declared !== null && total.computed !== null && Math.abs(total.declared - total.computed) > 0.005;
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
            h('li', {}, h('button', { type: 'button', class: 'finding', onclick: () => controller.openRow(result.sheet, row.row) },
              h('span', { class: 'cell' }, `第 ${row.row} 行`),
              h('span', { class: 'rule' }, `${row.name || '（无名称）'}：扣 ${formatNumber(row.pointsLost ?? 0)} 分`),
              h('span', { class: 'text' }, row.reason.trim() ? `原因：${row.reason}` : '尚未填写偏差原因 — 点击查看建议'),
            )),
          ),
        ),
      )
    : null;
  const groups = findingGroups(result, controller);
  return h(
    'article',
    { class: 'form', 'aria-labelledby': `form-${index}`, 'data-sheet': result.sheet, 'data-range': result.range, 'data-kind': result.kind },
    h('h2', { id: `form-${index}` }, result.form.project ?? '（未识别到项目名称）'),
    h('p', { class: 'where' }, `${FORM_KIND_LABEL[result.kind]} · 工作表「${result.sheet}」${result.range} · 评分规则：${result.profile.name}`),
    h(
      'dl',
      { class: 'scores' },
      h('dt', {}, '总分'),
      h('dd', { class: totalMismatch ? 'bad' : '' }, `填报 ${show(total.declared)} · 计算 ${total.computed === null ? '无法计算' : formatNumber(total.computed)}`),
      h('dt', {}, '评分等级'),
      h('dd', { class: grade.declared !== null && grade.computed !== null && grade.declared !== grade.computed ? 'bad' : '' }, `填报 ${grade.declared ?? '—'} · 计算 ${grade.computed ?? '—'}`),
    ),
    result.findings.length === 0 ? h('p', { class: 'ok' }, '✔ 未发现问题') : null,
    ...groups,
    rows,
  );
}

function findingButton(result: CheckedForm, finding: Finding, controller: TaskpaneController): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'finding', title: `定位到 ${finding.cell}`, 'data-rule': finding.rule, 'data-cell': finding.cell, 'data-row': String(finding.row), onclick: () => void controller.openFinding(result.sheet, finding.cell, finding.row) },
    h('span', { class: 'cell' }, finding.cell),
    h('span', { class: 'rule' }, RULES[finding.rule].title),
    h('span', { class: 'text' }, finding.message),
  );
}

function help(): HTMLElement {
  return h(
    'details',
    { class: 'help' },
    h('summary', {}, '帮助'),
    h('p', {}, '“检查”识别工作表中的每一张项目支出绩效自评表，核对分值、得分、执行率、总分与评分等级。点击问题可定位到对应单元格。'),
    h('p', {}, '“标记问题”给问题单元格着色、加批注，并新建“审核意见”工作表；“清除标记”恢复原来的底色，删除本工具加的批注和“审核意见”表。'),
    h('p', {}, '“填写总分与等级”只填写空着的总分、评分等级和执行率，从不覆盖已有内容或公式。'),
    h('p', {}, '评分规则：全国通用（预算执行率 10 分）、上海 2020（预算执行率满分）、湖北（预算执行率 20 分，定性 80/50 分档）。'),
  );
}

function show(value: number | null): string {
  return value === null ? '—' : formatNumber(value);
}
