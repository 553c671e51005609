import type { TaughtLayout } from '../core/recognise/layouts';
import type { Preferences } from './preferences';

const LAYOUTS_KEY = 'jixiao.layouts';

/** What a change to the layouts may do to a file read before it: read more of it, or read less of it. */
export type LayoutChange = 'added' | 'removed';

/** The layout code is part of the engine's chunk: the pane opens without it. */
const layoutsModule = () => import(/* webpackChunkName: "engine" */ '../core/recognise/layouts');

/**
 * The table layouts a user taught (手动指定表格), kept in the page's storage like the templates and shared as
 * JSON files (the CLI's `--layout`). Validated when the store opens; a damaged store is reported, never
 * overwritten.
 */
export class LayoutStore {
  custom: TaughtLayout[] = [];
  loadProblem: string | null = null;
  readonly ready: Promise<void>;
  private readonly listeners = new Set<(change: LayoutChange) => void>();

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

  /**
   * Told after every change: one store serves every file of a desk, so a layout taught on one file is applied
   * to the others. Returns how to stop listening (a file closed on the desk).
   */
  subscribe(listener: (change: LayoutChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A layout from the labels and roles the user chose; one of the same name is replaced. Throws LayoutError. */
  async save(name: string, columns: TaughtLayout['columns']): Promise<TaughtLayout> {
    await this.ready;
    const layout = (await layoutsModule()).layoutFromHeader(name, columns);
    this.custom = [...this.custom.filter((l) => l.name !== layout.name), layout];
    await this.persist('added');
    return layout;
  }

  async remove(name: string): Promise<void> {
    await this.ready;
    this.custom = this.custom.filter((l) => l.name !== name);
    await this.persist('removed');
  }

  /** Adds (or replaces by name) the layouts of a file; a bad file changes nothing. */
  async importText(text: string, fileName: string): Promise<number> {
    await this.ready;
    const incoming = (await (await layoutsModule()).parseLayoutText(text, `文件「${fileName}」`)).layouts;
    const names = new Set(incoming.map((l) => l.name));
    this.custom = [...this.custom.filter((l) => !names.has(l.name)), ...incoming];
    await this.persist('added');
    return incoming.length;
  }

  async exportText(): Promise<string> {
    return (await layoutsModule()).layoutFileText(this.custom);
  }

  private async persist(change: LayoutChange): Promise<void> {
    if (!this.loadProblem) this.preferences.set(LAYOUTS_KEY, await this.exportText());
    for (const listener of [...this.listeners]) listener(change);
  }
}
