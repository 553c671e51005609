import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { checkWorkbook } from '../core/check/workbook';
import { NEW_FORM_COLUMN_WIDTHS, seedFromDeclaration, selfEvaluationGrid } from '../core/edits/new-form';
import { builtInProfile, BUILT_IN_PROFILES } from '../core/check/profiles';
import { HostError } from '../hosts/host';
import { gridWorkbook } from '../hosts/file/grid-workbook';
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
      const grids = declarations.map((d, i) =>
        selfEvaluationGrid(sheetName(d.form.project, i), seedFromDeclaration(d.form), profile),
      );
      const target = freeName(
        path.resolve(values.out, `${path.basename(file).replace(/\.(xlsx|xlsm|xls|et|ods)$/i, '')}-自评表.xlsx`),
      );
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

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(project: string | null, index: number): string {
  const base = (project ?? `自评表${index + 1}`).replace(/[:\\/?*[\]]/g, '').slice(0, 28) || `自评表${index + 1}`;
  return index === 0 ? base : `${base.slice(0, 26)}(${index + 1})`;
}

function freeName(wanted: string): string {
  let candidate = wanted;
  for (let i = 2; existsSync(candidate); i++) candidate = wanted.replace(/\.xlsx$/, `(${i}).xlsx`);
  return candidate;
}

if (require.main === module) {
  newFormMain(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
