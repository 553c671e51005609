// Builds dist/wps/ (the WPS 加载项) from the webpack output and writes the deployment lists:
//   online:  dist/wps-deploy/online/jsplugins.xml and publish.xml, pointing at WPS_ADDIN_URL;
//   offline: dist/wps-deploy/offline/jixiao_<version>/ (zip it as jixiao_<version>.7z) and its jsplugins.xml.
// WPS_ADDIN_URL defaults to ADDIN_BASE_URL + "wps/". Run by `npm run build` after webpack.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'wps');
const DEPLOY = path.join(DIST, 'wps-deploy');
const NAME = 'jixiao';
const { version } = require('../package.json');

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

const base = withSlash(process.env.ADDIN_BASE_URL || 'https://localhost:3000/');
const onlineUrl = withSlash(process.env.WPS_ADDIN_URL || `${base}wps/`);
const offlineUrl = withSlash(process.env.WPS_OFFLINE_URL || 'file:///C:/jixiao-addin/');

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.rmSync(DEPLOY, { recursive: true, force: true });
if (!fs.existsSync(path.join(DIST, 'taskpane.js'))) throw new Error('先运行 webpack：dist/taskpane.js 不存在');

for (const file of ['ribbon.xml', 'main.js', 'index.html']) copy(path.join(ROOT, 'wps', file), path.join(OUT, file));
// The pane's script and every chunk it loads on demand (hosts, the engine, validation…): WPS serves the pane from
// this folder alone, so a chunk left out is a pane that cannot start.
const scripts = fs
  .readdirSync(DIST)
  .filter((file) => /\.(js|css)$/.test(file) && file !== 'commands.js' && file !== 'file-worker-source.js');
for (const file of [...scripts, 'help.html']) copy(path.join(DIST, file), path.join(OUT, file));
for (const icon of fs.readdirSync(path.join(ROOT, 'assets')))
  copy(path.join(ROOT, 'assets', icon), path.join(OUT, 'assets', icon));
// The same task pane page, without office.js: WPS talks to window.Application instead.
const page = fs
  .readFileSync(path.join(DIST, 'taskpane.html'), 'utf8')
  .replace(/<script[^>]*office-js\/office\.js[^>]*><\/script>/, '');
fs.writeFileSync(path.join(OUT, 'taskpane.html'), page);

const online = `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jspluginonline name="${NAME}" type="et" url="${escapeXml(onlineUrl)}"/>\n</jsplugins>\n`;
fs.mkdirSync(path.join(DEPLOY, 'online'), { recursive: true });
fs.writeFileSync(path.join(DEPLOY, 'online', 'jsplugins.xml'), online);
fs.writeFileSync(path.join(DEPLOY, 'online', 'publish.xml'), online);

const folder = `${NAME}_${version}`;
fs.cpSync(OUT, path.join(DEPLOY, 'offline', folder), { recursive: true });
fs.writeFileSync(
  path.join(DEPLOY, 'offline', 'jsplugins.xml'),
  `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="${NAME}" type="et" version="${version}" enable="true" url="${escapeXml(offlineUrl)}${folder}.7z"/>\n</jsplugins>\n`,
);
fs.writeFileSync(
  path.join(DEPLOY, 'oem.ini.example'),
  `; 追加到 WPS 安装目录 office6\\cfgs\\oem.ini（在线模式填 online/jsplugins.xml 的地址，离线模式填本机 jsplugins.xml 的路径）\n[Support]\nJsApiPlugin=true\n[Server]\nJSPluginsServer=${onlineUrl}jsplugins.xml\n`,
);
// The installer kit for units' IT, beside the offline folder: Windows (install.bat → install.ps1) and 信创 Linux
// (install.sh), each registering the add-in in the user's jsaddons lists. Windows files get CRLF, the guide a BOM.
const KIT = path.join(ROOT, 'wps', 'install');
for (const file of fs.readdirSync(KIT)) {
  let text = fs
    .readFileSync(path.join(KIT, file), 'utf8')
    .replace(/\{\{NAME\}\}/g, NAME)
    .replace(/\{\{VERSION\}\}/g, version)
    .replace(/\{\{FOLDER\}\}/g, folder);
  if (!file.endsWith('.sh')) text = text.replace(/\r?\n/g, '\r\n');
  if (file.endsWith('.txt') || file.endsWith('.ps1')) text = `\uFEFF${text}`;
  fs.writeFileSync(path.join(DEPLOY, 'offline', file), text, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
}
fs.writeFileSync(
  path.join(DEPLOY, 'offline', 'oem.ini.example'),
  '; 只在安装后仍没有“绩效自评”选项卡时需要：追加到 WPS 安装目录 office6\\cfgs\\oem.ini（需要管理员权限），然后重启 WPS\r\n[Support]\r\nJsApiPlugin=true\r\n',
);
console.log(`WPS 加载项：dist/wps/（在线地址 ${onlineUrl}），部署清单：dist/wps-deploy/`);
