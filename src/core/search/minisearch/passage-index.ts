import { BoundedMap } from '../../bounded-map.ts';
import { once } from '../../once.ts';
import type { MatchCredits } from '../../ranking/credits.ts';
import { PARAMS } from '../../ranking/model.ts';
import type { Article } from '../../types.ts';
import {
  type Analyze,
  analyzeWord,
  asProcessed,
  normalizeTerm,
  processTerm,
  tokenizeWords,
  WordAnalyzer,
} from '../analyze.ts';
import { BOOST, bm25Idf } from '../bm25.ts';
import { editDistanceWithin } from '../edit-distance.ts';
import type { PlaceNames } from '../place-names.ts';
import { RelatedTerms } from '../related-terms.ts';
import { isRole, roleNames } from '../role-names.ts';
import {
  MATCH_KINDS,
  type MatchKind,
  type Passage,
  type PassageHit,
  type QuestionTerm,
  type ResolvedTerm,
  type TermExpansion,
} from '../search-engine.ts';
import { singleEdits } from '../single-edits.ts';
import { SortedWords } from '../sorted-words.ts';
import { drain } from '../steps.ts';
import { type TermAlternative, termAlternatives } from '../term-alternatives.ts';
import type { WordVectors } from '../word-vectors.ts';
import { matchedSpan, togetherShare } from '../written-together.ts';
import { PassageTerms } from './passage-terms.ts';
import { PostingsIndex, type Tokenizer } from './postings-index.ts';
import { ScoreBoard, ScoreSums } from './score-board.ts';
import { type LiveTermStats, type TermChanges, TermCounter, type TermStats } from './term-counts.ts';
import { PRUNABLE_POSTINGS, TermPostings } from './term-postings.ts';

const KIND_CODE = new Map<MatchKind, number>(MATCH_KINDS.map((k, i) => [k, i]));
const code = (kind: MatchKind) => KIND_CODE.get(kind) as number;

/** Options for {@link PassageIndex}. */
export interface PassageIndexOptions {
  /**
   * Word vectors for matching paraphrases ("army" finds "military"), or a function returning them,
   * called once when a question first needs them. Absent or `null`: match words only by their spelling.
   */
  wordVectors?: WordVectors | (() => WordVectors | undefined) | null;
  /**
   * Other names of the places a question names ("Pyongyang" for North Korea), or a function returning
   * them, called once on the first question. Absent or `null`: none.
   */
  placeNames?: PlaceNames | (() => PlaceNames | undefined) | null;
  /** How words are analysed when the index reads its passages' texts again (default: afresh each time). */
  analyze?: Analyze;
  /** How fully each kind of indirect match counts (`ranking/credits.ts`). Default: the fitted ones (`PARAMS.credits`). */
  credits?: MatchCredits;
  /**
   * The written forms a misspelled `word` may be a slip of, when this index does not hold every term's
   * (`writtenForms`: a radix tree of every form is tens of MB at a million paragraphs): at least every
   * form that starts with the word's first letter and is at most two letters longer or shorter, listed
   * with the term each is indexed as (one entry per form, hyphenated ones left out, as
   * {@link writtenFormsByInitial} lists them). Such a subset finds what the whole does, since a
   * correction keeps the first letter and is at most two edits away. Absent: the index builds the whole
   * (on the first misspelling, or when warmed up).
   */
  writtenFormsNear?: (word: string) => WrittenFormsList;
  /**
   * The index's own terms looked up without a radix tree of them (~40 MB at a million paragraphs), for an
   * index that only resolves questions (`vocabularyParts`) over a vocabulary held elsewhere: `near(word)`
   * gives at least every term that starts with the word's first letter and is at most two letters longer
   * or shorter (what a correction can be, as for {@link writtenFormsNear}); `startingWith(prefix)` every
   * term that begins with the prefix, itself included. Absent: the index builds the tree when made.
   */
  termLookups?: TermLookups;
}

/** See {@link PassageIndexOptions.termLookups}. */
export interface TermLookups {
  near(word: string): readonly string[];
  startingWith(prefix: string): Iterable<string>;
}

/** Written forms and, at the same place, the term each is indexed as (see {@link PassageIndexOptions.writtenFormsNear}). */
export interface WrittenFormsList {
  forms: readonly string[];
  terms: readonly string[];
}

/** The fields indexed, in their order (scores add up over fields in this order, as MiniSearch adds them). */
export const SEARCH_FIELDS = ['text', 'heading', 'title'] as const;
/** Pronouns by which a paragraph refers back to someone named before it. */
const REFERS_BACK = /\b(?:he|she|his|her|him|they|their|them)\b/i;
/**
 * How far an unknown word's weight may move from the average for being common or rare in English (see
 * `PassageIndex.weighByCommonness`): at most halved, or raised by a quarter (more let rare paraphrases
 * of a question's words decline answerable questions).
 *
 * A bound on an unknown word's weight, not a weight: how much the question's weights matter is fitted through `coverage`.
 */
const COMMONNESS_RANGE = [0.5, 1.25] as const;
/**
 * At most this many equally close corrections of a misspelling are searched: "kimm" may be "kim" or
 * "kiml", and the passage that also has the question's other words tells which was meant. Five, not
 * three: on a large vocabulary a short word has several neighbours, and the most frequent few were
 * often not the one meant; more than a handful means the word is too short or too far to guess.
 *
 * Not a ranking choice: how many spellings are searched; the ranking weighs what they match (`spelling`).
 */
const MAX_CORRECTIONS = 5;
/**
 * An index term written with a capital in at least this share of its uses inside sentences is a name
 * (see `related-terms.ts` for why names are never related by meaning).
 *
 * Not a ranking choice: what counts as a name (how much names matter is the fitted `names` feature).
 */
const NAME_CAPITAL_SHARE = 0.75;
/**
 * A question's most common word is scored only in the passages of its other words ({@link PassageIndex.find})
 * when it has at least this many times their postings: else looking it up in each of theirs saves little.
 */
const PRUNE_SHARE = 2;
/** Passages of a question's common word first taken from its passages by score (then twice as many each time: see `PassageIndex.findPruned`). */
const COMMON_BATCH = 32;
/** Passages whose distinct terms are kept, for comparing meanings and roles (see {@link PassageIndex.find}). */
const PASSAGE_WORDS_CACHE_SIZE = 10_000;
/** Articles whose roles are kept (see {@link PassageIndex.find}): the articles of the few passages each question ranks. */
const ARTICLE_ROLES_CACHE_SIZE = 1000;

/**
 * The in-memory MiniSearch index over every citable (`body`) paragraph of the articles, plus the
 * vocabulary statistics that ranking and confidence need (document frequency of each term, the most
 * common spelling of each term for "did you mean" suggestions, and which terms are names), and the terms
 * related to a question's words (other forms, words of like meaning: `related-terms.ts`).
 */
