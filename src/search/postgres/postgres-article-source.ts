import type pg from 'pg';
import type { ArticleSource } from '../../core/articles/article-source.ts';
import { BoundedMap } from '../../core/bounded-map.ts';
import type { Article, ArticleMeta, ArticleSummary, Paragraph } from '../../core/types.ts';
import type { VocabularyMirror } from './vocabulary-mirror.ts';

/**
 * Whole articles kept after being read: a page cites at most a few, and a question asked again (or its
 * next page) cites the same ones. A few hundred articles are a few MB, against gigabytes for all of them.
 */
export const ARTICLE_CACHE = 256;

/**
 * The articles of a desk answering from PostgreSQL (`ArticleSource`): their summaries are the vocabulary
 * mirror's (in memory, refreshed on every change), their text is read from the database when asked for
 * (a cited passage's earlier paragraphs, `article`), one query for all the ids asked at once, and kept in
 * a small bounded cache that every change empties.
 */
export class PostgresArticleSource implements ArticleSource {
  private readonly cache = new BoundedMap<string, Article>(ARTICLE_CACHE);
  /** Bumped by every change: an article read before it is not cached after it. */
  private generation = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly mirror: VocabularyMirror,
  ) {}

  get summaries(): readonly ArticleSummary[] {
    return this.mirror.summaries();
  }

  /** Forgets every article read: the database changed (call before the desk is told). */
  changed(): void {
    this.generation++;
    this.cache.clear();
  }

  async articles(ids: readonly string[]): Promise<(Article | undefined)[]> {
    const missing = [...new Set(ids.filter((id) => !this.cache.has(id) && this.mirror.articles.has(id)))];
    const read = new Map<string, Article>();
    if (missing.length) {
      const generation = this.generation;
      const { rows } = await this.pool.query<{ id: string; meta: ArticleMeta; paragraphs: Paragraph[] }>({
        // Prepared once per connection (named): planned once, not on every question.
        name: 'newsdesk_article_texts',
        text: 'SELECT id, meta, paragraphs FROM newsdesk_articles WHERE id = ANY($1)',
        values: [missing],
      });
      for (const row of rows) {
        const article = { ...row.meta, paragraphs: row.paragraphs };
        read.set(row.id, article);
        if (generation === this.generation) this.cache.set(row.id, article);
      }
    }
    return ids.map((id) => read.get(id) ?? this.cache.get(id));
  }
}
