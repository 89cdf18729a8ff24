import type { Article } from '../../types.ts';
import type { Passage } from '../search-engine.ts';
import { type IndexData, readTermRow, type TermRow, termRow } from './index-transfer.ts';
import { INDEX_TOKENIZER, type IndexParts, passagesOf, SEARCH_FIELDS } from './passage-index.ts';
import { PassageTerms } from './passage-terms.ts';
import { type PostingsData, PostingsIndex } from './postings-index.ts';
import type { LiveTermStats } from './term-counts.ts';

/**
 * The snapshot format and analysis version. Bump it whenever what an index holds changes: tokenizing,
 * stop words, stemming, term statistics, the fields indexed or the layout below. A snapshot of another
 * version is refused, and the cache key (`snapshot/desk-cache.ts`) includes it, so an old snapshot is
 * never read back as if it were current.
 */
export const INDEX_SNAPSHOT_VERSION = 5;

/** What a snapshot holds once parsed. */
interface SnapshotData {
  version: number;
  builtAt: string;
  articles: Article[];
  terms: TermRow[];
  /** {@link PassageTerms}' arrays, as base64 of their bytes (little-endian, as written and read here). */
  passageTerms: { codes: string; starts: string };
  /**
   * The id of each passage of `articles`, in order, as base64 like `passageTerms`: ids are not in order
   * once articles were added or removed in place (`PassageIndex.update`).
   */
  passageIds: string;
  /** The postings and field lengths (`postings-index.ts`), the typed arrays as base64 like `passageTerms`. */
  postings: {
    terms: string[];
    starts: string;
    docs: string;
    tfs: string;
    lengths: string;
    documentCount: number;
    averages: number[];
  };
}

/** What {@link restoreSnapshot} gives back: the articles and index, or why the snapshot cannot be used. */
export type RestoredSnapshot =
  | { ok: true; articles: Article[]; parts: IndexParts; builtAt: Date }
  | { ok: false; reason: string };

/** Items per piece of {@link snapshotPieces}: small enough that writing one never stalls answers. */
const PIECE_ITEMS = 2_000;

/**
 * The snapshot of an index and the articles it was built from, as pieces of one JSON text. The pieces
 * are written one at a time (with the event loop free in between): stringifying a 100k-paragraph index
 * in one call blocks for seconds, and a snapshot is written while the bot is already answering. The
 * postings are written as numbers, which restore much faster than JSON of them would.
 */
export function* snapshotPieces(
  articles: readonly Article[],
  parts: IndexParts,
  builtAt: Date,
): Generator<string> {
  const postings = parts.termIndex.encode();
  yield `{"version":${INDEX_SNAPSHOT_VERSION},"builtAt":${JSON.stringify(builtAt.toISOString())},"articles":`;
  yield* arrayPieces(articles);
  yield ',"terms":';
  yield* arrayPieces([...parts.terms.values()].map(termRow));
  const { codes, starts } = parts.passageTerms;
  yield `,"passageTerms":{"codes":"${base64(codes)}","starts":"${base64(starts)}"}`;
  yield `,"passageIds":"${base64(passageIds(articles, parts.passages))}"`;
  yield `,"postings":{"documentCount":${postings.documentCount},"averages":${JSON.stringify(postings.averages)}`;
  yield `,"starts":"${base64(postings.starts)}","docs":"${base64(postings.docs)}"`;
  yield `,"tfs":"${base64(postings.tfs)}","lengths":"${base64(postings.lengths)}","terms":`;
  yield* arrayPieces(postings.terms);
  yield '}}';
}

/**
 * Reads a snapshot written from {@link snapshotPieces}. Refuses (never throws for) a snapshot that is not
 * valid JSON, is of another {@link INDEX_SNAPSHOT_VERSION}, or whose index does not match its articles.
 */
export function restoreSnapshot(text: string): RestoredSnapshot {
  const parsed = parseSnapshot(text);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  const numbered = passagesOf(data.articles);
  const ids = new Int32Array(fromBase64(data.passageIds));
  if (ids.length !== numbered.length)
    return { ok: false, reason: `${ids.length} passage ids, ${numbered.length} passages in the articles` };
  const passages: (Passage | undefined)[] = [];
  numbered.forEach((passage, i) => {
    passage.id = ids[i] as number;
    passages[passage.id] = passage;
  });
  let termIndex: PostingsIndex;
  try {
    termIndex = PostingsIndex.of(postingsOf(data.postings), SEARCH_FIELDS, INDEX_TOKENIZER);
  } catch (error) {
    return { ok: false, reason: `index unreadable (${(error as Error).message})` };
  }
  if (termIndex.documentCount !== numbered.length)
    return {
      ok: false,
      reason: `${termIndex.documentCount} passages indexed, ${numbered.length} in the articles`,
    };
  const terms = new Map<string, LiveTermStats>(
    data.terms.map((row) => {
      const stats = readTermRow(row);
      return [stats.term, stats];
    }),
  );
  const starts = new Uint32Array(fromBase64(data.passageTerms.starts));
  if (starts.length !== passages.length + 1)
    return {
      ok: false,
      reason: `passage terms for ${starts.length - 1} passages, ${passages.length} passage ids`,
    };
  const codes = new Int32Array(fromBase64(data.passageTerms.codes));
  // Ids of terms no passage uses any more are only in removed passages' codes, never read.
  const termList: string[] = [];
  for (const stats of terms.values()) termList[stats.id] = stats.term;
  const passageTerms = new PassageTerms(
    codes,
    starts,
    Array.from(termList, (t) => t ?? ''),
  );
  return {
    ok: true,
    articles: data.articles,
    parts: { passages, terms, termIndex, passageTerms },
    builtAt: new Date(data.builtAt),
  };
}

