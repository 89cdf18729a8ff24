import { madeFor } from '../once.ts';
import { confidenceFeatures, confidenceOf, PARAMS, type RankingParams } from '../ranking/model.ts';
import type { ResolvedTerm, SearchEngine } from '../search/search-engine.ts';
import { articleAgeDays, publishedAfter, publishedTime } from '../time/as-of.ts';
import { daysBeforeWindow, daysOutsideWindow, questionTimeWindow } from '../time/question-time.ts';
import type { ArticleMeta } from '../types.ts';
import { needsEvidence } from './answer-type.ts';
import { askedTerms, type RankedHit, rankPassages } from './rank-passages.ts';
import type { Question } from './read-question.ts';

/**
 * How many passages the search hands to ranking. Every credit (referred-back names, roles, a passage's
 * own closest words) is given to all of them before they are ranked, so a passage that only such credit
 * lifts can still come first; more cost time on every question (the benchmark's full-ask target).
 */
export const CANDIDATES = 50;

/** A question's candidate passages, ranked, and how sure the first one answers it. */
export interface RankedQuestion {
  terms: ResolvedTerm[];
  asked: Set<string>;
  /** The candidates that may be cited, best first. */
  ranked: RankedHit[];
  /** The probability that `ranked[0]` answers the question (`ranking/model.ts`); 0 when there is none. */
  confidence: number;
  /** The features it was computed from, in `CONFIDENCE_FEATURES` order (empty when there is no candidate). */
  confidenceFeatures: Float64Array;
  /** Days by which a passage's article is older than the newest article then (0 when either is undated). */
  staleness: (hit: RankedHit) => number;
}

/**
 * Searches and ranks a question's passages as of `asOf` (default now): the engine resolves the terms and
 * gives the candidates (articles published after `asOf` left out: `publishedAfter`), and the ranking
 * model orders them here, whatever the engine; the others' age then is a feature. A question asking for
 * a time, a number or a duration keeps only passages that give one, unless a passage matches every word
 * of the question.
 */
export async function rankQuestion(
  question: Question,
  engine: SearchEngine,
  articles: ReadonlyMap<string, ArticleMeta>,
  asOf: Date = new Date(),
  params: RankingParams = PARAMS,
  dates: readonly PublicationDate[] = publicationDates(articles),
): Promise<RankedQuestion> {
  const terms = await engine.resolve(question.terms);
  const asked = askedTerms(terms);
  // Later articles are left out before the candidates are cut, so they crowd none of the others out.
  const hits = await engine.candidates(terms, { limit: CANDIDATES, asOf });
  // Ages are read once per article and question: many candidates share an article.
  const age = perArticle((id) => articleAgeDays(articles.get(id)?.published, asOf));
  const window = questionTimeWindow(question.text, asOf);
  const outside =
    window && perArticle((id: string) => daysOutsideWindow(articles.get(id)?.published, window));
  const opening = (id: string) => articles.get(id)?.opening;
  const ranked = rankPassages(hits, terms, question.answerType, asked, age, params, outside, opening).filter(
    (hit) => hit.evidence || !needsEvidence(question.answerType) || matchesEveryTerm(hit, terms),
  );
  // How old an answer may be: a question speaking of a time ("this week") says; and a live desk, whose
  // newest article is at most LIVE_DAYS old, is asked about the news of the day. A desk of past years'
  // articles is asked about past stories: there age alone says nothing.
  const newest = newestAge(dates, asOf);
  const live = newest !== undefined && newest <= LIVE_DAYS;
  // Only an article older than the time the question speaks of is stale for it: a later one may look back.
  const before = window && perArticle((id: string) => daysBeforeWindow(articles.get(id)?.published, window));
  const staleness = (hit: RankedHit) => {
    const days = live ? age(hit.passage.articleId) : undefined;
    return Math.max(before?.(hit.passage.articleId) ?? 0, days === undefined ? 0 : days - (newest ?? 0));
  };
  const [first, second] = ranked;
  if (!first)
    return { terms, asked, ranked, confidence: 0, confidenceFeatures: new Float64Array(0), staleness };
  const total = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const share = (counts: (t: ResolvedTerm) => boolean) =>
    terms.reduce((sum, t) => sum + (counts(t) ? t.weight : 0), 0) / total;
  const g = confidenceFeatures({
    first: { features: first.features, score: first.modelScore, coverage: first.coverage },
    second: second && { score: second.modelScore },
    unknown: share((t) => t.status === 'unknown'),
    // A name searched by its other names (Pyongyang for North Korea) is not unknown.
    unknownNames: share((t) => t.status === 'unknown' && t.entity && !t.expansions?.length),
    staleness: staleness(first),
  });
  return { terms, asked, ranked, confidence: confidenceOf(g, params), confidenceFeatures: g, staleness };
}

