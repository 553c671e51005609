import type { TaughtLayout } from '../core/layouts';
import type { Preferences } from './preferences';

const LAYOUTS_KEY = 'jixiao.layouts';

/** The layout code is part of the engine's chunk: the pane opens without it. */
const layoutsModule = () => import(/* webpackChunkName: "engine" */ '../core/layouts');

/**
 * The table layouts a user taught (手动指定表格), kept in the page's storage like the templates and shared as
 * JSON files (the CLI's `--layout`). Validated when the store opens; a damaged store is reported, never
 * overwritten.
 */
export class LayoutStore {
  custom: TaughtLayout[] = [];
  loadProblem: string | null = null;
  readonly ready: Promise<void>;

  constructor(private readonly preferences: Preferences) {
    this.ready = this.load(preferences.get(LAYOUTS_KEY));
  }

  private async load(saved: string | null): Promise<void> {
    if (!saved) return;
    try {
      this.custom = (await (await layoutsModule()).parseLayoutText(saved, '已保存的表格版式')).layouts;
    } catch (error) {
      this.loadProblem = error instanceof Error ? error.message : String(error);
    }
  }

  /** A layout from the labels and roles the user chose; one of the same name is replaced. Throws LayoutError. */
  async save(name: string, columns: TaughtLayout['columns']): Promise<TaughtLayout> {
    await this.ready;
    const layout = (await layoutsModule()).layoutFromHeader(name, columns);
    this.custom = [...this.custom.filter((l) => l.name !== layout.name), layout];
    await this.persist();
    return layout;
  }

  async remove(name: string): Promise<void> {
    await this.ready;
    this.custom = this.custom.filter((l) => l.name !== name);
    await this.persist();
  }

  /** Adds (or replaces by name) the layouts of a file; a bad file changes nothing. */
  async importText(text: string, fileName: string): Promise<number> {
    await this.ready;
    const incoming = (await (await layoutsModule()).parseLayoutText(text, `文件「${fileName}」`)).layouts;
    const names = new Set(incoming.map((l) => l.name));
    this.custom = [...this.custom.filter((l) => !names.has(l.name)), ...incoming];
    await this.persist();
    return incoming.length;
  }

  async exportText(): Promise<string> {
    return (await layoutsModule()).layoutFileText(this.custom);
  }

  private async persist(): Promise<void> {
    if (this.loadProblem) return;
    this.preferences.set(LAYOUTS_KEY, await this.exportText());
  }
}
