import { momentAfter, type PublicationMoment, publicationMoment } from '../../time/as-of.ts';
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
  private readonly index: PassageIndex;
  /** The articles indexed, by id, in the order they were given (a rebuild keeps it). */
  private readonly articles: Map<string, Article>;
  /** Each article's publication date as read (`null`: none), by id, filled as questions need them. */
  private readonly published = new Map<string, PublicationMoment | null>();

  /**
   * Indexes the articles, or takes an index already built from them ({@link IndexParts}, as a snapshot
   * restores it).
   */
  constructor(articles: readonly Article[], options: PassageIndexOptions = {}, parts?: IndexParts) {
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
    // The filter is asked of every passage that would enter the candidates (hundreds, for a question with
    // a common word): each article's date is read once, not on every question.
    const allowed = ({ articleId }: Passage) => !momentAfter(this.publishedOf(articleId), asOf);
    return this.index.find(terms, options.limit, allowed);
  }

  /** An article's publication date, read once and kept until the article changes ({@link add}, {@link remove}). */
  private publishedOf(articleId: string): PublicationMoment | undefined {
    let moment = this.published.get(articleId);
    if (moment === undefined) {
      moment = publicationMoment(this.articles.get(articleId)?.published) ?? null;
      this.published.set(articleId, moment);
    }
    return moment ?? undefined;
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
   * Indexes the articles in place (replacing those with the same id: their old passages go), one at a
   * time, as a rebuild would index them (`PassageIndex.update`): milliseconds an article, where rebuilding
   * a large index takes seconds.
   */
  async add(articles: readonly Article[]): Promise<void> {
    for (const article of articles) {
      this.index.update({ remove: this.articles.has(article.id) ? [article.id] : [], add: [article] });
      this.articles.set(article.id, article);
      this.published.delete(article.id);
    }
  }

  async remove(articleIds: readonly string[]): Promise<void> {
    const known = articleIds.filter((id) => this.articles.has(id));
    if (!known.length) return;
    this.index.update({ remove: known });
    for (const id of known) {
      this.articles.delete(id);
      this.published.delete(id);
    }
  }

  /** {@link warmUpNow} in steps of a few milliseconds (`PassageIndex.warmingUp`), for work between them. */
  warmingUp(): Generator<void> {
    return this.index.warmingUp();
  }

  async size(): Promise<number> {
    return this.index.size;
  }
}