/** `value` of an article id, computed once for each id asked (for one question). */
function perArticle<T>(value: (articleId: string) => T): (articleId: string) => T {
  const known = new Map<string, T>();
  return (id) => {
    if (known.has(id)) return known.get(id) as T;
    const v = value(id);
    known.set(id, v);
    return v;
  };
}

/**
 * A desk whose newest article is at most this many days old when a question is asked is live (see `rankQuestion`).
 * Part of the `staleness` confidence feature's definition; its weight is fitted.
 */
const LIVE_DAYS = 30;

/** An article's publication date, as written and as a time (see {@link publicationDates}). */
export interface PublicationDate {
  time: number;
  published: string;
}

/**
 * The articles' publication dates, oldest first, for {@link newestAge}: made once per set of articles by
 * its owner (the desk keeps them with its index), not per question.
 */
export function publicationDates(
  articles: ReadonlyMap<string, ArticleMeta>,
  made?: DatesRead,
): PublicationDate[] {
  const dates: PublicationDate[] = [];
  for (const article of articles.values()) {
    const date = madeFor(made, article, dateOf);
    if (date) dates.push(date);
  }
  return dates.sort((a, b) => a.time - b.time);
}

/**
 * Each article's date as read (false: none), by article, kept by a desk: it makes its dates again after
 * every in-place reload (`Desk.update`), and reading 10,000 dates again was most of the time that took
 * beside indexing the new article. An article is never changed in place (a changed file is read into a
 * new object); weak, so an entry goes with its article; the date is the one the desk's list holds.
 */
export type DatesRead = WeakMap<ArticleMeta, PublicationDate | false>;

/** An article's publication date as read, or false when it has none. */
function dateOf({ published }: ArticleMeta): PublicationDate | false {
  const time = publishedTime(published);
  return time === undefined || !published ? false : { time, published };
}

/**
 * How many days old the newest article was at `asOf` (of those published by then), or undefined when none
 * has a date. What a first passage's age is measured against: a desk of last year's articles answers from
 * last year, but a passage years older than the news of the day is about something else.
 */
export function newestAge(dates: readonly PublicationDate[], asOf: Date): number | undefined {
  let [low, high] = [0, dates.length];
  // The last article not published after asOf: dates are sorted, and "after" is monotone in the date.
  while (low < high) {
    const mid = (low + high) >> 1;
    if (publishedAfter(dates[mid]?.published, asOf)) high = mid;
    else low = mid + 1;
  }
  const newest = dates[low - 1];
  return newest && articleAgeDays(newest.published, asOf);
}

/**
 * A question term counts as matched by a passage that has it, another form of it ("fought" for "fight")
 * or a word this close in meaning (see `TermExpansion.credit`).
 *
 * Not a ranking weight: the evidence rule's test of a full match (which passages may be cited at all).
 */
const MATCHED_CREDIT = 0.7;

/**
 * Whether a passage matches every term of the question (see {@link MATCHED_CREDIT}). Such a passage is
 * about just what was asked, and is cited even if it lacks the kind of answer asked for (a time, a number:
 * `needsEvidence`). One that matches only part of the question and lacks it too is not an answer ("How many
 * soldiers were killed in Kursk?" is not answered by a passage on the soldiers in Kursk that counts nothing).
 */
function matchesEveryTerm(hit: RankedHit, terms: readonly ResolvedTerm[]): boolean {
  const found = new Set(hit.queryTerms);
  return terms.every((t) => found.has(t.term) && (hit.credit?.[t.term] ?? 1) >= MATCHED_CREDIT);
}