export class PassageIndex {
  /** Every indexed passage, by id (empty where a passage was removed: see {@link update}). */
  readonly passages: (Passage | undefined)[];
  /** How many passages are indexed now. */
  private count: number;
  /**
   * The statistics of each index term, by term (a radix tree, for spelling look-ups), and the terms' first
   * letters (UTF-16 units: `atPrefix` of a letter no term starts with would fail). Made with the index,
   * unless {@link PassageIndexOptions.termLookups} stand in for it (then only if {@link similarTerms} is
   * called).
   */
  private termTree: SortedWords<TermStats> | undefined;
  /** See {@link PassageIndexOptions.termLookups}. */
  private readonly termLookups: TermLookups | undefined;
  /** Per term: its document frequency, its spellings, and how often it is capitalised inside a sentence. */
  private readonly terms: Map<string, LiveTermStats>;
  private readonly termIndex: PostingsIndex;
  private readonly passageTerms: PassageTerms;
  /** Keeps the term statistics when passages are added or removed (made on the first {@link update}). */
  private counter: TermCounter | undefined;
  /** Each article's passages, as ids `[first, end)` (made on the first {@link update}). */
  private spans: Map<string, [number, number]> | undefined;
  private readonly related: RelatedTerms;
  /** Scores of the question being answered (see `score-board.ts`), made on first use. */
  private scores: ScoreBoard | undefined;
  private postings: TermPostings | undefined;
  private sums: ScoreSums | undefined;
  private readonly passageWords = new BoundedMap<number, string[]>(PASSAGE_WORDS_CACHE_SIZE);
  /** How fully each kind of indirect match counts (`MatchCredits`). */
  private readonly credits: MatchCredits;
  /** Per article, the roles it gives people (see `rolesIn`). */
  private readonly articleRoles = new BoundedMap<string, Map<string, Set<string>>>(ARTICLE_ROLES_CACHE_SIZE);
  /** See {@link writtenForms}. */
  private forms: SortedWords<string> | undefined;
  private readonly placeNames: () => PlaceNames | undefined;
  private readonly analyze: Analyze;
  /** See {@link PassageIndexOptions.writtenFormsNear}. */
  private readonly writtenFormsNear: ((word: string) => WrittenFormsList) | undefined;
  /** See {@link termBeginnings}. */
  private beginnings: Set<string> | undefined;
  /** See {@link wantTerms}: all 0 between questions. */
  private wanted = new Uint8Array(0);

  /**
   * Builds the index from parsed articles (furniture and headings are not indexed, so never cited), or
   * takes one already built ({@link IndexParts}: what `index-snapshot.ts` restores).
   */
  constructor(source: readonly Article[] | IndexParts, options: PassageIndexOptions = {}) {
    const parts = isParts(source) ? source : buildParts(source);
    this.passages = parts.passages;
    this.count = parts.passageCount ?? parts.termIndex.documentCount;
    this.terms = parts.terms;
    this.termIndex = parts.termIndex;
    this.passageTerms = parts.passageTerms;
    this.counter = parts.counter;
    this.termLookups = options.termLookups;
    this.termTree = parts.vocabulary ?? (this.termLookups ? undefined : this.vocabulary);
    this.analyze = options.analyze ?? analyzeWord;
    this.credits = options.credits ?? PARAMS.credits;
    this.writtenFormsNear = options.writtenFormsNear;
    const places = options.placeNames;
    this.placeNames = typeof places === 'function' ? once(places) : () => places ?? undefined;
    const vectors = options.wordVectors;
    this.related = new RelatedTerms(
      {
        has: (term) => this.has(term),
        idf: (term) => this.idf(term),
        isName: (term) => this.isName(term),
        startingWith: (prefix) =>
          this.termLookups?.startingWith(prefix) ?? this.vocabulary.keysStartingWith(prefix),
        forms: {
          formsOf: (term) => this.terms.get(term)?.forms,
          // One at a time, not a list of every term at once: read in steps (`VocabularyVectors.gathering`).
          entries: () => mapEntries(this.terms),
        },
      },
      typeof vectors === 'function' ? vectors : () => vectors ?? undefined,
      this.credits,
    );
  }

  /**
   * Adds and removes articles in place, as a rebuild of the index from the articles would (the same
   * statistics, spellings and scores): `remove` names articles to take out, `add` gives articles to put
   * in; a changed article is in both (its old passages go, its new ones come). Indexing one article
   * costs milliseconds, where rebuilding a large index takes seconds. Everything derived from the terms
   * (the vocabulary, written forms, term vectors, the postings scorer) follows. New passages get new ids;
   * ties between equal scores go by article id and paragraph, not id, so answers match a rebuild's.
   */
  update(changes: { add?: readonly Article[]; remove?: readonly string[] }): void {
    this.counter ??= new TermCounter({ terms: this.terms, passageTerms: this.passageTerms });
    const counter = this.counter;
    const spans = this.articleSpans;
    const removed: number[] = [];
    for (const articleId of changes.remove ?? []) {
      const span = spans.get(articleId);
      if (!span) continue;
      for (let id = span[0]; id < span[1]; id++) {
        const passage = this.passages[id];
        if (!passage) continue;
        counter.uncount(passage.text);
        this.termIndex.remove(passage);
        this.passages[id] = undefined;
        this.count--;
        removed.push(id);
      }
      spans.delete(articleId);
      this.articleRoles.delete(articleId);
    }
    const added: number[] = [];
    for (const article of changes.add ?? []) {
      if (spans.has(article.id)) throw new Error(`Newsdesk: article ${article.id} is indexed already`);
      const first = this.passages.length;
      // A passage's id is also its position in the passage terms, which `count` appends to.
      if (this.passageTerms.passages !== first) throw new Error('Newsdesk: passage terms out of step');
      for (const passage of passagesOf([article], first)) {
        counter.count(passage.text);
        this.termIndex.add(passage);
        this.passages[passage.id] = passage;
        this.count++;
        added.push(passage.id);
      }
      spans.set(article.id, [first, this.passages.length]);
    }
    this.applyTermChanges(counter.flush());
    this.postings?.update();
    if (this.passages.length > (this.scores?.size ?? 0)) this.scores = undefined;
    if (this.passages.length > (this.sums?.size ?? 0)) this.sums = undefined;
  }

  /** Brings what is derived from the term statistics up to date with their changes. */
  private applyTermChanges(changes: TermChanges): void {
    // A tree not made yet is made from the terms as they are then.
    const tree = this.termTree;
    for (const term of changes.removed) tree?.delete(term);
    for (const term of changes.added) {
      tree?.set(term, this.terms.get(term) as TermStats);
      this.beginnings?.add(term.slice(0, BEGINNING));
    }
    const forms = this.forms;
    if (forms) {
      for (const [form, term] of changes.formsRemoved)
        if (!form.includes('-') && forms.get(form) === term) forms.delete(form);
      for (const [form, term] of changes.formsAdded) if (!form.includes('-')) forms.set(form, term);
    }
    this.related.update([...changes.changed, ...changes.removed]);
  }

  /** Each article's passage ids `[first, end)`, from the passages (they are numbered article by article). */
  private get articleSpans(): Map<string, [number, number]> {
    if (!this.spans) {
      this.spans = new Map();
      this.passages.forEach((passage, id) => {
        if (!passage) return;
        const span = this.spans?.get(passage.articleId);
        if (span) span[1] = id + 1;
        else this.spans?.set(passage.articleId, [id, id + 1]);
      });
    }
    return this.spans;
  }

