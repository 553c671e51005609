import { HostError } from '../hosts/host';
import { TemplateError } from './reasons';

/** An error as the pane says it, in Chinese: a host's or a template's own message, else what to do next. */
export function describeError(error: unknown): string {
  if (error instanceof HostError || error instanceof TemplateError) return error.message;
  const code = (error as { code?: string } | null)?.code;
  if (code === 'InvalidOperationInCellEditMode') return '请先结束单元格编辑（按 Enter 或 Esc），再重试。';
  return `操作失败：${error instanceof Error ? error.message : String(error)}。请重试；如仍失败，请保存工作簿后重新打开。`;
}
