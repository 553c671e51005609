import { execFileSync } from 'child_process';
import * as path from 'path';

/** One word LibreOffice printed, with its box in points. */
export interface PrintedWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** A printed page: its size in points and its words. */
export interface PrintedPage {
  width: number;
  height: number;
  words: PrintedWord[];
}

/** Renders a workbook to PDF with LibreOffice and reads every page's words back with their boxes (pdftotext). */
export function printWorkbook(file: string, outDir: string): PrintedPage[] {
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
    stdio: 'ignore',
    timeout: 120000,
  });
  const pdf = path.join(outDir, path.basename(file).replace(/\.[^.]+$/, '.pdf'));
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk) ?? [];
      const words = [
        ...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({ text: m[5], xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) }));
      return { width: Number(width), height: Number(height), words };
    });
}

/** Pairs of words whose boxes overlap by more than a sliver: text printed over text. */
export function overprinted(page: PrintedPage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const { words } = page;
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i];
      const b = words[j];
      const x = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const y = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (x > 2 && y > 2) pairs.push([a.text, b.text]);
    }
  return pairs;
}

/**
 * How tall LibreOffice prints a word of CJK text at `points` in `font`, unscaled (a box is ~1.3 × the size with
 * the CJK fonts LibreOffice substitutes here): what a printout's smallest word is compared with, measured on the
 * same machine rather than assumed.
 */
export async function wordHeightAt(points: number, outDir: string, font = '宋体'): Promise<number> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const cell = workbook.addWorksheet('字号').getCell('A1');
  cell.value = '审核人签字';
  cell.font = { name: font, size: points };
  const file = path.join(outDir, `字号-${points}.xlsx`);
  await workbook.xlsx.writeFile(file);
  const [page] = printWorkbook(file, outDir);
  const word = page.words.find((w) => w.text === '审核人签字');
  if (!word) throw new Error('calibration word not printed');
  return word.yMax - word.yMin;
}
