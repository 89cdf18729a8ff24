import pg from 'pg';
import type { MatchCredits } from '../../core/ranking/credits.ts';
import { PARAMS } from '../../core/ranking/model.ts';
import { analyzeText, tokenizeWords } from '../../core/search/analyze.ts';
import { BOOST, bm25, bm25Idf, prefixWeight } from '../../core/search/bm25.ts';
import { editDistance } from '../../core/search/edit-distance.ts';
import type { PassageIndexOptions } from '../../core/search/minisearch/passage-index.ts';
import { ScoreBoard } from '../../core/search/minisearch/score-board.ts';
import { isRole, roleNames } from '../../core/search/role-names.ts';
import {
  type CandidateOptions,
  MATCH_KINDS,
  type MatchKind,
  type Passage,
  type PassageHit,
  type QuestionTerm,
  type ResolvedTerm,
  type SearchEngine,
  type TermFacts,
} from '../../core/search/search-engine.ts';
import { type TermAlternative, termAlternatives } from '../../core/search/term-alternatives.ts';
import { eachTerm, matchedSpan, togetherShare } from '../../core/search/written-together.ts';
import type { Article, Logger } from '../../core/types.ts';
import { ArticleStore } from './article-store.ts';
import { type ChangeListener, listenForChanges } from './change-listener.ts';
import { PostgresArticleSource } from './postgres-article-source.ts';
import { migrate } from './schema.ts';
import { VocabularyMirror } from './vocabulary-mirror.ts';
import { RememberedAnalyses } from './word-analyses.ts';

// Scored as the memory engine scores (`core/search/bm25.ts`: field boosts, BM25+, prefix weight), with the
// credits and boosts of expansions, corrections and context matches (the engine's `credits`, by default the
// fitted `PARAMS.credits`: `ranking/credits.ts`).
const REFERS_BACK = /\b(?:he|she|his|her|him|they|their|them)\b/i;
const code = (kind: MatchKind) => MATCH_KINDS.indexOf(kind);

/**
 * A term with at most this many postings is read whole (its scores are then exact in every passage); of a
 * term with more, only its best {@link TOP_POSTINGS} passages by impact find candidates. With both bounded,
 * a question reads about as many rows at a million passages as at ten thousand.
 */
export const COMPLETE_POSTINGS = 4_000;
export const TOP_POSTINGS = 1_000;
/** Rows a question's first read takes at most (an unknown word's many prefix terms share it). */
export const READ_BUDGET = 40_000;
/**
 * When some term was not read whole, at least this many candidates (the best by their scores so far) get
 * their rows of those terms read before the best are chosen; then more, doubling, until enough pass the
 * date check.
 */
export const CHECKED_CANDIDATES = 600;

/**
 * Words whose analyses the passages read for questions reuse (news repeats its words): analysing them
 * afresh, or emptying a smaller cache more often, made garbage that outlived young collections. At a
 * million generated paragraphs (~500k distinct words; 300 questions, bundled bot process) the peak RSS was
 * 237 MB with this bound (~80k words held at the end, ~15 MB), 249 with 50k, 260 with 20k, and 344 with
 * none (CPU per question +4.5 ms).
 */
const QUESTION_WORDS = 300_000;

/** The bounds of what a question reads ({@link PostgresEngineOptions.reads}). */
export interface PostingsReads {
  complete: number;
  top: number;
  checked: number;
  budget: number;
}

/**
 * One term's rows read for a question, in flat arrays (an object per row, at tens of thousands of rows a
 * question, outlived young collections and grew the old generation by a megabyte or so a question).
 */
class TermRows {
  /** Per row, the candidate's local number. */
  locals: Int32Array;
  /** Per row, the term's frequency in text, heading and title (3 numbers a row). */
  tf: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.locals = new Int32Array(Math.max(capacity, 4));
    this.tf = new Int32Array(this.locals.length * 3);
  }

  /** Adds a row (the arrays grow by doubling: only a capped term's rows are added after the first read). */
  push(local: number, text: number, heading: number, title: number): void {
    if (this.count === this.locals.length) {
      const locals = new Int32Array(this.count * 2);
      locals.set(this.locals);
      const tf = new Int32Array(locals.length * 3);
      tf.set(this.tf);
      this.locals = locals;
      this.tf = tf;
    }
    const at = this.count++;
    this.locals[at] = local;
    this.tf[at * 3] = text;
    this.tf[at * 3 + 1] = heading;
    this.tf[at * 3 + 2] = title;
  }
}

