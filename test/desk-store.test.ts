import 'fake-indexeddb/auto';
import * as fs from 'fs';
import * as path from 'path';
import { createStore, set } from 'idb-keyval';
import { keyValueDeskStore } from '../src/taskpane/desk-store';
import { emptyDecisions, withIgnored, withVerdict } from '../src/core/check/decisions';

/** The page's desk in the browser's IndexedDB (fake-indexeddb here; Chromium's own in the e2e reload test). */
const bytes = new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', 'shared', 'seed000-2020.xlsx')));

describe('the browser store (IndexedDB)', () => {
  it('keeps files and decisions, lists them in order, and passes over a damaged record', async () => {
    const kv = createStore(`test-${Date.now()}`, 'files');
    const store = keyValueDeskStore(kv);
    const record = { name: 'b.xlsx', size: bytes.length, lastModified: 2, bytes };
    expect(await store.putFile({ key: 'b', order: 2, ...record })).toBe(true);
    expect(await store.putFile({ key: 'a', order: 1, ...record, name: 'a.xlsx' })).toBe(true);
    const form = { sheet: '表一', range: 'A1:I21' };
    const decisions = withVerdict(
      withIgnored(emptyDecisions(), '表一', { cell: 'H19', rule: 'qualitative-band-mismatch' }, '已报备'),
      form,
      '退回',
      '请重新评分',
    );
    expect(await store.saveDecisions('b', decisions)).toBe(true);
    expect(await store.saveDecisions('missing', decisions)).toBe(false);
    // Adding a file again keeps what was decided on it.
    await store.putFile({ key: 'b', order: 3, ...record });
    await set('damaged', { key: 'damaged', bytes: 'not bytes' }, kv);
    const listed = await store.list();
    expect(listed.map((f) => [f.name, f.bytes.length])).toEqual([
      ['a.xlsx', bytes.length],
      ['b.xlsx', bytes.length],
    ]);
    expect(await store.decisionsOf('b')).toEqual(decisions);
    await store.remove('b');
    expect((await store.list()).map((f) => f.name)).toEqual(['a.xlsx']);
  });

  it('answers the first question for a file just kept from what it kept, without reading its bytes back', async () => {
    const kv = createStore(`test-kept-${Date.now()}`, 'files');
    const store = keyValueDeskStore(kv);
    const record = { key: 'c', name: 'c.xlsx', size: bytes.length, lastModified: 1, order: 1, bytes };
    expect(await store.putFile(record)).toBe(true);
    // Another writer (a second tab) changes the record: the first answer is what this store just kept, the next
    // ones are read again.
    const decided = withVerdict(emptyDecisions(), { sheet: '表一', range: 'A1:I21' }, '通过', '');
    await set('c', { ...record, decisions: decided }, kv);
    expect(await store.decisionsOf('c')).toBeNull();
    expect(await store.decisionsOf('c')).toEqual(decided);
  });
});

describe('a browser store that fails', () => {
  it('says so in each answer and never throws', async () => {
    const failing = (() => Promise.reject(new Error('QuotaExceededError'))) as unknown as Parameters<
      typeof keyValueDeskStore
    >[0];
    const store = keyValueDeskStore(failing);
    expect(await store.list()).toEqual([]);
    expect(await store.putFile({ key: 'a', name: 'a.xlsx', size: 1, lastModified: 1, order: 1, bytes })).toBe(false);
    expect(await store.decisionsOf('a')).toBeNull();
    expect(await store.saveDecisions('a', emptyDecisions())).toBe(false);
    await expect(store.remove('a')).resolves.toBeUndefined();
  });
});