  /** What the index is made of, for writing a snapshot (`index-snapshot.ts`). Do not change it. */
  get parts(): IndexParts {
    return {
      passages: this.passages,
      terms: this.terms,
      termIndex: this.termIndex,
      passageTerms: this.passageTerms,
    };
  }

  /** How many passages are indexed. */
  get size(): number {
    return this.count;
  }

  /**
   * Makes now what the first questions would otherwise make as they need it: the postings scorer and
   * score arrays, the written forms for misspellings, the sorted terms for prefix searches, their first
   * letters, and the vectors of the index's terms. Without it the first question with a word the articles
   * never use took ~0.7 s on 10k paragraphs instead of ~15 ms.
   */
  warmUp(): void {
    for (const _ of this.warmingUp());
  }

  /**
   * {@link warmUp} in steps of a few milliseconds each (at 100k passages the written forms and the terms'
   * vectors take seconds in all): between two steps other work can run, e.g. answers from the index
   * this one is to replace.
   */
  *warmingUp(): Generator<void> {
    this.postings ??= new TermPostings(this.termIndex, BOOST);
    yield;
    void this.board;
    void this.together;
    yield;
    if (!this.forms && !this.writtenFormsNear) {
      const forms = yield* writtenFormsSorting(this.terms);
      this.forms ??= forms;
    }
    yield* this.termIndex.sortingTerms();
    if (!this.beginnings) {
      const beginnings = new Set<string>();
      let n = 0;
      for (const term of this.terms.keys()) {
        beginnings.add(term.slice(0, BEGINNING));
        if (++n % GATHER_STEP === 0) yield;
      }
      this.beginnings ??= beginnings;
    }
    yield* this.related.warmingUp();
  }

  /**
   * Whether a term occurs in any passage text. This and {@link df}, {@link idf} read the term statistics'
   * hash map, not the vocabulary's radix tree (which holds the same terms, for spelling look-ups): a tree
   * look-up walks node by node, and answering asks about a few hundred terms (every name of the cited
   * passages).
   */
  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** How many passage texts a term occurs in. */
  df(term: string): number {
    return this.terms.get(term)?.df ?? 0;
  }

  /**
   * Inverse document frequency (BM25 form) of a term; a term the articles never use gets the highest
   * value, as if it occurred in half a passage.
   */
  idf(term: string): number {
    const n = this.count;
    const df = this.terms.get(term)?.df ?? 0;
    return bm25Idf(n, df);
  }

  /**
   * Decides how each question term is searched. Terms the articles use are searched as they are. Others
   * are checked for a misspelling of a term the articles use: within one edit (two for long words) and
   * with the same first letter, which is rarely the letter people get wrong; "trumpp" → "trump", but
   * "blasting" is not taken for "last". A common English word is never read as a misspelling: someone who
   * typed "reacted" meant it, though the articles only write "reached". A term neither known nor corrected
   * weighs as much as an average word of the question (it may be a paraphrase; see also
   * {@link weighByCommonness}), or more than any word when it names something
   * (`entity`, or a word whose meaning is closest to names, see `MatchCredits.unknownName`): the
   * articles are then not about what is asked. Each term then gets its expansions: other forms of the
   * word, and for a word the articles never use, words of like meaning (see `related-terms.ts`) — of the
   * English word it misspells, if it is a slip of one ("dispatcched": `RelatedTerms.englishSpelling`).
   */
  resolve(terms: readonly QuestionTerm[]): ResolvedTerm[] {
    const resolved = this.resolveSpelling(terms);
    // A word the question asks for itself does not also stand for another of its words.
    const asked = new Set(resolved.map((t) => t.searchAs));
    const places = this.placeNames()?.alternatives(resolved, this) ?? [];
    resolved.forEach((t, k) => {
      const place = (places[k] ?? []).map(
        (term): TermExpansion => ({ term, credit: this.credits.place, kind: 'place' }),
      );
      const expansions = [...(t.expansions ?? []), ...place, ...this.related.expand(t)].filter(
        (e, i, all) => !asked.has(e.term) && all.findIndex((o) => o.term === e.term) === i,
      );
      t.expansions = expansions.length ? expansions : undefined;
    });
    return resolved;
  }

  private resolveSpelling(terms: readonly QuestionTerm[]): ResolvedTerm[] {
    const resolved = terms.map((t): ResolvedTerm => {
      if (this.has(t.term)) return { ...t, status: 'known', searchAs: t.term, weight: this.idf(t.term) };
      // A common word the articles don't use is a paraphrase, not a misspelling ("reacted" ≠ "reached").
      const misspelt = t.entity || !this.related.isCommonWord(t.word);
      const [correction, ...others] = misspelt
        ? [...this.corrections(t.term, t.word), ...this.shortNameCorrection(t)]
        : [];
      if (correction) {
        // Equally close words are all searched: the passage decides which the asker meant.
        const expansions = others.map((term): TermExpansion => ({ term, credit: 1, kind: 'spelling' }));
        return { ...t, status: 'corrected', searchAs: correction, weight: this.idf(correction), expansions };
      }
      // A lower-case question does not show its names; their meaning can (see `RelatedTerms.seemsName`),
      // and so can their being a country's or a capital's name.
      const entity = t.entity || !!this.placeNames()?.isPlace(t.term) || this.related.seemsName(t.word);
      // A slip of an English word the articles don't use still has that word's meaning.
      const english = misspelt && !entity ? this.related.englishSpelling(t.word) : undefined;
      return { ...t, word: english ?? t.word, entity, status: 'unknown', searchAs: t.term, weight: 0 };
    });
    const found = resolved.filter((t) => t.status !== 'unknown');
    const average = found.length ? found.reduce((sum, t) => sum + t.weight, 0) / found.length : this.idf('');
    for (const t of resolved)
      if (t.status === 'unknown') t.weight = t.entity ? this.idf('') * this.credits.unknownName : average;
    this.weighByCommonness(resolved);
    return resolved;
  }

  /**
   * An unknown word weighs the average of the question's known words, adjusted by how common it is in
   * English next to them: the log of its frequency rank over the mean log rank of the known words,
   * within {@link COMMONNESS_RANGE}. "took place" or "ways" say less than "warheads" or "commemorating":
   * by Zipf's law a word's information grows with the log of its rank.
   */
  private weighByCommonness(resolved: ResolvedTerm[]): void {
    // Only a question with such a word needs the ranks (and the word vectors loaded for them).
    if (!resolved.some((t) => t.status === 'unknown' && !t.entity)) return;
    const logRank = (t: ResolvedTerm) => {
      const rank = t.entity ? undefined : this.related.rankOf(t.word);
      return rank === undefined ? undefined : Math.log(rank + 1);
    };
    const known = resolved.flatMap((t) => (t.status === 'known' ? (logRank(t) ?? []) : []));
    if (!known.length) return;
    const reference = known.reduce((a, b) => a + b, 0) / known.length;
    const [low, high] = COMMONNESS_RANGE;
    for (const t of resolved) {
      const own = t.status === 'unknown' ? logRank(t) : undefined;
      if (own !== undefined) t.weight *= Math.min(high, Math.max(low, own / reference));
    }
  }

