import { type ComposeOptions, type Corpus, composeAnswer } from './answers/compose-answer.ts';
import {
  type DatesRead,
  publicationDates,
  type RankedQuestion,
  rankQuestion,
} from './answers/rank-question.ts';
import { type ReadQuestionResult, readQuestion, wordsToCheck } from './answers/read-question.ts';
import {
  type ArticleSource,
  type ArticlesInMemory,
  articlesInMemory,
  type SummariesMade,
} from './articles/article-source.ts';
import { BoundedMap } from './bounded-map.ts';
import { once } from './once.ts';
import type { MatchCredits } from './ranking/credits.ts';
import type { RankingParams } from './ranking/model.ts';
import { type Analyze, fold, WordAnalyzer } from './search/analyze.ts';
import { restoreSnapshot, snapshotPieces } from './search/minisearch/index-snapshot.ts';
import { adoptingIndex, type IndexData } from './search/minisearch/index-transfer.ts';
import { MemoryEngine } from './search/minisearch/memory-engine.ts';
import type { IndexParts } from './search/minisearch/passage-index.ts';
import type { PlaceNames } from './search/place-names.ts';
import type { SearchEngine } from './search/search-engine.ts';
import type { WordVectors } from './search/word-vectors.ts';
import type { Article, ArticleSummary, CorpusStats, Reply } from './types.ts';

/** Words whose analyses a desk remembers: a question analyses ~230 (its own, and its answer's passages). */
const DESK_WORDS = 50_000;
/** Articles whose counts of names a desk remembers (`SentenceVocabulary.nameCounts`): a question reads up to 3. */
const NAME_COUNT_ARTICLES = 1000;

/**
 * What a desk answers with besides its articles, given by the caller (the core reads no files:
 * `src/load/desk-data.ts` reads the committed ones). Each is the thing itself, a function the desk calls
 * once, on first need, and keeps for every index it builds, or `null` for none.
 */
export interface DeskData {
  /** Word vectors, for matching words of like meaning ("army" finds "military"); `null`: spelling only. */
  wordVectors: WordVectors | (() => WordVectors | undefined) | null;
  /** Other names of the places a question names ("Pyongyang" for North Korea); `null`: none. */
  placeNames: PlaceNames | (() => PlaceNames | undefined) | null;
}

/**
 * Awaited between the steps of a long piece of work on a desk ({@link Desk.replace}, {@link Desk.update}),
 * each a few milliseconds: return a promise that settles on the next turn of the event loop (e.g.
 * `setImmediate`) to let answers run in between, or nothing to go straight on.
 */
export type Pause = () => Promise<void> | void;

/**
 * Builds the index of a set of articles somewhere other than the thread answering (a worker thread:
 * `reload/index-build-worker.ts`), `pause` awaited between the steps of its own work on this thread
 * (handing the articles over), and gives it back as data ({@link IndexData}) that the desk takes up in
 * steps. Rejects when the build fails.
 */
export type IndexBuilder = (articles: readonly Article[], pause: Pause) => Promise<IndexData>;

/** Options for {@link Desk.build}: the desk's data, and how it answers. */
export interface DeskOptions extends DeskData {
  /** Passages cited per answer page (default 3). */
  maxPassages?: number;
  /** Clock, for the "built at" time (default `() => new Date()`). */
  now?: () => Date;
  /**
   * The mention and broadcast syntax of the platforms served (`adapters/platforms.ts`): it addresses
   * people, so it is left out of a question's words. Default: none.
   */
  mentions?: readonly RegExp[];
  /** How fully each kind of indirect match counts (default: the fitted ones); `npm run tune` tries others. */
  credits?: MatchCredits;
  /**
   * Where {@link Desk.replace} builds a new index: given, off the answering thread (its garbage
   * collected there, not between answers); absent, on this thread, article by article between pauses.
   */
  buildIndex?: IndexBuilder;
}

/** What a desk answers from: the articles, and the engine searching them. */
interface DeskCorpus extends Corpus {
  /** The engine, when it is the in-memory one the desk built (it can be snapshotted and rebuilt). */
  memory?: MemoryEngine;
  /** The articles, when the desk holds them whole (it indexes them itself): `source` is this. */
  held?: ArticlesInMemory;
}

