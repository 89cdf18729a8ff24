import type { Article } from '../types.ts';

/**
 * The search port: everything the answer pipeline (`core/answers/`) asks of a search engine, and nothing
 * of how it is done. The embedded engine is MiniSearch in memory (`minisearch/`); another engine (e.g.
 * PostgreSQL: candidates from a `tsvector` query, statistics from SQL, misspellings through `pg_trgm`)
 * implements the same interface and is judged by the same contract tests
 * (`test/search/engine-contract.ts`).
 *
 * Every method is asynchronous, because an engine may be a database. A question costs a few awaits (read,
 * resolve, candidates, suggestions), never one per candidate or per term: a database engine should answer
 * each call in one round trip.
 *
 * What the engine owns: which passages match a question's terms, and the facts of each match (which
 * question terms it matched, how, how fully, and a BM25-style score). What the core owns: the ranking
 * model (`ranking/features.ts`, `ranking/model.ts`) computes every feature from those facts, so that any
 * engine's candidates are ranked alike. An engine keeps no state from one question to the next that could
 * leak into another: two questions may be in flight at once.
 */
export interface SearchEngine {
  /**
   * Decides once, against the engine's vocabulary, how each question term is searched (see
   * {@link ResolvedTerm}): `known` when the articles use it, `corrected` when it is a likely misspelling
   * of a term they use (then `searchAs` is that term, and other equally close terms are `spelling`
   * expansions), `unknown` otherwise; its `weight` (how much of the question it carries: an IDF); and its
   * expansions (other forms of the word, words of like meaning, other names of a place), each with the
   * credit a match of it earns. Terms come back in the order given.
   */
  resolve(terms: readonly QuestionTerm[]): Promise<ResolvedTerm[]>;

  /**
   * The best `limit` passages matching any of the resolved terms or their expansions, best first by
   * `PassageHit.score`, with the facts ranking needs on each hit: `queryTerms` (question terms matched),
   * `credit` and `via` (how fully, and how, each was matched: `MatchKind`), `together` (share of the
   * question's neighbouring words written together), `span`, `words` and `inTitle` (see `PassageHit`) and `matchedTerms` (index terms to mark in its text).
   * Only passages of articles published by `asOf` (see `publishedAfter`: the same calendar day counts as
   * published; an undated article always is) are candidates: the filter applies before the cut, so later
   * articles crowd none of the others out.
   */
  candidates(terms: readonly ResolvedTerm[], options: CandidateOptions): Promise<PassageHit[]>;

  /**
   * Vocabulary look-ups for a handful of analysed terms at once (one round trip), in the order given:
   * how many passage texts use each, its IDF, and whether the articles write it as a name. Used to read a
   * question (a word the articles use is never taken for a slip of a function word: `read-question.ts`)
   * and to choose the answer sentence (`answer-sentence.ts`).
   */
  lookUp(terms: readonly string[]): Promise<TermFacts[]>;

  /**
   * For each term, up to `limit` index terms close to it (spelling neighbours within one edit, two for
   * words of 7 letters or more, or longer words it begins), closest and most frequent first, each in the
   * form the articles most often write it (folded: "ferries", not the stem "ferri"): the "did you mean"
   * of a question the articles do not cover.
   */
  suggestions(terms: readonly string[], limit: number): Promise<string[][]>;

  /**
   * Indexes articles: new ones, or new versions of articles already indexed (an id already present is
   * replaced: its old passages are no longer found). Term statistics follow.
   */
  add(articles: readonly Article[]): Promise<void>;

  /** Removes articles by id (ids not indexed are ignored): their passages are no longer found. */
  remove(articleIds: readonly string[]): Promise<void>;

  /** How many passages are indexed now. */
  size(): Promise<number>;

  /**
   * Prepares now what the first questions would otherwise prepare as they come (caches, lazily built
   * look-up structures). Optional work: an engine may do nothing.
   */
  warmUp(): Promise<void>;
}

/** What the vocabulary says of one term ({@link SearchEngine.lookUp}). */
export interface TermFacts {
  /** How many passages' texts use it (0: the articles never do). */
  df: number;
  /**
   * Its inverse document frequency, BM25 form: `ln(1 + (N − df + 0.5) / (df + 0.5))` over the N passages
   * indexed (a term never used gets the highest value).
   */
  idf: number;
  /**
   * Whether the articles write it as a name: capitalised inside sentences in at least 75% of its uses
   * there.
   */
  name: boolean;
}

/** Options for {@link SearchEngine.candidates}. */
export interface CandidateOptions {
  /** How many passages at most (the best ones). */
  limit: number;
  /**
   * The moment the question was asked: passages of articles published after it are left out. All
   * passages when absent.
   */
  asOf?: Date;
}

