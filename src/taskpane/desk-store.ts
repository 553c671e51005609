import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { parseDecisions, type ReviewDecisions } from '../core/check/decisions';
import { loadValidator } from '../core/sheet/validator';

/** A file on the desk as the browser keeps it: its bytes as chosen, and the reviewer's decisions on it. */
export interface StoredFile {
  key: string;
  name: string;
  size: number;
  lastModified: number;
  bytes: Uint8Array;
  /** When it was added: the desk comes back in the same order. */
  order: number;
  decisions: ReviewDecisions | null;
}

/**
 * The desk kept across reloads (the page: IndexedDB of its origin; tests: memory). Files never leave the
 * reviewer's machine; each answer says whether the browser kept it.
 */
export interface DeskStore {
  list(): Promise<StoredFile[]>;
  /** A file added (its decisions, if it was kept before, stay). */
  putFile(file: Omit<StoredFile, 'decisions'>): Promise<boolean>;
  decisionsOf(key: string): Promise<ReviewDecisions | null>;
  saveDecisions(key: string, decisions: ReviewDecisions): Promise<boolean>;
  remove(key: string): Promise<void>;
}

/** The desk's store in this browser, or null where it has no IndexedDB (or refuses it: private windows, policy). */
export function browserDeskStore(): DeskStore | null {
  try {
    if (typeof indexedDB === 'undefined' || !indexedDB) return null;
    return keyValueDeskStore(createStore('jixiao-desk', 'files'));
  } catch {
    return null;
  }
}

/** Where the records live (IndexedDB, or memory): each answers without throwing. */
interface Records {
  read(key: string): Promise<StoredFile | null>;
  all(): Promise<StoredFile[]>;
  /** Whether the record was kept. */
  write(file: StoredFile): Promise<boolean>;
  remove(key: string): Promise<void>;
}

/**
 * The desk's store over its records: a file added again keeps the decisions it had. The decisions a file was just
 * kept with answer the first question for them (the desk asks as soon as the file is checked): reading them back
 * would read the whole record, the file's bytes with it.
 */
function deskStoreOver(records: Records): DeskStore {
  const justKept = new Map<string, ReviewDecisions | null>();
  return {
    list: async () => (await records.all()).sort((a, b) => a.order - b.order),
    async putFile(file) {
      const decisions = (await records.read(file.key))?.decisions ?? null;
      const kept = await records.write({ ...file, decisions });
      if (kept) justKept.set(file.key, decisions);
      return kept;
    },
    async decisionsOf(key) {
      const known = justKept.get(key);
      justKept.delete(key);
      return known !== undefined ? known : ((await records.read(key))?.decisions ?? null);
    },
    async saveDecisions(key, decisions) {
      justKept.delete(key);
      const known = await records.read(key);
      return known ? records.write({ ...known, decisions }) : false;
    },
    remove: (key) => {
      justKept.delete(key);
      return records.remove(key);
    },
  };
}

/** A store over idb-keyval's functions (the browser's, or a test's IndexedDB). */
export function keyValueDeskStore(store: UseStore): DeskStore {
  return deskStoreOver({
    read: (key) =>
      get<unknown>(key, store)
        .then(storedFile)
        .catch(() => null),
    async all() {
      const all = await entries<string, unknown>(store).catch(() => []);
      const files = await Promise.all(all.map(([, value]) => storedFile(value)));
      return files.filter((file): file is StoredFile => file !== null);
    },
    write: (file) =>
      set(file.key, file, store).then(
        () => true,
        () => false,
      ),
    remove: (key) => del(key, store).catch(() => undefined),
  });
}

/** A stored record validated like any input from outside: a damaged one is passed over, never thrown. */
async function storedFile(value: unknown): Promise<StoredFile | null> {
  // Made once: a schema takes as long to make as many records take to check.
  storedFileSchema ??= storedFileSchemaWith(await loadValidator());
  const parsed = storedFileSchema.safeParse(value);
  if (!parsed.success) return null;
  const decisions = parsed.data.decisions === null ? null : await parseDecisions(parsed.data.decisions);
  return { ...(parsed.data as Omit<StoredFile, 'decisions'>), decisions };
}

let storedFileSchema: ReturnType<typeof storedFileSchemaWith> | null = null;

function storedFileSchemaWith(z: Awaited<ReturnType<typeof loadValidator>>) {
  return z.object({
    key: z.string(),
    name: z.string(),
    size: z.number(),
    lastModified: z.number(),
    bytes: z.instanceof(Uint8Array),
    order: z.number(),
    decisions: z.unknown(),
  });
}

/** The same store in memory: for tests, and where the browser keeps nothing. */
export function memoryDeskStore(): DeskStore & { files: Map<string, StoredFile> } {
  const files = new Map<string, StoredFile>();
  const store = deskStoreOver({
    read: async (key) => files.get(key) ?? null,
    all: async () => [...files.values()],
    write: async (file) => (files.set(file.key, file), true),
    remove: async (key) => void files.delete(key),
  });
  return { ...store, files };
}
