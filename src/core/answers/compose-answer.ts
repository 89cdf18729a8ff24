import type { ArticleSource } from '../articles/article-source.ts';
import { PARAMS } from '../ranking/model.ts';
import { type Analyze, tokenize } from '../search/analyze.ts';
import { editDistance } from '../search/edit-distance.ts';
import type { ResolvedTerm, SearchEngine, TermFacts } from '../search/search-engine.ts';
import { DAY_MS, publishedTime } from '../time/as-of.ts';
import type {
  AnswerReply,
  Article,
  ArticleMeta,
  ArticleSummary,
  CitedPassage,
  CorpusStats,
  NotCoveredReply,
} from '../types.ts';
import { chooseAnswerSentence, type NameCountCache, type SentenceCandidate } from './answer-sentence.ts';
import { markTerms } from './mark-terms.ts';
import { diversify, type RankedHit } from './rank-passages.ts';
import { type PublicationDate, rankQuestion } from './rank-question.ts';
import type { Question } from './read-question.ts';
import { splitSentences } from './split-sentences.ts';
import { citationLink } from './text-fragment.ts';

/** Options for {@link composeAnswer}. */
export interface ComposeOptions {
  /** Passages per page (default 3). */
  pageSize?: number;
  /** Zero-based offset of the page (default 0). */
  offset?: number;
  /**
   * When the question is asked (default: now). Articles published after it did not exist yet, so are
   * never cited (`publishedAfter`).
   */
  asOf?: Date;
  /**
   * Told the candidate answer sentences and their features (`chooseAnswerSentence`): how
   * `npm run tune:sentence` reads what it fits the sentence weights on.
   */
  observeSentences?: (candidates: readonly SentenceCandidate[]) => void;
}

/** What composing an answer needs to know about the corpus. */
export interface Corpus {
  /** The search engine behind the port (`search-engine.ts`). */
  engine: SearchEngine;
  /** Every article's metadata by id (its text is not needed: see {@link ArticleSource}). */
  articles: ReadonlyMap<string, ArticleMeta>;
  /** Where the articles' text is read from, for the few a page cites. */
  source: ArticleSource;
  stats: CorpusStats;
  summaries: readonly ArticleSummary[];
  /** The articles' publication dates, oldest first (`publicationDates`). */
  dates: readonly PublicationDate[];
  /** How the desk analyses words, remembering them (`WordAnalyzer`): for the question and the sentences it reads. */
  analyze: Analyze;
  /** The names each article writes, counted once and kept by the desk (`SentenceVocabulary.nameCounts`). */
  nameCounts?: NameCountCache;
}

/**
 * A passage covering at least this share of the question's (IDF-weighted) information can answer it on its
 * own: it is cited, and its article put on the first page, however far below the best it ranks.
 *
 * Not a ranking weight (nor the next two): which ranked passages a page cites beside the first, and the rule for undated articles; the order is the model's.
 */
export const MIN_COVERAGE = 0.55;
/**
 * Further passages are cited only if they score at least this share of the best one, or cover enough of
 * the question ({@link MIN_COVERAGE}) to answer it on their own.
 */
const MIN_RELATIVE_RANK = 0.15;
/**
 * Articles whose best passage scores at least this share of the best, or covers enough of the question to
 * answer it on its own, are all cited on the first page. A second article usually words the same fact
 * differently (other names, a paraphrase), so its best passage ranks well below the first article's: by
 * rank alone, 0.3 and even 0.2 left some out of questions both answer ("What has Kim pledged to do for
 * Russia?": one article says "pledged", the other that helping Russia is a "fraternal duty", at a tenth
 * of the rank).
 */
const STRONG_ARTICLE_SHARE = 0.2;
/**
 * Two articles published at most this many days apart may tell the same story (see {@link sameStoryAs}):
 * news reports an event on its day and the next, and follows it up within days. Not a ranking weight: which
 * articles the first page may bring up beside the best one's. On the real-news dev set, bringing up articles
 * from further apart put the answer on the first page for no question and pushed it off for five.
 */
const SAME_STORY_DAYS = 3;
/** At most this many passages are offered across all pages. */
const MAX_RESULTS = 12;
/**
 * A "not covered" reply lists at most this many articles to ask about. Listing all of them made the
 * reply grow with the corpus (8,318 articles and ~14 ms to render at 100k paragraphs) though no platform
 * shows more than a screenful; the reply says how many more there are and `sources` lists them all.
 */
export const NOT_COVERED_ARTICLES = 10;