/** One citable paragraph as an engine holds it. */
export interface Passage {
  /**
   * The engine's id of the passage, unique among the passages it holds now (the in-memory engine: its
   * position in the index, also the MiniSearch document id, never reused: passages added later get new
   * ids, a removed passage's position stays empty).
   */
  id: number;
  articleId: string;
  /** The paragraph number in the article file. */
  paragraph: number;
  text: string;
  heading?: string;
  title: string;
}

/** A search term of a question. */
export interface QuestionTerm {
  /** The analysed term. */
  term: string;
  /** True when the question names something with it (a capitalised word): see `read-question.ts`. */
  entity: boolean;
  /** The word as the question wrote it (folded), when it gave this one term: for its word vector. */
  word?: string;
  /** Position of the word in the question (in words), for words asked about together. */
  position?: number;
  /** True when the term names who spoke in a "what did X say …" question. */
  speaker?: boolean;
  /**
   * True when the term is in the sentence that asks (`questionClause`) of a question that sets the scene
   * first ("Meta announced layoffs this week. How many employees were affected?"); unset otherwise.
   */
  asking?: boolean;
}

/** An index term searched on behalf of a question term the passage may word differently. */
export interface TermExpansion {
  /** The index term searched. */
  term: string;
  /** How fully a match of it stands for the question term, 0–1 (the question term itself counts 1). */
  credit: number;
  /**
   * `morphological`: the same word in another form (Russian/Russia); `semantic`: a word of like meaning;
   * `spelling`: another word the typed one may misspell, as close as the correction searched; `place`:
   * another name of the same country (`place-names.ts`).
   */
  kind: 'morphological' | 'semantic' | 'spelling' | 'place';
}

/** How a question term is looked up, decided once against the index's vocabulary. */
export interface ResolvedTerm extends QuestionTerm {
  /** `known`: the articles use it; `corrected`: a likely misspelling of `searchAs`; `unknown`: neither. */
  status: 'known' | 'corrected' | 'unknown';
  /** The term actually searched. */
  searchAs: string;
  /** How much of the question this term carries (IDF-like), for coverage and confidence. */
  weight: number;
  /** Other index terms searched for it, with partial credit (none when absent). */
  expansions?: TermExpansion[];
}

/**
 * How a question term was matched in a passage when not as itself (`exact`, the term in the text): each
 * kind is a ranking feature of its own name (`ranking/features.ts`). `context` only in the passage's heading or its article's title;
 * `spelling` a correction of a misspelt term; `forms` another form of the word; `meaning` a word of like
 * meaning (searched, or the passage's closest word); `place` another name of the same country; `role` a
 * role the article gives someone the passage names; `referred` a pronoun referring back to a name.
 */
export const EXPANSION_KINDS = [
  'context',
  'spelling',
  'forms',
  'meaning',
  'place',
  'role',
  'referred',
] as const;
/** Every {@link MatchKind}: the term itself, then each {@link EXPANSION_KINDS | kind of expansion}. */
export const MATCH_KINDS = ['exact', ...EXPANSION_KINDS] as const;
/** One of {@link MATCH_KINDS}. */
export type MatchKind = (typeof MATCH_KINDS)[number];

/** A passage that matched a query, with what matched. */
export interface PassageHit {
  passage: Passage;
  /**
   * BM25-style scores of the question terms found in it (for each term, its best alternative: the term,
   * its correction or an expansion, boosted by how fully it stands for the term), summed, times the sum of
   * the terms' credits in the passage. The in-memory engine gives MiniSearch's BM25+ over text, heading
   * (×0.5) and title (×0.35); another engine should give a score on the same scale (BM25 from its own term
   * statistics, and the same product), as the ranking model takes its log.
   */
  score: number;
  /** The question terms (`QuestionTerm.term`) this passage matched. */
  queryTerms: string[];
  /** Index terms in the passage that matched (what to mark in its text). */
  matchedTerms: string[];
  /**
   * How fully each matched question term is matched, 0–1: 1 for the term itself (or its correction), the
   * expansion's credit when only an expansion matched. A term in `queryTerms` but not here counts 1.
   */
  credit?: Record<string, number>;
  /** How each matched question term was matched (see {@link MatchKind}); absent means `exact`. */
  via?: Record<string, MatchKind>;
  /** Share, 0–1, of the question's neighbouring words that the passage writes together (`written-together.ts`). */
  together?: number;
  /** How closely the passage writes the question terms it matches, 0–1 (`matchedSpan` in `written-together.ts`). */
  span?: number;
  /** How many words the passage has (stop words too). */
  words?: number;
  /** The question terms (`QuestionTerm.term`) the passage's article title writes (as searched, or an expansion). */
  inTitle?: string[];
}
