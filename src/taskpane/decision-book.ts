import {
  DECISION_TEXT_LIMIT,
  emptyDecisions,
  isEmptyDecisions,
  withIgnored,
  withoutIgnored,
  withVerdict,
  type FormVerdict,
  type ReviewDecisions,
} from '../core/check/decisions';
import type { CheckedForm } from '../core/check/kinds';
import type { Finding } from '../core/rules/rules';
import type { SpreadsheetHost } from '../hosts/host';

/** Where decisions are kept besides the workbook (the page: the browser's storage, with the file). */
export interface DecisionKeeper {
  load(): Promise<ReviewDecisions | null>;
  /** Whether they were kept (a browser may refuse its storage). */
  save(decisions: ReviewDecisions): Promise<boolean>;
}

/** A finding whose 忽略此问题 is open, waiting for its reason. */
export interface IgnoreDraft {
  sheet: string;
  cell: string;
  rule: Finding['rule'];
}

export interface DecisionNews {
  decisions: ReviewDecisions;
  ignoring: IgnoreDraft | null;
  /** What the reviewer is told: done, or why not. */
  message?: { kind: 'success' | 'error'; text: string };
}

type FormRef = Pick<CheckedForm, 'sheet' | 'range'>;

/**
 * The reviewer's decisions on one workbook (忽略此问题 with a reason, a form's 通过 / 退回 with 审核意见): each is
 * written at once into the workbook's state sheet, where every host and the CLI read it back, and given to the
 * keeper (the page's browser storage), so that neither a reload nor a copy loses it.
 */
export class DecisionBook {
  private decisions: ReviewDecisions = emptyDecisions();
  private ignoring: IgnoreDraft | null = null;
  private loading: Promise<void> | null = null;
  /** The keeper refused the last decisions: leaving the page would lose them. */
  unsaved = false;

  constructor(
    private readonly host: SpreadsheetHost,
    private readonly keeper: DecisionKeeper | null,
    private readonly publish: (news: DecisionNews) => void,
  ) {}

  get current(): ReviewDecisions {
    return this.decisions;
  }

  /**
   * Once per workbook: the decisions it keeps, or the keeper's where the workbook has none (a file the page
   * restored from its original bytes), which are then written back into it.
   */
  load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<void> {
    const inWorkbook = await this.host
      .applyEdits([{ type: 'decisions', record: null }])
      .then((report) => report.decisions ?? null)
      .catch(() => null);
    const kept = this.keeper ? await this.keeper.load().catch(() => null) : null;
    if (!isEmptyDecisions(inWorkbook)) this.decisions = inWorkbook as ReviewDecisions;
    else if (kept && !isEmptyDecisions(kept)) {
      this.decisions = kept;
      await this.host.applyEdits([{ type: 'decisions', record: kept }]).catch(() => undefined);
    }
    this.publish({ decisions: this.decisions, ignoring: this.ignoring });
  }

  startIgnore(sheet: string, finding: Pick<Finding, 'cell' | 'rule'>): void {
    this.ignoring = { sheet, cell: finding.cell, rule: finding.rule };
    this.publish({ decisions: this.decisions, ignoring: this.ignoring });
  }

  cancelIgnore(): void {
    this.ignoring = null;
    this.publish({ decisions: this.decisions, ignoring: null });
  }

  /** 忽略此问题: the finding no longer counts, marks or blocks 通过; the reason goes into every report. */
  async ignore(sheet: string, finding: Pick<Finding, 'cell' | 'rule'>, reason: string): Promise<boolean> {
    const text = reason.trim();
    if (!text) {
      this.publish({
        decisions: this.decisions,
        ignoring: this.ignoring,
        message: { kind: 'error', text: '请填写忽略的理由（会写入汇总表和复核底稿）。' },
      });
      return false;
    }
    this.ignoring = null;
    const next = withIgnored(this.decisions, sheet, finding, text.slice(0, DECISION_TEXT_LIMIT));
    await this.record(next, `已忽略 ${finding.cell} 的问题，理由：${text}。可点“恢复”撤回。`);
    return true;
  }

  async unignore(sheet: string, finding: Pick<Finding, 'cell' | 'rule'>): Promise<void> {
    await this.record(withoutIgnored(this.decisions, sheet, finding), `已恢复 ${finding.cell} 的问题，重新计入。`);
  }

  /** A form's 审核结论 (null withdraws it), with the 审核意见 the unit will read. */
  async decide(form: FormRef, verdict: FormVerdict | null, comment: string): Promise<void> {
    const next = withVerdict(this.decisions, form, verdict, comment.trim().slice(0, DECISION_TEXT_LIMIT));
    await this.record(next, verdict ? `已记录审核结论：${verdict}。` : '已撤回审核结论。');
  }

  private async record(next: ReviewDecisions, done: string): Promise<void> {
    this.decisions = next;
    const inWorkbook = await this.host
      .applyEdits([{ type: 'decisions', record: next }])
      .then(() => true)
      .catch(() => false);
    const kept = this.keeper ? await this.keeper.save(next).catch(() => false) : inWorkbook;
    this.unsaved = !kept;
    const message = kept
      ? { kind: 'success' as const, text: done }
      : {
          kind: 'error' as const,
          text: `${done}但未能保存（${this.keeper ? '浏览器不允许保存数据' : '工作簿不能写入'}），请下载带标记的副本保留审核结论。`,
        };
    this.publish({ decisions: next, ignoring: this.ignoring, message });
  }
}