/** Answers a question from the corpus: the best sentence and cited passages, or "not covered". */
export async function composeAnswer(
  question: Question,
  corpus: Corpus,
  options: ComposeOptions = {},
): Promise<AnswerReply | NotCoveredReply> {
  const pageSize = options.pageSize ?? 3;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const { terms, asked, ranked, confidence } = await rankQuestion(
    question,
    corpus.engine,
    corpus.articles,
    options.asOf ?? new Date(),
    undefined,
    corpus.dates,
  );
  const best = ranked[0];
  // Below the confidence threshold (chosen on the dev sets by `npm run tune`) the best passage is a weak
  // match — it shares words with the question but is not about it — and the articles don't cover it.
  // An undated article gives confidence nothing to judge its staleness by, its strongest sign of a question
  // about another story (it was fitted mostly on dated news): the best passage must then also cover what the
  // hand-set rule asked of it.
  const undated = publishedTime(corpus.articles.get(best?.passage.articleId ?? '')?.published) === undefined;
  if (!best || confidence < PARAMS.confidence.threshold || (undated && best.coverage < MIN_COVERAGE))
    return notCovered(question, terms, corpus);

  const answersAlone = (h: RankedHit) => h.coverage >= MIN_COVERAGE;
  // How a passage scores beside the best, as a ratio of BM25-like scores: the model's scores are logs,
  // scaled by the weight it fitted to BM25's log, so the shares below keep their meaning whatever the fit.
  const share = (h: RankedHit) =>
    Math.exp((h.modelScore - best.modelScore) / Math.max(PARAMS.rank.bm25, 0.1));
  const confident = ranked
    .filter((h) => (share(h) >= MIN_RELATIVE_RANK && h.coverage >= MIN_COVERAGE / 2) || answersAlone(h))
    .slice(0, MAX_RESULTS);
  // Another article is put on the first page only when it tells the same story as the best passage's:
  // on a desk of many stories, an article from another week that shares the question's words is about
  // something else, and citing it pushed the best article's next passages — often the answer — off the page.
  const sameStory = sameStoryAs(best, corpus);
  // Another article of the story whose passage answers on its own words the same fact differently, however
  // far below it ranks: the best such one is put on the first page. Only one: many articles may share
  // enough of a question's words, and putting each on the first page pushed the right passage off it.
  const alsoAnswers = confident.find(
    (h) => h.passage.articleId !== best.passage.articleId && answersAlone(h) && sameStory(h),
  );
  const ordered = diversify(
    confident,
    pageSize,
    (h) => (share(h) >= STRONG_ARTICLE_SHARE || h === alsoAnswers) && sameStory(h),
  );
  const page = ordered.slice(offset, offset + pageSize);
  // The answer is the same on every page: chosen among the passages the first page cites.
  const firstPage = [best, ...ordered.slice(0, pageSize).filter((h) => h !== best)];
  // The articles' text, read in one call (a database reads them at once): the first page's, whose names the
  // answer sentence counts, and those of the passages whose links need their earlier paragraphs.
  const texts = await articleTexts([...firstPage, ...page.filter((h) => needsEarlier(h, corpus))], corpus);
  const vocabulary = {
    ...(await vocabularyOf(corpus.engine, firstPage, corpus.analyze)),
    article: (id: string) => texts.get(id),
    nameCounts: corpus.nameCounts,
  };
  const chosen = chooseAnswerSentence(firstPage, question, asked, vocabulary, {
    analyze: corpus.analyze,
    observe: options.observeSentences,
  }) ?? {
    hit: best,
    text: best.passage.text,
  };
  const marked = questionWords(terms);
  const next = offset + pageSize < ordered.length ? offset + pageSize : undefined;
  return {
    kind: 'answer',
    question: question.text,
    note: question.note,
    answer: markTerms(chosen.text, marked(chosen.hit), corpus.analyze),
    answerFrom: { articleId: chosen.hit.passage.articleId, paragraph: chosen.hit.passage.paragraph },
    passages: page.map((hit, i) =>
      cite(hit, offset + i + 1, corpus, marked(hit), earlierParagraphs(hit, corpus, texts)),
    ),
    offset,
    total: ordered.length,
    nextOffset: next,
    stats: corpus.stats,
  };
}

/**
 * Whether a passage's article may tell the same story as the best passage's: the same article, or one
 * published within {@link SAME_STORY_DAYS} of it. An undated article could tell any story, so it may.
 */
function sameStoryAs(best: RankedHit, corpus: Corpus): (hit: RankedHit) => boolean {
  const day = (hit: RankedHit) => publishedTime(corpus.articles.get(hit.passage.articleId)?.published);
  const bestDay = day(best);
  return (hit) => {
    const t = day(hit);
    return bestDay === undefined || t === undefined || Math.abs(t - bestDay) <= SAME_STORY_DAYS * DAY_MS;
  };
}

/**
 * What to mark in a passage: only the question's own words and their forms (Russian for Russia, sent for
 * send, a misspelt word as corrected, the longer words an unfinished word begins) — never a word it was
 * matched to by meaning, place or role ("met" does not answer "who accompanied Putin" in the reader's
 * words, and marking it would say it does).
 */
function questionWords(terms: readonly ResolvedTerm[]): (hit: RankedHit) => Set<string> {
  const own = new Set<string>();
  const prefixes: string[] = [];
  for (const t of terms) {
    own.add(t.term).add(t.searchAs);
    for (const e of t.expansions ?? [])
      if (e.kind === 'morphological' || e.kind === 'spelling') own.add(e.term);
    if (t.status === 'unknown' && t.term.length >= 4) prefixes.push(t.term);
  }
  return (hit) =>
    new Set(hit.matchedTerms.filter((term) => own.has(term) || prefixes.some((p) => term.startsWith(p))));
}

