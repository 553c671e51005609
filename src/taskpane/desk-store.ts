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

/** A store over idb-keyval's functions (the browser's, or a test's IndexedDB). */
export function keyValueDeskStore(store: UseStore): DeskStore {
  const read = async (key: string) => storedFile(await get<unknown>(key, store));
  const write = (file: StoredFile) =>
    set(file.key, file, store).then(
      () => true,
      () => false,
    );
  return {
    async list() {
      const all = await entries<string, unknown>(store).catch(() => []);
      const files = await Promise.all(all.map(([, value]) => storedFile(value)));
      return files.filter((file): file is StoredFile => file !== null).sort((a, b) => a.order - b.order);
    },
    async putFile(file) {
      const known = await read(file.key).catch(() => null);
      return write({ ...file, decisions: known?.decisions ?? null });
    },
    async decisionsOf(key) {
      return (await read(key).catch(() => null))?.decisions ?? null;
    },
    async saveDecisions(key, decisions) {
      const known = await read(key).catch(() => null);
      return known ? write({ ...known, decisions }) : false;
    },
    async remove(key) {
      await del(key, store).catch(() => undefined);
    },
  };
}

/** A stored record validated like any input from outside: a damaged one is passed over, never thrown. */
async function storedFile(value: unknown): Promise<StoredFile | null> {
  const z = await loadValidator();
  const shape = z.object({
    key: z.string(),
    name: z.string(),
    size: z.number(),
    lastModified: z.number(),
    bytes: z.instanceof(Uint8Array),
    order: z.number(),
    decisions: z.unknown(),
  });
  const parsed = shape.safeParse(value);
  if (!parsed.success) return null;
  const decisions = parsed.data.decisions === null ? null : await parseDecisions(parsed.data.decisions);
  return { ...(parsed.data as Omit<StoredFile, 'decisions'>), decisions };
}

/** The same store in memory: for tests, and where the browser keeps nothing. */
export function memoryDeskStore(): DeskStore & { files: Map<string, StoredFile> } {
  const files = new Map<string, StoredFile>();
  return {
    files,
    list: async () => [...files.values()].sort((a, b) => a.order - b.order),
    putFile: async (file) => {
      files.set(file.key, { ...file, decisions: files.get(file.key)?.decisions ?? null });
      return true;
    },
    decisionsOf: async (key) => files.get(key)?.decisions ?? null,
    saveDecisions: async (key, decisions) => {
      const known = files.get(key);
      if (known) files.set(key, { ...known, decisions });
      return known !== undefined;
    },
    remove: async (key) => void files.delete(key),
  };
}
