import * as path from 'path';
import { main } from './command-line';

/**
 * `npm run demo`: check the bundled sample and write its annotated copy. Findings in the sample are
 * the point of the demo, so only an unreadable sample (exit 2) fails the command.
 */
const sample = path.join(__dirname, '..', '..', 'samples', '示例-自评表.xlsx');
const outDir = path.join(process.cwd(), 'demo-out');

main(['--out', outDir, '--fill', sample]).then((code) => {
  if (code !== 2)
    process.stdout.write(
      `\n演示完成：带标记的副本在 ${path.relative(process.cwd(), outDir) || '.'}/ 目录（用 Excel 或 WPS 打开查看着色、批注和“审核意见”工作表）。\n`,
    );
  process.exitCode = code === 2 ? 2 : 0;
});
