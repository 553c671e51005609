/** Which spreadsheet the page runs in: WPS 表格 first (it exposes `Application`), then Office. */
export type HostKind = 'wps' | 'excel' | 'standalone';

interface HostWindow {
  Application?: { Workbooks?: unknown };
  Office?: {
    onReady(callback?: (info: { host: unknown }) => void): Promise<{ host: unknown }>;
    HostType?: { Excel: unknown };
  };
}

/** How long Office may take to answer before the user is told it has not (it is still waited for). */
export const OFFICE_SLOW_MS = 10000;

/**
 * Office.onReady answers at once in a plain browser (host null): that is the standalone page. Inside
 * Office it answers when the host is ready — which can take long on a busy or old machine — so it is
 * waited for as long as it takes, never replaced by the standalone page; `onSlow` lets the pane say so.
 */
export async function detectHost(
  win: HostWindow = window as unknown as HostWindow,
  onSlow: () => void = () => undefined,
  slowMs = OFFICE_SLOW_MS,
): Promise<HostKind> {
  if (win.Application && win.Application.Workbooks) return 'wps';
  const office = win.Office;
  if (!office) return 'standalone';
  const ready = office.onReady();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), slowMs);
  });
  const first = await Promise.race([ready, slow]);
  if (timer !== undefined) clearTimeout(timer);
  let info: { host: unknown };
  if (first === 'slow') {
    onSlow();
    info = await ready;
  } else info = first;
  return info.host !== null && info.host !== undefined && info.host === office.HostType?.Excel ? 'excel' : 'standalone';
}
