import type { FormResult } from '../core/check/form-result';
import type { DeclarationResult } from '../core/check/check-declaration';
import type { UnrecognisedResult } from '../core/check/kinds';
import type { MonitoringResult } from '../core/check/check-monitoring';
import { FORM_KIND_LABEL, type CheckedForm } from '../core/check/kinds';
import { fixFor } from '../core/edits/fixes';
import { assertNever } from '../core/sheet/never';
import { BUILT_IN_PROFILES } from '../core/rules/profiles';
import {
  REVIEW_STATUS_NOTE,
  reviewStatus,
  RULES,
  SEVERITY_LABEL,
  SEVERITY_ORDER,
  type Finding,
  type RuleId,
  type Severity,
} from '../core/rules/rules';
import { formatNumber } from '../core/sheet/text';
import type { CellPreview } from '../hosts/host';
import { columnLetters, parseA1 } from '../core/sheet/address';
import type { PaneState, TaskpaneController } from './controller';
import { helpSection } from './help';
import { deductedRows } from './reasons';
import { commandBar, type Command, type CommandBar } from './command-bar';
import { node, setUnavailable } from './dom';
import { templateEditor } from './template-editor';
import { layoutsSection, teachView } from './teach-view';
import { activeFindings } from '../core/check/decisions';
import { ignoreControls, ignoredGroup, verdictView } from './decision-view';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Builds the static frame once; `render` then refreshes the parts that change. */
export function mountPane(
  root: HTMLElement,
  controller: TaskpaneController,
  options: PaneOptions = {},
): (state: PaneState) => void {
  const view = new PaneView(root, controller, options);
  return (state) => view.render(state);
}

/**
 * What a host's pane shows: the page's desk has its own title and 评分规则, and no 检查当前工作表 (a "current
 * sheet" would quietly shrink the batch its downloads are made from).
 */
export interface PaneOptions {
  header?: boolean;
  profile?: boolean;
  checkActive?: boolean;
  /**
   * F8 past the last finding (Shift+F8 before the first): the page's desk goes on in the next (previous) file
   * and answers true; otherwise the pane goes round within its own file.
   */
  beyondLast?: (step: 1 | -1) => boolean;
}

const f8Listeners = new WeakMap<HTMLElement, (event: Event) => void>();

/**
 * F8 / Shift+F8 (as in Excel's own checking panes) and the 上一个 / 下一个 buttons: the next or previous finding
 * after the last one visited (focused or opened) opens as if clicked — its cell is selected, and a deduction
 * opens its 偏差原因 panel, which then has the focus.
 */
function findingNavigation(root: HTMLElement, beyondLast: PaneOptions['beyondLast']): HTMLElement {
  let current: string | null = null;
  root.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement;
    if (target.classList.contains('finding')) current = target.id;
  });
  const move = (step: 1 | -1) => {
    const findings = Array.prototype.slice.call(root.querySelectorAll('button.finding[data-rule]')) as HTMLElement[];
    if (findings.length === 0) return;
    const at = findings.map((finding) => finding.id).indexOf(current ?? '');
    const start = step > 0 ? 0 : findings.length - 1;
    const past = at >= 0 && at + step === (step > 0 ? findings.length : -1);
    if (past && beyondLast?.(step)) return;
    const next = findings[at < 0 ? start : (at + step + findings.length) % findings.length];
    current = next.id;
    unfoldAround(next);
    next.focus();
    next.click();
  };
  // On the document: the focus may be in a panel the last finding opened, or nowhere in particular. The page
  // mounts a pane again in the same place for each file: only the newest listens.
  const onKey = (event: Event) => {
    const key = (event as KeyboardEvent).key;
    if (key !== 'F8' || !root.isConnected) return;
    event.preventDefault();
    move((event as KeyboardEvent).shiftKey ? -1 : 1);
  };
  const previous = f8Listeners.get(root);
  if (previous) document.removeEventListener('keydown', previous);
  f8Listeners.set(root, onKey);
  document.addEventListener('keydown', onKey);
  return node(
    'div',
    { class: 'actions finding-nav', role: 'group', 'aria-label': '逐条查看问题' },
    node(
      'button',
      { type: 'button', id: 'finding-prev', 'aria-keyshortcuts': 'Shift+F8', onclick: () => move(-1) },
      '上一个问题（Shift+F8）',
    ),
    node(
      'button',
      { type: 'button', id: 'finding-next', 'aria-keyshortcuts': 'F8', onclick: () => move(1) },
      '下一个问题（F8）',
    ),
  );
}

