/**
 * MiniSearch's term index in a snapshot as numbers, not as MiniSearch's JSON.
 *
 * `toJSON` writes each term's postings as objects keyed by field id and then by document id, and
 * `loadJS` reads every key back with `parseInt` into new Maps. At 100k paragraphs that JSON was most of
 * the snapshot's parse time and `loadJS` took ~2.7 s of a ~6.3 s restore. Here the terms are one list and
 * their postings one Int32Array; restoring fills the same Maps MiniSearch would build, straight from the
 * numbers. It reads and writes MiniSearch's private `_index` (checked, see `term-postings.ts`); the rest
 * of the index (document ids, field lengths …) still goes through `toJSON`/`loadJS`.
 */
import type MiniSearch from 'minisearch';
import type { AsPlainObject } from 'minisearch';
import { readInternals } from './term-postings.ts';

/** A MiniSearch term index as numbers: see {@link encodePostings}. */
export interface EncodedPostings {
  /** The index's terms, in the order of their postings in `codes`. */
  terms: string[];
  /**
   * For each term: its number of fields; for each field, the field id, the number of documents `n`, then
   * `n` document ids and their `n` term frequencies.
   */
  codes: Int32Array;
}

/**
 * MiniSearch's own `toJSON` of everything but its term index (`index: []`), which {@link encodePostings}
 * writes instead: building the index's JSON objects only to drop them took seconds at 100k paragraphs.
 */
export function withoutTermIndex<T>(search: MiniSearch<T>): AsPlainObject {
  readInternals(search);
  // `toJSON` reads the terms through `this._index`: called on an object whose prototype is the MiniSearch
  // and whose own `_index` is empty, it gives everything else as it is.
  return search.toJSON.call(Object.create(search, { _index: { value: [] } }));
}

/** The term index of a MiniSearch (7.2) as {@link EncodedPostings}. */
export function encodePostings(search: object): EncodedPostings {
  const index = readInternals(search)._index;
  const terms: string[] = [];
  let size = 0;
  for (const [term, fields] of index) {
    terms.push(term);
    size += 1;
    for (const postings of fields.values()) size += 2 + 2 * postings.size;
  }
  const codes = new Int32Array(size);
  let at = 0;
  for (const [, fields] of index) {
    codes[at++] = fields.size;
    for (const [fieldId, postings] of fields) {
      const n = postings.size;
      codes[at++] = fieldId;
      codes[at++] = n;
      let i = at;
      postings.forEach((tf, docId) => {
        codes[i] = docId;
        codes[i + n] = tf;
        i++;
      });
      at += 2 * n;
    }
  }
  return { terms, codes };
}

/**
 * Fills a MiniSearch loaded without its term index (`loadJS` with `index: []`) from {@link encodePostings}.
 * Returns why the postings do not fit (then the MiniSearch must not be used), or undefined when restored.
 */
export function restorePostings(search: object, postings: EncodedPostings): string | undefined {
  const restoring = restoringPostings(search, postings);
  for (;;) {
    const step = restoring.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link restorePostings} in steps of `stepTerms` terms (a few thousand postings, well under a
 * millisecond), for restoring with other work running in between (`index-transfer.ts`). Returns, when
 * done, why the postings do not fit, or undefined.
 */
export function* restoringPostings(
  search: object,
  { terms, codes }: EncodedPostings,
  stepTerms = Number.POSITIVE_INFINITY,
): Generator<void, string | undefined> {
  const index = readInternals(search)._index;
  let at = 0;
  let inStep = 0;
  for (const term of terms) {
    const fieldCount = codes[at++] ?? -1;
    if (fieldCount < 0) return `postings end before the term "${term}"`;
    const fields = new Map<number, Map<number, number>>();
    for (let f = 0; f < fieldCount; f++) {
      const fieldId = codes[at++] as number;
      const n = codes[at++] ?? -1;
      if (n < 0 || at + 2 * n > codes.length) return `postings of "${term}" end early`;
      const postings = new Map<number, number>();
      for (let i = 0; i < n; i++) postings.set(codes[at + i] as number, codes[at + n + i] as number);
      at += 2 * n;
      fields.set(fieldId, postings);
    }
    index.set(term, fields);
    if (++inStep >= stepTerms) {
      inStep = 0;
      yield;
    }
  }
  return at === codes.length ? undefined : `${codes.length - at} numbers left after the last term's postings`;
}
