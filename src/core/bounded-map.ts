/**
 * A map that holds at most `max` entries: Newsdesk's one bounded cache (word analyses, the words of ranked
 * passages, the roles an article gives people, words' neighbours; the adapters' redelivery and button
 * memories). It keeps two generations of about `max / 2` entries each: entries set or read since the
 * generation began, and those of the generation before. When the current one is full, the older is
 * forgotten whole and the current becomes the older; an entry of the older generation that is read again
 * moves to the current one. So what is in use stays, as in a least-recently-used cache, while a read costs
 * one look-up (nothing is reordered on every hit, which mattered for caches read millions of times).
 *
 * Emptying a whole cache when it was full, as each cache used to, made a 100k-paragraph index, with ~217k
 * distinct words, analyse most words again. An `undefined` value is not told apart from a missing one:
 * store `null` for "known to be nothing".
 */
export class BoundedMap<K, V> {
  /** Entries per generation. */
  private readonly generation: number;
  private current = new Map<K, V>();
  private older = new Map<K, V>();

  /** `max`: the most entries held (at least 2). */
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 2)
      throw new RangeError(`BoundedMap: max must be an integer ≥ 2, not ${max}`);
    this.generation = Math.floor(max / 2);
  }

  /** Entries held now (at most {@link max}). */
  get size(): number {
    return this.current.size + this.older.size;
  }

  /** The value of `key`, if held; reading it keeps it. */
  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined || this.current.has(key)) return value;
    if (!this.older.has(key)) return undefined;
    const kept = this.older.get(key) as V;
    this.older.delete(key);
    this.add(key, kept);
    return kept;
  }

  /** Whether `key` is held (does not keep it longer). */
  has(key: K): boolean {
    return this.current.has(key) || this.older.has(key);
  }

  /** Holds `value` for `key`, forgetting the oldest generation when the current one is full. */
  set(key: K, value: V): this {
    if (this.current.has(key)) this.current.set(key, value);
    else {
      this.older.delete(key);
      this.add(key, value);
    }
    return this;
  }

  /** The value of `key`, made by `make` and held when missing. */
  getOrSet(key: K, make: (key: K) => V): V {
    const held = this.get(key);
    if (held !== undefined) return held;
    const made = make(key);
    this.set(key, made);
    return made;
  }

  /** Forgets `key`; true when it was held. */
  delete(key: K): boolean {
    const inCurrent = this.current.delete(key);
    return this.older.delete(key) || inCurrent;
  }

  /** Forgets everything. */
  clear(): void {
    this.current = new Map();
    this.older = new Map();
  }

  private add(key: K, value: V): void {
    if (this.current.size >= this.generation) {
      this.older = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}
