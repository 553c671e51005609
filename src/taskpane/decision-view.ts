import { FORM_VERDICTS, ignoredFindings, verdictOf, type FormVerdict } from '../core/check/decisions';
import type { CheckedForm } from '../core/check/kinds';
import { RULES, type Finding } from '../core/rules/rules';
import type { TaskpaneController } from './controller';
import { node } from './dom';

/**
 * 忽略此问题 beside a finding: a small button, or, once pressed, the field for the reason (a reviewer's
 * acceptance is written into 汇总表 and 复核底稿 with its reason) with 确定 / 取消.
 */
export function ignoreControls(
  result: CheckedForm,
  finding: Finding,
  id: string,
  controller: TaskpaneController,
): HTMLElement {
  const { ignoring } = controller.state;
  const open = ignoring?.sheet === result.sheet && ignoring.cell === finding.cell && ignoring.rule === finding.rule;
  const book = controller.decisions;
  if (!open)
    return node(
      'button',
      {
        type: 'button',
        class: 'small ignore',
        id: `ignore-${id}`,
        'aria-label': `忽略此问题：${finding.cell} ${RULES[finding.rule].title}`,
        onclick: () => book.startIgnore(result.sheet, finding),
      },
      '忽略此问题',
    );
  const input = node('input', {
    type: 'text',
    id: `ignore-reason-${id}`,
    class: 'ignore-reason',
    maxlength: '2000',
    placeholder: '如：经核实，该指标口径调整已报备',
  }) as HTMLInputElement;
  const submit = () => void book.ignore(result.sheet, finding, input.value);
  input.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') submit();
    if ((event as KeyboardEvent).key === 'Escape') book.cancelIgnore();
  });
  return node(
    'div',
    { class: 'ignore-form', role: 'group', 'aria-label': `忽略 ${finding.cell} 的问题` },
    node('label', { for: input.id }, '忽略的理由'),
    input,
    node('button', { type: 'button', id: `ignore-ok-${id}`, onclick: submit }, '确定忽略'),
    node('button', { type: 'button', onclick: () => book.cancelIgnore() }, '取消'),
  );
}

/** The findings the reviewer ignored, each with its reason and 恢复. */
export function ignoredGroup(result: CheckedForm, index: number, controller: TaskpaneController): HTMLElement | null {
  const ignored = ignoredFindings(result, controller.state.decisions);
  if (ignored.length === 0) return null;
  return node(
    'section',
    { class: 'group ignored' },
    node('h3', {}, `已忽略（${ignored.length}）`),
    node(
      'ul',
      {},
      ...ignored.map(({ finding, reason }, i) =>
        node(
          'li',
          {},
          node(
            'p',
            { class: 'ignored-text' },
            `${finding.cell} ${RULES[finding.rule].title}：${finding.message}`,
            node('br'),
            `理由：${reason}`,
          ),
          node(
            'button',
            {
              type: 'button',
              class: 'small',
              id: `unignore-${index}-${i}`,
              onclick: () => void controller.decisions.unignore(result.sheet, finding),
            },
            '恢复',
          ),
        ),
      ),
    ),
  );
}

/** A form's 审核结论: 通过 or 退回 with the 审核意见 the unit will read; 撤回 withdraws it. */
export function verdictView(result: CheckedForm, index: number, controller: TaskpaneController): HTMLElement {
  const decided = verdictOf(controller.state.decisions, result);
  const name = `verdict-${index}`;
  const choices = FORM_VERDICTS.map((verdict) =>
    node(
      'label',
      { class: 'choice' },
      node('input', {
        type: 'radio',
        name,
        value: verdict,
        id: `${name}-${verdict === '通过' ? 'pass' : 'return'}`,
        checked: decided?.verdict === verdict,
      }),
      verdict,
    ),
  );
  const comment = node('textarea', { id: `${name}-comment`, rows: '2', maxlength: '2000' }) as HTMLTextAreaElement;
  comment.value = decided?.comment ?? '';
  const fieldset = node('fieldset', { class: 'verdict-choices' }, node('legend', {}, '审核结论'), ...choices);
  const save = () => {
    const chosen = fieldset.querySelector('input:checked') as HTMLInputElement | null;
    void controller.decisions.decide(result, (chosen?.value as FormVerdict | undefined) ?? null, comment.value);
  };
  return node(
    'section',
    { class: `verdict ${decided ? (decided.verdict === '退回' ? 'returned' : 'passed') : ''}` },
    decided
      ? node(
          'p',
          { class: 'verdict-saved' },
          `已记录：${decided.verdict}${decided.comment ? `（${decided.comment}）` : ''}`,
        )
      : null,
    fieldset,
    node('label', { for: comment.id }, '审核意见'),
    comment,
    node(
      'div',
      { class: 'actions' },
      node('button', { type: 'button', id: `${name}-save`, onclick: save }, '保存审核结论'),
      decided
        ? node(
            'button',
            {
              type: 'button',
              id: `${name}-withdraw`,
              onclick: () => void controller.decisions.decide(result, null, ''),
            },
            '撤回结论',
          )
        : null,
    ),
  );
}
