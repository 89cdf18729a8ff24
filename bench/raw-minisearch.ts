/**
 * The baselines: MiniSearch 7.2 used directly on the same passages Newsdesk indexes (every `body`
 * paragraph, with its heading and its article's title), and the three ways the benchmark queries it.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { processTerm, tokenizeWords } from '../src/core/search/analyze.ts';
import type { Passage } from '../src/core/search/search-engine.ts';
import type { Article } from '../src/core/types.ts';
import { BENCH_STOP_WORDS } from './stop-words.ts';

/** A passage as the baselines index it: the same shape Newsdesk's own index holds. */
export type RawPassage = Passage;

/** The passages Newsdesk cites: every body paragraph, in article order. */
export function passagesOf(articles: readonly Article[]): RawPassage[] {
  const passages: RawPassage[] = [];
  for (const a of articles) {
    for (const p of a.paragraphs) {
      if (p.kind !== 'body') continue;
      passages.push({
        id: passages.length,
        articleId: a.id,
        paragraph: p.n,
        text: p.text,
        heading: p.heading,
        title: a.title,
      });
    }
  }
  return passages;
}

const FIELDS = ['text', 'heading', 'title'];

/** MiniSearch's defaults (its tokenizer, lower-casing, no stop words, no stemming) on the same fields. */
export const DEFAULT_OPTIONS: Options<RawPassage> = { fields: FIELDS, storeFields: [] };

/**
 * MiniSearch with Newsdesk's own analysis (`tokenizeWords`, `processTerm`): the index inside Newsdesk,
 * without what Newsdesk keeps beside it. Used to split Newsdesk's build time and heap into MiniSearch's
 * part and the rest, and as the index a Newsdesk snapshot would hold.
 */
export const NEWSDESK_ANALYSIS_OPTIONS: Options<RawPassage> = {
  fields: FIELDS,
  storeFields: [],
  tokenize: tokenizeWords,
  processTerm,
};

/** Indexes the passages with the given options. */
export function buildIndex(
  passages: readonly RawPassage[],
  options: Options<RawPassage>,
): MiniSearch<RawPassage> {
  const index = new MiniSearch<RawPassage>(options);
  index.addAll(passages);
  return index;
}

const defaultTokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The question's words, lower-cased, without the benchmark's stop words. */
export function withoutStopWords(question: string): string {
  return defaultTokenize(question)
    .map((w) => w.toLowerCase())
    .filter((w) => w && !BENCH_STOP_WORDS.has(w))
    .join(' ');
}

/** (a) The question as it is, MiniSearch's default search options. */
export function searchDefault(index: MiniSearch<RawPassage>, question: string): SearchResult[] {
  return index.search(question);
}

/** (b) The question without its stop words: the floor to beat. */
export function searchWithoutStopWords(index: MiniSearch<RawPassage>, question: string): SearchResult[] {
  const query = withoutStopWords(question);
  return query ? index.search(query) : [];
}

/** (c) As (b), with `fuzzy: 0.2, prefix: true` on every term: naive typo tolerance. */
export function searchFuzzy(index: MiniSearch<RawPassage>, question: string): SearchResult[] {
  const query = withoutStopWords(question);
  return query ? index.search(query, { fuzzy: 0.2, prefix: true }) : [];
}
