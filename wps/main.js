// 绩效自评助手 · WPS 加载项入口：ribbon.xml 的回调函数。任务窗格与 Excel 版是同一个页面（taskpane.html）。
// Plain ES5 without modules: WPS loads this file into its add-in page; it needs no development tool at run time.
var JIXIAO_PANE_KEY = 'jixiao_taskpane_id';

function jixiaoBaseUrl() {
  var href = document.location.href.split('#')[0].split('?')[0];
  return href.substring(0, href.lastIndexOf('/') + 1);
}

function OnAddinLoad(ribbonUI) {
  if (typeof window.Application.ribbonUI !== 'object') window.Application.ribbonUI = ribbonUI;
  return true;
}

function jixiaoTogglePane() {
  var app = window.Application;
  var id = app.PluginStorage.getItem(JIXIAO_PANE_KEY);
  var pane = id ? app.GetTaskPane(id) : null;
  if (!pane) {
    pane = app.CreateTaskPane(jixiaoBaseUrl() + 'taskpane.html');
    app.PluginStorage.setItem(JIXIAO_PANE_KEY, pane.ID);
    pane.Visible = true;
  } else {
    pane.Visible = !pane.Visible;
  }
}

function OnAction(control) {
  switch (control.Id) {
    case 'btnJixiaoPane':
      jixiaoTogglePane();
      break;
    case 'btnJixiaoHelp':
      window.Application.ShowDialog(jixiaoBaseUrl() + 'help.html', '绩效自评助手 · 帮助', 640, 480, false);
      break;
    default:
      break;
  }
  return true;
}

function GetImage(control) {
  return control.Id === 'btnJixiaoHelp' ? 'assets/icon-32.png' : 'assets/icon-80.png';
}

function OnGetEnabled() {
  return true;
}
