/** The pane's version, from package.json (set by the build; "开发版" in tests and the dev server). */
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '开发版';

type HostName = string;

/** Where the pane's own button is, in the host the user has. */
function opening(host: HostName): string {
  if (host === 'Excel') return '在 Excel“开始”选项卡点击“绩效自评 → 检查自评表”打开本窗格。';
  if (host === 'WPS 表格') return '在 WPS 表格的“绩效自评”选项卡点击“检查自评表”打开本窗格。';
  return '独立网页版：选择或拖入工作簿即可检查，文件只在本页面中读取，不会上传。';
}

function paragraph(text: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

/** 帮助, in the words of the host it runs in, with the version. */
export function helpSection(host: HostName): HTMLElement {
  const details = document.createElement('details');
  details.className = 'help';
  details.id = 'help';
  const summary = document.createElement('summary');
  summary.textContent = '帮助';
  const file = host !== 'Excel' && host !== 'WPS 表格';
  details.append(
    summary,
    paragraph(opening(host)),
    paragraph(
      '“检查”识别每一张项目支出绩效自评表、部门整体支出自评表和绩效目标申报表，核对分值、得分、执行率、总分与评分等级。点击一条问题即定位到对应单元格；扣分指标会打开“偏差原因”面板。',
    ),
    paragraph(
      '偏差原因：面板按适合程度列出建议，方向键选择，可直接修改文本，再点“插入”（空单元格）、“追加”或“替换…”（替换前会显示现有内容并请您确认）。Esc 关闭面板。',
    ),
    paragraph(
      '窗格上方是“检查全部工作表”和“撤销”；标记、填写和新建自评表在“更多操作”菜单里（键盘：Tab 到该按钮后按 ↓ 打开，↑ ↓ 选择，Enter 执行，Esc 关闭）。',
    ),
    paragraph(
      '“一键填写全部缺失原因”和“填写总分与等级”只写空着的单元格，从不覆盖已有内容或公式。每次写入都可以用“撤销”逐步恢复原样；撤销前您又改过的单元格会保留并列出。',
    ),
    paragraph('检查之后如果表格有改动，结果会标明“可能已过时”；写入前本工具会再核对一次，表格变了就重新检查而不写入。'),
    paragraph(
      '“标记问题”给问题单元格着色、加批注，并新建“审核意见”工作表；“清除标记”恢复原来的底色，删除本工具加的批注和“审核意见”表。在 Excel、WPS、网页版或命令行中做的标记，可以在其中任何一处清除。',
    ),
    paragraph(
      '我的模板：可以保存本单位常用的偏差原因写法，用 {指标} {指标值} {实际值} {分值} {得分} {扣分} 代入本行的内容；可导出为文件与同事共享，或导入同事的文件。',
    ),
    ...(file
      ? [
          paragraph(
            '下载副本：写入和标记都只改动本页面中的副本，点“下载副本”保存为新文件；原文件不会被改动。.xls、.et、.ods 文件的副本保存为 .xlsx。',
          ),
        ]
      : []),
    paragraph(`绩效自评助手 ${APP_VERSION}`),
  );
  return details;
}
