/**
 * An index built elsewhere (a worker thread: `reload/index-build-worker.ts`) handed to the thread that
 * answers, and taken up there in steps of about a millisecond, with answers running in between.
 *
 * Building a 100k-paragraph index on the answering thread, even in time slices, paused answers for
 * hundreds of milliseconds at a time: not the slices, but garbage collection of a heap growing by a
 * gigabyte of tokenizing and counting. A worker thread has a heap of its own: the build's garbage is
 * collected there. What comes back is the finished index as numbers — typed arrays, moved between the
 * threads without copying, and lists of terms sent a chunk at a time. The postings are used as they come
 * (`postings-index.ts`); this thread makes only the term statistics' objects and the vocabulary
 * ({@link adoptingIndex}), as a snapshot's restore does.
 */
import type { Article } from '../../types.ts';
import type { Passage } from '../search-engine.ts';
import {
  buildParts,
  gatheringVocabulary,
  INDEX_TOKENIZER,
  type IndexParts,
  passagesOf,
  SEARCH_FIELDS,
} from './passage-index.ts';
import { PassageTerms } from './passage-terms.ts';
import { type PostingsData, PostingsIndex } from './postings-index.ts';
import type { LiveTermStats } from './term-counts.ts';

/** One term's statistics, flat: `[term, id, df, capital, lower, form, count, form, count, …]` (as snapshots write them). */
export type TermRow = (string | number)[];

/**
 * A freshly built index ({@link buildIndexData}) as plain data: what a worker thread posts back. The typed
 * arrays can be transferred (not copied); `termRows` and `postings.terms` are long lists, to be sent a
 * chunk at a time (each message is read whole, in one go, by the thread receiving it).
 */
export interface IndexData {
  /** Passages indexed: those of the articles it was built from, numbered from 0 in their order. */
  passageCount: number;
  /**
   * The id of each passage of the articles, in their order, when not 0, 1, 2 …: a snapshot of an index
   * changed in place (`PassageIndex.update` never reuses an id) has holes and articles out of id order.
   */
  passageIds?: Int32Array;
  /** Every term's statistics ({@link TermRow}), in the order the index first met them. */
  termRows: TermRow[];
  /** {@link PassageTerms}' arrays. */
  passageTerms: { codes: Int32Array; starts: Uint32Array };
  /** The terms' postings and the passages' field lengths (`postings-index.ts`). */
  postings: PostingsData;
}

/** Builds the index of the articles (as `PassageIndex` does) and gives it as {@link IndexData}. */
export function buildIndexData(articles: readonly Article[]): IndexData {
  const parts = buildParts(articles);
  return {
    passageCount: parts.passages.length,
    termRows: [...parts.terms.values()].map(termRow),
    passageTerms: { codes: parts.passageTerms.codes.slice(), starts: parts.passageTerms.starts.slice() },
    postings: parts.termIndex.encode(),
  };
}

/** Items made in one step of {@link adoptingIndex}: each step takes well under a millisecond. */
const STEP_ITEMS = 1_000;

/**
 * Makes the index's parts from {@link IndexData} built from these articles, in steps (yielding between
 * them), on the thread that answers. Throws when the data does not fit the articles.
 */
export function* adoptingIndex(articles: readonly Article[], data: IndexData): Generator<void, IndexParts> {
  const numbered: Passage[] = [];
  let made = 0;
  for (const article of articles) {
    for (const passage of passagesOf([article], numbered.length)) numbered.push(passage);
    if (numbered.length - made >= STEP_ITEMS) {
      made = numbered.length;
      yield;
    }
  }
  if (numbered.length !== data.passageCount)
    throw new Error(`Newsdesk: an index of ${data.passageCount} passages given for ${numbered.length}`);
  const passages: (Passage | undefined)[] = data.passageIds ? [] : numbered;
  if (data.passageIds) {
    const ids = data.passageIds;
    if (ids.length !== numbered.length)
      throw new Error(`Newsdesk: ${ids.length} passage ids given for ${numbered.length} passages`);
    numbered.forEach((passage, i) => {
      passage.id = ids[i] as number;
      passages[passage.id] = passage;
    });
    yield;
  }
  const terms = new Map<string, LiveTermStats>();
  for (const [i, row] of data.termRows.entries()) {
    const stats = readTermRow(row);
    terms.set(stats.term, stats);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  const termList: string[] = [];
  for (const stats of terms.values()) termList[stats.id] = stats.term;
  const { codes, starts } = data.passageTerms;
  if (starts.length !== passages.length + 1)
    throw new Error(`Newsdesk: passage terms for ${starts.length - 1} passages, ${passages.length} given`);
  const passageTerms = new PassageTerms(
    codes,
    starts,
    Array.from(termList, (t) => t ?? ''),
  );
  yield;
  const termIndex = yield* PostingsIndex.making(data.postings, SEARCH_FIELDS, INDEX_TOKENIZER);
  if (termIndex.documentCount !== numbered.length)
    throw new Error(`Newsdesk: ${termIndex.documentCount} passages indexed, ${numbered.length} given`);
  const vocabulary = yield* gatheringVocabulary(terms);
  return { passages, terms, termIndex, passageTerms, vocabulary };
}

/** A term's statistics as a {@link TermRow}. */
export function termRow(stats: LiveTermStats): TermRow {
  const row: TermRow = [stats.term, stats.id, stats.df, stats.capital, stats.lower];
  for (const [form, count] of stats.forms) row.push(form, count);
  return row;
}

/** The term statistics of a {@link TermRow}. */
export function readTermRow(row: TermRow): LiveTermStats {
  const forms = new Map<string, number>();
  for (let i = 5; i + 1 < row.length; i += 2) forms.set(row[i] as string, row[i + 1] as number);
  const [term, id, df, capital, lower] = row as [string, number, number, number, number];
  return { term, id, df, capital, lower, forms, lastPassage: -1 };
}
