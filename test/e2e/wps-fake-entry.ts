/**
 * The ET object model fake (test/fakes/et-fake.ts), bundled for the browser: WPS injects `window.Application`
 * into the pane's page before any script runs; the e2e test does the same with this, holding a workbook.
 */
import { FakeEt } from '../fakes/et-fake';

export interface PortableCell {
  address: string;
  value: string | number | boolean | null;
  formula: string | null;
}

(window as unknown as { installWpsFake: unknown }).installWpsFake = (
  sheets: Array<{ name: string; cells: PortableCell[] }>,
) => {
  const fake = new FakeEt();
  for (const source of sheets) {
    const sheet = fake.addSheet(source.name);
    for (const cell of source.cells)
      sheet.cells.set(cell.address, {
        value: cell.value,
        formula: cell.formula,
        numberFormat: 'General',
        fill: null,
        comment: null,
      });
  }
  (window as unknown as { Application: unknown }).Application = fake.application();
  (window as unknown as { wpsFake: FakeEt }).wpsFake = fake;
};
