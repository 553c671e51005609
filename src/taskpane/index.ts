import { installDomPolyfills } from './dom-polyfills';
import type { EtApplication } from '../hosts/wps/et-model';
import type { SpreadsheetHost } from '../hosts/host';
import { TaskpaneController, type Preferences } from './controller';
import { detectHost } from './detect-host';
import { mountPane } from './view';

/** The page's own storage: per user and per add-in origin (WPS PluginStorage is not persistent). */
const localPreferences: Preferences = {
  get: (key) => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set: (key, value) => {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage may be disabled by policy; the choice then lasts for this session only.
    }
  },
};

installDomPolyfills();

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const kind = await detectHost(undefined, () => {
    root.textContent = OFFICE_SLOW;
  });
  root.textContent = '';
  let host: SpreadsheetHost | null = null;
  // Each host's code is its own chunk: Excel never loads the WPS host, nor the page either.
  if (kind === 'excel') {
    const { ExcelHost } = await import(/* webpackChunkName: "excel-host" */ '../hosts/excel/excel-host');
    host = new ExcelHost({ run: (batch) => Excel.run(batch) }, (version) =>
      Office.context.requirements.isSetSupported('ExcelApi', version),
    );
  } else if (kind === 'wps') {
    const { WpsHost } = await import(/* webpackChunkName: "wps-host" */ '../hosts/wps/wps-host');
    host = new WpsHost((window as unknown as { Application: EtApplication }).Application);
  }
  if (!host) {
    // A plain browser: the standalone checker for workbooks. Reading a file in the page needs what IE11
    // and the oldest embedded browsers lack; say so instead of failing on the first file.
    if (typeof TextDecoder === 'undefined' || typeof Uint8Array === 'undefined' || typeof Blob === 'undefined') {
      root.textContent =
        '此浏览器版本过旧，无法在网页中读取工作簿。请改用新版浏览器（Edge、Chrome、Firefox，或 360/奇安信浏览器的极速模式），或在 Excel / WPS 中使用本加载项。';
      return;
    }
    // Opened by double-click (file://) too: the workers then start from blobs (open-in-page.ts).
    const { startStandalone } = await import(/* webpackChunkName: "standalone" */ './standalone');
    startStandalone(root, localPreferences);
    return;
  }
  let render: (state: TaskpaneController['state']) => void = () => undefined;
  const controller = new TaskpaneController(host, localPreferences, (state) => render(state));
  render = mountPane(root, controller);
  render(controller.state);
  // Selecting an indicator row in the sheet shows its 偏差原因 suggestions, where the host can tell.
  await host.watchSelection?.((sheet, cell) => controller.selectionChanged(sheet, cell)).catch(() => false);
  // Results computed before the user edits the sheet are shown as out of date.
  await host.watchChanges?.(() => controller.sheetChanged()).catch(() => false);
}

/** Office is there but has not answered yet: said instead of a silent 正在加载…, and still waited for. */
const OFFICE_SLOW =
  'Excel 还没有响应本加载项。请稍候；如果一直停在这里，请先结束单元格编辑（按 Enter 或 Esc），或关闭本窗格后重新打开；仍不行时请重启 Excel。';

/** What a user sees when the pane cannot start at all (an Office build or browser older than we support). */
const START_FAILED =
  '绩效自评助手无法在此版本中启动。请升级到 Office 2016 / 2019 的最新更新、Office 2021 或 Microsoft 365，或改用 WPS 表格，或使用独立网页版（checker.html）。';

start().catch(() => {
  const root = document.getElementById('app');
  if (root) root.textContent = START_FAILED;
});
