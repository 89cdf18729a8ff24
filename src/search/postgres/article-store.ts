import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TermStats } from '../../core/search/minisearch/term-counts.ts';
import { publishedTime } from '../../core/time/as-of.ts';
import type { Article, ArticleMeta } from '../../core/types.ts';
import { articleRows } from './article-rows.ts';
import { POSTINGS_DELETE, POSTINGS_INDEX_DROPS, POSTINGS_INDEXES, POSTINGS_INSERT } from './postings.ts';
import { CHANGES_CHANNEL, SYNC_LOCK } from './schema.ts';
import { forgetAnalyses } from './word-analyses.ts';

/** What a sync changed in the database. */
export interface SyncReport {
  added: string[];
  changed: string[];
  removed: string[];
  /** The database's revision after it (unchanged when nothing changed). */
  revision: number;
}

/** Articles written per transaction when many are synced at once (a first load of a large folder). */
const BATCH_ARTICLES = 1_000;
/**
 * Passages from which a load into an empty database takes the bulk path: rows sent with COPY, the postings
 * written by one statement and their indexes built once at the end (building a btree whole is several
 * times faster than growing it row by row).
 */
const BULK_PASSAGES = 50_000;

/** Options for an {@link ArticleStore}. */
export interface ArticleStoreOptions {
  /** Passages from which a load into an empty database takes the bulk path (default 50,000). */
  bulkPassages?: number;
  /** Told each step of a bulk load as it ends, with its duration (the benchmark prints them). */
  onBulkStep?: (step: string, ms: number) => void;
}

/** A hash of everything an article holds: a changed file gives another. */
export function articleHash(article: Article): string {
  return createHash('sha256').update(JSON.stringify(article)).digest('base64url');
}

/** Changes to the vocabulary's counts, summed over the articles added (+1) and removed (−1) in one batch. */
class VocabularyDelta {
  readonly terms = new Map<
    string,
    { df: number; headingDf: number; titleDf: number; capital: number; lower: number }
  >();
  readonly forms = new Map<string, Map<string, number>>();
  passages = 0;
  textLength = 0;
  headingLength = 0;
  titleLength = 0;
  /** Passages removed (−1) and added (+1), in order, with their field lengths (null: no heading). */
  readonly lengths: { sign: 1 | -1; fields: [number, number | null, number] }[] = [];

  add(rows: ReturnType<typeof articleRows>, sign: 1 | -1): void {
    for (const p of rows.passages) {
      this.lengths.push({
        sign,
        fields: [p.textLength, p.heading === null ? null : p.headingLength, p.titleLength],
      });
      this.passages += sign;
      this.textLength += sign * p.textLength;
      this.headingLength += sign * p.headingLength;
      this.titleLength += sign * p.titleLength;
    }
    const entry = (term: string) => {
      let e = this.terms.get(term);
      if (!e) {
        e = { df: 0, headingDf: 0, titleDf: 0, capital: 0, lower: 0 };
        this.terms.set(term, e);
      }
      return e;
    };
    for (const [term, stats] of rows.terms as Map<string, TermStats>) {
      const e = entry(term);
      e.df += sign * stats.df;
      e.capital += sign * stats.capital;
      e.lower += sign * stats.lower;
      let forms = this.forms.get(term);
      if (!forms) {
        forms = new Map();
        this.forms.set(term, forms);
      }
      for (const [form, uses] of stats.forms) forms.set(form, (forms.get(form) ?? 0) + sign * uses);
    }
    for (const [term, counts] of rows.contextDf) {
      const e = entry(term);
      e.headingDf += sign * counts.heading;
      e.titleDf += sign * counts.title;
    }
  }
}

/**
 * Articles in PostgreSQL: syncs a set of articles (a folder's) into the tables of `schema.ts`, keeping the
 * vocabulary's statistics and the totals in step, and announces each change on {@link CHANGES_CHANNEL} so
 * every process serving from the database picks it up. Writers take turns through an advisory lock: two
 * processes syncing the same folder at once add each article once.
 */