/** What {@link PostgresEngine.readPostings} read: the candidates, their field lengths, and the rows. */
interface ReadPostings {
  /** The candidates' passage ids, ascending (a candidate's local number is its place here). */
  ids: Float64Array;
  /** Per candidate, its text, heading and title lengths (3 numbers per local). */
  lengths: Int32Array;
  /** Per term read, its rows. */
  postings: Map<string, TermRows>;
  /** Terms not read whole (only their best passages). */
  capped: string[];
}

/** One index term searched for a question term (as `PassageIndex.alternatives` makes them). */
interface Alternative extends TermAlternative {
  /** For a prefix search: the longer terms it matches, with MiniSearch's prefix weight for each. */
  prefixes?: { term: string; weight: number }[];
}

/** Options for {@link PostgresEngine.open}. */
export interface PostgresEngineOptions {
  databaseUrl: string;
  logger: Logger;
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** Called after the engine took in a change made by any process (metrics, logs). */
  onChange?: () => void;
  /** The word vectors and place names questions are resolved with (`DeskData`; none when absent). */
  wordVectors?: PassageIndexOptions['wordVectors'];
  placeNames?: PassageIndexOptions['placeNames'];
  /** The match credits, as the memory engine is given them (default the fitted `PARAMS.credits`). */
  credits?: MatchCredits;
  /**
   * How many rows a question reads (see {@link COMPLETE_POSTINGS}, {@link TOP_POSTINGS},
   * {@link CHECKED_CANDIDATES}, {@link READ_BUDGET}): the defaults, unless a test makes them small.
   */
  reads?: Partial<PostingsReads>;
}

/**
 * The search engine on PostgreSQL: articles and passages live in the database (`schema.ts`), shared by
 * every process that uses it; a question's candidates come from a full-text query (`tsvector` with GIN
 * indexes) and are scored as the memory engine scores them (BM25+ per field with the same boosts; each
 * question term's best alternative; credits for corrections, expansions and context), from the field
 * statistics the database keeps. Misspellings and suggestions are found with `pg_trgm`. A change made
 * through any process (LISTEN/NOTIFY) is taken in within moments.
 */
