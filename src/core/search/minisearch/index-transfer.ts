/**
 * An index built elsewhere (a worker thread: `reload/index-build-worker.ts`) handed to the thread that
 * answers, and taken up there in steps of about a millisecond, with answers running in between.
 *
 * Building a 100k-paragraph index on the answering thread, even in time slices, paused answers for
 * hundreds of milliseconds at a time: not the slices, but garbage collection of a heap growing by a
 * gigabyte of tokenizing and counting. A worker thread has a heap of its own: the build's garbage is
 * collected there. What comes back is the finished index as numbers — typed arrays, moved between the
 * threads without copying, and lists of terms sent a chunk at a time — from which this thread makes only
 * the objects the index is made of ({@link adoptingIndex}), as a snapshot's restore does.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Article } from '../../types.ts';
import type { Passage } from '../search-engine.ts';
import {
  buildParts,
  gatheringVocabulary,
  type IndexParts,
  passagesOf,
  searchOptions,
} from './passage-index.ts';
import { PassageTerms } from './passage-terms.ts';
import { type EncodedPostings, encodePostings, restoringPostings } from './postings-snapshot.ts';
import type { LiveTermStats } from './term-counts.ts';
import { type MiniSearchInternals, readInternals } from './term-postings.ts';

/** One term's statistics, flat: `[term, id, df, capital, lower, form, count, form, count, …]` (as snapshots write them). */
export type TermRow = (string | number)[];

/** A field of a document MiniSearch has no length for (the passage has no heading): no entry at all. */
const NO_FIELD = -1;

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
  /** MiniSearch's documents: its counters and, per document (short id), its passage id and field lengths. */
  documents: {
    documentCount: number;
    nextId: number;
    dirtCount: number;
    avgFieldLength: number[];
    /** The passage id of each short id (-1: none). */
    ids: Int32Array;
    /** Per short id, one length per field (in MiniSearch's field order), or {@link NO_FIELD}. */
    fieldLengths: Int32Array;
  };
  /** MiniSearch's term index as numbers (`postings-snapshot.ts`). */
  postings: EncodedPostings;
}

/** Builds the index of the articles (as `PassageIndex` does) and gives it as {@link IndexData}. */
export function buildIndexData(articles: readonly Article[]): IndexData {
  const parts = buildParts(articles);
  const internals = documentInternals(parts.search);
  const fields = Object.keys(internals._fieldIds).length;
  const size = internals._nextId;
  const ids = new Int32Array(size).fill(-1);
  const fieldLengths = new Int32Array(size * fields).fill(NO_FIELD);
  for (const [shortId, id] of internals._documentIds) ids[shortId] = id as number;
  for (const [shortId, lengths] of internals._fieldLength)
    for (let f = 0; f < fields; f++) {
      const length = lengths[f];
      if (length !== undefined) fieldLengths[shortId * fields + f] = length;
    }
  return {
    passageCount: parts.passages.length,
    termRows: [...parts.terms.values()].map(termRow),
    passageTerms: { codes: parts.passageTerms.codes.slice(), starts: parts.passageTerms.starts.slice() },
    documents: {
      documentCount: internals._documentCount,
      nextId: internals._nextId,
      dirtCount: internals._dirtCount,
      avgFieldLength: [...internals._avgFieldLength],
      ids,
      fieldLengths,
    },
    postings: encodePostings(parts.search),
  };
}

/**
 * MiniSearch's record of its documents (from its `toJSON`, as a snapshot holds it) as
 * {@link IndexData.documents}. Throws when its fields are not the index's.
 */
export function documentsOf(
  search: AsPlainObject,
  fieldIds: Readonly<Record<string, number>>,
): IndexData['documents'] {
  if (JSON.stringify(search.fieldIds) !== JSON.stringify(fieldIds))
    throw new Error('Newsdesk: the index given has other fields');
  const fields = Object.keys(fieldIds).length;
  const size = search.nextId;
  const ids = new Int32Array(size).fill(-1);
  const fieldLengths = new Int32Array(size * fields).fill(NO_FIELD);
  for (const [shortId, id] of Object.entries(search.documentIds)) ids[Number(shortId)] = id as number;
  for (const [shortId, lengths] of Object.entries(search.fieldLength))
    for (let f = 0; f < fields; f++) {
      // A field the document lacks: a hole, written to JSON as null.
      const length = lengths[f];
      if (length !== undefined && length !== null) fieldLengths[Number(shortId) * fields + f] = length;
    }
  return {
    documentCount: search.documentCount,
    nextId: search.nextId,
    dirtCount: search.dirtCount ?? 0,
    avgFieldLength: [...search.averageFieldLength],
    ids,
    fieldLengths,
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
  const search = new MiniSearch<Passage>(searchOptions());
  yield* adoptingDocuments(search, data.documents);
  const unfit = yield* restoringPostings(search, data.postings, STEP_ITEMS / 4);
  if (unfit) throw new Error(`Newsdesk: the index given is unreadable (${unfit})`);
  if (search.documentCount !== numbered.length)
    throw new Error(`Newsdesk: ${search.documentCount} passages indexed, ${numbered.length} given`);
  const vocabulary = yield* gatheringVocabulary(terms);
  return { passages, terms, search, passageTerms, vocabulary };
}

/** MiniSearch's record of its documents, written straight into a new (empty) MiniSearch, in steps. */
function* adoptingDocuments(search: MiniSearch<Passage>, documents: IndexData['documents']): Generator<void> {
  const internals = documentInternals(search);
  const fields = Object.keys(internals._fieldIds).length;
  const { ids, fieldLengths } = documents;
  if (fieldLengths.length !== ids.length * fields)
    throw new Error('Newsdesk: the index given has field lengths for other documents');
  internals._documentCount = documents.documentCount;
  internals._nextId = documents.nextId;
  internals._dirtCount = documents.dirtCount;
  internals._avgFieldLength = [...documents.avgFieldLength];
  for (let shortId = 0; shortId < ids.length; shortId++) {
    const id = ids[shortId] as number;
    if (id < 0) continue;
    internals._documentIds.set(shortId, id);
    internals._idToShortId.set(id, shortId);
    const lengths: number[] = [];
    for (let f = 0; f < fields; f++) {
      const length = fieldLengths[shortId * fields + f] as number;
      if (length !== NO_FIELD) lengths[f] = length;
    }
    internals._fieldLength.set(shortId, lengths);
    if (shortId % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
}

/** What of MiniSearch's private fields (7.2, checked by `readInternals`) its documents are kept in. */
type DocumentInternals = MiniSearchInternals & { _nextId: number; _dirtCount: number };

function documentInternals(search: object): DocumentInternals {
  const internals = readInternals(search) as DocumentInternals;
  if (typeof internals._nextId !== 'number' || typeof internals._dirtCount !== 'number')
    throw new Error('Newsdesk: this MiniSearch does not count its documents as MiniSearch 7.2 does');
  return internals;
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
