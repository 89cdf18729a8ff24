import type pg from 'pg';

/**
 * The tables Newsdesk keeps in PostgreSQL, created and migrated by the bot itself: each migration runs
 * once, in order, in its own transaction, recorded in `newsdesk_schema_version`. Processes starting at
 * once take turns through an advisory lock, so only the first migrates and the others find it done.
 * Migrations are only ever appended: a released one is never edited.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: articles, their citable paragraphs with their terms, and the vocabulary's statistics.
  `
  CREATE EXTENSION IF NOT EXISTS pg_trgm;

  -- Every article as read (all its paragraphs, for display), and a hash of it to tell a changed one.
  CREATE TABLE newsdesk_articles (
    id text PRIMARY KEY,
    meta jsonb NOT NULL,
    paragraphs jsonb NOT NULL,
    published_at timestamptz,
    content_hash text NOT NULL,
    passages int NOT NULL,
    revision bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX newsdesk_articles_revision ON newsdesk_articles (revision);

  -- The citable (body) paragraphs. terms: the text's analysed terms at their word positions;
  -- context: the heading's (weight B) and the article title's (weight C). Lengths are in distinct words.
  CREATE TABLE newsdesk_passages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text NOT NULL REFERENCES newsdesk_articles (id) ON DELETE CASCADE,
    paragraph int NOT NULL,
    text text NOT NULL,
    heading text,
    title text NOT NULL,
    published_at timestamptz,
    published_day boolean NOT NULL DEFAULT false,
    terms tsvector NOT NULL,
    context tsvector NOT NULL,
    text_length int NOT NULL,
    heading_length int NOT NULL,
    title_length int NOT NULL,
    UNIQUE (article_id, paragraph)
  );
  CREATE INDEX newsdesk_passages_terms ON newsdesk_passages USING gin (terms);
  CREATE INDEX newsdesk_passages_context ON newsdesk_passages USING gin (context);

  -- Per term: passages with it in their text (df), heading and title; uses inside a sentence with and
  -- without a capital (names); seq keeps the order they first appeared in. Rows stay at zero when the last
  -- use goes, so a change is seen by revision.
  CREATE TABLE newsdesk_terms (
    term text PRIMARY KEY,
    df int NOT NULL DEFAULT 0,
    heading_df int NOT NULL DEFAULT 0,
    title_df int NOT NULL DEFAULT 0,
    capital int NOT NULL DEFAULT 0,
    lower int NOT NULL DEFAULT 0,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    revision bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX newsdesk_terms_trigrams ON newsdesk_terms USING gin (term gin_trgm_ops);
  CREATE INDEX newsdesk_terms_revision ON newsdesk_terms (revision);

  -- How the articles write each term (folded), and how often; seq keeps the order they first appeared in.
  CREATE TABLE newsdesk_term_forms (
    term text NOT NULL,
    form text NOT NULL,
    uses int NOT NULL DEFAULT 0,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    revision bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (term, form)
  );
  CREATE INDEX newsdesk_term_forms_trigrams ON newsdesk_term_forms USING gin (form gin_trgm_ops);
  CREATE INDEX newsdesk_term_forms_revision ON newsdesk_term_forms (revision);

  -- One row: totals for BM25 (passage count, summed field lengths, average field lengths kept as MiniSearch
  -- keeps them, passage by passage) and the revision every change bumps.
  CREATE TABLE newsdesk_totals (
    id int PRIMARY KEY CHECK (id = 1),
    articles int NOT NULL,
    passages int NOT NULL,
    text_length bigint NOT NULL,
    heading_length bigint NOT NULL,
    title_length bigint NOT NULL,
    text_average double precision NOT NULL,
    heading_average double precision NOT NULL,
    title_average double precision NOT NULL,
    revision bigint NOT NULL
  );
  INSERT INTO newsdesk_totals VALUES (1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  `,
  // Which articles folders hold each article (issue 18): a folder's sync removes only the articles it
  // held and no longer holds, and only once no other folder holds them; an article no folder claims
  // (added otherwise, or synced before this table) is never removed by a folder's sync.
  `
  CREATE TABLE newsdesk_article_origins (
    article_id text NOT NULL,
    origin text NOT NULL,
    PRIMARY KEY (origin, article_id)
  );
  CREATE INDEX newsdesk_article_origins_article ON newsdesk_article_origins (article_id);
  `,
  // 3: the postings, one row per term of a passage (text, heading or title), ordered by impact within a
  // term: a question reads the best few hundred passages of a common term, not every one of them (the
  // GIN indexes gave every passage with a term, 100k–500k rows for a common word at 1M passages).
  //
  // Frozen as literal text (it was generated from POSTINGS_INSERT when it shipped): a migration never changes
  // after release, even if the bulk load's postings SQL does.
  `
  DROP INDEX IF EXISTS newsdesk_passages_terms;
  DROP INDEX IF EXISTS newsdesk_passages_context;
  CREATE TABLE newsdesk_postings (
    term text NOT NULL,
    passage_id bigint NOT NULL,
    impact real NOT NULL,
    text_tf smallint NOT NULL,
    heading_tf smallint NOT NULL,
    title_tf smallint NOT NULL,
    text_length int NOT NULL,
    heading_length int NOT NULL,
    title_length int NOT NULL
  );
  INSERT INTO newsdesk_postings (term, passage_id, impact, text_tf, heading_tf, title_tf, text_length,
    heading_length, title_length)
  SELECT f.term, f.passage_id,
    1::float8 * CASE WHEN f.text_tf > 0 THEN ln(1::float8 + (s.passages - coalesce(w.df, 0) + 0.5::float8) / (coalesce(w.df, 0) + 0.5::float8)) * (0.5::float8 + f.text_tf * 2.2::float8 / (f.text_tf + 1.2::float8 * (0.30000000000000004::float8 + 0.7::float8 * f.text_length / CASE WHEN s.text_average = 0 THEN 1::float8 ELSE s.text_average END))) ELSE 0 END
    + 0.5::float8 * CASE WHEN f.heading_tf > 0 THEN ln(1::float8 + (s.passages - coalesce(w.heading_df, 0) + 0.5::float8) / (coalesce(w.heading_df, 0) + 0.5::float8)) * (0.5::float8 + f.heading_tf * 2.2::float8 / (f.heading_tf + 1.2::float8 * (0.30000000000000004::float8 + 0.7::float8 * f.heading_length / CASE WHEN s.heading_average = 0 THEN 1::float8 ELSE s.heading_average END))) ELSE 0 END
    + 0.35::float8 * CASE WHEN f.title_tf > 0 THEN ln(1::float8 + (s.passages - coalesce(w.title_df, 0) + 0.5::float8) / (coalesce(w.title_df, 0) + 0.5::float8)) * (0.5::float8 + f.title_tf * 2.2::float8 / (f.title_tf + 1.2::float8 * (0.30000000000000004::float8 + 0.7::float8 * f.title_length / CASE WHEN s.title_average = 0 THEN 1::float8 ELSE s.title_average END))) ELSE 0 END,
    f.text_tf, f.heading_tf, f.title_tf, f.text_length, f.heading_length, f.title_length
  FROM (
    SELECT u.lexeme AS term, q.id AS passage_id, coalesce(cardinality(array_positions(u.weights, 'D'::text)), 0) AS text_tf, coalesce(cardinality(array_positions(u.weights, 'B'::text)), 0) AS heading_tf,
      coalesce(cardinality(array_positions(u.weights, 'C'::text)), 0) AS title_tf, q.text_length, q.heading_length, q.title_length
    FROM newsdesk_passages q CROSS JOIN LATERAL unnest(q.terms || q.context) u
    WHERE true
  ) f
  LEFT JOIN newsdesk_terms w ON w.term = f.term
  CROSS JOIN newsdesk_totals s;
  ALTER TABLE newsdesk_postings ADD CONSTRAINT newsdesk_postings_pkey PRIMARY KEY (term, passage_id);
  CREATE INDEX newsdesk_postings_impact ON newsdesk_postings (term, impact DESC)
     INCLUDE (passage_id, text_tf, heading_tf, title_tf, text_length, heading_length, title_length);
  `,
];

/** Advisory lock keys (any two fixed numbers; `newsdesk` in ASCII, then + 1). */
export const MIGRATION_LOCK = 0x6e657773_6465736bn;
export const SYNC_LOCK = MIGRATION_LOCK + 1n;
/** The channel every change to the articles is announced on (payload: the new revision). */
export const CHANGES_CHANNEL = 'newsdesk_articles';

/** What {@link migrate} did. */
export interface MigrationReport {
  /** The schema version found before, and the version now. */
  from: number;
  to: number;
}

/**
 * Brings the database's tables up to {@link MIGRATIONS}. Holds an advisory lock meanwhile, so a second
 * process starting at the same time waits, then finds nothing to do. Throws when the database was
 * migrated by a newer Newsdesk (its tables may not be what this one expects).
 */
export async function migrate(pool: pg.Pool): Promise<MigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS newsdesk_schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM newsdesk_schema_version',
      );
      const from = rows[0]?.version ?? 0;
      if (from > MIGRATIONS.length)
        throw new Error(
          `The database's Newsdesk tables are at schema version ${from}, newer than this Newsdesk knows (${MIGRATIONS.length}): upgrade Newsdesk, or point DATABASE_URL at another database.`,
        );
      for (let version = from + 1; version <= MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[version - 1] as string);
          await client.query('INSERT INTO newsdesk_schema_version (version) VALUES ($1)', [version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return { from, to: MIGRATIONS.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    client.release();
  }
}
