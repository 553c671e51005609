/** Which spreadsheet the page runs in: WPS 表格 first (it exposes `Application`), then Office. */
export type HostKind = 'wps' | 'excel' | 'standalone';

interface HostWindow {
  Application?: { Workbooks?: unknown };
  Office?: { onReady(callback?: (info: { host: unknown }) => void): Promise<{ host: unknown }>; HostType?: { Excel: unknown } };
}

export async function detectHost(win: HostWindow = window as unknown as HostWindow): Promise<HostKind> {
  if (win.Application && win.Application.Workbooks) return 'wps';
  const office = win.Office;
  if (!office) return 'standalone';
  // Office.onReady answers in a plain browser too (host null); a time-out guards a stuck loader.
  const info = await Promise.race([office.onReady(), new Promise<{ host: null }>((resolve) => setTimeout(() => resolve({ host: null }), 3000))]);
  return info.host !== null && info.host !== undefined && info.host === office.HostType?.Excel ? 'excel' : 'standalone';
}