export class PostgresEngine implements SearchEngine {
  private refreshing: Promise<void> | undefined;
  private again = false;
  private readonly credits: MatchCredits;
  private readonly reads: PostingsReads;
  /** The analyses of the words of passages read for questions (see {@link QUESTION_WORDS}). */
  private readonly words = new RememberedAnalyses(QUESTION_WORDS);
  /** The articles, for a desk over this engine: summaries in memory, text read on demand. */
  readonly source: PostgresArticleSource;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly store: ArticleStore,
    private readonly vocabulary: VocabularyMirror,
    private listener: ChangeListener | undefined,
    private readonly options: PostgresEngineOptions,
  ) {
    this.credits = options.credits ?? PARAMS.credits;
    this.reads = {
      complete: COMPLETE_POSTINGS,
      top: TOP_POSTINGS,
      checked: CHECKED_CANDIDATES,
      budget: READ_BUDGET,
      ...options.reads,
    };
    this.source = new PostgresArticleSource(pool, vocabulary);
  }

  /**
   * Connects, creates or migrates the tables (one process at a time), reads the vocabulary and starts
   * listening for changes. Throws when the database cannot be reached (the message never holds the URL).
   */
  static async open(options: PostgresEngineOptions): Promise<PostgresEngine> {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 4 });
    // An idle connection the server drops is replaced on the next query; it must not crash the process.
    pool.on('error', (error) =>
      options.logger.warn('A PostgreSQL connection was lost', { error: error.message }),
    );
    try {
      await migrate(pool);
      const vocabulary = new VocabularyMirror(pool, {
        wordVectors: options.wordVectors ?? null,
        placeNames: options.placeNames ?? null,
      });
      await vocabulary.refresh();
      const engine = new PostgresEngine(pool, new ArticleStore(pool), vocabulary, undefined, options);
      engine.listener = await listenForChanges(
        { connectionString: options.databaseUrl },
        options.logger,
        () => engine.takeChanges(),
      );
      return engine;
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  /** The store that syncs articles into the database. */
  get articles(): ArticleStore {
    return this.store;
  }

  /** The database's revision as this process last read it. */
  get revision(): number {
    return this.vocabulary.totals.revision;
  }

  /** Reads what changed (coalescing announcements that arrive while a read is running). */
  takeChanges(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.again = false;
          if (await this.vocabulary.refresh()) {
            this.source.changed();
            this.options.onChange?.();
          }
        } while (this.again);
      } catch (error) {
        this.options.logger.warn('Reading article changes from PostgreSQL failed', {
          error: (error as Error).message,
        });
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  async resolve(terms: readonly QuestionTerm[]): Promise<ResolvedTerm[]> {
    return this.vocabulary.resolver.resolve(terms);
  }

  async lookUp(terms: readonly string[]): Promise<TermFacts[]> {
    const resolver = this.vocabulary.resolver;
    return terms.map((term) => ({
      df: this.vocabulary.terms.get(term)?.df ?? 0,
      idf: resolver.idf(term),
      name: resolver.isName(term),
    }));
  }

  /**
   * For each term, up to `limit` index terms close to it, most frequent first, as the articles most often
   * write them: spelling neighbours found through `pg_trgm` (then kept within the memory engine's edit
   * distance: one, two for words of 7 letters or more) and longer words it begins.
   */
  async suggestions(terms: readonly string[], limit: number): Promise<string[][]> {
    if (!terms.length) return [];
    const { rows } = await this.pool.query<{ q: number; term: string; df: number }>({
      name: 'newsdesk_suggestions',
      text: `SELECT q, t.term, t.df FROM unnest($1::text[]) WITH ORDINALITY AS u(word, q)
       CROSS JOIN LATERAL (
         SELECT term, df FROM newsdesk_terms
         WHERE df > 0 AND term <> u.word AND (term % u.word OR (length(u.word) >= 4 AND term LIKE u.word || '%'))
         ORDER BY similarity(term, u.word) DESC LIMIT 50) t`,
      values: [terms],
    });
    return terms.map((term, i) => {
      const near = rows
        .filter((r) => Number(r.q) === i + 1)
        .flatMap((r) => {
          if (term.length >= 4 && r.term.startsWith(term)) return [{ key: r.term, rank: 500 - r.df }];
          const distance = editDistance(term, r.term);
          return distance <= (term.length >= 7 ? 2 : 1)
            ? [{ key: r.term, rank: distance * 1000 - r.df }]
            : [];
        })
        .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : 1));
      return near.slice(0, limit).map((c) => this.vocabulary.resolver.spelling(c.key));
    });
  }

  /**
   * The best `limit` passages for the resolved terms (see the class comment): one query finds the
   * candidates and their terms' frequencies, the scores are summed here, and a second query reads the
   * best ones' text, the passage before each (a pronoun referring back) and, when a role is asked about,
   * their articles' other passages.
   */
  async candidates(terms: readonly ResolvedTerm[], options: CandidateOptions): Promise<PassageHit[]> {
    const alternatives = terms.map((t) => this.alternatives(t));
    const searched = [
      ...new Set(
        alternatives.flatMap((list) =>
          list.flatMap((a) => [a.term, ...(a.prefixes ?? []).map((p) => p.term)]),
        ),
      ),
    ];
    if (!searched.length) return [];
    const df = (term: string) => this.vocabulary.fieldDf(term).reduce((a, b) => a + b, 0);
    const present = searched.filter((t) => df(t) > 0);
    if (!present.length) return [];
    // Dates are checked only when some article was published after the question's day began (a passage
    // with a day-only date counts from that day's start): asked as of now, none was, and no passage is.
    const newest = this.vocabulary.newestPublished;
    const asOf =
      options.asOf && newest !== undefined && newest > startOfDayUtc(options.asOf).getTime()
        ? options.asOf
        : undefined;
    const read = await this.readPostings(present, df);
    const { lengths } = read;
    const totals = this.vocabulary.totals;
    const count = totals.passages;
    const averages = totals.averages;
    const boosts = [BOOST.text, BOOST.heading, BOOST.title];
    const candidates = read.ids.length;
    /** Calls `visit` with each passage's BM25+ score of the term (summed over fields, as MiniSearch). */
    const scoreTerm = (
      term: string,
      weight: number,
      visit: (local: number, score: number, inText: boolean) => void,
      only?: Uint8Array,
    ) => {
      const rows = read.postings.get(term);
      if (!rows) return;
      const fieldDf = this.vocabulary.fieldDf(term);
      const idf = fieldDf.map((n) => bm25Idf(count, n));
      const { locals, tf } = rows;
      for (let r = 0; r < rows.count; r++) {
        const local = locals[r] as number;
        if (only && !only[local]) continue;
        let score = 0;
        for (let f = 0; f < 3; f++) {
          const freq = tf[r * 3 + f] as number;
          if (!freq) continue;
          const length = lengths[local * 3 + f] as number;
          const average = averages[f] || 1;
          const raw = bm25(idf[f] as number, freq, length, average);
          score += weight * (boosts[f] as number) * raw;
        }
        visit(local, score, (tf[r * 3] as number) > 0);
      }
    };
    // A prefix search's scores summed per candidate (flat, reused by each prefix search of the question).
    let prefixSums:
      | { score: Float64Array; inText: Uint8Array; touched: Int32Array; seen: Uint8Array }
      | undefined;
    /** Scores the candidates (`only` those marked, when given) from the rows read so far, as `PassageIndex.find` scores passages. */
    const scoreAll = (only?: Uint8Array) => {
      const board = new ScoreBoard(candidates);
      board.begin(terms.length);
      terms.forEach((t, k) => {
        for (const alternative of alternatives[k] ?? []) {
          const offer = (local: number, score: number, inText: boolean) => {
            const better = alternative.credit > board.credit(k, local);
            const inContext = better && !t.speaker && !inText;
            board.offer(
              k,
              local,
              score * alternative.boost,
              alternative.credit * (inContext ? this.credits.context : 1),
              code(inContext ? 'context' : alternative.kind),
            );
          };
          if (!alternative.prefixes) {
            scoreTerm(alternative.term, 1, offer, only);
          } else {
            // A prefix search: its terms' scores summed per passage, as one MiniSearch search of it.
            prefixSums ??= {
              score: new Float64Array(candidates),
              inText: new Uint8Array(candidates),
              touched: new Int32Array(candidates),
              seen: new Uint8Array(candidates),
            };
            const sums = prefixSums;
            let touched = 0;
            for (const { term, weight } of [{ term: alternative.term, weight: 1 }, ...alternative.prefixes])
              scoreTerm(
                term,
                weight,
                (local, score, inText) => {
                  if (!sums.seen[local]) {
                    sums.seen[local] = 1;
                    sums.touched[touched++] = local;
                  }
                  sums.score[local] = (sums.score[local] as number) + score;
                  if (inText) sums.inText[local] = 1;
                },
                only,
              );
            // In the order the candidates were first scored, as the map that summed them before.
            for (let i = 0; i < touched; i++) {
              const local = sums.touched[i] as number;
              offer(local, sums.score[local] as number, sums.inText[local] === 1);
              sums.score[local] = 0;
              sums.inText[local] = 0;
              sums.seen[local] = 0;
            }
          }
        }
        board.endTerm();
      });
      return board;
    };
    let board = scoreAll();
    let top: number[];
    if (!read.capped.length && !asOf) top = board.top(options.limit, terms.length);
    else {
      // Scores so far are exact for terms read whole and low for the others (a passage's row of a
      // capped term may not have been read): the best candidates by them get their remaining rows
      // read, and their publication date checked, until enough pass.
      const kept = await this.checkCandidates(read, board, terms.length, { ...options, asOf });
      board = scoreAll(kept);
      top = board.top(options.limit, terms.length);
    }
    if (!top.length) return [];
    // The terms each of the best has a row of, in the order they were scored (as `PassageIndex.find`
    // lists a passage's matches): found for these few, not kept for every candidate while scoring.
    const place = new Int32Array(candidates).fill(-1);
    top.forEach((local, i) => {
      place[local] = i;
    });
    const matched: string[][] = top.map(() => []);
    const listed = new Set<string>();
    for (const list of alternatives)
      for (const alternative of list)
        for (const term of [alternative.term, ...(alternative.prefixes ?? []).map((p) => p.term)]) {
          const rows = read.postings.get(term);
          if (listed.has(term) || !rows) continue;
          listed.add(term);
          for (let r = 0; r < rows.count; r++) {
            const at = place[rows.locals[r] as number] as number;
            if (at >= 0) (matched[at] as string[]).push(term);
          }
        }
    const ids = top.map((local) => read.ids[local] as number);
    const names = terms.filter(
      (t) => t.status !== 'unknown' && (t.entity || this.vocabulary.resolver.isName(t.searchAs)),
    );
    const roles = terms.filter((t) => t.status !== 'unknown' && !t.entity && isRole(t.searchAs));
    const { rows: texts } = await this.pool.query<{
      id: string;
      article_id: string;
      paragraph: number;
      text: string;
      heading: string | null;
      title: string;
      before: string[] | null;
      article_texts: string[] | null;
    }>({
      name: 'newsdesk_passage_texts',
      text: `SELECT p.id, p.article_id, p.paragraph, p.text, p.heading, p.title,
         (SELECT ARRAY(SELECT u.lexeme FROM unnest(q.terms || q.context) u WHERE u.lexeme = ANY($2))
            FROM newsdesk_passages q WHERE q.article_id = p.article_id AND q.paragraph < p.paragraph
            ORDER BY q.paragraph DESC LIMIT 1) AS before,
         CASE WHEN $3 THEN ARRAY(SELECT q.text FROM newsdesk_passages q WHERE q.article_id = p.article_id ORDER BY q.paragraph) END AS article_texts
       FROM newsdesk_passages p WHERE p.id = ANY($1::bigint[])`,
      values: [ids, names.map((t) => t.searchAs), roles.length > 0],
    });
    const byId = new Map(texts.map((r) => [r.id, r]));
    const resolver = this.vocabulary.resolver;
    // As `PassageIndex.find` does, in its order: the board's credits, then words of like meaning in the
    // passage, then a pronoun referring back to a name, then a role its article gives someone it names.
    const hits = top.flatMap((local, at) => {
      const row = byId.get(String(read.ids[local]));
      if (!row) return [];
      const passage: Passage = {
        id: Number(row.id),
        articleId: row.article_id,
        paragraph: row.paragraph,
        text: row.text,
        ...(row.heading ? { heading: row.heading } : {}),
        title: row.title,
      };
      const credit: Record<string, number> = {};
      const via: Record<string, MatchKind> = {};
      terms.forEach((t, k) => {
        if (board.credit(k, local) > 0) {
          credit[t.term] = board.credit(k, local);
          via[t.term] = MATCH_KINDS[board.kind(k, local)] as MatchKind;
        }
      });
      const words = tokenizeWords(row.text).map(this.words.analyze);
      const distinct = [...new Set(words.flat())];
      return [{ local, at, row, passage, credit, via, words, distinct }];
    });
    const before = hits.map((h) => ({ ...h.credit }));
    const related = resolver.creditMeanings(
      terms,
      hits.map((h) => ({ terms: () => h.distinct, credit: h.credit })),
    );
    const together = togetherShare(terms);
    const spanOf = matchedSpan(terms);
    // The question terms an article's title writes (as searched, or an expansion): once per article.
    const titles = new Map<string, string[]>();
    const inTitle = (passage: Passage) => {
      let found = titles.get(passage.articleId);
      if (!found) {
        const title = new Set(analyzeText(passage.title));
        found = terms
          .filter((t) => title.has(t.searchAs) || (t.expansions ?? []).some((e) => title.has(e.term)))
          .map((t) => t.term);
        titles.set(passage.articleId, found);
      }
      return found;
    };
    return hits.map((hit, i): PassageHit => {
      const { row, credit, via } = hit;
      for (const term in credit) if (credit[term] !== before[i]?.[term]) via[term] = 'meaning';
      // A pronoun referring back to a name the passage before gives (see `PassageIndex.creditReferredBack`).
      if (row.before && REFERS_BACK.test(row.text))
        for (const t of names)
          if ((credit[t.term] ?? 0) < this.credits.context && row.before.includes(t.searchAs)) {
            credit[t.term] = this.credits.context;
            via[t.term] = 'referred';
          }
      if (roles.length && row.article_texts) {
        const links = roleNames([row.title, ...row.article_texts]);
        const own = new Set(hit.distinct);
        for (const t of roles) {
          if ((credit[t.term] ?? 0) >= this.credits.role) continue;
          const people = links.get(t.searchAs);
          if (people && [...people].some((name) => own.has(name))) {
            credit[t.term] = this.credits.role;
            via[t.term] = 'role';
          }
        }
      }
      const spanned = spanOf(eachTerm(hit.words));
      return {
        passage: hit.passage,
        score: board.score(hit.local, terms.length),
        queryTerms: Object.keys(credit),
        matchedTerms: [...new Set([...(matched[hit.at] ?? []), ...(related[i] ?? [])])],
        credit,
        via,
        together: together(eachTerm(hit.words)),
        span: spanned.span,
        words: spanned.words,
        inTitle: inTitle(hit.passage),
      };
    });
  }

  /**
   * One query: each term's rows, best first by impact, all of a term's when it has at most
   * {@link COMPLETE_POSTINGS}, else its best {@link TOP_POSTINGS} (fewer when many terms share
   * {@link READ_BUDGET}). Rows come back as one string per term: parsing one field per row cost more than
   * the query.
   */
  private async readPostings(terms: readonly string[], df: (term: string) => number): Promise<ReadPostings> {
    const { complete, top, budget } = this.reads;
    const want = terms.map((t) => (df(t) <= complete ? complete : top));
    const total = want.reduce((a, b) => a + b, 0);
    const share = Math.max(Math.min(100, top), Math.floor(budget / terms.length));
    const limits = total > budget ? want.map((n) => Math.min(n, share)) : want;
    const { rows } = await this.pool.query<{ q: number; n: string; rows: string }>({
      name: 'newsdesk_read_postings',
      text: `SELECT t.q, count(*) AS n, string_agg(p.passage_id || ' ' || p.text_tf || ' ' || p.heading_tf || ' ' ||
           p.title_tf || ' ' || p.text_length || ' ' || p.heading_length || ' ' || p.title_length, ' ') AS rows
       FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(term, n, q)
       CROSS JOIN LATERAL (SELECT * FROM newsdesk_postings p WHERE p.term = t.term ORDER BY p.impact DESC
         LIMIT t.n) p
       GROUP BY t.q`,
      values: [terms, limits],
    });
    const parsed: { term: string; values: Float64Array }[] = [];
    const capped: string[] = [];
    let rowCount = 0;
    for (const row of rows) {
      const at = Number(row.q) - 1;
      const term = terms[at] as string;
      const n = Number(row.n);
      if (n >= (limits[at] as number)) capped.push(term);
      const values = numbersOf(row.rows, 7, n * 7);
      rowCount += values.length / 7;
      parsed.push({ term, values });
    }
    // The candidates: every row's passage id, sorted, each once; a row's candidate is found by a binary
    // search of them (no map or set of tens of thousands of entries a question).
    const all = new Float64Array(rowCount);
    let r = 0;
    for (const { values } of parsed)
      for (let i = 0; i < values.length; i += 7) all[r++] = values[i] as number;
    all.sort();
    let distinct = 0;
    for (let i = 0; i < all.length; i++)
      if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i] as number;
    const ids = all.subarray(0, distinct);
    const lengths = new Int32Array(distinct * 3);
    const postings = new Map<string, TermRows>();
    for (const { term, values } of parsed) {
      const list = new TermRows(values.length / 7);
      for (let i = 0; i < values.length; i += 7) {
        const l = localOf(ids, values[i] as number);
        list.push(l, values[i + 1] as number, values[i + 2] as number, values[i + 3] as number);
        lengths[l * 3] = values[i + 4] as number;
        lengths[l * 3 + 1] = values[i + 5] as number;
        lengths[l * 3 + 2] = values[i + 6] as number;
      }
      postings.set(term, list);
    }
    return { ids, lengths, postings, capped };
  }

  /**
   * Reads, for the best candidates by their scores so far, their rows of the terms not read whole (added
   * to `read`), and which of them were published by `asOf`: at least {@link CHECKED_CANDIDATES} when a
   * term was capped, then twice as many each time until `limit` pass or none are left. Returns the
   * candidates checked that passed, marked by local number.
   */
  private async checkCandidates(
    read: ReadPostings,
    board: ScoreBoard,
    termCount: number,
    options: CandidateOptions,
  ): Promise<Uint8Array> {
    const candidates = read.ids.length;
    const scores = new Float64Array(candidates);
    for (let l = 0; l < candidates; l++) scores[l] = board.score(l, termCount);
    const order = Array.from({ length: candidates }, (_, l) => l);
    order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    const kept = new Uint8Array(candidates);
    let keptCount = 0;
    // Per capped term (by its place in `read.capped`), the candidates it has a row of.
    const capped = read.capped.map((term) => read.postings.get(term) as TermRows);
    const seen = capped.map((rows) => {
      const marks = new Uint8Array(candidates);
      for (let r = 0; r < rows.count; r++) marks[rows.locals[r] as number] = 1;
      return marks;
    });
    /** Adds a candidate's row of capped term `k` (1-based: its place in `read.capped`), once. */
    const add = (l: number, k: number, text: number, heading: number, title: number) => {
      const had = seen[k - 1];
      if (!had || had[l]) return;
      had[l] = 1;
      capped[k - 1]?.push(l, text, heading, title);
    };
    const asOf = options.asOf;
    let chunk = read.capped.length ? this.reads.checked : Math.max(options.limit * 2, 100);
    for (let from = 0; from < order.length && keptCount < options.limit; from += chunk, chunk *= 2) {
      const locals = order.slice(from, from + chunk);
      const ids = locals.map((l) => read.ids[l] as number);
      if (!asOf) {
        // No date to check (see `candidates`): only the capped terms' rows, as one string of numbers for
        // all the candidates (`id term tf tf tf` …, the term by its place in the list sent), and no
        // passage row read.
        const { rows } = await this.pool.query<{ rows: string | null }>({
          name: 'newsdesk_check_capped',
          text: `SELECT string_agg(c.id || ' ' || array_position($2::text[], p.term) || ' ' || p.text_tf || ' ' || p.heading_tf || ' ' || p.title_tf, ' ') AS rows
           FROM unnest($1::bigint[]) AS c(id) CROSS JOIN LATERAL (SELECT * FROM newsdesk_postings p
             WHERE p.term = ANY($2::text[]) AND p.passage_id = c.id) p`,
          values: [ids, read.capped],
        });
        for (const l of locals) kept[l] = 1;
        keptCount += locals.length;
        const values = rows[0]?.rows ? numbersOf(rows[0].rows, 5) : new Float64Array(0);
        for (let i = 0; i < values.length; i += 5)
          add(
            localOf(read.ids, values[i] as number),
            values[i + 1] as number,
            values[i + 2] as number,
            values[i + 3] as number,
            values[i + 4] as number,
          );
        continue;
      }
      const { rows } = await this.pool.query<{ id: string; kept: boolean; rows: string | null }>({
        name: 'newsdesk_check_candidates',
        text: `SELECT c.id, (q.published_at IS NULL
              OR q.published_at <= CASE WHEN q.published_day THEN $4::timestamptz ELSE $3::timestamptz END) AS kept,
           CASE WHEN cardinality($2::text[]) > 0 THEN (
             SELECT string_agg(array_position($2::text[], p.term) || ' ' || p.text_tf || ' ' || p.heading_tf || ' ' || p.title_tf, ' ')
             FROM newsdesk_postings p WHERE p.term = ANY($2::text[]) AND p.passage_id = c.id) END AS rows
         FROM unnest($1::bigint[]) AS c(id) JOIN newsdesk_passages q ON q.id = c.id`,
        values: [ids, read.capped, asOf, startOfDayUtc(asOf)],
      });
      for (const row of rows) {
        const l = localOf(read.ids, Number(row.id));
        if (row.kept && !kept[l]) {
          kept[l] = 1;
          keptCount++;
        }
        if (!row.rows) continue;
        const values = numbersOf(row.rows, 4);
        for (let i = 0; i < values.length; i += 4)
          add(
            l,
            values[i] as number,
            values[i + 1] as number,
            values[i + 2] as number,
            values[i + 3] as number,
          );
      }
    }
    return kept;
  }

  /** What is searched for a question term (`termAlternatives`), a word the articles never use by the longer words it starts. */
  private alternatives(t: ResolvedTerm): Alternative[] {
    return termAlternatives(t, this.credits).map((alternative) =>
      alternative.prefix
        ? {
            ...alternative,
            prefixes: this.vocabulary.longerTerms(alternative.term).map((term) => ({
              term,
              weight: prefixWeight(term, alternative.term),
            })),
          }
        : alternative,
    );
  }

  /** Indexes articles (new ones, or new versions: an id already present is replaced); every process hears of it. */
  async add(articles: readonly Article[]): Promise<void> {
    await this.store.put(articles);
    await this.takeChanges();
  }

  /** Removes articles by id. */
  async remove(articleIds: readonly string[]): Promise<void> {
    await this.store.remove(articleIds);
    await this.takeChanges();
  }

  /**
   * Syncs a set of articles into the database (see `ArticleStore.sync`): by default it then holds exactly
   * these; with `origin` (an articles folder's path) it adds and rewrites, and removes only what that folder
   * held before and no other holds.
   */
  async sync(
    articles: readonly Article[],
    options: { origin?: string; removeMissing?: boolean; holds?: readonly string[] } = {
      removeMissing: true,
    },
  ) {
    const report = await this.store.sync(articles, options);
    await this.takeChanges();
    return report;
  }

  async size(): Promise<number> {
    return this.vocabulary.totals.passages;
  }

  async warmUp(): Promise<void> {
    this.vocabulary.resolver.warmUp();
  }

  /** Stops listening and closes the pool. */
  async close(): Promise<void> {
    await this.listener?.close();
    await this.refreshing;
    await this.pool.end();
  }
}

/**
 * The whole numbers written in `text`, separated by single spaces, `stride` to a row (at most `count`
 * numbers; by default as many as it holds): rows of postings as one string, read character by character:
 * splitting it made a string of each of up to 280,000 numbers a question, and collecting them was a good
 * part of a question's CPU time.
 */
function numbersOf(text: string, stride: number, count?: number): Float64Array {
  let size = count;
  if (size === undefined) {
    size = text.length ? 1 : 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) size++;
  }
  const values = new Float64Array(size);
  let at = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      values[at++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  if (text.length) values[at++] = value;
  // Fewer when a row was left out (a NULL field makes its whole string NULL, which `string_agg` skips).
  return at < size || at % stride ? values.subarray(0, at - (at % stride)) : values;
}

/** The place of passage `id` in `ids` (sorted ascending, holding it). */
function localOf(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ids[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first moment of `date`'s day (UTC): a day-only publication date counts for that whole day. */
function startOfDayUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
