import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { checkWorkbook } from '../core/check/workbook';
import { NEW_FORM_COLUMN_WIDTHS, newFormSheets } from '../core/edits/new-form';
import { freeCopyName } from '../core/edits/copy-name';
import { builtInProfile, BUILT_IN_PROFILES } from '../core/rules/profiles';
import { HostError } from '../hosts/host';
import { gridWorkbook } from '../xlsx/grid-workbook';
import { openWorkbookFile } from '../hosts/file/open-file';

const USAGE = `用法：npm run new-form -- 申报表.xlsx… --out 目录 [--profile ${Object.keys(BUILT_IN_PROFILES).join('|')}]

为每份工作簿中的每张绩效目标申报表生成一张全国式样的项目支出绩效自评表（项目、资金、年度指标及其指标值原样
抄录，按评分规则建议分值，实际完成值、得分、偏差原因留空，总分为求和公式），写入 <原名>-自评表.xlsx。`;

/** `npm run new-form`: a 自评表 started from each 申报表, written next to the others, never over a file. */
export async function newFormMain(argv: string[]): Promise<number> {
  let values: { out?: string; profile?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, profile: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    process.stderr.write(`参数有误：${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help || positionals.length === 0 || !values.out) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const profile = builtInProfile(values.profile);
  if (!profile) {
    process.stderr.write(`找不到评分规则「${values.profile}」（可选：${Object.keys(BUILT_IN_PROFILES).join('、')}）\n`);
    return 2;
  }
  let failed = false;
  for (const file of positionals) {
    try {
      const host = await openWorkbookFile(file);
      const declarations = checkWorkbook(await host.readSheets('all'), profile).filter(
        (r) => r.kind === 'target-declaration',
      );
      if (declarations.length === 0) throw new HostError('没有找到绩效目标申报表');
      const sheets = newFormSheets(
        declarations.map((d) => d.form),
        profile,
      );
      const grids = sheets.map((sheet) => sheet.grid);
      const target = freeName(values.out, file);
      await fs.mkdir(values.out, { recursive: true });
      await fs.writeFile(target, gridWorkbook(grids, NEW_FORM_COLUMN_WIDTHS), { flag: 'wx' });
      process.stdout.write(`■ ${file}：${grids.length} 张自评表 → ${target}\n`);
    } catch (error) {
      failed = true;
      process.stdout.write(
        `■ ${file}：✖ ${error instanceof HostError ? error.message : `无法生成（${error instanceof Error ? error.message : String(error)}）`}\n`,
      );
    }
  }
  return failed ? 2 : 0;
}

/** `<原名>-自评表.xlsx` in the output folder, numbered where taken (never over a file). */
function freeName(outDir: string, file: string): string {
  // A new workbook holds no macros: an .xlsm's new forms are an .xlsx all the same.
  const name = path.basename(file).replace(/\.xlsm$/i, '.xlsx');
  return path.resolve(
    outDir,
    freeCopyName(name, (taken) => existsSync(path.resolve(outDir, taken)), '自评表'),
  );
}

if (require.main === module) {
  newFormMain(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
