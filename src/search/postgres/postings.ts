/**
 * The postings table (`newsdesk_postings`, schema migration 3): one row per term of a passage, with the
 * term's frequency in each field, the passage's field lengths (what BM25 needs, so scoring reads nothing
 * else) and its impact: the term's BM25+ score in the passage when the row was written. A btree on (term,
 * impact) gives a term's best passages first, so a question reads a bounded number of rows per term
 * however many passages use it. Rows are derived in SQL from the passages' `tsvector`s, so a bulk load
 * sends no row twice over the wire, and the impacts use the vocabulary's statistics as the database holds
 * them.
 */
import { BM25, BOOST } from '../../core/search/bm25.ts';

/**
 * A field's BM25+ score in SQL: `tf` and `length` columns, the term's `df` and the field's `average`. Every
 * constant is a float8: a literal such as 0.5 is a numeric, and numeric logarithms made the postings of a
 * bulk load cost several times their writing.
 */
function fieldScore(tf: string, length: string, df: string, average: string): string {
  const f = (n: number) => `${n}::float8`;
  const idf = `ln(${f(1)} + (s.passages - ${df} + ${f(0.5)}) / (${df} + ${f(0.5)}))`;
  const norm = `(${f(1 - BM25.b)} + ${f(BM25.b)} * ${length} / CASE WHEN ${average} = 0 THEN ${f(1)} ELSE ${average} END)`;
  return `CASE WHEN ${tf} > 0 THEN ${idf} * (${f(BM25.d)} + ${tf} * ${f(BM25.k + 1)} / (${tf} + ${f(BM25.k)} * ${norm})) ELSE 0 END`;
}

/**
 * Writes the postings of the passages `condition` selects (an SQL condition on `q`, the passages), from
 * their `tsvector`s: text positions are unweighted (D), heading positions B, title positions C. Run after
 * the vocabulary's counts and totals include those passages (the impact reads them).
 */
export function POSTINGS_INSERT(condition: string): string {
  const count = (weight: string) => `coalesce(cardinality(array_positions(u.weights, '${weight}'::text)), 0)`;
  return `
  INSERT INTO newsdesk_postings (term, passage_id, impact, text_tf, heading_tf, title_tf, text_length,
    heading_length, title_length)
  SELECT f.term, f.passage_id,
    ${BOOST.text}::float8 * ${fieldScore('f.text_tf', 'f.text_length', 'coalesce(w.df, 0)', 's.text_average')}
    + ${BOOST.heading}::float8 * ${fieldScore('f.heading_tf', 'f.heading_length', 'coalesce(w.heading_df, 0)', 's.heading_average')}
    + ${BOOST.title}::float8 * ${fieldScore('f.title_tf', 'f.title_length', 'coalesce(w.title_df, 0)', 's.title_average')},
    f.text_tf, f.heading_tf, f.title_tf, f.text_length, f.heading_length, f.title_length
  FROM (
    SELECT u.lexeme AS term, q.id AS passage_id, ${count('D')} AS text_tf, ${count('B')} AS heading_tf,
      ${count('C')} AS title_tf, q.text_length, q.heading_length, q.title_length
    FROM newsdesk_passages q CROSS JOIN LATERAL unnest(q.terms || q.context) u
    WHERE ${condition}
  ) f
  LEFT JOIN newsdesk_terms w ON w.term = f.term
  CROSS JOIN newsdesk_totals s`;
}

/**
 * The postings' indexes: the key (term, passage), which finds a passage's row of a term, and the impact
 * order, which carries every column scoring reads (an index-only scan). Built after a bulk load.
 */
export const POSTINGS_INDEXES: readonly string[] = [
  'ALTER TABLE newsdesk_postings ADD CONSTRAINT newsdesk_postings_pkey PRIMARY KEY (term, passage_id)',
  `CREATE INDEX newsdesk_postings_impact ON newsdesk_postings (term, impact DESC)
     INCLUDE (passage_id, text_tf, heading_tf, title_tf, text_length, heading_length, title_length)`,
];

/** The postings' indexes, dropped before a bulk load. */
export const POSTINGS_INDEX_DROPS: readonly string[] = [
  'ALTER TABLE newsdesk_postings DROP CONSTRAINT IF EXISTS newsdesk_postings_pkey',
  'DROP INDEX IF EXISTS newsdesk_postings_impact',
];

/**
 * Deletes the postings of the passages of articles `$1` (ids), through the key: each passage's own
 * terms, read from its `tsvector`s. Run before the passages are deleted.
 */
export const POSTINGS_DELETE = `
  DELETE FROM newsdesk_postings p
  USING newsdesk_passages q CROSS JOIN LATERAL unnest(tsvector_to_array(q.terms || q.context)) AS l(term)
  WHERE q.article_id = ANY($1) AND p.term = l.term AND p.passage_id = q.id`;
