import { HostError } from '../hosts/host';
import type { SpreadsheetHost } from '../hosts/host';
import { TaskpaneController, type PaneState, type Preferences } from './controller';
import { mountPane } from './view';

interface OpenFile {
  name: string;
  host: SpreadsheetHost & { toBuffer(): Promise<Uint8Array> };
  controller: TaskpaneController;
}

/**
 * The page opened in a plain browser: a reviewer's checker for workbooks (.xlsx, .xlsm, .xls, .et,
 * .ods), without Office or WPS. Files are read in the page and never leave it; the workbook reader
 * and writer are loaded only here, as their own chunk.
 */
export function startStandalone(root: HTMLElement, preferences: Preferences): void {
  const files: OpenFile[] = [];
  let current: OpenFile | null = null;

  const input = document.createElement('input');
  input.type = 'file';
  input.accept =
    '.xlsx,.xlsm,.xls,.et,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet';
  input.multiple = true;
  input.id = 'file-input';
  input.className = 'visually-hidden';
  // The drop zone below is the one keyboard stop for choosing files (Enter or Space opens the picker).
  input.tabIndex = -1;
  input.addEventListener('change', () => {
    if (input.files) void open([...input.files]);
    input.value = '';
  });

  const drop = document.createElement('label');
  drop.htmlFor = 'file-input';
  drop.id = 'drop-zone';
  drop.tabIndex = 0;
  drop.textContent = '选择或拖入工作簿（.xlsx、.xls、.et、.ods，可多选）。文件只在本页面中读取，不会上传。';
  drop.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.click();
    }
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer?.files) void open([...event.dataTransfer.files]);
  });

  const tabs = document.createElement('div');
  tabs.id = 'file-tabs';
  tabs.setAttribute('role', 'group');
  tabs.setAttribute('aria-label', '已打开的文件');
  const reading = document.createElement('div');
  reading.id = 'file-progress';
  reading.setAttribute('role', 'status');
  reading.hidden = true;
  const readingText = document.createElement('span');
  const readingBar = document.createElement('progress');
  readingBar.max = 1;
  readingBar.setAttribute('aria-label', '读取进度');
  reading.append(readingText, readingBar);
  const notice = document.createElement('div');
  notice.id = 'file-notice';
  notice.setAttribute('role', 'alert');
  const download = document.createElement('button');
  download.type = 'button';
  download.id = 'download';
  download.textContent = '下载副本（含标记与填写）';
  download.hidden = true;
  download.addEventListener('click', () => void save());
  const pane = document.createElement('div');
  pane.id = 'pane';

  const heading = document.createElement('h1');
  heading.textContent = '绩效自评助手';
  const subtitle = document.createElement('p');
  subtitle.className = 'host';
  subtitle.textContent = '独立网页版：检查收到的自评表工作簿';
  root.replaceChildren(heading, subtitle, input, drop, reading, notice, tabs, download, pane);

  async function open(list: File[]): Promise<void> {
    notice.textContent = '';
    const problems: string[] = [];
    const { openInPage } = await import(/* webpackChunkName: "standalone-xlsx" */ './open-in-page');
    for (const file of list) {
      try {
        showProgress(file.name, 0.05, '正在读取…');
        const host = await openInPage(new Uint8Array(await file.arrayBuffer()), file.name, (fraction, label) =>
          showProgress(file.name, fraction, label),
        );
        const entry: OpenFile = { name: file.name, host, controller: new TaskpaneController(host, preferences) };
        files.push(entry);
        show(entry);
        await entry.controller.check('all');
      } catch (error) {
        problems.push(`文件「${file.name}」：${error instanceof HostError ? error.message : '无法读取'}`);
      }
    }
    reading.hidden = true;
    notice.textContent = problems.join('\n');
    renderTabs();
  }

  /** Reading and checking run in a worker: the page stays usable and says how far it is. */
  function showProgress(name: string, fraction: number, label: string): void {
    reading.hidden = false;
    readingText.textContent = `「${name}」：${label}`;
    readingBar.value = fraction;
  }

  function show(entry: OpenFile): void {
    current = entry;
    let render: (state: PaneState) => void = () => undefined;
    // The controller outlives re-renders; its changes go to whichever pane shows it now.
    entry.controller.listen((state) => {
      if (current === entry) render(state);
    });
    render = mountPane(pane, entry.controller, { header: false });
    render(entry.controller.state);
    download.hidden = false;
    renderTabs();
  }

  function renderTabs(): void {
    tabs.replaceChildren(
      ...files.map((entry) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.className = 'file-tab';
        tab.textContent = entry.name;
        tab.setAttribute('aria-pressed', String(entry === current));
        tab.addEventListener('click', () => show(entry));
        return tab;
      }),
    );
  }

  async function save(): Promise<void> {
    if (!current) return;
    const bytes = await current.host.toBuffer();
    const blob = new Blob([new Uint8Array(bytes)], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    // Whatever format the file came in, the copy is an .xlsx (an .xlsm stays .xlsm: it keeps its macros).
    const extension = /\.xlsm$/i.test(current.name) ? '.xlsm' : '.xlsx';
    link.download = `${current.name.replace(/\.(xlsx|xlsm|xls|et|ods)$/i, '')}-审核${extension}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
}
