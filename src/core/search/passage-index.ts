import MiniSearch, { type SearchResult } from 'minisearch';
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

/** A passage that matched a query, with what matched. */
export interface PassageHit {
  passage: Passage;
  /** MiniSearch's BM25+ score. */
  score: number;
  /** Question terms this passage matched (exactly, by prefix or fuzzily). */
  queryTerms: string[];
  /** Index terms in the passage that matched (what to mark in its text). */
  matchedTerms: string[];
}

/** Field weights: the paragraph itself counts most; its heading and the article title give context. */
const BOOST = { text: 1, heading: 0.5, title: 0.35 };

/**
 * The in-memory MiniSearch index over every citable (`body`) paragraph of the articles, plus the
 * vocabulary statistics that ranking and confidence need (document frequency of each term, and the most
 * common spelling of each term for "did you mean" suggestions).
 */
export class PassageIndex {
  /** Every indexed passage, by id. */
  readonly passages: Passage[] = [];
  /** Number of passages each index term occurs in. */
  readonly documentFrequency = new Map<string, number>();
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
    return this.documentFrequency.has(term);
  }

  /**
   * Inverse document frequency (BM25 form) of a term; a term the articles never use gets the highest
   * value, as if it occurred in half a passage.
   */
  idf(term: string): number {
    const n = this.passages.length;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Finds passages matching any of the terms (already analysed). Terms the articles never use are matched
   * forgivingly: by edit distance (typos) and as prefixes (unfinished words); known terms match exactly,
   * which keeps search fast and precise.
   */
  find(terms: readonly string[], limit = 30): PassageHit[] {
    if (!terms.length) return [];
    const results = this.search.search(terms.join(' '), {
      boost: BOOST,
      combineWith: 'OR',
      fuzzy: (term) => (this.has(term) ? false : term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
      prefix: (term) => !this.has(term) && term.length >= 3,
      // Question terms were analysed already: keep them as they are.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
    });
    return results.slice(0, limit).map((r) => this.toHit(r));
  }

  /** Index terms within a small edit distance (or extending) `term`, most frequent first. */
  similarTerms(term: string, limit = 3): string[] {
    const results = this.search.search(term, {
      fuzzy: term.length >= 7 ? 2 : 1,
      prefix: term.length >= 4,
      fields: ['text'],
      tokenize: (text) => [text],
      processTerm: (t) => t,
    });
    const seen = new Map<string, number>();
    for (const r of results) {
      for (const t of r.terms) if (t !== term) seen.set(t, this.documentFrequency.get(t) ?? 0);
    }
    return [...seen.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([t]) => t);
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

  private toHit(result: SearchResult): PassageHit {
    const passage = this.passages[result.id as number] as Passage;
    return { passage, score: result.score, queryTerms: result.queryTerms, matchedTerms: result.terms };
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
    for (const term of seen) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }
}
