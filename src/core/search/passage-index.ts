import MiniSearch, { type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Article } from '../types.ts';
import { analyzeWord, fold, processTerm, tokenizeWords } from './analyze.ts';

/** One citable paragraph as the index holds it. */
export interface Passage {
  /** Position in {@link PassageIndex.passages}; also the MiniSearch document id. */
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
}

/** How a question term is looked up, decided once against the index's vocabulary. */
export interface ResolvedTerm extends QuestionTerm {
  /** `known`: the articles use it; `corrected`: a likely misspelling of `searchAs`; `unknown`: neither. */
  status: 'known' | 'corrected' | 'unknown';
  /** The term actually searched. */
  searchAs: string;
  /** How much of the question this term carries (IDF-like), for coverage and confidence. */
  weight: number;
}

/** A passage that matched a query, with what matched. */
export interface PassageHit {
  passage: Passage;
  /** MiniSearch's BM25+ score. */
  score: number;
  /** The question terms (`QuestionTerm.term`) this passage matched. */
  queryTerms: string[];
  /** Index terms in the passage that matched (what to mark in its text). */
  matchedTerms: string[];
}

/** Field weights: the paragraph itself counts most; its heading and the article title give context. */
const BOOST = { text: 1, heading: 0.5, title: 0.35 };
/** A corrected misspelling scores a little below the word typed correctly. */
const CORRECTED_BOOST = 0.8;

/**
 * The in-memory MiniSearch index over every citable (`body`) paragraph of the articles, plus the
 * vocabulary statistics that ranking and confidence need (document frequency of each term, and the most
 * common spelling of each term for "did you mean" suggestions).
 */
export class PassageIndex {
  /** Every indexed passage, by id. */
  readonly passages: Passage[] = [];
  /** Number of passages each index term occurs in (a radix tree, for spelling look-ups). */
  private readonly vocabulary = new SearchableMap<number>();
  private readonly spellings = new Map<string, Map<string, number>>();
  private readonly search: MiniSearch<Passage>;

  /** Builds the index from parsed articles; furniture and headings are not indexed, so never cited. */
  constructor(articles: readonly Article[]) {
    this.search = new MiniSearch<Passage>({
      fields: ['text', 'heading', 'title'],
      storeFields: [],
      tokenize: tokenizeWords,
      processTerm,
    });
    for (const article of articles) {
      for (const p of article.paragraphs) {
        if (p.kind !== 'body') continue;
        const passage: Passage = {
          id: this.passages.length,
          articleId: article.id,
          paragraph: p.n,
          text: p.text,
          heading: p.heading,
          title: article.title,
        };
        this.passages.push(passage);
        this.countTerms(p.text);
      }
    }
    this.search.addAll(this.passages);
  }

  /** How many passages are indexed. */
  get size(): number {
    return this.passages.length;
  }

  /** Whether a term occurs in any passage text. */
  has(term: string): boolean {
    return this.vocabulary.has(term);
  }

  /**
   * Inverse document frequency (BM25 form) of a term; a term the articles never use gets the highest
   * value, as if it occurred in half a passage.
   */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.vocabulary.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Decides how each question term is searched. Terms the articles use are searched as they are. Others
   * are checked for a misspelling of a term the articles use: within one edit (two for long words) and
   * with the same first letter, which is rarely the letter people get wrong; "trumpp" → "trump", but
   * "blasting" is not taken for "last". A term neither known nor corrected weighs as much as an average
   * word of the question (it may be a paraphrase), or fully when it names something (`entity`): the
   * articles are then not about what is asked.
   */
  resolve(terms: readonly QuestionTerm[]): ResolvedTerm[] {
    const resolved = terms.map((t): ResolvedTerm => {
      if (this.has(t.term)) return { ...t, status: 'known', searchAs: t.term, weight: this.idf(t.term) };
      const correction = this.correct(t.term);
      if (correction) return { ...t, status: 'corrected', searchAs: correction, weight: this.idf(correction) };
      return { ...t, status: 'unknown', searchAs: t.term, weight: 0 };
    });
    const found = resolved.filter((t) => t.status !== 'unknown');
    const average = found.length ? found.reduce((sum, t) => sum + t.weight, 0) / found.length : this.idf('');
    for (const t of resolved) if (t.status === 'unknown') t.weight = t.entity ? this.idf('') : average;
    return resolved;
  }

  /**
   * Finds passages matching any of the resolved terms. Unknown terms are still tried as prefixes of
   * longer words (an unfinished word, or a form the stemmer did not reduce).
   */
  find(terms: readonly ResolvedTerm[], limit = 30): PassageHit[] {
    const searched = terms.filter((t) => t.status !== 'unknown' || t.term.length >= 4);
    if (!searched.length) return [];
    const original = new Map(searched.map((t) => [t.searchAs, t]));
    const results = this.search.search(searched.map((t) => t.searchAs).join(' '), {
      boost: BOOST,
      combineWith: 'OR',
      prefix: (term) => original.get(term)?.status === 'unknown',
      boostTerm: (term) => (original.get(term)?.status === 'corrected' ? CORRECTED_BOOST : 1),
      // Question terms were analysed already: keep them as they are.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
    });
    return results.slice(0, limit).map((r) => this.toHit(r, original));
  }

  /** Index terms close to `term` (spelling neighbours, or words it begins), most frequent first. */
  similarTerms(term: string, limit = 3): string[] {
    const near = [...this.vocabulary.fuzzyGet(term, term.length >= 7 ? 2 : 1).entries()].map(
      ([key, [df, distance]]) => ({ key, rank: distance * 1000 - df }),
    );
    const longer = term.length >= 4 ? [...this.vocabulary.atPrefix(term).entries()].map(([key, df]) => ({ key, rank: 500 - df })) : [];
    return [...new Map([...near, ...longer].filter((c) => c.key !== term).map((c) => [c.key, c])).values()]
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((c) => c.key);
  }

  /** The most common way a term is written in the articles (for showing suggestions). */
  spelling(term: string): string {
    const forms = this.spellings.get(term);
    if (!forms) return term;
    let best = term;
    let count = -1;
    for (const [form, c] of forms) if (c > count) [best, count] = [form, c];
    return best;
  }

  private correct(term: string): string | undefined {
    if (term.length < 4 || /\d/.test(term)) return undefined;
    const maxDistance = term.length >= 8 ? 2 : 1;
    let best: { key: string; distance: number; df: number } | undefined;
    for (const [key, [df, distance]] of this.vocabulary.fuzzyGet(term, maxDistance)) {
      if (key[0] !== term[0] || key.length < 3) continue;
      if (!best || distance < best.distance || (distance === best.distance && df > best.df)) best = { key, distance, df };
    }
    return best?.key;
  }

  private toHit(result: SearchResult, original: ReadonlyMap<string, ResolvedTerm>): PassageHit {
    const passage = this.passages[result.id as number] as Passage;
    const queryTerms = result.queryTerms.map((t) => original.get(t)?.term ?? t);
    return { passage, score: result.score, queryTerms, matchedTerms: result.terms };
  }

  private countTerms(text: string): void {
    const seen = new Set<string>();
    for (const word of tokenizeWords(text)) {
      for (const term of analyzeWord(word)) {
        seen.add(term);
        let forms = this.spellings.get(term);
        if (!forms) this.spellings.set(term, (forms = new Map()));
        const form = fold(word).replace(/'s$|'$/u, '');
        forms.set(form, (forms.get(form) ?? 0) + 1);
      }
    }
    for (const term of seen) this.vocabulary.set(term, (this.vocabulary.get(term) ?? 0) + 1);
  }
}