  /**
   * Finds passages matching any of the resolved terms or their expansions. Each question term scores
   * its best-scoring alternative in a passage, not their sum (like Lucene's dis-max), so a passage that
   * writes both "Russia" and "Russian" is not counted twice for "Russian"; an expansion scores in
   * proportion to its credit. Unknown terms are still tried as prefixes of longer words (an unfinished
   * word, or a form the stemmer did not reduce). Of the `limit` best passages, a question term matched
   * less than fully also earns credit for the passage's word closest in meaning (see
   * `RelatedTerms.creditInPassages`), and each gets the share of the question's neighbouring words it
   * writes together (`written-together.ts`). Only passages `allowed` accepts are found (all when absent):
   * e.g. those of articles already published when the question was asked.
   */
  find(terms: readonly ResolvedTerm[], limit = 30, allowed?: (passage: Passage) => boolean): PassageHit[] {
    const board = this.board;
    const keep = allowed && ((id: number) => allowed(this.passages[id] as Passage));
    let found = this.findPruned(terms, limit, keep);
    if (!found) {
      const searched = this.scoreTerms(terms);
      found = { searched, ids: board.top(limit, terms.length, keep, this.later) };
    }
    const { searched } = found;
    const hits = found.ids.map((id): PassageHit => {
      const credit: Record<string, number> = {};
      const via: Record<string, MatchKind> = {};
      terms.forEach((t, k) => {
        if (board.credit(k, id) > 0) {
          credit[t.term] = board.credit(k, id);
          via[t.term] = MATCH_KINDS[board.kind(k, id)] as MatchKind;
        }
      });
      const passage = this.passages[id] as Passage;
      return { passage, score: board.score(id, terms.length), queryTerms: [], matchedTerms: [], credit, via };
    });
    // What a passage's own closest words earn below is credited as `meaning`.
    const before = hits.map((h) => ({ ...h.credit }));
    this.addMatchedTerms(hits, searched);
    const related = this.related.creditInPassages(
      terms,
      hits.map((h) => ({
        terms: () => this.distinctTerms(h.passage.id),
        credit: h.credit as Record<string, number>,
      })),
    );
    hits.forEach((hit, i) => {
      const credit = hit.credit as Record<string, number>;
      const via = hit.via as Record<string, MatchKind>;
      for (const term in credit) if (credit[term] !== before[i]?.[term]) via[term] = 'meaning';
    });
    this.creditReferredBack(hits, terms);
    this.creditRoles(hits, terms);
    const together = togetherShare(terms);
    const span = matchedSpan(terms);
    const inTitle = this.inTitle(terms);
    // Proximity reads only the words with a term searched for the question (the others count for neither
    // measure): flagged by term id, so the walk skips every other word without looking its term up.
    const wanted = this.wantTerms(terms);
    // One walk for every hit (of the passage `walking`), not a closure made per hit: where function names
    // are kept (tsx, as the benchmark runs), naming each new closure cost ~3 µs.
    let walking = 0;
    const walk = (visit: (term: string, at: number) => void) =>
      this.passageTerms.forEachWantedTerm(walking, wanted.flags, visit);
    hits.forEach((hit, i) => {
      hit.queryTerms = Object.keys(hit.credit as Record<string, number>);
      hit.matchedTerms = [...new Set([...hit.matchedTerms, ...(related[i] ?? [])])];
      // Read straight from the recorded word codes: an array per word of every ranked passage cost a
      // tenth of a question's time at 100k passages, and more in garbage collection.
      const id = hit.passage.id;
      walking = id;
      hit.together = together(walk);
      hit.span = span(walk).span;
      hit.words = this.passageTerms.wordsToLastTerm(id);
      hit.inTitle = inTitle(hit.passage);
    });
    wanted.clear();
    return hits;
  }

  /**
   * Flags (by term id, for `PassageTerms.forEachWantedTerm`) the index terms searched for the question:
   * each term as searched and its expansions. The flags are kept from question to question, and `clear`
   * unflags only what was flagged.
   */
  private wantTerms(terms: readonly ResolvedTerm[]): { flags: Uint8Array; clear(): void } {
    const size = this.passageTerms.terms.length;
    if (this.wanted.length < size) this.wanted = new Uint8Array(Math.ceil(size * 1.5));
    const flags = this.wanted;
    const ids: number[] = [];
    const flag = (term: string) => {
      const id = this.terms.get(term)?.id;
      if (id !== undefined && flags[id] === 0) {
        flags[id] = 1;
        ids.push(id);
      }
    };
    for (const t of terms) {
      flag(t.searchAs);
      for (const e of t.expansions ?? []) flag(e.term);
    }
    return {
      flags,
      clear: () => {
        for (const id of ids) flags[id] = 0;
      },
    };
  }

  /**
   * For an engine that finds passages elsewhere (PostgreSQL) but resolves questions with this index's
   * vocabulary: credits each passage's word closest in meaning to a question term it matched less than
   * fully, as {@link find} does (`RelatedTerms.creditInPassages`); returns the words to mark in each.
   */
  creditMeanings(
    terms: readonly ResolvedTerm[],
    passages: readonly { terms: () => readonly string[]; credit: Record<string, number> }[],
  ): string[][] {
    return this.related.creditInPassages(terms, passages);
  }

  /**
   * A passage that refers back with a pronoun ("…," he said.) to someone the paragraph before it names
   * earns context credit for that name (`MatchCredits.context`), as for a name in the article's title:
   * news names a speaker once and then quotes them for a paragraph or two.
   */
  private creditReferredBack(hits: readonly PassageHit[], terms: readonly ResolvedTerm[]): void {
    const names = terms.filter((t) => t.status !== 'unknown' && (t.entity || this.isName(t.searchAs)));
    if (!names.length) return;
    for (const hit of hits) {
      const previous = this.passages[hit.passage.id - 1];
      if (previous?.articleId !== hit.passage.articleId || !REFERS_BACK.test(hit.passage.text)) continue;
      const credit = hit.credit as Record<string, number>;
      for (const t of names)
        if ((credit[t.term] ?? 0) < this.credits.context && this.termPostings.has(t.searchAs, previous.id)) {
          credit[t.term] = this.credits.context;
          (hit.via as Record<string, MatchKind>)[t.term] = 'referred';
        }
    }
  }

  /**
   * A role the question asks about ("the two leaders", "the Russian president") earns `MatchCredits.role`
   * in a passage that names someone its article gives that role ("North Korean leader Kim Jong Un" …
   * "Mr Kim travelled …"): news names a person with their role once, then by name.
   */
  private creditRoles(hits: readonly PassageHit[], terms: readonly ResolvedTerm[]): void {
    const roles = terms.filter((t) => t.status !== 'unknown' && !t.entity && isRole(t.searchAs));
    if (!roles.length) return;
    for (const hit of hits) {
      const credit = hit.credit as Record<string, number>;
      const links = this.rolesIn(hit.passage);
      let own: Set<string> | undefined;
      for (const t of roles) {
        if ((credit[t.term] ?? 0) >= this.credits.role) continue;
        const names = links.get(t.searchAs);
        if (!names) continue;
        own ??= new Set(this.distinctTerms(hit.passage.id));
        for (const name of names)
          if (own.has(name)) {
            credit[t.term] = this.credits.role;
            (hit.via as Record<string, MatchKind>)[t.term] = 'role';
            break;
          }
      }
    }
  }