/** An element that closes (calls `close`) when Escape is pressed anywhere inside it. */
function closesOnEscape(element: HTMLElement, close: () => void): HTMLElement {
  element.addEventListener('keydown', (event) => {
    // IE11 (Excel 2016/2019) names the key 'Esc'.
    const key = (event as KeyboardEvent).key;
    if (key !== 'Escape' && key !== 'Esc') return;
    event.preventDefault();
    close();
  });
  return element;
}

class PaneView {
  private readonly profileSelect: HTMLSelectElement;
  private readonly undoButton: HTMLElement;
  private readonly buttons: HTMLElement[];
  private readonly status = node('div', { id: 'status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  private readonly freshness = node('div', { id: 'freshness' });
  private readonly findingNav: HTMLElement;
  private readonly draftPanel: HTMLElement;
  private readonly previewPanel: HTMLElement;
  private readonly teachPanel: HTMLElement;
  private readonly layouts: { element: HTMLElement; render(state: PaneState): void };
  private teachKey: string | null = null;
  private readonly showResults: (state: PaneState) => void;
  private readonly templates: { element: HTMLElement; render(state: PaneState): void };
  private readonly focus: ReturnType<typeof focusKeeper>;
  private draftKey: string | null = null;
  private previewKey: string | null = null;
  private previewShown: CellPreview | null = null;

  constructor(
    root: HTMLElement,
    private readonly controller: TaskpaneController,
    options: PaneOptions,
  ) {
    this.profileSelect = node(
      'select',
      { id: 'profile', onchange: (event) => controller.setProfile((event.target as HTMLSelectElement).value) },
      ...Object.values(BUILT_IN_PROFILES).map((profile) => node('option', { value: profile.id }, profile.name)),
    ) as HTMLSelectElement;
    const { bar, undo } = actionGroups(controller, options.checkActive !== false);
    this.undoButton = undo;
    this.buttons = bar.buttons;
    // Escape closes a panel from anywhere inside it; focus goes back to what opened it.
    this.draftPanel = closesOnEscape(
      node('section', { id: 'draft', 'aria-label': '偏差原因建议', tabindex: '-1' }),
      () => (controller.state.confirmReplace ? controller.cancelReplace() : controller.closeDraft()),
    );
    this.previewPanel = closesOnEscape(
      node('section', { id: 'preview', 'aria-label': '单元格预览（只读）', tabindex: '-1' }),
      () => controller.closePreview(),
    );
    this.teachPanel = closesOnEscape(
      node('section', { id: 'teach', 'aria-label': '手动指定表格', tabindex: '-1' }),
      () => controller.teaching.close(),
    );
    const results = node('div', { id: 'results' });
    this.findingNav = findingNavigation(root, options.beyondLast);
    this.templates = templateEditor(controller);
    this.layouts = layoutsSection(controller);
    const header = node(
      'header',
      {},
      node('h1', {}, '绩效自评助手'),
      node('span', { class: 'host' }, controller.hostName),
    );
    // The page's desk chooses one 评分规则 for every file; the pane in Excel or WPS chooses its own.
    const profileField = node(
      'div',
      { class: 'field' },
      node('label', { for: 'profile' }, '评分规则'),
      this.profileSelect,
    );
    root.replaceChildren(
      ...(options.header === false ? [] : [header]),
      ...(options.profile === false ? [] : [profileField]),
      bar.element,
      this.status,
      this.findingNav,
      this.freshness,
      this.previewPanel,
      this.draftPanel,
      this.teachPanel,
      results,
      this.templates.element,
      this.layouts.element,
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
    // Drawn again only when it shows another cell: a redraw would lose where the user scrolled it.
    if (state.preview !== this.previewShown) {
      this.previewShown = state.preview;
      this.previewPanel.replaceChildren(...(state.preview ? [previewView(state.preview, this.controller)] : []));
      this.previewPanel.hidden = !state.preview;
      if (state.preview) centreTarget(this.previewPanel);
    }
    this.draftPanel.replaceChildren(...(state.draft ? [draftView(state, this.controller)] : []));
    this.draftPanel.hidden = !state.draft;
    this.teachPanel.replaceChildren(...(state.teach ? [teachView(state.teach, this.controller)] : []));
    this.teachPanel.hidden = !state.teach;
    this.showResults(state);
    this.findingNav.hidden = !state.results?.some((result) => result.findings.length > 0);
    this.templates.render(state);
    this.layouts.render(state);
    this.moveFocus(state, keep);
  }

  /** A panel that opens takes the focus and comes into view; one that closes gives the focus back. */
  private moveFocus(state: PaneState, keep: () => void): void {
    const teachKey = state.teach ? state.teach.sheet : null;
    if (teachKey !== this.teachKey) {
      this.teachKey = teachKey;
      return teachKey ? this.focus.into(this.teachPanel, '#teach-row') : this.focus.back(this.status);
    }
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

/**
 * The pane's commands: checking is the one primary action, 撤销 stays beside it, and everything that writes to
 * the workbook is in the 更多操作 menu, grouped (检查与审核 / 填报 / 新建自评表).
 */
function actionGroups(
  controller: TaskpaneController,
  checkActive: boolean,
): {
  bar: CommandBar;
  undo: HTMLElement;
} {
  const checkAll: Command = { id: 'check-all', label: '检查全部工作表', run: () => void controller.check('all') };
  const checkSheet: Command = {
    id: 'check-active',
    label: '检查当前工作表',
    run: () => void controller.check('active'),
  };
  const undo: Command = { id: 'undo', label: '撤销', run: () => void controller.undo() };
  // Checking every sheet leaves no form out: it is the primary action; the current sheet alone is beside it.
  const bar = commandBar(checkAll, checkActive ? [checkSheet, undo] : [undo], [
    {
      title: '检查与审核',
      commands: [
        { id: 'mark', label: '标记问题', run: () => void controller.mark() },
        { id: 'clear', label: '清除标记', run: () => void controller.clear() },
      ],
    },
    {
      title: '填报',
      commands: [
        { id: 'fill', label: '填写总分与等级', run: () => void controller.fill() },
        { id: 'fill-reasons', label: '一键填写全部缺失原因', run: () => void controller.fillAllReasons() },
        { id: 'suggest-scores', label: '建议得分', run: () => void controller.suggestScores() },
      ],
    },
    {
      title: '新建自评表',
      commands: [
        {
          id: 'new-from-declaration',
          label: '由申报表新建自评表',
          run: () => void controller.newFormsFromDeclarations(),
        },
        { id: 'insert-blank', label: '插入空白自评表', run: () => void controller.insertBlankForm() },
      ],
    },
  ]);
  return { bar, undo: bar.element.querySelector('#undo') as HTMLElement };
}

/** What the pane is doing, with its progress, and the last message. */
function statusView(state: PaneState): HTMLElement[] {
  const busy = state.busy
    ? [
        node('span', {}, state.busy),
        node('progress', { max: '1', value: String(state.progress ?? 0), 'aria-label': '进度' }),
      ]
    : [];
  return [
    ...busy,
    ...(state.message ? [node('p', { class: `message ${state.message.kind}` }, state.message.text)] : []),
  ];
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
/** Scrolls the preview so its highlighted cell is in the middle (in a 320 px pane it would be off to the right). */
function centreTarget(panel: HTMLElement): void {
  const box = panel.querySelector('.preview-scroll') as HTMLElement | null;
  const cell = box?.querySelector('td.target') as HTMLElement | null;
  if (!box || !cell) return;
  const outer = box.getBoundingClientRect();
  const inner = cell.getBoundingClientRect();
  const left = inner.left - outer.left + box.scrollLeft;
  const top = inner.top - outer.top + box.scrollTop;
  box.scrollLeft = Math.max(0, left - (box.clientWidth - inner.width) / 2);
  box.scrollTop = Math.max(0, top - (box.clientHeight - inner.height) / 2);
}

function previewView(preview: CellPreview, controller: TaskpaneController): HTMLElement {
  const target = parseA1(preview.cell);
  const width = Math.max(0, ...preview.values.map((row) => row.length));
  const header = node(
    'tr',
    {},
    node('th', {}, ''),
    ...Array.from({ length: width }, (_, c) => node('th', { scope: 'col' }, columnLetters(preview.left + c))),
  );
  const rows = preview.values.map((row, r) =>
    node(
      'tr',
      {},
      node('th', { scope: 'row' }, String(preview.top + r)),
      ...Array.from({ length: width }, (_, c) => {
        const value = row[c];
        const here = !!target && target.row === preview.top + r && target.col === preview.left + c;
        return node(
          'td',
          here ? { class: 'target', 'aria-current': 'true' } : {},
          value === null || value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : String(value),
        );
      }),
    ),
  );
  return node(
    'div',
    {},
    node('h2', {}, `「${preview.sheet}」${preview.cell} 附近（只读）`),
    node(
      'div',
      { class: 'preview-scroll', tabindex: '0', role: 'region', 'aria-label': '预览区域，可用方向键滚动' },
      node('table', { class: 'preview' }, node('thead', {}, header), node('tbody', {}, ...rows)),
    ),
    node(
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
  if (!state.stale) return [node('p', { class: 'checked-at' }, `检查于 ${clock}`)];
  return [
    node(
      'p',
      { class: 'message stale', role: 'alert' },
      `检查于 ${clock}，之后表格已有改动，下面的结果可能已过时。`,
      node(
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
function pagedResults(container: HTMLElement, controller: TaskpaneController): (state: PaneState) => void {
  let shown: CheckedForm[] | null = null;
  let decided: Pick<PaneState, 'decisions' | 'ignoring'> | null = null;
  let count = 0;
  let more: HTMLElement | null = null;
  const appendPage = (size = RESULTS_PAGE): void => {
    const list = shown ?? [];
    more?.remove();
    const page = list.slice(count, count + size);
    container.append(...page.map((result, i) => formCard(result, count + i, controller)));
    count += page.length;
    more = null;
    if (count < list.length) {
      more = node(
        'button',
        { type: 'button', class: 'more', id: 'more-results', onclick: () => appendPage() },
        `再显示 ${Math.min(RESULTS_PAGE, list.length - count)} 张（共 ${list.length} 张，已显示 ${count} 张）`,
      );
      container.append(more);
    }
  };
  return ({ results, decisions, ignoring }) => {
    const sameResults = results === shown;
    if (sameResults && decided?.decisions === decisions && decided.ignoring === ignoring) return;
    // A decision redraws the cards shown so far (not back to the first page: the reviewer stays where they were).
    const keep = sameResults ? count : RESULTS_PAGE;
    shown = results;
    decided = { decisions, ignoring };
    count = 0;
    container.replaceChildren(...(results ? [findingTypes(results, controller)] : []));
    appendPage(keep);
  };
}

/**
 * 按问题类型: every kind of finding across the forms with its count, most frequent first; a type opens its first
 * finding (F8 goes on from there). What a reviewer reads first in a file of many forms.
 */
function findingTypes(results: readonly CheckedForm[], controller: TaskpaneController): HTMLElement {
  const types = new Map<RuleId, { count: number; first: { sheet: string; finding: Finding } }>();
  for (const result of results)
    for (const finding of activeFindings(result, controller.state.decisions)) {
      const entry = types.get(finding.rule);
      if (entry) entry.count++;
      else types.set(finding.rule, { count: 1, first: { sheet: result.sheet, finding } });
    }
  const sorted = [...types.entries()].sort(
    (a, b) => SEVERITY_ORDER[RULES[a[0]].severity] - SEVERITY_ORDER[RULES[b[0]].severity] || b[1].count - a[1].count,
  );
  return node(
    'details',
    { id: 'finding-types', class: 'finding-types' },
    node('summary', {}, `按问题类型（${sorted.length} 类）`),
    node(
      'ul',
      {},
      ...sorted.map(([rule, { count, first }]) =>
        node(
          'li',
          { class: RULES[rule].severity },
          node(
            'button',
            {
              type: 'button',
              class: 'type',
              'data-rule': rule,
              onclick: () => void controller.openFinding(first.sheet, first.finding.cell, first.finding.row),
            },
            `${SEVERITY_LABEL[RULES[rule].severity]} · ${RULES[rule].title} × ${count}`,
          ),
        ),
      ),
    ),
  );
}

function draftView(state: PaneState, controller: TaskpaneController): HTMLElement {
  const draft = state.draft!;
  const row = draft.row;
  const textarea = node('textarea', {
    id: 'reason-text',
    rows: '7',
    'aria-label': '偏差原因分析及改进措施（可修改）',
    oninput: (event) => controller.editDraft((event.target as HTMLTextAreaElement).value),
  }) as HTMLTextAreaElement;
  textarea.value = draft.text;
  const choices = suggestionChoices(draft, controller);
  const where = `${draft.sheet}!${row.reasonCell} · 分值 ${row.weight ?? '—'}，得分 ${row.score ?? '—'}，扣 ${row.pointsLost ?? '—'} 分`;
  const hasText = row.reason.trim() !== '';
  return node(
    'div',
    { class: 'draft' },
    node('h2', {}, `偏差原因：${row.name || `第 ${row.row} 行`}`),
    node('p', { class: 'where' }, where),
    hasText ? node('p', { class: 'current' }, node('strong', {}, '单元格现有内容：'), row.reason) : null,
    choices.length
      ? node('fieldset', {}, node('legend', {}, '建议（按适合程度排序，可用方向键选择）'), ...choices)
      : node('p', {}, '没有适合的模板，可直接输入。'),
    textarea,
    draftActions(state, hasText, controller),
  );
}

/** One radio group: Tab enters it once, the arrow keys move between suggestions. */
function suggestionChoices(draft: NonNullable<PaneState['draft']>, controller: TaskpaneController): HTMLElement[] {
  return draft.suggestions.map((suggestion, index) =>
    node(
      'label',
      { class: 'choice' },
      node('input', {
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
}

/** 插入, or 追加 / 替换… for a cell with text; a 替换 waiting for its yes shows what it replaces. */
function draftActions(state: PaneState, hasText: boolean, controller: TaskpaneController): HTMLElement {
  const action = (id: string, label: string, run: () => void, primary = false) => {
    const element = node('button', { type: 'button', id, class: primary ? 'primary' : '', onclick: run }, label);
    setUnavailable(element, state.busy !== null);
    return element;
  };
  const confirm = state.confirmReplace;
  if (confirm) {
    return node(
      'div',
      { class: 'confirm', role: 'alertdialog', 'aria-label': '确认替换' },
      node('p', {}, `替换会删去 ${confirm.cell} 现有的内容：「${confirm.current}」，改为上面的文本。可用“撤销”恢复。`),
      node(
        'div',
        { class: 'actions' },
        action('confirm-replace', '确认替换', () => void controller.confirmReplace(), true),
        action('cancel-replace', '取消', () => controller.cancelReplace()),
      ),
    );
  }
  const writes = hasText
    ? [
        action('append-reason', '追加', () => void controller.insertReason('append')),
        action('replace-reason', '替换…', () => void controller.insertReason('replace')),
      ]
    : [action('insert-reason', '插入', () => void controller.insertReason('if-empty'), true)];
  const close = node(
    'button',
    { type: 'button', id: 'close-draft', onclick: () => controller.closeDraft() },
    '关闭（Esc）',
  );
  return node('div', { class: 'actions' }, ...writes, close);
}

function formCard(result: CheckedForm, index: number, controller: TaskpaneController): HTMLElement {
  switch (result.kind) {
    case 'target-declaration':
      return collapsible(declarationCard(result, index, controller), index);
    case 'unrecognised':
      return collapsible(unrecognisedCard(result, index, controller), index);
    case 'monitoring':
      return collapsible(monitoringCard(result, index, controller), index);
    case 'self-evaluation':
    case 'department-evaluation':
    case 'common-indicators':
      return collapsible(evaluationCard(result, index, controller), index);
    default:
      return assertNever(result);
  }
}

/** Forms the user folded, by sheet and range: they stay folded when the results are drawn again. */
const folded: Record<string, boolean> = {};

/**
 * A form card that folds to its title (收起 / 展开, a disclosure button): in a file of many forms the reviewer
 * puts away those done. F8 unfolds a folded form when it reaches one of its findings.
 */
function collapsible(card: HTMLElement, index: number): HTMLElement {
  const heading = card.querySelector('h2');
  if (!heading) return card;
  const key = `${card.getAttribute('data-sheet')}!${card.getAttribute('data-range')}`;
  const body = node('div', { class: 'form-body', id: `form-body-${index}` });
  while (heading.nextSibling) body.append(heading.nextSibling);
  const toggle = node('button', {
    type: 'button',
    class: 'small fold',
    'aria-controls': body.id,
    'aria-describedby': heading.id,
  });
  const show = (open: boolean) => {
    body.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? '收起' : '展开';
    folded[key] = !open;
  };
  toggle.addEventListener('click', () => show(body.hidden));
  show(!folded[key]);
  card.append(node('div', { class: 'form-head' }, heading, toggle), body);
  return card;
}

/** Unfolds the form a finding is in (F8 reaching a folded form). */
function unfoldAround(element: HTMLElement): void {
  const body = element.closest('.form-body') as HTMLElement | null;
  if (!body?.hidden) return;
  const toggle = document.querySelector(`[aria-controls="${body.id}"]`) as HTMLElement | null;
  toggle?.click();
}

/** A 绩效运行监控表: no scores, its 执行率 and its findings. */
function monitoringCard(result: MonitoringResult, index: number, controller: TaskpaneController): HTMLElement {
  const rate = result.executionRate === null ? '—' : `${formatNumber(result.executionRate)}%`;
  return unscoredCard(result, index, controller, ['执行率', rate]);
}

/** A form without scores (申报表, 监控表): what it is, one figure, how many indicators, its status and findings. */
function unscoredCard(
  result: DeclarationResult | MonitoringResult,
  index: number,
  controller: TaskpaneController,
  [term, figure]: [string, string],
): HTMLElement {
  const where = `${FORM_KIND_LABEL[result.kind]} · 工作表「${result.sheet}」${result.range}`;
  return cardFrame(
    result,
    index,
    {
      className: `form ${result.kind === 'monitoring' ? 'monitoring' : 'declaration'}`,
      title: projectTitle(result),
      where,
    },
    node(
      'dl',
      { class: 'scores' },
      node('dt', {}, term),
      node('dd', {}, figure),
      node('dt', {}, '指标'),
      node('dd', {}, `${result.indicators.length} 个`),
    ),
    ...statusAndFindings(result, index, controller),
  );
}

/** A form's card: where it is (its sheet and range, for the pane's navigation), its title and what it is. */
function cardFrame(
  result: CheckedForm,
  index: number,
  heading: { className: string; title: string; where: string },
  ...body: Array<HTMLElement | null>
): HTMLElement {
  const attributes = {
    class: heading.className,
    'aria-labelledby': `form-${index}`,
    'data-sheet': result.sheet,
    'data-range': result.range,
    'data-kind': result.kind,
  };
  return node(
    'article',
    attributes,
    node('h2', { id: `form-${index}` }, heading.title),
    node('p', { class: 'where' }, heading.where),
    ...body,
  );
}

function projectTitle(result: Exclude<CheckedForm, UnrecognisedResult>): string {
  return result.form.project ?? '（未识别到项目名称）';
}

/** A sheet that looks like a form but was not read: said plainly, with what was found and what was missing. */
function unrecognisedCard(result: UnrecognisedResult, index: number, controller: TaskpaneController): HTMLElement {
  return cardFrame(
    result,
    index,
    { className: 'form unrecognised', title: `未识别：工作表「${result.sheet}」`, where: result.form.reason },
    // Only where there is a header-like row to start from (a notes sheet has none).
    result.form.candidates.length > 0
      ? node(
          'button',
          { type: 'button', id: `teach-open-${index}`, onclick: () => controller.teaching.open(result.sheet) },
          '手动指定表格',
        )
      : null,
    ...findingGroups(result, index, controller),
  );
}

function findingGroups(result: CheckedForm, index: number, controller: TaskpaneController): Array<HTMLElement | null> {
  const active = activeFindings(result, controller.state.decisions);
  const groups = SEVERITIES.map((severity) => {
    const findings = active.filter((f) => f.severity === severity);
    if (findings.length === 0) return null;
    return node(
      'section',
      { class: `group ${severity}` },
      node('h3', {}, `${SEVERITY_LABEL[severity]}（${findings.length}）`),
      node(
        'ul',
        {},
        ...findings.map((finding) => {
          const at = result.findings.indexOf(finding);
          const fix = fixFor(result, finding);
          return node(
            'li',
            {},
            findingButton(result, finding, `finding-${index}-${at}`, controller),
            fix
              ? node(
                  'button',
                  {
                    type: 'button',
                    class: 'fix',
                    id: `fix-${index}-${at}`,
                    onclick: () => void controller.applyFix(fix),
                  },
                  fix.label,
                )
              : null,
            ignoreControls(result, finding, `${index}-${at}`, controller),
          );
        }),
      ),
    );
  });
  return [...groups, ignoredGroup(result, index, controller)];
}

function declarationCard(result: DeclarationResult, index: number, controller: TaskpaneController): HTMLElement {
  const { funds } = result;
  const total = funds.total === null ? '—' : `${formatNumber(funds.total)} ${funds.unit}`;
  const parts = funds.components === null ? '' : `（明细合计 ${formatNumber(funds.components)}）`;
  return unscoredCard(result, index, controller, ['资金', `${total}${parts}`]);
}

function evaluationCard(result: FormResult, index: number, controller: TaskpaneController): HTMLElement {
  const where = `${FORM_KIND_LABEL[result.kind]} · 工作表「${result.sheet}」${result.range} · 评分规则：${result.profile.name}`;
  return cardFrame(
    result,
    index,
    { className: 'form', title: projectTitle(result), where },
    scoresView(result),
    ...statusAndFindings(result, index, controller),
    deductedView(result, index, controller),
  );
}

/** A read form's status (by the findings that still count), its findings, and the reviewer's 审核结论. */
function statusAndFindings(
  result: CheckedForm,
  index: number,
  controller: TaskpaneController,
): Array<HTMLElement | null> {
  const active = activeFindings(result, controller.state.decisions);
  return [
    reviewStatusView(active),
    active.length === 0
      ? node('p', { class: 'ok' }, result.findings.length ? '✔ 其余问题已忽略' : '✔ 未发现问题')
      : null,
    ...findingGroups(result, index, controller),
    verdictView(result, index, controller),
  ];
}

/** What the reviewer must do with the form, in the words of every report (通过 / 需核对 / 需修改). */
function reviewStatusView(findings: readonly Finding[]): HTMLElement {
  const status = reviewStatus(findings);
  const note = REVIEW_STATUS_NOTE[status];
  const why = note ? `（${note}）` : '';
  const tone = status === '通过' ? 'pass' : status === '需核对' ? 'check' : 'fix';
  return node('p', { class: `status ${tone}` }, `状态：${status}${why}`);
}

/** 总分 and 评分等级, declared and computed; red where the engine found them wrong (its verdict, not the view's). */
function scoresView(result: FormResult): HTMLElement {
  const { total, grade } = result;
  const flagged = (rule: RuleId) => (result.findings.some((f) => f.rule === rule) ? 'bad' : '');
  const computed = total.computed === null ? '无法计算' : formatNumber(total.computed);
  return node(
    'dl',
    { class: 'scores' },
    node('dt', {}, '总分'),
    node('dd', { class: flagged('total-mismatch') }, `填报 ${numberOrDash(total.declared)} · 计算 ${computed}`),
    node('dt', {}, '评分等级'),
    node('dd', { class: flagged('grade-mismatch') }, `填报 ${grade.declared ?? '—'} · 计算 ${grade.computed ?? '—'}`),
  );
}

/** The rows that lost points: each opens its 偏差原因 panel. */
function deductedView(result: FormResult, index: number, controller: TaskpaneController): HTMLElement | null {
  const deducted = deductedRows(result);
  if (deducted.length === 0) return null;
  const item = (row: (typeof deducted)[number]) => {
    const open = () => void controller.openFinding(result.sheet, row.reasonCell ?? row.nameCell, row.row);
    const reason = row.reason.trim() ? `原因：${row.reason}` : '尚未填写偏差原因 — 点击查看建议';
    return node(
      'li',
      {},
      node(
        'button',
        { type: 'button', class: 'finding', id: `row-${index}-${row.row}`, onclick: open },
        node('span', { class: 'cell' }, `第 ${row.row} 行`),
        node('span', { class: 'rule' }, `${row.name || '（无名称）'}：扣 ${formatNumber(row.pointsLost ?? 0)} 分`),
        node('span', { class: 'text' }, reason),
      ),
    );
  };
  return node(
    'section',
    { class: 'group deducted' },
    node('h3', {}, `扣分指标（${deducted.length}）`),
    node('ul', {}, ...deducted.map(item)),
  );
}

function findingButton(result: CheckedForm, finding: Finding, id: string, controller: TaskpaneController): HTMLElement {
  return node(
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
    node('span', { class: 'cell' }, finding.cell),
    node('span', { class: 'rule' }, RULES[finding.rule].title),
    node('span', { class: 'text' }, finding.message),
  );
}

function numberOrDash(value: number | null): string {
  return value === null ? '—' : formatNumber(value);
}
