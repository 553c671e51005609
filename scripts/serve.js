// `npm run serve`: the built page (dist/) on this computer only, for the standalone checker and for sideloading.
// Nothing is fetched from elsewhere; PORT sets the port (8080 by default).
const { createReadStream, existsSync, statSync } = require('fs');
const { createServer } = require('http');
const path = require('path');

const ROOT = path.join(__dirname, '..', 'dist');
const PORT = Number(process.env.PORT) || 8080;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.json': 'application/json',
};

if (!existsSync(path.join(ROOT, 'checker.html'))) {
  console.error('dist/ 中还没有网页：请先运行 npm run build');
  process.exit(2);
}
createServer((request, response) => {
  const url = new URL(request.url || '/', 'http://localhost');
  const file = path.normalize(
    path.join(ROOT, decodeURIComponent(url.pathname === '/' ? '/checker.html' : url.pathname)),
  );
  if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('找不到该文件');
    return;
  }
  response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(response);
}).listen(PORT, '127.0.0.1', () => {
  console.log(`绩效自评助手网页版：http://127.0.0.1:${PORT}/checker.html（只在本机可访问；按 Ctrl+C 停止）`);
});