export class ArticleStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ArticleStoreOptions = {},
  ) {}

  /**
   * Adds new articles and rewrites changed ones (by content hash). What it removes:
   * - with `origin` (an articles folder, by its path): the articles this origin held at its last sync and
   *   holds no longer, unless another origin still holds them. The database is the union of its folders
   *   and of what was added otherwise (never removed here): two processes with different folders add to
   *   one another's articles instead of deleting them.
   * - with `removeMissing` (`npm run sync -- --prune`, the benchmark): every article not among these.
   * - with neither: nothing.
   * `holds`, with `origin`: the ids of every article the origin has, when `articles` are only those read
   * since its last sync (a folder's changed files; its other articles are in the database already).
   */
  async sync(
    articles: readonly Article[],
    options: { removeMissing?: boolean; origin?: string; holds?: readonly string[] },
  ): Promise<SyncReport> {
    try {
      return await this.syncArticles(articles, options);
    } finally {
      forgetAnalyses();
    }
  }

  /** {@link sync}'s work. */
  private async syncArticles(
    articles: readonly Article[],
    options: { removeMissing?: boolean; origin?: string; holds?: readonly string[] },
  ): Promise<SyncReport> {
    const hashes = new Map(articles.map((a) => [a.id, articleHash(a)]));
    const { rows } = await this.pool.query<{ id: string; content_hash: string }>(
      'SELECT id, content_hash FROM newsdesk_articles',
    );
    const stored = new Map(rows.map((r) => [r.id, r.content_hash]));
    const added = articles.filter((a) => !stored.has(a.id));
    const changed = articles.filter((a) => stored.has(a.id) && stored.get(a.id) !== hashes.get(a.id));
    const removed = options.removeMissing ? [...stored.keys()].filter((id) => !hashes.has(id)) : [];
    if (options.origin !== undefined) {
      const report = await this.syncWrites(hashes, stored, added, changed, removed);
      return this.claim(options.origin, options.holds ?? [...hashes.keys()], report);
    }
    return this.syncWrites(hashes, stored, added, changed, removed);
  }

  /** The writes of {@link sync}: in bulk into an empty database, else in batches of articles. */
  private async syncWrites(
    hashes: ReadonlyMap<string, string>,
    stored: ReadonlyMap<string, string>,
    added: readonly Article[],
    changed: readonly Article[],
    removed: readonly string[],
  ): Promise<SyncReport> {
    const report: SyncReport = {
      added: added.map((a) => a.id),
      changed: changed.map((a) => a.id),
      removed: [...removed],
      revision: await this.revision(),
    };
    const writes = [...added, ...changed];
    const passages = writes.reduce((n, a) => n + a.paragraphs.length, 0);
    if (stored.size === 0 && passages >= (this.options.bulkPassages ?? BULK_PASSAGES)) {
      const revision = await this.bulkLoad(writes, hashes);
      if (revision !== undefined) return { ...report, revision };
    }
    for (let i = 0; i < Math.max(writes.length, removed.length ? 1 : 0); i += BATCH_ARTICLES) {
      const batch = writes.slice(i, i + BATCH_ARTICLES);
      report.revision = (await this.write(batch, i === 0 ? removed : [], hashes)).revision;
    }
    return report;
  }

  /**
   * Loads many articles into an empty database in one transaction: the rows go in with COPY (the next
   * batch is analysed while the database takes the last), the vocabulary is counted once, then the
   * postings are written from the passages by one statement and their indexes built whole. Returns
   * undefined (nothing done) when the database turns out not to be empty under the lock.
   */
  private async bulkLoad(
    articles: readonly Article[],
    hashes: ReadonlyMap<string, string>,
  ): Promise<number | undefined> {
    let began = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      this.options.onBulkStep?.(name, now - began);
      began = now;
    };
    const revision = await this.underSyncLock(async (client) => {
      const { rows } = await client.query('SELECT 1 FROM newsdesk_articles LIMIT 1');
      if (rows.length) return undefined;
      // Sorting and writing a large index runs in memory up to this, instead of on disk in many runs.
      await client.query("SET LOCAL maintenance_work_mem = '512MB'");
      for (const drop of POSTINGS_INDEX_DROPS) await client.query(drop);
      return this.newRevision(client, async (revision) => {
        const delta = new VocabularyDelta();
        let copying: Promise<void> = Promise.resolve();
        for (let i = 0; i < articles.length; i += BATCH_ARTICLES) {
          const prepared = prepareRows(articles.slice(i, i + BATCH_ARTICLES), hashes, delta);
          await copying;
          copying = copyRows(client, prepared, revision);
        }
        await copying;
        step('articles and passages (analysed, sent with COPY)');
        await this.applyDelta(client, delta, articles.length, revision);
        step('vocabulary');
        await client.query(POSTINGS_INSERT('true'));
        step('postings');
        for (const create of POSTINGS_INDEXES) await client.query(create);
        step('postings indexes');
      });
    });
    if (revision === undefined) return undefined;
    // Marks the pages all-visible (index-only scans of the postings) and gathers the planner's statistics.
    await this.pool.query('VACUUM ANALYZE newsdesk_postings');
    await this.pool.query('ANALYZE newsdesk_passages');
    await this.pool.query('ANALYZE newsdesk_terms');
    step('vacuum and analyse');
    return revision;
  }

  /**
   * Records that `origin` holds exactly these articles (ids), and removes the articles it held before and
   * holds no longer that no other origin holds (see {@link sync}). Adds them to `report`.
   */
  private async claim(origin: string, ids: readonly string[], report: SyncReport): Promise<SyncReport> {
    const dropped = await this.underSyncLock(async (client) => {
      const SLICE = 50_000;
      for (let i = 0; i < ids.length; i += SLICE)
        await client.query(
          `INSERT INTO newsdesk_article_origins (article_id, origin)
           SELECT a.id, $2 FROM newsdesk_articles a WHERE a.id = ANY($1)
           ON CONFLICT DO NOTHING`,
          [ids.slice(i, i + SLICE), origin],
        );
      const { rows } = await client.query<{ article_id: string }>(
        'DELETE FROM newsdesk_article_origins WHERE origin = $1 AND NOT (article_id = ANY($2)) RETURNING article_id',
        [origin, ids],
      );
      return rows.map((r) => r.article_id);
    });
    if (!dropped.length) return report;
    // Only the articles no origin holds any more (checked again under the lock, as they are removed).
    const removed = await this.write([], dropped, new Map(), { unclaimedOnly: true });
    return { ...report, removed: [...report.removed, ...removed.removed], revision: removed.revision };
  }

  /** Adds or replaces these articles (nothing else is removed). */
  async put(articles: readonly Article[]): Promise<SyncReport> {
    return this.sync(articles, { removeMissing: false });
  }

  /** Removes these articles. */
  async remove(ids: readonly string[]): Promise<SyncReport> {
    try {
      const { revision } = await this.write([], ids, new Map());
      return { added: [], changed: [], removed: [...ids], revision };
    } finally {
      forgetAnalyses();
    }
  }

  /** The database's revision: bumped by every change to the articles. */
  async revision(): Promise<number> {
    const { rows } = await this.pool.query<{ revision: string }>(
      'SELECT revision FROM newsdesk_totals WHERE id = 1',
    );
    return Number(rows[0]?.revision ?? 0);
  }

  /**
   * One transaction, under the sync lock: removes `remove` (with `unclaimedOnly`, those no origin holds)
   * and the old versions of `write`, inserts `write`, adds up the vocabulary's changes, bumps the revision
   * and announces it. Returns the revision and the ids removed.
   */
  private async write(
    write: readonly Article[],
    toRemove: readonly string[],
    hashes: ReadonlyMap<string, string>,
    options: { unclaimedOnly?: boolean } = {},
  ): Promise<{ revision: number; removed: string[] }> {
    return this.underSyncLock(async (client) => {
      // Read under the lock: another process may have written or claimed these articles meanwhile.
      const remove =
        options.unclaimedOnly && toRemove.length
          ? (
              await client.query<{ id: string }>(
                `SELECT id FROM unnest($1::text[]) AS u(id)
                 WHERE NOT EXISTS (SELECT 1 FROM newsdesk_article_origins o WHERE o.article_id = u.id)`,
                [toRemove],
              )
            ).rows.map((r) => r.id)
          : toRemove;
      const ids = [...write.map((a) => a.id), ...remove];
      const { rows: old } = await client.query<{
        id: string;
        meta: ArticleMeta;
        paragraphs: Article['paragraphs'];
        content_hash: string;
      }>('SELECT id, meta, paragraphs, content_hash FROM newsdesk_articles WHERE id = ANY($1)', [ids]);
      const oldById = new Map(old.map((r) => [r.id, r]));
      const toWrite = write.filter((a) => oldById.get(a.id)?.content_hash !== hashes.get(a.id));
      const toDrop = [
        ...new Set([
          ...remove.filter((id) => oldById.has(id)),
          ...toWrite.filter((a) => oldById.has(a.id)).map((a) => a.id),
        ]),
      ];
      const removed = remove.filter((id) => oldById.has(id));
      if (!toWrite.length && !toDrop.length) return { revision: await this.revision(), removed };
      const delta = new VocabularyDelta();
      for (const id of toDrop) {
        const row = oldById.get(id);
        if (row) delta.add(articleRows({ ...row.meta, paragraphs: row.paragraphs }), -1);
      }
      if (toDrop.length) {
        await client.query(POSTINGS_DELETE, [toDrop]);
        await client.query('DELETE FROM newsdesk_articles WHERE id = ANY($1)', [toDrop]);
      }
      // A rewritten article keeps the origins that hold it; a removed one is held by none.
      if (removed.length)
        await client.query('DELETE FROM newsdesk_article_origins WHERE article_id = ANY($1)', [removed]);
      const revision = await this.newRevision(client, async (revision) => {
        await this.insertArticles(client, toWrite, hashes, delta, revision);
        await this.applyDelta(client, delta, toWrite.length - toDrop.length, revision);
        // After the counts: the postings' impacts read them.
        if (toWrite.length)
          await client.query(POSTINGS_INSERT('q.article_id = ANY($1)'), [toWrite.map((a) => a.id)]);
      });
      return { revision, removed };
    });
  }

  /**
   * Runs `work` in one transaction holding the sync lock (two processes syncing at once take turns),
   * committed when it returns and rolled back when it throws.
   */
  private async underSyncLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK.toString()]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Bumps the revision, lets `change` write the articles under it, and announces it to every process
   * listening (delivered when the transaction commits). Returns the revision.
   */
  private async newRevision(
    client: pg.PoolClient,
    change: (revision: number) => Promise<void>,
  ): Promise<number> {
    const { rows } = await client.query<{ revision: string }>(
      'UPDATE newsdesk_totals SET revision = revision + 1 WHERE id = 1 RETURNING revision',
    );
    const revision = Number(rows[0]?.revision);
    await change(revision);
    await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(revision)]);
    return revision;
  }

  private async insertArticles(
    client: pg.PoolClient,
    articles: readonly Article[],
    hashes: ReadonlyMap<string, string>,
    delta: VocabularyDelta,
    revision: number,
  ): Promise<void> {
    await insertRows(client, prepareRows(articles, hashes, delta), revision);
  }

  private async applyDelta(
    client: pg.PoolClient,
    delta: VocabularyDelta,
    articles: number,
    revision: number,
  ): Promise<void> {
    const terms = [...delta.terms].filter(
      ([, e]) => e.df || e.headingDf || e.titleDf || e.capital || e.lower,
    );
    // In the order the articles first use them (new terms get their seq in it: the order the memory
    // engine's vocabulary has, which orders a question's expansions). One writer at a time holds the lock.
    const SLICE = 20_000;
    for (let i = 0; i < terms.length; i += SLICE) {
      const slice = terms.slice(i, i + SLICE);
      await client.query(
        `INSERT INTO newsdesk_terms AS t (term, df, heading_df, title_df, capital, lower, revision)
         SELECT term, df, heading_df, title_df, capital, lower, $7
         FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[])
           WITH ORDINALITY AS u(term, df, heading_df, title_df, capital, lower, n)
         ORDER BY n
         ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df, heading_df = t.heading_df + excluded.heading_df,
           title_df = t.title_df + excluded.title_df, capital = t.capital + excluded.capital,
           lower = t.lower + excluded.lower, revision = excluded.revision`,
        [
          slice.map(([t]) => t),
          slice.map(([, e]) => e.df),
          slice.map(([, e]) => e.headingDf),
          slice.map(([, e]) => e.titleDf),
          slice.map(([, e]) => e.capital),
          slice.map(([, e]) => e.lower),
          revision,
        ],
      );
    }
    const forms: [string, string, number][] = [];
    for (const [term, byForm] of delta.forms)
      for (const [form, uses] of byForm) if (uses) forms.push([term, form, uses]);
    for (let i = 0; i < forms.length; i += SLICE) {
      const slice = forms.slice(i, i + SLICE);
      await client.query(
        `INSERT INTO newsdesk_term_forms AS f (term, form, uses, revision)
         SELECT term, form, uses, $4 FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS u(term, form, uses, n)
         ORDER BY n
         ON CONFLICT (term, form) DO UPDATE SET uses = f.uses + excluded.uses, revision = excluded.revision`,
        [slice.map((f) => f[0]), slice.map((f) => f[1]), slice.map((f) => f[2]), revision],
      );
    }
    const { rows } = await client.query<{ passages: number; averages: number[] }>(
      'SELECT passages, ARRAY[text_average, heading_average, title_average] AS averages FROM newsdesk_totals WHERE id = 1',
    );
    const averages = followAverages(rows[0]?.passages ?? 0, rows[0]?.averages ?? [0, 0, 0], delta.lengths);
    await client.query(
      `UPDATE newsdesk_totals SET articles = articles + $1, passages = passages + $2,
         text_length = text_length + $3, heading_length = heading_length + $4, title_length = title_length + $5,
         text_average = $6, heading_average = $7, title_average = $8
       WHERE id = 1`,
      [articles, delta.passages, delta.textLength, delta.headingLength, delta.titleLength, ...averages],
    );
  }
}