  /**
   * For one question, the question terms a passage's article title writes (the term as searched, or one of
   * its expansions): the title says what the whole story is about. Read from MiniSearch's postings of the
   * `title` field (the title's words analysed as the index analyses every word), once per article.
   */
  private inTitle(terms: readonly ResolvedTerm[]): (passage: Passage) => string[] {
    const postings = this.termPostings;
    const writes = terms.map((t) =>
      [t.searchAs, ...(t.expansions ?? []).map((e) => e.term)].map((term) =>
        postings.fieldHolder(term, 'title'),
      ),
    );
    const byArticle = new Map<string, string[]>();
    return (passage) => {
      let found = byArticle.get(passage.articleId);
      if (!found) {
        found = terms.filter((_, k) => writes[k]?.some((has) => has(passage.id))).map((t) => t.term);
        byArticle.set(passage.articleId, found);
      }
      return found;
    };
  }

  /** The roles a passage's article gives people, with their names' terms (`role-names.ts`), made once per article. */
  private rolesIn(passage: Passage): Map<string, Set<string>> {
    return this.articleRoles.getOrSet(passage.articleId, () => {
      let first = passage.id;
      while (this.passages[first - 1]?.articleId === passage.articleId) first--;
      const texts = [passage.title];
      for (let id = first; this.passages[id]?.articleId === passage.articleId; id++)
        texts.push((this.passages[id] as Passage).text);
      return roleNames(texts, this.analyze);
    });
  }

  /**
   * The `limit` best passages, as {@link scoreTerms} and `ScoreBoard.top` find them, without scoring a
   * common word in every passage it occurs in, when that cannot change them (dynamic pruning, as MaxScore):
   * or undefined, when it could, having found nothing (the caller then scores every passage).
   *
   * Of a question whose postings are mostly one common word's, the other words' passages are scored in full
   * — the common word only in those, looked up passage by passage. A passage that has only the common word
   * scores at most its highest score in any passage times its highest credit: when the last of the `limit`
   * best found is above that, no such passage can be among them, and those found are exactly the ones a
   * full scoring finds, with the same scores (tied scores are ordered by position, not by when found).
   */
  private findPruned(
    terms: readonly ResolvedTerm[],
    limit: number,
    keep: ((id: number) => boolean) | undefined,
  ): { searched: Searched[]; ids: number[] } | undefined {
    if (limit <= 0) return undefined;
    const alternatives = terms.map((t) => termAlternatives(t, this.credits));
    if (alternatives.some((list) => list.some((a) => a.prefix))) return undefined;
    const postings = this.termPostings;
    const counts = alternatives.map((list) => list.reduce((n, a) => n + postings.postingCount(a.term), 0));
    let common = 0;
    counts.forEach((n, k) => {
      if (n > (counts[common] as number)) common = k;
    });
    const commonCount = counts[common] as number;
    const rest = counts.reduce((sum, n) => sum + n, 0) - commonCount;
    if (commonCount < PRUNABLE_POSTINGS || rest * PRUNE_SHARE > commonCount) return undefined;
    const pruned = new Set((alternatives[common] as TermAlternative[]).map((a) => a.term));
    // Only when no other question term searches the same word: its passages would then count it twice.
    if (alternatives.some((list, k) => k !== common && list.some((a) => pruned.has(a.term))))
      return undefined;
    let highest = 0;
    let credit = 0;
    for (const a of alternatives[common] as TermAlternative[]) {
      const score = postings.highestScore(a.term);
      if (score === undefined) return undefined;
      highest = Math.max(highest, score * a.boost);
      credit = Math.max(credit, a.credit, a.credit * this.credits.context);
    }
    alternatives.forEach((list, k) => {
      if (k !== common) for (const a of list) postings.include(a.term);
    });
    const [only, ...others] = alternatives[common] as TermAlternative[];
    // Too few passages of the other words to fill the candidates, and no list of the common word's best
    // passages to take the rest from (kept only for a word searched as itself alone).
    const alone = only !== undefined && !others.length;
    if (postings.included < limit && !alone) {
      postings.clearIncluded();
      return undefined;
    }
    const board = this.board;
    const searched = this.scoreTerms(terms, pruned);
    postings.clearIncluded();
    let ids = board.top(limit, terms.length, keep, this.later);
    // A margin for rounding: the highest score was recorded at another boost.
    const margin = credit * (1 + 1e-9);
    const floor = () => {
      const last = ids[limit - 1];
      return last === undefined ? Number.NEGATIVE_INFINITY : board.score(last, terms.length);
    };
    if (highest * margin < floor()) return { searched, ids };
    if (!alone) return undefined;
    // Passages that have only the common word may be among the candidates: its best such ones are taken
    // from its passages by score, a batch at a time, until the next could not reach the last candidate.
    const byScore = postings.byScore(only.term);
    let at = 0;
    // Doubled each time: when the date filter leaves out most of them, the candidates are re-picked a few
    // times, not once per batch over a list of thousands.
    for (let batch = COMMON_BATCH; ; batch *= 2) {
      const from = at;
      const reach = floor();
      while (at < byScore.ids.length && at - from < batch) {
        if ((byScore.scores[at] as number) * only.boost * margin < reach) break;
        at++;
      }
      if (at === from) return { searched, ids };
      // Those scored already (they have the other words too) are left as they are.
      const fresh = byScore.ids.subarray(from, at).filter((id) => !board.has(id));
      postings.includePassages(fresh, 0, fresh.length);
      const n = postings.scoreAmong(only.term, only.boost);
      postings.clearIncluded();
      this.offerAlone(terms, common, only, n);
      this.together.flushInto(board);
      ids = board.top(limit, terms.length, keep, this.later);
    }
  }

  /**
   * Searches every term's alternatives and scores the passages found on the board; returns what was found.
   * The words in `among` are scored only in the passages `TermPostings.include` marked (see {@link findPruned}).
   */
  private scoreTerms(terms: readonly ResolvedTerm[], among?: ReadonlySet<string>): Searched[] {
    const board = this.board;
    board.begin(terms.length);
    const searched: Searched[] = [];
    const alternatives = terms.map((t) => termAlternatives(t, this.credits));
    // Terms searched as one word, exactly, go in one MiniSearch query: there is no best alternative
    // to keep, and one query costs much less than one per term on a large index.
    const alone = new Map<string, number>();
    alternatives.forEach((list, k) => {
      const [only] = list;
      if (list.length === 1 && only && !only.prefix && !alone.has(only.term)) alone.set(only.term, k);
    });
    if (alone.size) this.searchTogether(terms, alternatives, alone, searched, among);
    const searchedTogether = new Set(alone.values());
    terms.forEach((t, k) => {
      if (searchedTogether.has(k)) return;
      for (const alternative of alternatives[k] ?? []) {
        const prefixTerms = alternative.prefix ? new Map<number, string[]>() : undefined;
        searched.push({ alternative, prefixTerms });
        // Worked out once per alternative, not for each of the passages a common word occurs in.
        const { credit, boost } = alternative;
        const contextCredit = credit * this.credits.context;
        const [textKind, contextKind] = [code(alternative.kind), code('context')];
        const offer = (id: number, score: number, matchedInText: boolean) => {
          const better = credit > board.credit(k, id);
          const inContext = better && !t.speaker && !matchedInText;
          board.offer(
            k,
            id,
            score * boost,
            inContext ? contextCredit : credit,
            inContext ? contextKind : textKind,
          );
        };
        if (!alternative.prefix) {
          // Read from the scored arrays, not through a call per passage (see `TermPostings.scoreInto`).
          const postings = this.termPostings;
          const n = among?.has(alternative.term)
            ? postings.scoreAmong(alternative.term, 1)
            : postings.scoreInto(alternative.term, 1);
          const { ids, scores, inText } = postings.scored;
          for (let i = 0; i < n; i++) offer(ids[i] as number, scores[i] as number, inText[i] === 1);
        } else
          this.termPostings.scorePrefix(alternative.term, (id, score, matchedInText, matched) => {
            prefixTerms?.set(id, matched);
            offer(id, score, matchedInText);
          });
      }
      board.endTerm();
    });
    return searched;
  }

