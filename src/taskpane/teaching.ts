import type { ColumnRole } from '../core/vocabulary/column-roles';
import type { TaughtLayout } from '../core/recognise/layouts';
import type { HeaderCandidate } from '../core/recognise/unrecognised';
import type { LayoutStore } from './layout-store';
import type { PaneState } from './controller';
import { describeError } from './describe-error';

/** Teaching the engine a layout it could not read: which row is the header, and what each column holds. */
export interface TeachDraft {
  sheet: string;
  candidates: HeaderCandidate[];
  row: number;
  roles: Array<ColumnRole | null>;
  name: string;
  /** Why the roles as chosen cannot be saved, in Chinese. */
  problem: string | null;
}

/** What the teaching needs of the pane: its state, a change to it, a labelled action, a check again. */
export interface PaneAccess {
  state(): PaneState;
  update(change: Partial<PaneState>): void;
  runAction(label: string, action: () => Promise<void>): Promise<void>;
  recheck(): Promise<void>;
}

/**
 * 手动指定表格: a sheet the engine could not read is taught — which row is its header, what each column holds —
 * saved as a layout, and checked again; layouts are removed, imported and exported here too.
 */
export class LayoutTeaching {
  constructor(
    private readonly layouts: LayoutStore,
    private readonly pane: PaneAccess,
  ) {}

  open(sheet: string): void {
    const result = this.pane.state().results?.find((r) => r.kind === 'unrecognised' && r.sheet === sheet);
    const candidates = result?.kind === 'unrecognised' ? result.form.candidates : [];
    if (candidates.length === 0) {
      this.pane.update({
        message: { kind: 'info', text: `工作表「${sheet}」中没有找到像表头的一行（至少三个文字单元格）。` },
      });
      return;
    }
    const [first] = candidates;
    this.pane.update({
      teach: {
        sheet,
        candidates,
        row: first.row,
        roles: first.cells.map((c) => c.guess),
        name: `${sheet}的版式`,
        problem: null,
      },
    });
  }

  chooseRow(row: number): void {
    const teach = this.pane.state().teach;
    const candidate = teach?.candidates.find((c) => c.row === row);
    if (!teach || !candidate) return;
    this.pane.update({ teach: { ...teach, row, roles: candidate.cells.map((c) => c.guess), problem: null } });
  }

  setRole(index: number, role: ColumnRole | null): void {
    const teach = this.pane.state().teach;
    if (!teach) return;
    const roles = teach.roles.map((r, i) => (i === index ? role : r));
    this.pane.update({ teach: { ...teach, roles, problem: null } });
  }

  rename(name: string): void {
    const teach = this.pane.state().teach;
    if (teach) this.pane.update({ teach: { ...teach, name } });
  }

  close(): void {
    this.pane.update({ teach: null });
  }

  /** Saves the layout and checks again: the sheet is then read in the roles given, with every rule. */
  async save(): Promise<void> {
    const teach = this.pane.state().teach;
    const candidate = teach?.candidates.find((c) => c.row === teach.row);
    if (!teach || !candidate) return;
    const columns = candidate.cells.map((cell, i) => ({ label: cell.label, role: teach.roles[i] ?? null }));
    let layout: TaughtLayout;
    try {
      layout = await this.layouts.save(teach.name, columns);
    } catch (error) {
      this.pane.update({ teach: { ...teach, problem: describeError(error) } });
      return;
    }
    this.pane.update({ teach: null, customLayouts: [...this.layouts.custom] });
    await this.pane.runAction('正在按指定的列重新检查…', async () => {
      await this.pane.recheck();
      const read = this.pane.state().results?.some((r) => r.sheet === teach.sheet && r.kind !== 'unrecognised');
      this.pane.update({
        message: read
          ? { kind: 'success', text: `已保存版式「${layout.name}」，工作表「${teach.sheet}」已按指定的列检查。` }
          : {
              kind: 'error',
              text: `已保存版式「${layout.name}」，但工作表「${teach.sheet}」仍未识别出表格：请检查各列的用途。`,
            },
      });
    });
  }

  async remove(name: string): Promise<void> {
    await this.layouts.remove(name);
    // A form read through the layout is read again without it.
    if (this.pane.state().results) await this.pane.runAction('正在重新检查…', () => this.pane.recheck());
    this.pane.update({
      customLayouts: [...this.layouts.custom],
      message: { kind: 'success', text: `版式「${name}」已删除。` },
    });
  }

  async importText(text: string, fileName: string): Promise<void> {
    try {
      const count = await this.layouts.importText(text, fileName);
      if (this.pane.state().results?.some((r) => r.kind === 'unrecognised'))
        await this.pane.runAction('正在按导入的版式重新检查…', () => this.pane.recheck());
      this.pane.update({
        customLayouts: [...this.layouts.custom],
        message: { kind: 'success', text: `已导入 ${count} 个表格版式。` },
      });
    } catch (error) {
      this.pane.update({ message: { kind: 'error', text: `${describeError(error)}；原有版式未受影响。` } });
    }
  }

  exportText(): Promise<string> {
    return this.layouts.exportText();
  }
}
