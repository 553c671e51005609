import type { FormResult } from '../core/check';
import { BUILT_IN_PROFILES } from '../core/profiles';
import { RULES, SEVERITY_LABEL, type Finding, type Severity } from '../core/rules';
import { formatNumber } from '../core/text';
import type { PaneState, TaskpaneController } from './controller';

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
export function mountPane(root: HTMLElement, controller: TaskpaneController): (state: PaneState) => void {
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
  );
  const status = h('div', { id: 'status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { id: 'results' });
  root.replaceChildren(
    h('header', {}, h('h1', {}, '绩效自评助手'), h('span', { class: 'host' }, controller.hostName)),
    h('div', { class: 'field' }, h('label', { for: 'profile' }, '评分规则'), profileSelect),
    actions,
    status,
    results,
    help(),
  );

  return (state: PaneState) => {
    profileSelect.value = state.profileId;
    for (const element of actions.querySelectorAll('button')) (element as HTMLButtonElement).disabled = state.busy !== null;
    status.replaceChildren(
      ...(state.busy ? [h('span', {}, state.busy), h('progress', { max: '1', value: String(state.progress ?? 0), 'aria-label': '进度' })] : []),
      ...(state.message ? [h('p', { class: `message ${state.message.kind}` }, state.message.text)] : []),
    );
    results.replaceChildren(...(state.results ?? []).map((result, index) => formCard(result, index, controller)));
  };
}

function formCard(result: FormResult, index: number, controller: TaskpaneController): HTMLElement {
  const total = result.total;
  const grade = result.grade;
  const totalMismatch = total.declared !== null && total.computed !== null && Math.abs(total.declared - total.computed) > 0.005;
  const groups = SEVERITIES.map((severity) => {
    const findings = result.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) return null;
    return h(
      'section',
      { class: `group ${severity}` },
      h('h3', {}, `${SEVERITY_LABEL[severity]}（${findings.length}）`),
      h('ul', {}, ...findings.map((finding) => h('li', {}, findingButton(result, finding, controller)))),
    );
  });
  return h(
    'article',
    { class: 'form', 'aria-labelledby': `form-${index}` },
    h('h2', { id: `form-${index}` }, result.form.project ?? '（未识别到项目名称）'),
    h('p', { class: 'where' }, `工作表「${result.sheet}」${result.range}`),
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
  );
}

function findingButton(result: FormResult, finding: Finding, controller: TaskpaneController): HTMLElement {
  return h(
    'button',
    { type: 'button', class: 'finding', title: `定位到 ${finding.cell}`, onclick: () => void controller.select(result.sheet, finding.cell) },
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