  /**
   * Whether passage `a` comes after passage `b` in the articles (by article id, then paragraph): how equal
   * scores are ordered, the same after articles were added ({@link update}) as in a rebuild, where ids
   * follow that order.
   */
  private readonly later = (a: number, b: number): boolean => {
    const x = this.passages[a] as Passage;
    const y = this.passages[b] as Passage;
    return x.articleId === y.articleId ? x.paragraph > y.paragraph : x.articleId > y.articleId;
  };

  private get board(): ScoreBoard {
    this.scores ??= new ScoreBoard(this.passages.length);
    return this.scores;
  }

  /** The postings scorer, made on the first question (its arrays are as long as the index). */
  private get termPostings(): TermPostings {
    this.postings ??= new TermPostings(this.termIndex, BOOST);
    return this.postings;
  }

  /** Sums of terms scored together (see {@link searchTogether}), made on the first question. */
  private get together(): ScoreSums {
    this.sums ??= new ScoreSums(this.passages.length);
    return this.sums;
  }

  /** Fills each hit's `matchedTerms` with the index terms the searches found in it. */
  private addMatchedTerms(hits: PassageHit[], searched: readonly Searched[]): void {
    const postings = this.termPostings;
    // Each term's postings are looked up once, not once per passage.
    const holders = searched.map(({ alternative, prefixTerms }) =>
      prefixTerms ? undefined : postings.holder(alternative.term),
    );
    for (const hit of hits) {
      const id = hit.passage.id;
      const terms = new Set<string>();
      searched.forEach(({ alternative, prefixTerms }, i) => {
        if (prefixTerms) for (const term of prefixTerms.get(id) ?? []) terms.add(term);
        else if (holders[i]?.(id)) terms.add(alternative.term);
      });
      hit.matchedTerms = [...terms];
    }
  }

  /** The distinct index terms of a passage's text (recorded when indexing). */
  private distinctTerms(id: number): string[] {
    return this.passageWords.getOrSet(id, () => this.passageTerms.distinct(id));
  }

  /**
   * Scores together the terms that have one exact alternative each (`alone`: index term → question term),
   * as one MiniSearch OR query of them would: a passage's score is the sum of the terms' scores, in the
   * order searched (the same floating-point sums, so the same ranking). Each term is credited by where it
   * matched.
   */
  private searchTogether(
    terms: readonly ResolvedTerm[],
    alternatives: readonly TermAlternative[][],
    alone: ReadonlyMap<string, number>,
    searched: Searched[],
    among?: ReadonlySet<string>,
  ): void {
    const board = this.board;
    const together = this.together;
    for (const [term, k] of alone) {
      const alternative = alternatives[k]?.[0] as TermAlternative;
      searched.push({ alternative });
      const postings = this.termPostings;
      const n = among?.has(term)
        ? postings.scoreAmong(term, alternative.boost)
        : postings.scoreInto(term, alternative.boost);
      this.offerAlone(terms, k, alternative, n);
    }
    together.flushInto(board);
  }

