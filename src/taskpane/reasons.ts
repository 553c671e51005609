import type { FormResult, IndicatorAssessment } from '../core/check/form-result';
import {
  builtInTemplates,
  parseTemplateText,
  reasonEdits,
  suggest,
  TemplateError,
  type ReasonTemplate,
  type Suggestion,
} from '../core/edits/templates';
import type { Preferences } from './preferences';

const TEMPLATES_KEY = 'jixiao.templates';

/** The row the user is writing a reason for, with its ranked suggestions and the editable text. */
export interface ReasonDraft {
  sheet: string;
  row: IndicatorAssessment;
  suggestions: Suggestion[];
  selected: number;
  text: string;
}

/**
 * A user's own templates, kept in the page's storage and shared as JSON files. Stored templates are
 * validated when the store opens (`ready`); nothing is written back before that, so a slow start can
 * never overwrite them.
 */
export class TemplateStore {
  custom: ReasonTemplate[] = [];
  /** Set when the stored templates could not be read (they are then left untouched in storage). */
  loadProblem: string | null = null;
  readonly ready: Promise<void>;

  constructor(private readonly preferences: Preferences) {
    this.ready = this.load(preferences.get(TEMPLATES_KEY));
  }

  private async load(saved: string | null): Promise<void> {
    if (!saved) return;
    try {
      this.custom = (await parseTemplateText(saved, '已保存的模板')).templates.map((t) => ({ ...t, custom: true }));
    } catch (error) {
      this.loadProblem = error instanceof Error ? error.message : String(error);
    }
  }

  /** Own templates first: `suggest` prefers them when they fit. */
  all(): ReasonTemplate[] {
    return [...this.custom, ...builtInTemplates()];
  }

  async save(template: ReasonTemplate): Promise<void> {
    await this.ready;
    const checked = (
      await parseTemplateText(JSON.stringify({ version: 1, templates: [{ ...template, custom: true }] }), '模板')
    ).templates[0];
    const index = this.custom.findIndex((t) => t.id === checked.id);
    if (index >= 0) this.custom[index] = checked;
    else this.custom.push(checked);
    this.persist();
  }

  async remove(id: string): Promise<void> {
    await this.ready;
    this.custom = this.custom.filter((t) => t.id !== id);
    this.persist();
  }

  exportText(): string {
    return JSON.stringify({ version: 1, templates: this.custom.map(({ custom: _custom, ...t }) => t) }, null, 2);
  }

  /** Adds (or replaces by id) the templates of a file; a bad file changes nothing. */
  async importText(text: string, fileName: string): Promise<number> {
    await this.ready;
    const incoming = (await parseTemplateText(text, `文件「${fileName}」`)).templates;
    for (const template of incoming) {
      const index = this.custom.findIndex((t) => t.id === template.id);
      const own = { ...template, custom: true };
      if (index >= 0) this.custom[index] = own;
      else this.custom.push(own);
    }
    this.persist();
    return incoming.length;
  }

  private persist(): void {
    this.preferences.set(TEMPLATES_KEY, this.exportText());
  }
}

export function draftFor(sheet: string, row: IndicatorAssessment, templates: readonly ReasonTemplate[]): ReasonDraft {
  const suggestions = suggest(row, templates, 3);
  return { sheet, row, suggestions, selected: 0, text: suggestions[0]?.text ?? '' };
}

/** Rows of a form that lost points: the ones a reason is written for. */
export function deductedRows(result: FormResult): IndicatorAssessment[] {
  return result.indicators.filter((row) => (row.pointsLost ?? 0) > 0 && row.reasonCell !== null);
}

export { reasonEdits, TemplateError };
