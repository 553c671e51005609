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

/** What the page's desk adds: the summary of every file, its status words, and working through a batch. */
function deskHelp(): HTMLElement[] {
  return [
    paragraph(
      '汇总表：每个文件的每张表一行，可按任一列排序、按文字或状态筛选。状态：通过（没有要核对的）、需核对（有涉及得分、总分或等级的警告）、需修改（有错误）、未识别、无法读取；已忽略的问题不计入。另可按审核结论筛选“已退回”“未下结论”。“查看”在下方打开该文件的问题。',
    ),
    paragraph(
      '逐个审核：下方文件区的“上一个文件”“下一个文件”换到相邻的文件，“返回汇总表”回到汇总表中该文件所在的行；F8 查看完一个文件的最后一条问题后，接着打开下一个有问题的文件。',
    ),
    paragraph(
      '“全部标记并下载”把每个文件的带标记副本与汇总表、复核底稿、问题清单一起下载为 .zip；未能标记的文件不放入压缩包，原因列在提示和“未能标记的文件.txt”中。勾选“副本中每张表按一页宽打印”后，副本中每张表按一页宽打印（只改副本的打印设置，“清除标记”可恢复）。“打印汇总”打印汇总表与问题清单，每页重复表头，末尾有审核人、复核人签字处。',
    ),
  ];
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
      'F8 / Shift+F8（或“下一个问题”“上一个问题”）逐条查看问题；能算出正确数值的问题（得分超过分值、总分、执行率等）带“改为 …”按钮，一键改正，可撤销。',
    ),
    paragraph(
      '“未识别”的表：点“手动指定表格”，选出表头所在的行并为每列选择用途，起名保存后立即按指定的列检查；表头相同的其他表（其他文件、以后打开的文件）也按此读取。“我的表格版式”可导出给同事或命令行（--layout）使用。',
    ),
    paragraph(
      '审核决定：问题旁的“忽略此问题”填写理由后，该问题不再计入状态、不再标记，理由写入汇总表、复核底稿和问题清单（“恢复”可撤回）。每张表下方可选“通过”或“退回”并填写审核意见，点“保存审核结论”。审核决定保存在工作簿中（随带标记的副本带走，命令行也能读出）。',
    ),
    ...(file
      ? [
          paragraph(
            '网页版会把打开的文件和审核决定保存在本浏览器中（不上传），刷新或重新打开页面后自动恢复；“关闭文件”“全部关闭”会把它们从本浏览器删除。浏览器不允许保存时会提示，离开页面前也会提醒。',
          ),
        ]
      : []),
    ...(file ? deskHelp() : []),
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