/** Whether a passage's link needs its article's earlier paragraphs: its article has a URL, and it is not ¶1. */
function needsEarlier(hit: RankedHit, corpus: Corpus): boolean {
  return hit.passage.paragraph > 1 && Boolean(corpus.articles.get(hit.passage.articleId)?.url);
}

/** The articles of `hits`, text included, read from the source in one call. */
async function articleTexts(hits: readonly RankedHit[], corpus: Corpus): Promise<Map<string, Article>> {
  const ids = [...new Set(hits.map((h) => h.passage.articleId))];
  const byId = new Map<string, Article>();
  if (!ids.length) return byId;
  const found = await corpus.source.articles(ids);
  found.forEach((article, i) => {
    if (article) byId.set(ids[i] as string, article);
  });
  return byId;
}

/**
 * The text of a passage's article's paragraphs before it, which its link's text fragment must not be found
 * in first (`citationLink`), for the passages that get such a link ({@link needsEarlier}).
 */
function earlierParagraphs(
  hit: RankedHit,
  corpus: Corpus,
  texts: ReadonlyMap<string, Article>,
): string[] | undefined {
  if (!needsEarlier(hit, corpus)) return undefined;
  return texts
    .get(hit.passage.articleId)
    ?.paragraphs.filter((p) => p.n < hit.passage.paragraph)
    .map((p) => p.text);
}

function cite(
  hit: RankedHit,
  n: number,
  corpus: Corpus,
  marked: ReadonlySet<string>,
  earlier: string[] | undefined,
): CitedPassage {
  const article = corpus.articles.get(hit.passage.articleId);
  return {
    n,
    articleId: hit.passage.articleId,
    title: article?.title ?? hit.passage.title,
    ...(article?.fullTitle ? { fullTitle: article.fullTitle } : {}),
    source: article?.source,
    url: article?.url,
    link: citationLink(article?.url, hit.passage.text, earlier),
    published: article?.published,
    paragraph: hit.passage.paragraph,
    text: markTerms(hit.passage.text, marked, corpus.analyze),
    score: Math.round(hit.rank * 1000) / 1000,
    heading: hit.passage.heading,
  };
}

async function notCovered(
  question: Question,
  terms: readonly ResolvedTerm[],
  corpus: Corpus,
): Promise<NotCoveredReply> {
  const suggestions = new Set<string>();
  const unsure = terms.filter((t) => t.status !== 'known');
  const similar = unsure.length
    ? await corpus.engine.suggestions(
        unsure.map((t) => t.term),
        3,
      )
    : [];
  unsure.forEach((t, i) => {
    for (const shown of similar[i] ?? [])
      if (closeInSpelling(t.word ?? t.term, shown)) suggestions.add(shown);
  });
  return {
    kind: 'not-covered',
    question: question.text,
    note: question.note,
    suggestions: [...suggestions].slice(0, 5),
    articles: corpus.summaries.slice(0, NOT_COVERED_ARTICLES),
    stats: corpus.stats,
  };
}

/**
 * What the vocabulary says of the terms the answer sentence is chosen by (`chooseAnswerSentence`), asked
 * of the engine in one call: the IDF of each passage's matched terms, and whether the words written with a
 * capital in their sentences are names. Other terms are never asked about.
 */
async function vocabularyOf(
  engine: SearchEngine,
  hits: readonly RankedHit[],
  analyze: Analyze,
): Promise<{ idf(term: string): number; isName(term: string): boolean }> {
  const terms = new Set<string>();
  for (const hit of hits) {
    for (const term of hit.matchedTerms) terms.add(term);
    for (const sentence of splitSentences(hit.passage.text))
      for (const token of tokenize(sentence.text))
        if (CAPITAL.test(token.text)) for (const term of analyze(token.text)) terms.add(term);
  }
  const list = [...terms];
  const found = await engine.lookUp(list);
  const facts = new Map<string, TermFacts>(list.map((term, i) => [term, found[i] as TermFacts]));
  return {
    idf: (term) => facts.get(term)?.idf ?? 0,
    isName: (term) => facts.get(term)?.name ?? false,
  };
}

/** A word written with a capital: only such a word is asked whether it is a name (`newNames`). */
const CAPITAL = /^\p{Lu}/u;

/**
 * Whether a suggestion is spelt close enough to what was typed to be what the user meant: at most one edit in
 * three letters of the typed word (one for a short word). Stems can be close when the words are not:
 * "weather" and "gathered" share a stem's neighbourhood (weather ~ gather) but not a spelling.
 */
function closeInSpelling(typed: string, suggestion: string): boolean {
  const a = typed.toLowerCase();
  const b = suggestion.toLowerCase();
  return editDistance(a, b) <= Math.max(1, Math.floor(a.length / 3));
}
