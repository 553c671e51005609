/**
 * @jest-environment jsdom
 */
import { TextDecoder, TextEncoder } from 'util';

// jsdom has no TextDecoder; the workbook reader needs one, as every browser the page runs in has.
Object.assign(globalThis, { TextDecoder, TextEncoder });

describe('the standalone page (file host)', () => {
  it('a clicked finding shows the form around its cell, read-only, with the cell highlighted; another finding moves it', async () => {
    const { FileHost } = await import('../src/hosts/file/file-host');
    const { contractBytes } = await import('./helpers/saved-workbook');
    const { contractWorkbook } = await import('./contract/host-contract');
    const { mount } = await import('./helpers/pane');
    const host = await FileHost.load(await contractBytes(contractWorkbook()), '收到的.xlsx');
    const pane = mount(host);
    await pane.click('check-all');
    const buttons = [...pane.root.querySelectorAll('.group .finding')] as HTMLButtonElement[];
    const over = buttons.find((b) => b.dataset.rule === 'score-exceeds-weight')!;
    over.focus();
    over.click();
    await pane.idle();
    expect(pane.root.querySelector('#preview td.target')!.textContent).toBe('12');
    expect(pane.root.querySelector('#preview h2')!.textContent).toContain(over.dataset.cell!);
    expect(document.activeElement?.id).toBe('preview-close');
    const other = buttons.find(
      (b) => b.dataset.cell && b.dataset.cell !== over.dataset.cell && b.dataset.rule !== 'reason-missing',
    )!;
    other.click();
    await pane.idle();
    expect(pane.root.querySelector('#preview h2')!.textContent).toContain(other.dataset.cell!);
    const close = pane.root.querySelector('#preview-close') as HTMLButtonElement;
    close.focus();
    close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(pane.controller.state.preview).toBeNull();
  });
});