/**
 * The articles and their passage index: everything needed to answer. Questions go through the search
 * port (`search/search-engine.ts`) to the engine: the in-memory one it builds (`search/minisearch/`), or
 * one it is given ({@link Desk.over}). What it answers from can be
 * replaced whole ({@link Desk.replace}): the new index is built first and swapped in with one assignment,
 * so a question is always answered from the old articles or the new ones, never from a half-built index.
 */
export class Desk {
  /** Passages cited per answer page. */
  readonly maxPassages: number;
  private corpus: DeskCorpus;
  private readonly now: () => Date;
  private readonly mentions: readonly RegExp[];
  /** The word vectors and place names every index of this desk uses (see {@link DeskData}). */
  private readonly data: DeskData;
  /** The analyses of the words its questions and cited passages use, remembered (at most {@link DESK_WORDS}). */
  private readonly words = new WordAnalyzer(DESK_WORDS);
  /** The names each article cited writes, counted with {@link words} (keyed by the article object: a changed one is counted afresh). */
  private readonly nameCounts = new BoundedMap<object, ReadonlyMap<string, number>>(NAME_COUNT_ARTICLES);
  private readonly credits: MatchCredits | undefined;
  private readonly buildIndex: IndexBuilder | undefined;
  /** Bumped whenever what the desk answers from starts to change (see {@link snapshot}). */
  private generation = 0;
  /** Articles' summaries and dates made, by article, for the next {@link update} (which makes them all again). */
  private readonly made = { summaries: new WeakMap() as SummariesMade, dates: new WeakMap() as DatesRead };
  /** A warm-up in steps under way ({@link warmUpInSteps}): {@link update} waits for it to end. */
  private warming: Promise<void> | undefined;

  private constructor(
    source: ArticleSource,
    options: DeskOptions,
    restored?: { parts: IndexParts; builtAt: Date },
    engine?: SearchEngine,
  ) {
    this.maxPassages = options.maxPassages ?? 3;
    this.now = options.now ?? (() => new Date());
    this.mentions = options.mentions ?? [];
    // Read once for the desk, not once per index: a reload builds a new index with the same ones.
    const { wordVectors, placeNames } = options;
    this.data = {
      wordVectors: typeof wordVectors === 'function' ? once(wordVectors) : wordVectors,
      placeNames: typeof placeNames === 'function' ? once(placeNames) : placeNames,
    };
    this.credits = options.credits;
    this.buildIndex = options.buildIndex;
    this.corpus = this.index(source, restored, engine);
  }

  /** Indexes the articles, in memory (MiniSearch: `search/minisearch/`). */
  static build(articles: readonly Article[], options: DeskOptions): Desk {
    return new Desk(articlesInMemory(articles), options);
  }

  /**
   * Indexes the articles as {@link build} does, but off this thread when the options give a
   * {@link DeskOptions.buildIndex} (a worker thread): the index is built there and taken up here in steps,
   * `pause` awaited between them, so that this thread serves other work meanwhile (`/healthz` at
   * start-up). Rejects when that build fails.
   */
  static async open(
    articles: readonly Article[],
    options: DeskOptions,
    pause: Pause = () => {},
  ): Promise<Desk> {
    if (!options.buildIndex) return Desk.build(articles, options);
    const data = await options.buildIndex(articles, pause);
    return Desk.fromIndexData(articles, data, (options.now ?? (() => new Date()))(), options, pause);
  }

  /**
   * A desk of the articles and their index built (or read from a snapshot) elsewhere, as data: taken up
   * here in steps (`adoptingIndex`), `pause` awaited between them. Rejects when the data does not fit
   * the articles.
   */
  static async fromIndexData(
    articles: readonly Article[],
    data: IndexData,
    builtAt: Date,
    options: DeskOptions,
    pause: Pause = () => {},
  ): Promise<Desk> {
    const parts = await adopt(articles, data, pause);
    return new Desk(articlesInMemory(articles), options, { parts, builtAt });
  }

  /**
   * A desk answering through an engine that already holds these articles (PostgreSQL: issue 18), instead
   * of indexing them in memory. The index is the engine's own: such a desk has no snapshot, and the engine,
   * not {@link Desk.replace}, is given the articles that change (`SearchEngine.add`/`remove`). `articles`:
   * the articles themselves, or a source that holds only their summaries and reads their text on demand
   * (see {@link ArticleSource}); when it changes, call {@link articlesChanged}.
   */
  static over(
    engine: SearchEngine,
    articles: readonly Article[] | ArticleSource,
    options: DeskOptions,
  ): Desk {
    const source = Array.isArray(articles)
      ? articlesInMemory(articles as readonly Article[])
      : (articles as ArticleSource);
    return new Desk(source, options, undefined, engine);
  }