  /**
   * Offers what the postings scorer scored last (`n` passages) for question term `k`, searched as one
   * word alone (see {@link searchTogether}): its score is summed with the other such terms' (flushed to the
   * board by the caller), its credit by where it matched.
   */
  private offerAlone(
    terms: readonly ResolvedTerm[],
    k: number,
    alternative: TermAlternative,
    n: number,
  ): void {
    const board = this.board;
    const together = this.together;
    const speaker = terms[k]?.speaker;
    // Worked out once per term, not for each of the passages a common word occurs in.
    const { credit } = alternative;
    const contextCredit = credit * this.credits.context;
    const [textKind, contextKind] = [code(alternative.kind), code('context')];
    const { ids, scores, inText } = this.termPostings.scored;
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      together.add(id, scores[i] as number);
      const inContext = !speaker && inText[i] === 0;
      board.offerCredit(k, id, inContext ? contextCredit : credit, inContext ? contextKind : textKind);
    }
  }

  /** Whether the articles write the term as a name (capitalised inside sentences): {@link NAME_CAPITAL_SHARE}. */
  isName(term: string): boolean {
    const c = this.terms.get(term);
    return c !== undefined && c.capital > 0 && c.capital >= NAME_CAPITAL_SHARE * (c.capital + c.lower);
  }

  /**
   * Index terms close to `term` (spelling neighbours with its first letter, as for corrections, or words it
   * begins), most frequent first.
   */
  similarTerms(term: string, limit = 3): string[] {
    const vocabulary = this.vocabulary;
    const near = [...vocabulary.fuzzyGet(term, term.length >= 7 ? 2 : 1, term.slice(0, 1)).entries()].map(
      ([key, [stats, distance]]) => ({ key, rank: distance * 1000 - stats.df }),
    );
    const longer =
      term.length >= 4
        ? [...vocabulary.startingWith(term)].map(([key, stats]) => ({ key, rank: 500 - stats.df }))
        : [];
    return [...new Map([...near, ...longer].filter((c) => c.key !== term).map((c) => [c.key, c])).values()]
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((c) => c.key);
  }

  /** The most common way a term is written in the articles (for showing suggestions). */
  spelling(term: string): string {
    const forms = this.terms.get(term)?.forms;
    if (!forms) return term;
    let best = term;
    let count = -1;
    for (const [form, c] of forms) if (c > count) [best, count] = [form, c];
    return best;
  }

  /**
   * The terms the articles use that a question term may misspell, the closest only, most frequent first
   * (see {@link resolve}). Two vocabularies are searched: the terms themselves, and the words as the
   * articles write them (`word`, as typed), because a slip can change how the stemmer reads a word: "teps"
   * stems to "tep" but means "tepes" ("tepe"); "naibea" keeps an ending "naibes" loses. Only words with
   * the same first letter qualify, so only that letter's branch of each vocabulary is searched: the edit
   * distance of two words with the same first letter is that of the rest of them, and searching the
   * whole tree within two edits cost more than the rest of answering on a large index.
   */
  private corrections(term: string, word: string | undefined): string[] {
    const found = new Map<string, { distance: number; df: number }>();
    const add = (key: string, distance: number) => {
      const seen = found.get(key);
      if (!seen || distance < seen.distance) found.set(key, { distance, df: this.terms.get(key)?.df ?? 0 });
    };
    for (const [key, distance] of this.termsCloseTo(term)) if (key.length >= 3) add(key, distance);
    if (word && /^\p{L}+$/u.test(word)) {
      const listed = this.writtenFormsNear?.(word);
      if (listed)
        for (const [at, distance] of closeToListed(listed.forms, word)) {
          const key = listed.terms[at] as string;
          if (key.length >= 3) add(key, distance);
        }
      else {
        const forms = this.writtenForms;
        for (const [form, distance] of closeTo(forms, word)) {
          const key = forms.get(form);
          if (key !== undefined && key.length >= 3) add(key, distance);
        }
      }
      // A slip in a form the articles don't write: "ruledd" is "ruled", which stems to their "rule".
      // Looked for only when nothing is a slip away already, and a spelling is stemmed only if some index
      // term starts with its first three letters (a stem keeps them): there are some 50 per letter.
      if (![...found.values()].some((f) => f.distance <= 1)) {
        const beginnings = this.termBeginnings;
        for (const candidate of singleEdits(word)) {
          if (!beginnings.has(candidate.slice(0, BEGINNING))) continue;
          const key = normalizeTerm(candidate);
          if (key !== undefined && key.length >= 3 && this.terms.has(key)) add(key, 1);
        }
      }
    }
    const closest = Math.min(...[...found.values()].map((f) => f.distance));
    return [...found]
      .filter(([, f]) => f.distance === closest)
      .sort(([a, f], [b, g]) => g.df - f.df || (a < b ? -1 : 1))
      .slice(0, MAX_CORRECTIONS)
      .map(([key]) => key);
  }

  /**
   * A three-letter name the articles never use ("Wan" in "Jo Yong Wan") may misspell one they do: the one
   * name of three letters with the same first letter a letter away ("won", written as a name), when the
   * question writes it as a name or it means what names mean (`RelatedTerms.seemsName`: "kin jong un"). Words
   * that short have too many neighbours to guess among, so only names count, and only when there is one.
   */
  private shortNameCorrection(t: QuestionTerm): string[] {
    if (t.term.length !== 3 || (!t.entity && !this.related.seemsName(t.word))) return [];
    const names = [...this.termsCloseTo(t.term, 3)]
      .map(([key]) => key)
      .filter((key) => key.length === 3 && this.isName(key));
    return names.length === 1 ? names : [];
  }

  /** The index's terms as a radix tree (see {@link termTree}), made on first use when not made with the index. */
  private get vocabulary(): SortedWords<TermStats> {
    this.termTree ??= drain(gatheringVocabulary(this.terms));
    return this.termTree;
  }

  /** {@link closeTo} over the index's terms (those {@link PassageIndexOptions.termLookups} list, when given). */
  private *termsCloseTo(word: string, shortest?: number): Generator<[string, number]> {
    const near = this.termLookups?.near(word);
    if (!near) {
      yield* closeTo(this.vocabulary, word, shortest);
      return;
    }
    for (const [at, distance] of closeToListed(near, word, shortest)) yield [near[at] as string, distance];
  }

  /** The first {@link BEGINNING} letters of every index term, made on the first misspelling that needs them. */
  private get termBeginnings(): ReadonlySet<string> {
    if (!this.beginnings) {
      this.beginnings = new Set();
      for (const term of this.terms.keys()) this.beginnings.add(term.slice(0, BEGINNING));
    }
    return this.beginnings;
  }

  /**
   * Every way the articles write a word (folded, possessive dropped: `TermStats.forms`), to the term it is
   * indexed as. Made on the first misspelling, from the term statistics (so a snapshot need not hold it).
   */
  private get writtenForms(): SortedWords<string> {
    this.forms ??= drain(writtenFormsSorting(this.terms));
    return this.forms;
  }
}

/**
 * The keys of `tree` a misspelling `word` may stand for, with their edit distance, keeping its first
 * letter (rarely the one people get wrong). One edit; two for long words, and for shorter ones only a
 * swap of neighbouring letters ("tropps" is one slip, "trosop" two), which Levenshtein counts as two but
 * people make as one (it then counts one). Words shorter than `shortest` letters have too many neighbours.
 */
function* closeTo<T>(words: SortedWords<T>, word: string, shortest = 4): Generator<[string, number]> {
  if (word.length < shortest || /\d/.test(word)) return;
  const maxDistance = word.length >= 6 ? 2 : 1;
  for (const [key, [, distance]] of words.fuzzyGet(word, maxDistance, word[0] as string)) {
    if (distance === 2 && word.length < 8) {
      if (isSwap(word, key)) yield [key, 1];
    } else yield [key, distance];
  }
  // A short word's swaps are looked up one by one: searching it within two edits visits far more keys.
  if (maxDistance === 1)
    for (let i = 1; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (swapped !== word && words.has(swapped)) yield [swapped, 1];
    }
}

/**
 * {@link closeTo} over a plain list of words (those a misspelling may be a slip of: see
 * {@link PassageIndexOptions.termLookups}), by the same rules: the places of the words it may stand for,
 * with their distance. A scan with a bounded edit distance: a radix tree of the few thousand words of one
 * first letter, made for one misspelling, cost ten times more than reading them.
 */
function* closeToListed(words: readonly string[], word: string, shortest = 4): Generator<[number, number]> {
  if (word.length < shortest || /\d/.test(word)) return;
  const maxDistance = word.length >= 6 ? 2 : 1;
  const first = word[0] as string;
  for (let at = 0; at < words.length; at++) {
    const key = words[at] as string;
    if (key[0] !== first || Math.abs(key.length - word.length) > maxDistance) continue;
    const distance = editDistanceWithin(word, key, maxDistance);
    if (distance <= maxDistance) {
      if (distance === 2 && word.length < 8) {
        if (isSwap(word, key)) yield [at, 1];
      } else yield [at, distance];
    } else if (maxDistance === 1 && isSwap(word, key)) yield [at, 1];
  }
}

/**
 * {@link PassageIndexOptions.writtenFormsNear} over a vocabulary held as term statistics: the forms are
 * listed once by first letter (in the terms' order, a form written for two terms given to the later one, as
 * {@link PassageIndex.writtenForms} keeps it; hyphenated ones left out; strings the statistics already hold),
 * and each misspelling gets those with its first letter and a length within two of its. Lists `terms` on
 * first use: make another after they change.
 */
export function writtenFormsByInitial(
  terms: ReadonlyMap<string, TermStats>,
): (word: string) => WrittenFormsList {
  let byInitial: Map<string, WrittenFormsList & { forms: string[]; terms: string[] }> | undefined;
  return (word) => {
    if (!byInitial) {
      byInitial = new Map();
      const place = new Map<string, number>();
      for (const [term, stats] of terms)
        for (const form of stats.forms.keys()) {
          const first = form[0];
          if (first === undefined || form.includes('-')) continue;
          let list = byInitial.get(first);
          if (!list) {
            list = { forms: [], terms: [] };
            byInitial.set(first, list);
          }
          const at = place.get(form);
          if (at !== undefined) list.terms[at] = term;
          else {
            place.set(form, list.forms.length);
            list.forms.push(form);
            list.terms.push(term);
          }
        }
    }
    const list = byInitial.get(word[0] as string);
    const near: WrittenFormsList & { forms: string[]; terms: string[] } = { forms: [], terms: [] };
    if (list)
      for (let i = 0; i < list.forms.length; i++) {
        const form = list.forms[i] as string;
        if (Math.abs(form.length - word.length) > 2) continue;
        near.forms.push(form);
        near.terms.push(list.terms[i] as string);
      }
    return near;
  };
}