/**
 * The average length of each field after these passages are removed and added, computed as MiniSearch
 * 7.2 keeps it (`addFieldLength`, `removeFieldLength`), passage by passage in the same order, so BM25
 * scores match the memory engine's to the bit: a running average over the passage count, which a passage
 * without the field (no heading) leaves as it is, and which is therefore not the mean of the lengths.
 */
export function followAverages(
  passages: number,
  averages: readonly number[],
  changes: readonly { sign: 1 | -1; fields: readonly (number | null)[] }[],
): number[] {
  const avg = [...averages];
  let count = passages;
  for (const { sign, fields } of changes) {
    if (sign > 0) count++;
    fields.forEach((length, f) => {
      if (length === null) return;
      if (sign > 0) avg[f] = ((avg[f] as number) * (count - 1) + length) / count;
      else avg[f] = count === 1 ? 0 : ((avg[f] as number) * count - length) / (count - 1);
    });
    if (sign < 0) count--;
  }
  return avg;
}

/** The rows of some articles and of their passages, in the tables' column order (see {@link prepareRows}). */
interface PreparedRows {
  articles: unknown[][];
  passages: unknown[][];
}

const ARTICLE_COLUMNS = 'id, meta, paragraphs, published_at, content_hash, passages, revision';
const PASSAGE_COLUMNS =
  'article_id, paragraph, text, heading, title, published_at, published_day, terms, context, text_length, heading_length, title_length';