  /**
   * A desk from a snapshot ({@link Desk.snapshot}) instead of indexing: its articles and index as they
   * were, and when that index was built. A snapshot that cannot be used (another format version, damaged)
   * is returned as the reason, never thrown: the caller then builds from the articles.
   */
  static restore(
    snapshot: string,
    options: DeskOptions,
  ): { ok: true; desk: Desk } | { ok: false; reason: string } {
    const restored = restoreSnapshot(snapshot);
    if (!restored.ok) return restored;
    return { ok: true, desk: new Desk(articlesInMemory(restored.articles), options, restored) };
  }

  /**
   * The articles and their index as pieces of one JSON text, for {@link Desk.restore}; write them one at
   * a time, letting other work run in between (see `index-snapshot.ts`). Snapshots what is served now;
   * should the desk change before the last piece ({@link update} changes it in place), the next piece
   * throws instead: the pieces would not make one snapshot.
   */
  snapshot(): Generator<string> {
    const { memory, held } = this.corpus;
    if (!memory || !held)
      throw new Error('Desk.snapshot: this desk answers through an engine that keeps its own index');
    const generation = this.generation;
    const pieces = snapshotPieces(held.list, memory.parts, this.corpus.stats.builtAt);
    const changed = () => this.generation !== generation;
    return (function* () {
      for (const piece of pieces) {
        if (changed()) throw new Error('the articles changed while the snapshot was being written');
        yield piece;
      }
    })();
  }

  /** What the index holds, and when it was built. */
  get stats(): CorpusStats {
    return this.corpus.stats;
  }

  /**
   * Prepares everything the first questions would otherwise prepare as they come (see
   * `PassageIndex.warmUp`): for a long-running bot, after it is up. A one-off answer need not wait for it.
   */
  warmUp(): void {
    const { memory, engine } = this.corpus;
    if (memory) memory.warmUpNow();
    // Optional work, not awaited: an engine that cannot warm up (its database gone) fails the next
    // question instead, where the failure is reported; here it must not become an unhandled rejection.
    else engine.warmUp().catch(() => undefined);
  }

  /**
   * {@link warmUp} in steps of a few milliseconds (`PassageIndex.warmingUp`), `pause` awaited between them
   * (see {@link Pause}): at 100k paragraphs the whole warm-up takes seconds, which a bot that has just
   * started must not keep its first questions waiting for. Rejects when `pause` does (to stop it). An
   * {@link update} meanwhile waits for it to end: the parts it makes follow the index as it was.
   */
  warmUpInSteps(pause: Pause): Promise<void> {
    const { memory } = this.corpus;
    if (!memory) {
      this.warmUp();
      return Promise.resolve();
    }
    const warming = (async () => {
      for (const _ of memory.warmingUp()) await pause();
    })();
    const settled = warming.then(
      () => undefined,
      () => undefined,
    );
    this.warming = settled;
    void settled.then(() => {
      if (this.warming === settled) this.warming = undefined;
    });
    return warming;
  }

  /**
   * Indexes a new set of articles from scratch and then answers from it. The previous index keeps
   * answering meanwhile: the new one is built — by the desk's {@link DeskOptions.buildIndex} when it has
   * one (a worker thread), and taken up here in steps; else here, article by article — and warmed up in
   * steps of a few milliseconds, `pause` awaited between them (to let other work — answers — run: see
   * {@link Pause}), and it is swapped in with one assignment when complete. Should the build fail, the
   * previous index goes on answering, and this rejects.
   */
  async replace(articles: readonly Article[], pause: Pause = () => {}): Promise<void> {
    if (!this.corpus.memory)
      throw new Error('Desk.replace: give the articles to the engine this desk answers through');
    this.generation++;
    const options = { ...this.data, analyze: this.words.analyze, credits: this.credits };
    let engine: MemoryEngine;
    if (this.buildIndex) {
      const parts = await adopt(articles, await this.buildIndex(articles, pause), pause);
      engine = new MemoryEngine(articles, options, parts);
    } else {
      engine = new MemoryEngine([], options);
      for (const article of articles) {
        await engine.add([article]);
        await pause();
      }
    }
    for (const _ of engine.warmingUp()) await pause();
    this.corpus = { ...this.held(articlesInMemory(articles, this.made.summaries)), engine, memory: engine };
  }