/**
 * Every way the articles write a word (hyphenated ones left out), each with the term it is indexed as (a
 * form written for two terms is the later one's), sorted in steps (`SortedWords.sorting`).
 */
function* writtenFormsSorting(terms: ReadonlyMap<string, TermStats>): Generator<void, SortedWords<string>> {
  const forms: string[] = [];
  const of: string[] = [];
  let n = 0;
  for (const [term, stats] of terms) {
    for (const form of stats.forms.keys()) {
      if (form.includes('-')) continue;
      forms.push(form);
      of.push(term);
    }
    if (++n % GATHER_STEP === 0) yield;
  }
  return yield* SortedWords.sorting(forms, of);
}

/** Terms read in one step of {@link writtenFormsSorting} and {@link gatheringVocabulary}. */
const GATHER_STEP = 5_000;

/**
 * The vocabulary of an index: its terms (with their statistics) in sorted order, for spelling look-ups,
 * sorted in steps (at 100k passages some 100k terms). The statistics objects are the index's own, so a
 * changed count needs no update of the vocabulary.
 */
export function* gatheringVocabulary(
  terms: ReadonlyMap<string, TermStats>,
): Generator<void, SortedWords<TermStats>> {
  const words: string[] = [];
  const stats: TermStats[] = [];
  let n = 0;
  for (const [term, stat] of terms) {
    words.push(term);
    stats.push(stat);
    if (++n % GATHER_STEP === 0) yield;
  }
  return yield* SortedWords.sorting(words, stats);
}

/** Each term and its written forms, one at a time. */
function* mapEntries(
  terms: ReadonlyMap<string, TermStats>,
): Generator<{ term: string; forms: Map<string, number> }> {
  for (const [term, stats] of terms) yield { term, forms: stats.forms };
}

/** How many first letters of a spelling must begin some index term before it is stemmed (see `corrections`). */
const BEGINNING = 3;

/** Whether `b` is `a` with two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** One alternative searched (and, for a prefix search, the index terms it matched in each passage). */
interface Searched {
  alternative: TermAlternative;
  /** For a prefix search, the index terms it matched in each passage (an exact term matched itself). */
  prefixTerms?: Map<number, string[]>;
}

/** One index term searched for a question term. */

/** An index's contents: enough to answer from, without the articles (see {@link PassageIndex.parts}). */
export interface IndexParts {
  /** The passages by id (see {@link Passage.id}). */
  passages: (Passage | undefined)[];
  terms: Map<string, LiveTermStats>;
  /** The postings of every term, with the passages' field lengths. */
  termIndex: PostingsIndex;
  /** The terms of every passage's words, by term id ({@link LiveTermStats.id}). */
  passageTerms: PassageTerms;
  /** The counter that made `terms`, when built here (a restored index makes one on its first update). */
  counter?: TermCounter;
  /** How many passages there are, when `search` does not hold them (see {@link vocabularyParts}). */
  passageCount?: number;
  /** The terms' vocabulary, when made already ({@link gatheringVocabulary}, in steps); else made from `terms`. */
  vocabulary?: SortedWords<TermStats>;
}

function isParts(source: readonly Article[] | IndexParts): source is IndexParts {
  return !Array.isArray(source);
}

/**
 * The parts of an index that holds a vocabulary and no passages, only their count (for IDF): what an
 * engine keeping its passages elsewhere (PostgreSQL) resolves questions with, by this index's own rules.
 */
export function vocabularyParts(terms: ReadonlyMap<string, TermStats>, passageCount: number): IndexParts {
  return {
    // Only the count is read when resolving (IDF); the passages themselves are elsewhere.
    passages: { length: passageCount } as Passage[],
    passageCount,
    // Never updated (`PassageIndex.update` is for an index holding its passages).
    terms: terms as Map<string, LiveTermStats>,
    termIndex: PostingsIndex.empty(SEARCH_FIELDS, INDEX_TOKENIZER),
    passageTerms: new PassageTerms(new Int32Array(0), Uint32Array.of(0), []),
  };
}

/**
 * How passages are split into index terms, after the build (articles added in place, passages removed):
 * the words of `analyze.ts`, each analysed alone.
 */
export const INDEX_TOKENIZER: Tokenizer = { tokenize: tokenizeWords, process: processTerm };

/**
 * The options of a MiniSearch that indexes passages as {@link PostingsIndex} does here: its fields, and the
 * same tokens and terms (what tests compare the scores with).
 */
export function searchOptions() {
  return { fields: [...SEARCH_FIELDS], storeFields: [], tokenize: tokenizeWords, processTerm };
}

/** The citable passages of the articles, numbered in order from `firstId`: their `body` paragraphs. */
export function passagesOf(articles: readonly Article[], firstId = 0): Passage[] {
  const passages: Passage[] = [];
  for (const article of articles) {
    for (const p of article.paragraphs) {
      if (p.kind !== 'body') continue;
      const { n: paragraph, text, heading } = p;
      passages.push({
        id: firstId + passages.length,
        articleId: article.id,
        paragraph,
        text,
        heading,
        title: article.title,
      });
    }
  }
  return passages;
}

/** Passages whose heading or title words are remembered while building: every passage of an article shares them. */
const CONTEXT_WORDS_CACHE_SIZE = 1_000;
/** Distinct words of titles and headings whose analysis is remembered while building. */
const CONTEXT_TERMS_CACHE_SIZE = 100_000;

/**
 * Builds an index's parts from articles. Each passage text is read once: the words {@link TermCounter}
 * found while counting are the tokens of that text, and the heading and title, repeated for every passage
 * of an article, are tokenized once.
 */
export function buildParts(articles: readonly Article[]): IndexParts {
  const counter = new TermCounter();
  let current: { text: string; words: string[] } | undefined;
  const contextWords = new BoundedMap<string, string[]>(CONTEXT_WORDS_CACHE_SIZE);
  // The words of a passage's text were analysed while counting; those of titles and headings, repeated
  // for every passage of an article, are remembered for the build only.
  const contextTerms = new WordAnalyzer(CONTEXT_TERMS_CACHE_SIZE);
  const building = PostingsIndex.empty(SEARCH_FIELDS, {
    tokenize: (text) => (text === current?.text ? current.words : contextWords.getOrSet(text, tokenizeWords)),
    process: (word) => asProcessed(counter.termsOf(word) ?? contextTerms.analyze(word)),
  });
  const passages = passagesOf(articles);
  for (const passage of passages) {
    current = { text: passage.text, words: counter.count(passage.text) };
    building.add(passage);
  }
  current = undefined;
  counter.flush();
  // Added one by one, the postings are in lists: made into arrays, and analysed as any later passage.
  const termIndex = PostingsIndex.of(building.encode(), SEARCH_FIELDS, INDEX_TOKENIZER);
  return { passages, terms: counter.terms, termIndex, passageTerms: counter.passageTerms, counter };
}
