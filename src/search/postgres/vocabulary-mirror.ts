import type pg from 'pg';
import {
  PassageIndex,
  type PassageIndexOptions,
  type TermLookups,
  vocabularyParts,
  writtenFormsByInitial,
} from '../../core/search/minisearch/passage-index.ts';
import { firstAtLeast } from '../../core/search/sorted-words.ts';
import type { ArticleMeta, ArticleSummary } from '../../core/types.ts';
import { TermTable } from './term-table.ts';

/** Rows read from PostgreSQL at a time when the mirror is refreshed. */
const MIRROR_PAGE = 20_000;

/** Distinct source names and dates {@link VocabularyMirror} keeps one copy of. */
const MAX_SHARED_STRINGS = 100_000;

/** The totals BM25 needs: passages, and each field's summed length. */
export interface Totals {
  articles: number;
  passages: number;
  textLength: number;
  headingLength: number;
  titleLength: number;
  /** Average length of text, heading and title, as MiniSearch keeps it (see `followAverages`). */
  averages: [number, number, number];
  revision: number;
}

/** Per term, the passages with it in their heading and in their title (BM25 per field). */
export interface ContextDf {
  heading: number;
  title: number;
}

/**
 * The database's vocabulary held in this process: every term's statistics (a few MB even at a million
 * passages, against gigabytes for the passages), read whole at start and then only what each change
 * touched (rows carry the revision that last changed them). Questions are resolved against it by the
 * same code as the memory engine's ({@link PassageIndex.resolve}: misspellings, forms, words of like
 * meaning, place names), so both engines read a question alike; the passages stay in the database.
 */
export class VocabularyMirror {
  /**
   * Terms of passage texts (df > 0), as the memory engine's `TermCounter` counts them: in flat arrays (a
   * `Map` of an object per term was ~58 MB at a million paragraphs; see `TermTable`).
   */
  readonly terms = new TermTable();
  /**
   * Every article's metadata and paragraph count, as the desk cites and lists them (`sources`, the
   * metadata of a cited passage): read at start, then those a change wrote. Never the paragraphs' text,
   * which `PostgresArticleSource` reads on demand (at a million paragraphs it would be most of the heap).
   */
  readonly articles = new Map<string, ArticleSummary>();
  /** The strings summaries share (see {@link summaryOf}). */
  private readonly strings = new Map<string, string>();
  /** {@link articles} sorted by id, made again after a change. */
  private sortedArticles: ArticleSummary[] | undefined;
  /** Terms of headings and titles. */
  readonly context = new Map<string, ContextDf>();
  totals: Totals = {
    articles: 0,
    passages: 0,
    textLength: 0,
    headingLength: 0,
    titleLength: 0,
    averages: [0, 0, 0],
    revision: -1,
  };
  /**
   * The latest publication time of any article (ms), or undefined when none is dated: a question asked as
   * of a day after it needs no passage's date checked. Read whole on each refresh (one scan of the
   * articles, not of their passages).
   */
  newestPublished: number | undefined;
  private resolverIndex: PassageIndex | undefined;
  /** Every term (text, heading or title), sorted: for prefix searches. */
  private sorted: string[] | undefined;

