import { publishedAfter } from '../../time/as-of.ts';
import type { Article } from '../../types.ts';
import type {
  CandidateOptions,
  Passage,
  PassageHit,
  QuestionTerm,
  ResolvedTerm,
  SearchEngine,
  TermFacts,
} from '../search-engine.ts';
import { type IndexParts, PassageIndex, type PassageIndexOptions } from './passage-index.ts';

/**
 * The embedded engine: MiniSearch in memory ({@link PassageIndex}) behind the search port. Nothing to
 * install, nothing to connect to; what `SEARCH_BACKEND=memory` (the default) runs.
 *
 * Every method does its work synchronously before its promise settles: a question's scoring (the
 * `PassageIndex`'s score arrays, reused from one question to the next to spare allocations) runs to the
 * end without yielding, so two questions in flight at once never share a half-scored board.
 */
export class MemoryEngine implements SearchEngine {
  private index: PassageIndex;
  /** The articles indexed, by id, in the order they were given (a rebuild keeps it). */
  private articles: Map<string, Article>;
  private readonly options: PassageIndexOptions;

  /**
   * Indexes the articles, or takes an index already built from them ({@link IndexParts}, as a snapshot
   * restores it).
   */
  constructor(articles: readonly Article[], options: PassageIndexOptions = {}, parts?: IndexParts) {
    this.options = options;
    this.articles = new Map(articles.map((a) => [a.id, a]));
    this.index = new PassageIndex(parts ?? articles, options);
  }

  /** What the index is made of, for writing a snapshot (`index-snapshot.ts`). */
  get parts(): IndexParts {
    return this.index.parts;
  }

  /** The same as {@link warmUp}, for a caller that cannot wait: the work is synchronous. */
  warmUpNow(): void {
    this.index.warmUp();
  }

  async warmUp(): Promise<void> {
    this.index.warmUp();
  }

  async resolve(terms: readonly QuestionTerm[]): Promise<ResolvedTerm[]> {
    return this.index.resolve(terms);
  }

  async candidates(terms: readonly ResolvedTerm[], options: CandidateOptions): Promise<PassageHit[]> {
    const { asOf } = options;
    if (!asOf) return this.index.find(terms, options.limit);
    // Dates are read once per article and question: the filter is asked of every passage that would enter
    // the candidates (thousands, for a question with a common word), and many share an article.
    const after = new Map<string, boolean>();
    const allowed = ({ articleId }: Passage) => {
      let later = after.get(articleId);
      if (later === undefined) {
        later = publishedAfter(this.articles.get(articleId)?.published, asOf);
        after.set(articleId, later);
      }
      return !later;
    };
    return this.index.find(terms, options.limit, allowed);
  }

  async lookUp(terms: readonly string[]): Promise<TermFacts[]> {
    return terms.map((term) => ({
      df: this.index.df(term),
      idf: this.index.idf(term),
      name: this.index.isName(term),
    }));
  }

  async suggestions(terms: readonly string[], limit: number): Promise<string[][]> {
    return terms.map((term) =>
      this.index.similarTerms(term, limit).map((similar) => this.index.spelling(similar)),
    );
  }

  /**
   * Indexes the articles (replacing those with the same id) by building the whole index again, then
   * swapping it in: correct, not yet incremental (issue 17 part 2).
   */
  async add(articles: readonly Article[]): Promise<void> {
    const next = new Map(this.articles);
    for (const article of articles) next.set(article.id, article);
    this.rebuild(next);
  }

  async remove(articleIds: readonly string[]): Promise<void> {
    const next = new Map(this.articles);
    for (const id of articleIds) next.delete(id);
    if (next.size !== this.articles.size) this.rebuild(next);
  }

  async size(): Promise<number> {
    return this.index.size;
  }

  private rebuild(articles: Map<string, Article>): void {
    const index = new PassageIndex([...articles.values()], this.options);
    index.warmUp();
    this.index = index;
    this.articles = articles;
  }
}