/** Analyses articles into their rows (all but the revision), and adds their share of the vocabulary to `delta`. */
function prepareRows(
  articles: readonly Article[],
  hashes: ReadonlyMap<string, string>,
  delta: VocabularyDelta,
): PreparedRows {
  const prepared: PreparedRows = { articles: [], passages: [] };
  for (const article of articles) {
    const { paragraphs, ...meta } = article;
    const rows = articleRows(article);
    delta.add(rows, 1);
    const time = publishedTime(article.published);
    const at = time === undefined ? null : new Date(time).toISOString();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(article.published?.trim() ?? '');
    prepared.articles.push([
      article.id,
      JSON.stringify(meta),
      JSON.stringify(paragraphs),
      at,
      hashes.get(article.id) ?? articleHash(article),
      rows.passages.length,
    ]);
    for (const row of rows.passages)
      prepared.passages.push([
        article.id,
        row.paragraph,
        row.text,
        row.heading,
        article.title,
        at,
        day,
        row.terms,
        row.context,
        row.textLength,
        row.headingLength,
        row.titleLength,
      ]);
  }
  return prepared;
}

/** The columns of `rows` (as `unnest` takes them), those from `start` up to `end`. */
function columns(rows: readonly unknown[][], width: number, start = 0, end = rows.length): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (let i = start; i < end; i++) {
    const row = rows[i] as unknown[];
    for (let c = 0; c < width; c++) out[c]?.push(row[c]);
  }
  return out;
}

