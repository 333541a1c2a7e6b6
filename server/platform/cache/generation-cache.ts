import { LRUCache } from 'lru-cache';

interface Entry<V> {
  generation: number;
  value: Promise<V>;
}

/**
 * Answers kept for as long as the tables they were computed from are unchanged. The caller reads the tables'
 * generation (generations.repository.ts) BEFORE computing, so an answer is never filed under a generation newer than
 * the data it saw; a write anywhere, on any instance, raises the generation and the next read computes afresh. Exact,
 * unlike a time-to-live: a secretary who has just edited a member never sees the old row.
 *
 * Bounded by `maxSize` in the units `sizeOf` gives (e.g. list rows), least recently used first out. Identical
 * requests arriving together share one computation; a failed one is not kept.
 */
export class GenerationCache<V> {
  private readonly entries: LRUCache<string, Entry<V>>;

  constructor(maxSize: number, private readonly sizeOf: (value: V) => number = () => 1) {
    this.entries = new LRUCache<string, Entry<V>>({ maxSize });
  }

  get(key: string, generation: number, compute: () => Promise<V>): Promise<V> {
    const held = this.entries.get(key);
    if (held && held.generation === generation) return held.value;
    const value = compute();
    // A request that read an older generation than the entry's (it was overtaken by a write) answers from its own
    // computation without displacing the newer entry.
    if (held && held.generation > generation) return value;
    const entry: Entry<V> = { generation, value };
    this.entries.set(key, entry, { size: 1 }); // until the value is known
    value.then(
      (v) => {
        // A new object: lru-cache keeps the old size when the same value is set again.
        if (this.entries.peek(key) === entry) this.entries.set(key, { generation, value }, { size: Math.max(1, this.sizeOf(v)) });
      },
      () => {
        if (this.entries.peek(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }
}
