// Checks a built dist/: the manifest points at the configured address, and no page loads anything
// from another origin. Usage: node scripts/verify-dist.js <ADDIN_BASE_URL>
const fs = require('fs');
const path = require('path');

const base = process.argv[2];
const dist = path.join(__dirname, '..', 'dist');
const problems = [];
if (!base) {
  console.error('用法：node scripts/verify-dist.js <ADDIN_BASE_URL>');
  process.exit(2);
}
const origin = new URL(base).origin;

const manifest = fs.readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
const urls = [...manifest.matchAll(/(?:DefaultValue|Url)="(https?:[^"]+)"/g)].map((m) => m[1]);
if (urls.length === 0) problems.push('manifest.xml 中没有地址');
for (const url of urls) if (!url.startsWith(base)) problems.push(`manifest.xml 地址未替换为 ${base}：${url}`);
for (const [, icon] of manifest.matchAll(/DefaultValue="[^"]*\/(assets\/[^"]+\.png)"/g)) {
  if (!fs.existsSync(path.join(dist, icon))) problems.push(`缺少图标 ${icon}`);
}

for (const page of fs.readdirSync(dist).filter((f) => f.endsWith('.html'))) {
  const html = fs.readFileSync(path.join(dist, page), 'utf8');
  for (const [, ref] of html.matchAll(/(?:src|href)=["']?([^"' >]+)/g)) {
    if (/^(https?:)?\/\//i.test(ref) && !ref.startsWith(origin)) problems.push(`${page} 引用了其他来源：${ref}`);
  }
  if (!/Content-Security-Policy[^>]*default-src 'self'/.test(html))
    problems.push(`${page} 缺少限制来源的 Content-Security-Policy`);
}
if (/office\.js/.test(fs.readFileSync(path.join(dist, 'checker.html'), 'utf8')))
  problems.push('dist/checker.html（独立网页版）不应加载 office.js');
for (const script of ['taskpane.js', 'commands.js', 'file-worker.js', 'file-worker-source.js']) {
  const code = fs.readFileSync(path.join(dist, script), 'utf8');
  // Only schema identifiers, core-js's URL feature tests (https://a, https://x) and its licence text may appear: none is fetched.
  // The worker in one piece (file-worker-source.js) holds SheetJS: OpenDocument namespace names (openoffice.org) and
  // a link SheetJS writes into the Numbers files it makes (sheetjs.com), its schema names (purl.oclc.org,
  // oasis-open.org, a VML placeholder) — text, never requested.
  const external = [...code.matchAll(/https?:\/\/[a-z0-9.-]+/gi)]
    .map((m) => m[0])
    .filter(
      (u) =>
        !/^https?:\/\/[a-z]$/i.test(u) &&
        !/json-schema\.org|www\.w3\.org|schemas\.openxmlformats\.org|schemas\.microsoft\.com|purl\.org|github\.com|core-js\.io|zloirock\.ru|openoffice\.org|sheetjs\.com|purl\.oclc\.org|macVmlSchemaUri|openxmlformats\.org|docs\.oasis-open\.org/.test(
          u,
        ),
    );
  for (const u of new Set(external)) problems.push(`${script} 含有其他来源的地址：${u}`);
}
if (!fs.existsSync(path.join(dist, 'office-js', 'office.js')))
  problems.push('dist/office-js/office.js 缺失（office.js 须随加载项发布）');

// The WPS add-in: the same files as the source, the task pane page without office.js, and lists.
const wps = path.join(dist, 'wps');
for (const file of ['ribbon.xml', 'main.js', 'index.html', 'taskpane.html', 'taskpane.js']) {
  if (!fs.existsSync(path.join(wps, file))) problems.push(`dist/wps/${file} 缺失`);
}
if (
  fs.existsSync(path.join(wps, 'ribbon.xml')) &&
  fs.readFileSync(path.join(wps, 'ribbon.xml'), 'utf8') !==
    fs.readFileSync(path.join(__dirname, '..', 'wps', 'ribbon.xml'), 'utf8')
) {
  problems.push('dist/wps/ribbon.xml 与 wps/ribbon.xml 不一致');
}
if (
  fs.existsSync(path.join(wps, 'taskpane.html')) &&
  /office\.js/.test(fs.readFileSync(path.join(wps, 'taskpane.html'), 'utf8'))
)
  problems.push('dist/wps/taskpane.html 不应加载 office.js');
const online = path.join(dist, 'wps-deploy', 'online', 'jsplugins.xml');
if (!fs.existsSync(online) || !fs.readFileSync(online, 'utf8').includes(`url="${base}wps/"`))
  problems.push(`WPS 在线部署清单未指向 ${base}wps/`);
const { version } = require('../package.json');
if (!fs.existsSync(path.join(dist, 'wps-deploy', 'offline', `jixiao_${version}`, 'ribbon.xml')))
  problems.push(`离线部署文件夹 jixiao_${version} 缺失`);

if (problems.length) {
  console.error(problems.map((p) => `✖ ${p}`).join('\n'));
  process.exit(1);
}
console.log(`dist/ 检查通过：清单指向 ${base}，页面只从本站加载资源。`);
