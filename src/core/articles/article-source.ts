import { madeFor } from '../once.ts';
import type { Article, ArticleSummary } from '../types.ts';

/**
 * Where a desk's articles come from (issue 18): what every question needs of them — each article's
 * metadata and paragraph count, for the candidates' publication dates, citations' titles and links,
 * `sources` and autocomplete — is held in memory; the paragraphs' text, which only a cited passage's link,
 * `article` and `eval` read, is asked for by id. The in-memory desk holds its articles whole and gives
 * them at once ({@link articlesInMemory}); over PostgreSQL the text stays in the database and is read on
 * demand (`search/postgres/postgres-article-source.ts`), so a process serving a million paragraphs does not
 * hold them all.
 */
export interface ArticleSource {
  /** Every article's metadata and paragraph count (no text), sorted by id, as `sources` lists them. */
  readonly summaries: readonly ArticleSummary[];
  /**
   * Whole articles, text included, in the order of `ids` (undefined for an id it has not). May answer at
   * once (no promise: the in-memory source, whose callers then wait for nothing) or from a database.
   */
  articles(
    ids: readonly string[],
  ): readonly (Article | undefined)[] | Promise<readonly (Article | undefined)[]>;
}

/** A source whose articles are all in memory (the default desk's, and the one a snapshot restores). */
export interface ArticlesInMemory extends ArticleSource {
  /** The articles themselves, by id. */
  readonly byId: ReadonlyMap<string, Article>;
  /** The articles as given. */
  readonly list: readonly Article[];
  articles(ids: readonly string[]): readonly (Article | undefined)[];
}

/**
 * The source of articles held in memory: their summaries are made once, their text given at once.
 * `summaries`: summaries made before, by article (a desk's own: see {@link SummariesMade}).
 */
export function articlesInMemory(list: readonly Article[], summaries?: SummariesMade): ArticlesInMemory {
  const byId = new Map(list.map((a) => [a.id, a]));
  return {
    byId,
    list,
    summaries: list.map((article) => madeFor(summaries, article, summarize)),
    articles: (ids) => ids.map((id) => byId.get(id)),
  };
}

/**
 * Summaries made, by article, kept by a desk: a reload that changes one article of 10,000 makes the held
 * articles again (`Desk.update`), and summarizing every one of them again was tens of milliseconds of the
 * time a new article took to be answerable. An article is never changed in place (a changed file is read
 * into a new object), so its summary stays right; weak, so an entry goes with its article.
 */
export type SummariesMade = WeakMap<Article, ArticleSummary>;

/** An article's metadata and paragraph count (what `sources` lists). */
export function summarize(article: Article): ArticleSummary {
  const { paragraphs, ...meta } = article;
  return { ...meta, paragraphs: paragraphs.length };
}
