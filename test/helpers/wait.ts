/**
 * Waiting for what a test waits for, by its events: never a fixed sleep nor a poll of the clock (CI runs on a
 * loaded machine, where any delay chosen is once too short). A wait that never ends fails by the test's timeout.
 */

/** Resolves when `done()` holds, looked at on every change of the document under `root` (a MutationObserver). */
export function whenDom(root: Node, done: () => boolean): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** A list of things that happen, and waits for the next that passes a test. */
export class Happenings<T> {
  private readonly seen: T[] = [];
  private readonly waiting: Array<{ wanted: (item: T) => boolean; take: (item: T) => void }> = [];

  add(item: T): void {
    this.seen.push(item);
    for (const waiter of this.waiting.filter((w) => w.wanted(item))) {
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      waiter.take(item);
    }
  }

  get all(): readonly T[] {
    return this.seen;
  }

  /** The first item so far that passes `wanted`, or the next to come. */
  first(wanted: (item: T) => boolean): Promise<T> {
    const found = this.seen.find(wanted);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((take) => this.waiting.push({ wanted, take }));
  }
}