  /** `options`: the word vectors and place names questions are resolved with (as the memory engine's). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PassageIndexOptions = {},
  ) {}

  /** Reads what changed since the last refresh (everything, the first time). Returns whether anything did. */
  async refresh(): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      // One snapshot of the database for the three reads: a change committed between them is read next time.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows: totals } = await client.query<Record<string, string>>(
        'SELECT articles, passages, text_length, heading_length, title_length, text_average, heading_average, title_average, revision FROM newsdesk_totals WHERE id = 1',
      );
      const t = totals[0] as Record<string, string>;
      const revision = Number(t.revision);
      if (revision === this.totals.revision) {
        await client.query('COMMIT');
        return false;
      }
      const since = this.totals.revision;
      // From here the mirror changes: what is derived from it is made again on next use. A refresh that
      // fails half-way is done again from the same revision (setting a row to its values twice is harmless).
      this.resolverIndex = undefined;
      this.sorted = undefined;
      this.sortedArticles = undefined;
      /**
       * Hands `use` each row of `sql` a page at a time, through a cursor in this snapshot: at a million
       * paragraphs the terms, forms and articles are ~550k rows, and holding them all at once before
       * taking them in raised the process's peak memory (and its RSS for good) by some 100 MB.
       */
      const each = async <R extends pg.QueryResultRow>(
        sql: string,
        params: unknown[],
        use: (row: R) => void,
      ) => {
        await client.query(`DECLARE newsdesk_mirror NO SCROLL CURSOR FOR ${sql}`, params);
        for (;;) {
          const { rows } = await client.query<R>(`FETCH FORWARD ${MIRROR_PAGE} FROM newsdesk_mirror`);
          for (const row of rows) use(row);
          if (rows.length < MIRROR_PAGE) break;
        }
        await client.query('CLOSE newsdesk_mirror');
      };
      // The first read builds the terms' table whole; later ones change the terms a change touched.
      const builder = since < 0 ? TermTable.builder() : undefined;
      await each<{
        term: string;
        df: number;
        heading_df: number;
        title_df: number;
        capital: number;
        lower: number;
      }>(
        'SELECT term, df, heading_df, title_df, capital, lower FROM newsdesk_terms WHERE revision > $1 ORDER BY seq',
        [since],
        (row) => {
          if (builder) {
            if (row.df > 0) builder.addTerm(row.term, row);
          } else if (row.df > 0) this.terms.set(row.term, row);
          else this.terms.delete(row.term);
          if (row.heading_df > 0 || row.title_df > 0)
            this.context.set(row.term, { heading: row.heading_df, title: row.title_df });
          else this.context.delete(row.term);
        },
      );
      await each<{ term: string; form: string; uses: number }>(
        'SELECT term, form, uses FROM newsdesk_term_forms WHERE revision > $1 ORDER BY seq',
        [since],
        (row) =>
          builder
            ? builder.addForm(row.term, row.form, row.uses)
            : this.terms.setForm(row.term, row.form, row.uses),
      );
      if (builder) this.terms.load(builder.build());
      await each<{ id: string; meta: ArticleMeta; paragraphs: number }>(
        'SELECT id, meta, jsonb_array_length(paragraphs) AS paragraphs FROM newsdesk_articles WHERE revision > $1',
        [since],
        (row) => this.articles.set(row.id, this.summaryOf(row.id, row.meta, row.paragraphs)),
      );
      const { rows: newest } = await client.query<{ newest: Date | null }>(
        'SELECT max(published_at) AS newest FROM newsdesk_articles',
      );
      // Removed articles leave no row: the ids still there tell which.
      const ids =
        since >= 0
          ? new Set(
              (await client.query<{ id: string }>('SELECT id FROM newsdesk_articles')).rows.map((r) => r.id),
            )
          : undefined;
      await client.query('COMMIT');
      this.newestPublished = newest[0]?.newest?.getTime();
      if (ids) for (const id of this.articles.keys()) if (!ids.has(id)) this.articles.delete(id);
      this.totals = {
        articles: Number(t.articles),
        passages: Number(t.passages),
        textLength: Number(t.text_length),
        headingLength: Number(t.heading_length),
        titleLength: Number(t.title_length),
        averages: [Number(t.text_average), Number(t.heading_average), Number(t.title_average)],
        revision,
      };
      // Again: a question answered while the pages came in may have made them from half of them.
      this.resolverIndex = undefined;
      this.sorted = undefined;
      this.sortedArticles = undefined;
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * A passage index holding this vocabulary and no passages, to resolve questions with (made again after
   * each change). Its passage count is the database's, for the terms' IDF.
   */
  get resolver(): PassageIndex {
    if (!this.resolverIndex) {
      const parts = vocabularyParts(this.terms, this.totals.passages);
      this.resolverIndex = new PassageIndex(parts, {
        ...this.options,
        // Not a radix tree of every written form (~70 MB at a million paragraphs): a small one for each
        // misspelled word, of the forms it can be a slip of.
        writtenFormsNear: writtenFormsByInitial(this.terms),
        // Nor of every term (~40 MB): the sorted list of them answers both look-ups.
        termLookups: this.termLookups,
      });
    }
    return this.resolverIndex;
  }

  /**
   * An article's summary as held: one object shape, its id the row's, and its source and date strings
   * shared with every other article's that has them (at a million paragraphs, ~80k articles from a few
   * sources over a few thousand days: separate copies were a quarter of the summaries' memory).
   */
  private summaryOf(id: string, meta: ArticleMeta, paragraphs: number): ArticleSummary {
    const summary: ArticleSummary = { id, title: meta.title, paragraphs };
    if (meta.fullTitle !== undefined) summary.fullTitle = meta.fullTitle;
    if (meta.source !== undefined) summary.source = this.shared(meta.source);
    if (meta.url !== undefined) summary.url = meta.url;
    if (meta.published !== undefined) summary.published = this.shared(meta.published);
    if (meta.opening !== undefined) summary.opening = meta.opening;
    return summary;
  }

  /** One copy of a string many articles repeat (see {@link summaryOf}). */
  private shared(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    // Bounded: a deployment with an unusual number of distinct sources or dates keeps copies beyond it.
    if (this.strings.size < MAX_SHARED_STRINGS) this.strings.set(text, text);
    return text;
  }

  /** Every article's summary, sorted by id (the same array until the next change). */
  summaries(): readonly ArticleSummary[] {
    this.sortedArticles ??= [...this.articles.values()].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    return this.sortedArticles;
  }

  /** Per field, the number of passages with the term (text, heading, title). */
  fieldDf(term: string): [number, number, number] {
    const context = this.context.get(term);
    return [this.terms.get(term)?.df ?? 0, context?.heading ?? 0, context?.title ?? 0];
  }

  /** Every term (of texts, headings or titles) that starts with `prefix` and is longer. */
  longerTerms(prefix: string): string[] {
    const list = this.sortedTerms;
    const found: string[] = [];
    for (let i = firstAtLeast(list, prefix); i < list.length && (list[i] as string).startsWith(prefix); i++)
      if (list[i] !== prefix) found.push(list[i] as string);
    return found;
  }

  /** Every term of texts, headings or titles, sorted (made again after a change). */
  private get sortedTerms(): string[] {
    this.sorted ??= [...new Set([...this.terms.keys(), ...this.context.keys()])].sort();
    return this.sorted;
  }

  /**
   * The resolver's look-ups of the text terms (`TermLookups`), from {@link sortedTerms}: the terms a
   * misspelling may be a slip of (those with its first letter and a length within two of its), and the
   * terms a prefix begins.
   */
  private readonly termLookups: TermLookups = {
    near: (word) => {
      const list = this.sortedTerms;
      const first = word[0] ?? '';
      const end = firstAtLeast(list, String.fromCharCode(first.charCodeAt(0) + 1));
      const near: string[] = [];
      for (let i = firstAtLeast(list, first); i < end; i++) {
        const term = list[i] as string;
        if (Math.abs(term.length - word.length) <= 2 && this.terms.has(term)) near.push(term);
      }
      return near;
    },
    startingWith: (prefix) => {
      const list = this.sortedTerms;
      const found: string[] = [];
      for (let i = firstAtLeast(list, prefix); i < list.length && (list[i] as string).startsWith(prefix); i++)
        if (this.terms.has(list[i] as string)) found.push(list[i] as string);
      return found;
    },
  };
}