  /**
   * For a desk over an engine ({@link Desk.over}): its articles changed (the engine indexed them already);
   * the desk lists and cites them from here on, from `source` if given (else the source it has, read
   * again). Swapped in with one assignment, as `replace`.
   */
  articlesChanged(source: ArticleSource = this.corpus.source): void {
    const { memory, engine } = this.corpus;
    if (memory) throw new Error('Desk.articlesChanged: this desk indexes its articles itself; use replace');
    this.corpus = this.index(source, undefined, engine);
  }

  /**
   * Answers from `articles` from now on, indexing only what differs from the articles answered from now:
   * an article with a new id is added, one whose id is gone is removed, and one whose id stays but is
   * another object (re-read from its file) is replaced: in place, one article at a time (milliseconds
   * each), with `pause` awaited between them (see {@link Pause}). The statistics and spellings follow, as
   * a full rebuild ({@link replace}) would make them. Each article changes whole: a question is answered
   * from its old version or its new one. Returns what changed.
   */
  async update(
    articles: readonly Article[],
    pause: Pause = () => {},
  ): Promise<{ added: string[]; removed: string[]; changed: string[] }> {
    if (this.warming) await this.warming;
    const { engine, held } = this.corpus;
    if (!held) throw new Error('Desk.update: give the articles to the engine this desk answers through');
    const known = held.byId;
    const next = articlesInMemory(articles, this.made.summaries);
    const added: Article[] = [];
    const changed: Article[] = [];
    for (const article of articles) {
      const before = known.get(article.id);
      if (!before) added.push(article);
      else if (before !== article) changed.push(article);
    }
    const removed = [...known.keys()].filter((id) => !next.byId.has(id));
    const report = { added: added.map((a) => a.id), removed, changed: changed.map((a) => a.id) };
    if (!added.length && !changed.length && !removed.length) return report;
    this.generation++;
    // The articles map (a copy: the previous one stays as it was) follows the index step by step: a
    // passage cited is always of an article it has.
    const current = new Map(known);
    this.corpus = {
      ...this.corpus,
      articles: current,
      source: { summaries: this.corpus.summaries, articles: (ids) => ids.map((id) => current.get(id)) },
    };
    for (const id of removed) {
      await engine.remove([id]);
      current.delete(id);
      await pause();
    }
    // A changed article is replaced by `add` (its old passages go, its new ones come), in one step.
    for (const article of [...changed, ...added].sort(byId)) {
      await engine.add([article]);
      current.set(article.id, article);
      await pause();
    }
    this.corpus = { ...this.corpus, ...this.held(next) };
    return report;
  }

  /** What a desk answers from, besides its engine, when it holds these articles whole. */
  private held(held: ArticlesInMemory, builtAt = this.now()): Omit<DeskCorpus, 'engine'> {
    return {
      held,
      source: held,
      articles: held.byId,
      stats: statsOf(held.summaries, builtAt),
      summaries: held.summaries,
      dates: publicationDates(held.byId, this.made.dates),
      analyze: this.words.analyze,
      nameCounts: this.nameCounts,
    };
  }

  private index(
    source: ArticleSource,
    restored?: { parts: IndexParts; builtAt: Date },
    given?: SearchEngine,
  ): DeskCorpus {
    const builtAt = restored?.builtAt ?? this.now();
    if (given) {
      const byId = new Map(source.summaries.map((a) => [a.id, a]));
      return {
        engine: given,
        source,
        articles: byId,
        stats: statsOf(source.summaries, builtAt),
        summaries: source.summaries,
        dates: publicationDates(byId),
        analyze: this.words.analyze,
        nameCounts: this.nameCounts,
      };
    }
    const held = source as ArticlesInMemory;
    const memory = new MemoryEngine(
      held.list,
      { ...this.data, analyze: this.words.analyze, credits: this.credits },
      restored?.parts,
    );
    return { ...this.held(held, builtAt), engine: memory, memory };
  }

