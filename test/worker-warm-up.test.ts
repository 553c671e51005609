import * as fs from 'fs';
import * as path from 'path';
import { BUILT_IN_PROFILES } from '../src/core/rules/profiles';
import { checkWorkbook, type CheckedForm } from '../src/core/check/workbook';
import { FileHost } from '../src/hosts/file/file-host';
import type { WorkerReply, WorkerRequest } from '../src/hosts/file/worker-protocol';
import { Happenings } from './helpers/wait';

/**
 * The page's worker warms its engine on the sample the page ships (warm-up.xlsx) while the reviewer chooses files,
 * and stops at the first real request, which it answers as a cold worker would.
 */
type Scope = { onmessage: ((event: { data: WorkerRequest }) => void) | null; postMessage: (r: WorkerReply) => void };

const SAMPLE = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', 'samples', '示例-自评表.xlsx')));
const FILE = new Uint8Array(fs.readFileSync(path.join(__dirname, 'fixtures', 'shared', 'seed002-2024.xlsx')));
const replies = new Happenings<WorkerReply>();
const scope: Scope = { onmessage: null, postMessage: (reply) => replies.add(reply) };
const fetched: string[] = [];
const warmRounds = new Happenings<number>();
let warmedUp: Promise<void>;

beforeAll(async () => {
  const load = FileHost.load.bind(FileHost);
  let rounds = 0;
  jest.spyOn(FileHost, 'load').mockImplementation((bytes, name) => {
    if (name === 'warm-up.xlsx') warmRounds.add(++rounds);
    return load(bytes, name);
  });
  const fetchSample = (url: string) => {
    fetched.push(url);
    return Promise.resolve({ ok: true, arrayBuffer: () => Promise.resolve(SAMPLE.slice().buffer) });
  };
  // The clock stands still: only the first request may end the warm-up here (not its time limit).
  const now = Date.now();
  jest.spyOn(Date, 'now').mockReturnValue(now);
  Object.assign(globalThis, {
    self: scope,
    location: { href: 'http://page.invalid/addin/file-worker.js' },
    fetch: fetchSample,
  });
  ({ warmedUp } = await import('../src/hosts/file/file-worker'));
});

afterAll(() => {
  for (const name of ['self', 'location', 'fetch']) delete (globalThis as Record<string, unknown>)[name];
  jest.restoreAllMocks();
});

/** Omit over each member of the union, so that every request keeps its own fields. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

async function ask(request: Request, id: number): Promise<WorkerReply> {
  scope.onmessage?.({ data: { ...request, id } as WorkerRequest });
  return replies.first((r) => r.id === id && r.type !== 'progress' && r.type !== 'part');
}

describe('the page’s worker before the first file', () => {
  it('checks the shipped sample from beside its own script, then stops at the first request and answers it whole', async () => {
    // Two rounds at least: it keeps checking while nothing is asked.
    await warmRounds.first((round) => round >= 2);
    expect(fetched).toEqual(['http://page.invalid/addin/warm-up.xlsx']);
    const opened = await ask({ type: 'open', file: 1, bytes: FILE, name: 'a.xlsx' }, 1);
    const roundsWhenAsked = warmRounds.all.length;
    expect(opened.type).toBe('done');
    const checked = await ask(
      { type: 'check', file: 1, scope: 'all', profile: BUILT_IN_PROFILES.national, layouts: [] },
      2,
    );
    if (checked.type !== 'done') throw new Error(JSON.stringify(checked));
    const direct = checkWorkbook(
      await (await FileHost.load(FILE, 'a.xlsx')).readSheets('all'),
      BUILT_IN_PROFILES.national,
      { basis: true },
    );
    expect(checked.value as CheckedForm[]).toEqual(direct);
    await ask({ type: 'read', file: 1, scope: 'all' }, 3);
    // The clock stands still: the warm-up stops only because a request came (without that, this never settles).
    await warmedUp;
    // At most the round already under way when the request came finishes; no other starts.
    expect(warmRounds.all.length).toBeLessThanOrEqual(roundsWhenAsked + 1);
  });
});