/** A snapshot's text parsed, and checked to be of this version and to hold every part; or why not. */
function parseSnapshot(text: string): { ok: true; data: SnapshotData } | { ok: false; reason: string } {
  let data: SnapshotData;
  try {
    data = JSON.parse(text) as SnapshotData;
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  if (data?.version !== INDEX_SNAPSHOT_VERSION)
    return { ok: false, reason: `version ${data?.version}, expected ${INDEX_SNAPSHOT_VERSION}` };
  if (
    !Array.isArray(data.articles) ||
    !Array.isArray(data.terms) ||
    !data.passageTerms ||
    typeof data.passageIds !== 'string' ||
    !Array.isArray(data.postings?.terms)
  )
    return { ok: false, reason: 'articles, terms, passage terms or index missing' };
  return { ok: true, data };
}

/** What {@link snapshotIndexData} gives back: the articles and their index as plain data, or why not. */
export type SnapshotAsData =
  | { ok: true; articles: Article[]; data: IndexData; builtAt: string }
  | { ok: false; reason: string };

/**
 * Reads a snapshot (as {@link restoreSnapshot} does) into plain data: its articles, and their index as
 * {@link IndexData}, to be taken up in steps with `adoptingIndex` — for a snapshot parsed in a worker
 * thread (`reload/index-build-worker.ts`), since parsing 100k paragraphs' snapshot holds a thread for
 * seconds. What does not fit the articles is found as the index is taken up (`adoptingIndex` throws).
 */
export function snapshotIndexData(text: string): SnapshotAsData {
  const parsed = parseSnapshot(text);
  if (!parsed.ok) return parsed;
  const { data } = parsed;
  try {
    return {
      ok: true,
      articles: data.articles,
      builtAt: data.builtAt,
      data: {
        passageCount: passagesOf(data.articles).length,
        passageIds: new Int32Array(fromBase64(data.passageIds)),
        termRows: data.terms,
        passageTerms: {
          codes: new Int32Array(fromBase64(data.passageTerms.codes)),
          starts: new Uint32Array(fromBase64(data.passageTerms.starts)),
        },
        postings: postingsOf(data.postings),
      },
    };
  } catch (error) {
    return { ok: false, reason: `index unreadable (${(error as Error).message})` };
  }
}

function* arrayPieces(items: readonly unknown[]): Generator<string> {
  if (!items.length) {
    yield '[]';
    return;
  }
  for (let at = 0; at < items.length; at += PIECE_ITEMS) {
    const json = JSON.stringify(items.slice(at, at + PIECE_ITEMS));
    const first = at === 0;
    const last = at + PIECE_ITEMS >= items.length;
    yield `${first ? '[' : ','}${json.slice(1, -1)}${last ? ']' : ''}`;
  }
}

/** A snapshot's postings as {@link PostingsData}. */
function postingsOf(postings: SnapshotData['postings']): PostingsData {
  return {
    terms: postings.terms,
    starts: new Uint32Array(fromBase64(postings.starts)),
    docs: new Int32Array(fromBase64(postings.docs)),
    tfs: new Int32Array(fromBase64(postings.tfs)),
    lengths: new Int32Array(fromBase64(postings.lengths)),
    documentCount: postings.documentCount,
    averages: postings.averages,
  };
}

/** Typed arrays travel as base64 of their bytes: a 100k-paragraph index has ~6M word codes. */
function base64(array: Int32Array | Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** The bytes of {@link base64}'s text, copied to a buffer of their own (aligned for a typed array). */
function fromBase64(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The id of each passage of `articles` in the index, in the order `passagesOf` numbers them: an
 * article's passages are consecutive ids, in order, whether it was indexed with the rest or added later.
 */
function passageIds(articles: readonly Article[], passages: readonly (Passage | undefined)[]): Int32Array {
  const first = new Map<string, number>();
  passages.forEach((passage, id) => {
    if (passage && !first.has(passage.articleId)) first.set(passage.articleId, id);
  });
  const ids: number[] = [];
  for (const article of articles) {
    let id = first.get(article.id) ?? -1;
    for (const p of article.paragraphs) if (p.kind === 'body') ids.push(id++);
  }
  return Int32Array.from(ids);
}