/** Inserts prepared rows (passages in slices: one statement's parameters stay a few MB). */
async function insertRows(client: pg.PoolClient, rows: PreparedRows, revision: number): Promise<void> {
  if (!rows.articles.length) return;
  await client.query(
    `INSERT INTO newsdesk_articles (${ARTICLE_COLUMNS})
     SELECT *, $7::bigint FROM unnest($1::text[], $2::jsonb[], $3::jsonb[], $4::timestamptz[], $5::text[], $6::int[])`,
    [...columns(rows.articles, 6), revision],
  );
  const SLICE = 5_000;
  for (let i = 0; i < rows.passages.length; i += SLICE) {
    await client.query(
      `INSERT INTO newsdesk_passages (${PASSAGE_COLUMNS})
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
         $7::boolean[], $8::tsvector[], $9::tsvector[], $10::int[], $11::int[], $12::int[])`,
      columns(rows.passages, 12, i, Math.min(i + SLICE, rows.passages.length)),
    );
  }
}

/** A value in COPY's text format: `\N` for null, and backslash, tab and line ends escaped. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

/** Sends rows to a table with COPY (in the client's transaction). */
async function copyInto(
  client: pg.PoolClient,
  table: string,
  columnList: string,
  rows: readonly unknown[][],
) {
  if (!rows.length) return;
  // Lines are sent in chunks of a few hundred rows: one string per row is as many stream writes.
  async function* lines() {
    const CHUNK = 500;
    for (let i = 0; i < rows.length; i += CHUNK) {
      let chunk = '';
      for (let r = i; r < Math.min(i + CHUNK, rows.length); r++)
        chunk += `${(rows[r] as unknown[]).map(copyValue).join('\t')}\n`;
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${columnList}) FROM STDIN`)));
}

/**
 * Sends prepared rows with COPY: the bulk load's path (pg-copy-streams: COPY takes rows several times
 * faster than INSERTs of the same rows, and no statement's parameters grow with the batch).
 */
async function copyRows(client: pg.PoolClient, rows: PreparedRows, revision: number): Promise<void> {
  await copyInto(
    client,
    'newsdesk_articles',
    ARTICLE_COLUMNS,
    rows.articles.map((row) => [...row, revision]),
  );
  await copyInto(client, 'newsdesk_passages', PASSAGE_COLUMNS, rows.passages);
}