  /**
   * Answers a question: an answer, "not covered", or a problem with the question itself. Asynchronous
   * because the search engine behind the desk may be (a database); the in-memory engine answers within
   * the same tick's microtasks.
   */
  async ask(text: string, options: ComposeOptions = {}): Promise<Reply> {
    const corpus = this.corpus;
    const read = await readAgainst(text, corpus, this.mentions);
    if (!read.ok) return read.problem;
    return composeAnswer(read.question, corpus, { pageSize: this.maxPassages, ...options });
  }

  /**
   * A question's candidate passages ranked, with their features and the confidence in the first (see
   * `rank-question.ts`), as `ask` ranks them: for `--explain` and `npm run tune`. `undefined` when the
   * question has nothing to search.
   */
  async rank(
    text: string,
    options: { asOf?: Date; params?: RankingParams } = {},
  ): Promise<RankedQuestion | undefined> {
    const corpus = this.corpus;
    const read = await readAgainst(text, corpus, this.mentions);
    if (!read.ok) return undefined;
    return rankQuestion(
      read.question,
      corpus.engine,
      corpus.articles,
      options.asOf,
      options.params,
      corpus.dates,
    );
  }

  /** Every article, as `sources` lists them. */
  summaries(): ArticleSummary[] {
    return [...this.corpus.summaries];
  }

  /**
   * The article with this id, text included, if any: at once from a desk that holds its articles, from
   * the database for a desk over one (see {@link ArticleSource}).
   */
  async getArticle(id: string): Promise<Article | undefined> {
    const { source } = this.corpus;
    if (!this.corpus.articles.has(id)) return undefined;
    return (await source.articles([id]))[0];
  }

  /**
   * All parsed articles, for a desk that holds them (built, restored or replaced: not one over an engine,
   * whose articles' text stays in it).
   */
  articles(): readonly Article[] {
    const { held } = this.corpus;
    if (!held) throw new Error('Desk.articles: this desk does not hold its articles (see Desk.over)');
    return held.list;
  }

  /**
   * Articles whose id or title contains the text (accent- and case-insensitive), titles starting with it
   * first; all articles for empty text. For autocomplete.
   */
  matchArticles(text: string, limit = 25): ArticleSummary[] {
    const needle = fold(text.trim());
    const scored = this.corpus.summaries
      .map((a) => {
        const title = fold(a.title);
        const id = fold(a.id);
        const rank = !needle
          ? 1
          : title.startsWith(needle) || id.startsWith(needle)
            ? 0
            : title.includes(needle) || id.includes(needle)
              ? 1
              : -1;
        return { a, rank };
      })
      .filter((s) => s.rank >= 0)
      .sort((x, y) => x.rank - y.rank || x.a.title.localeCompare(y.a.title));
    return scored.slice(0, limit).map((s) => s.a);
  }
}

/** The index of `data`, built from the articles elsewhere, taken up in steps (`adoptingIndex`), `pause` awaited between them. */
async function adopt(articles: readonly Article[], data: IndexData, pause: Pause): Promise<IndexParts> {
  const adopting = adoptingIndex(articles, data);
  for (;;) {
    const step = adopting.next();
    if (step.done) return step.value;
    await pause();
  }
}

/**
 * Reads a question (`readQuestion`) against the engine's vocabulary: a word the articles use is never read
 * as a slip of a function word ("sya" for "say"). The words it would ask about are looked up first, all
 * in one call.
 */
async function readAgainst(
  text: string,
  corpus: Corpus,
  mentions: readonly RegExp[],
): Promise<ReadQuestionResult> {
  const analyze: Analyze = corpus.analyze;
  const terms = [...new Set(wordsToCheck(text, mentions).flatMap((word) => analyze(word)))];
  const facts = terms.length ? await corpus.engine.lookUp(terms) : [];
  const known = new Set(terms.filter((_, i) => (facts[i]?.df ?? 0) > 0));
  return readQuestion(text, (word) => analyze(word).some((term) => known.has(term)), mentions, analyze);
}

const byId = (a: Article, b: Article) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function statsOf(summaries: readonly ArticleSummary[], builtAt: Date): CorpusStats {
  return {
    articles: summaries.length,
    paragraphs: summaries.reduce((n, a) => n + a.paragraphs, 0),
    builtAt,
  };
}
