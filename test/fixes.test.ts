/**
 * @jest-environment jsdom
 */
import * as fs from 'fs';
import { remedyOf } from '../src/core/rules/rules';
import * as path from 'path';
import { TextDecoder, TextEncoder } from 'util';
import { fixFor } from '../src/core/edits/fixes';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook, isScored } from '../src/core/check/workbook';
import { buildForm, seed2024Form, sheetGrid } from './helpers/form-builder';

// jsdom has no TextDecoder; the zip reader needs it.
Object.assign(globalThis, { TextDecoder, TextEncoder });

const ERRORS = path.join(__dirname, 'fixtures', 'shared', 'seed000-2020-errors.xlsx');
const national = BUILT_IN_PROFILES.national;

describe('one-click fixes: the right number where the engine knows it', () => {
  const checked = (total: [number, number], grade: string, formulas: Array<[string, string]> = []) => {
    const built = buildForm(seed2024Form({ total, grade }));
    return checkWorkbook(
      [sheetGrid('表', [{ rows: built.rows, top: 1, left: 1, formulas: new Map(formulas) }])],
      national,
    ).filter(isScored)[0];
  };

  it('offers the computed 总分 and 评分等级 for a wrong one, and nothing for a formula', () => {
    const result = checked([100, 80], '良');
    const total = result.findings.find((f) => f.rule === 'total-mismatch')!;
    const grade = result.findings.find((f) => f.rule === 'grade-mismatch')!;
    expect(fixFor(result, total)).toEqual({
      sheet: '表',
      cell: total.cell,
      value: result.total.computed,
      label: `改为 ${result.total.computed}`,
    });
    expect(fixFor(result, grade)).toMatchObject({
      cell: grade.cell,
      value: result.grade.computed,
      label: `改为 ${result.grade.computed}`,
    });
    // A 总分 written by a formula: the formula is the user's to fix, never replaced by a number.
    const built = buildForm(seed2024Form({ total: [100, 80], grade: '良' }));
    const at = built.at.total!;
    const withFormula = checked([100, 80], '良', [[`${at},7`, '=SUM(H10:H20)']]);
    const formulaTotal = withFormula.findings.find((f) => f.rule === 'total-mismatch')!;
    expect(fixFor(withFormula, formulaTotal)).toBeNull();
    // Only a rule whose module gives a fixer offers one: every other finding of the form has none.
    const others = result.findings.filter((f) => remedyOf(f.rule) !== 'fix');
    expect(others.length).toBeGreaterThan(0);
    expect(others.map((f) => fixFor(result, f))).toEqual(others.map(() => null));
  });

  it('in the pane: 改为 writes the number, the finding is gone on the re-check, and 撤销 puts the old one back', async () => {
    const { excelFakeFromXlsx } = await import('./helpers/saved-workbook');
    const { ExcelHost } = await import('../src/hosts/excel/excel-host');
    const { mount } = await import('./helpers/pane');
    const fake = await excelFakeFromXlsx(new Uint8Array(fs.readFileSync(ERRORS)), 18);
    const { root, controller, click, idle, message } = mount(new ExcelHost(fake.api(), fake.supports));
    await controller.ready;
    await click('check-all');
    const fixButton = root.querySelector('button.fix') as HTMLButtonElement;
    expect(fixButton.textContent).toBe('改为 15（分值）');
    const sheet = (controller.state.results ?? [])[0].sheet;
    const before = fake.sheet(sheet)!.cells.get('H14')!.value;
    fixButton.click();
    // Until the write and its re-check are done (the pane is idle again), however loaded the machine.
    await idle();
    expect(fake.sheet(sheet)!.cells.get('H14')!.value).toBe(15);
    expect(message()).toContain('已把 H14 改为 15（分值）');
    expect(controller.state.results![0].findings.some((f) => f.rule === 'score-exceeds-weight')).toBe(false);
    await click('undo');
    expect(fake.sheet(sheet)!.cells.get('H14')!.value).toBe(before);
  });
});
