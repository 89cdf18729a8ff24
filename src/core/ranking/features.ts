import { type AnswerType, hasAnswerEvidence } from '../answers/answer-type.ts';
import {
  EXPANSION_KINDS,
  type MatchKind,
  type PassageHit,
  type ResolvedTerm,
} from '../search/search-engine.ts';

/**
 * The features of a (question, passage) pair that ranking combines (`model.ts`), in a fixed order. Each is a
 * number, 0 when the passage shows nothing of it; the parameters file (`params.ts`) gives each a weight.
 * - `bm25`: log of the passage's BM25 score of the question's terms (each term by its best alternative).
 * - `coverage`: log of the share of the question's information (idf-weighted terms, times their credit)
 *   the passage matches, however it matches them.
 * - `names`: share of the weight of the question's names (capitalised words, places) the passage matches;
 *   1 when the question names nothing.
 * - `rarest`: how fully the passage matches the question's rarest (highest-weight) term, 0–1.
 * - `answerType`: 1 when the passage holds the kind of answer asked for (a time, a number, a place…) other
 *   than the question's own words (`hasAnswerEvidence`).
 * - `together`: share of the question's neighbouring words the passage writes together (proximity).
 * - `context` … `referred`: share of the question's information matched only in the heading or title,
 *   through a correction of a misspelling, another form of a word, a word of like meaning, another name of
 *   a place, a role the article gives someone named, or a pronoun referring back to a name (see
 *   `MatchKind`); each kind of match is worth what the data says, not what a constant guessed.
 * - `lead`: −log of the paragraph's place in its article, counted from its lede (`ArticleMeta.opening`: a
 *   dateline or headline before it is not a paragraph of the report): news puts the facts first.
 * - `recency`: −log(1 + age in weeks) of the article when the question was asked; 0 when either date is unknown.
 * - `window`: when the question speaks of a time ("this week", "in 2023", "on Monday": `question-time.ts`),
 *   −log(1 + weeks) by which the article's date lies outside it; 0 inside it, or when either is unknown.
 * - `article`: share of the question's information the passage's article matches, over all its candidate
 *   passages (each term at its best credit there): a paragraph of the story that is about the question
 *   answers it more often than a paragraph that happens to share its words.
 * - `title`: share of the question's information the article's title writes: the title says what the
 *   story is about.
 * - `length`: log of the passage's number of words: a long paragraph matches more words by chance, and
 *   BM25's length normalisation is not fitted to news paragraphs.
 * - `span`: how closely the passage writes the question words it matches (`matchedSpan`): 1 side by side,
 *   towards 0 when scattered.
 * - `asking`: in a question that sets the scene before it asks ("Meta announced layoffs this week. How
 *   many employees were affected?"), the share of the asking sentence's information the passage matches
 *   (its terms marked `asking`); 0 for a question of one sentence. The paragraph that repeats the scene
 *   matches many of the question's words; the one that answers matches those of the sentence that asks.
 */
export const FEATURES = [
  'bm25',
  'coverage',
  'names',
  'rarest',
  'answerType',
  'together',
  ...EXPANSION_KINDS,
  'lead',
  'recency',
  'window',
  'article',
  'title',
  'length',
  'span',
  'asking',
] as const;

/** One of {@link FEATURES}. */
export type Feature = (typeof FEATURES)[number];

/** A passage's value of each feature, in {@link FEATURES} order. */
export type FeatureVector = Float64Array;

/** What the features of every passage of one question need to know about it. */
export interface QuestionContext {
  terms: readonly ResolvedTerm[];
  answerType: AnswerType;
  /** The index terms the question asks about itself: never its answer (`askedTerms`). */
  asked: ReadonlySet<string>;
  /** How many days old an article was when the question was asked (`articleAgeDays`), if known. */
  age: (articleId: string) => number | undefined;
  /** How many days an article's date lies outside the time the question speaks of (`daysOutsideWindow`), if any. */
  outside?: (articleId: string) => number | undefined;
  /** The number of an article's first body paragraph (`ArticleMeta.opening`), if known. */
  opening?: (articleId: string) => number | undefined;
  /** Share of the question's information each article matches over its candidate passages (`articleCoverage`). */
  article?: ReadonlyMap<string, number>;
}

/** Each kind of expansion is the feature of its own name, adding up the terms matched that way. */
const EXPANSION_FEATURES: ReadonlySet<MatchKind> = new Set(EXPANSION_KINDS);

const INDEX = new Map<Feature, number>(FEATURES.map((f, i) => [f, i]));
/** Position of a feature in a {@link FeatureVector}. */
export const featureIndex = (f: Feature) => INDEX.get(f) as number;

/**
 * Below this share of the question matched, `coverage` counts as this share: its log would be unbounded.
 * A numeric floor (and MIN_BM25 below), not a weight: a log's argument kept above 0.
 */
const MIN_COVERAGE = 0.02;
/** Below this BM25 score, `bm25` counts as this score (a passage matched only by credit given after search). */
const MIN_BM25 = 1e-3;

/** Share of the question's information a passage matches (idf-weighted terms, times their credit), 0–1. */
export function coverageOf(hit: PassageHit, terms: readonly ResolvedTerm[]): number {
  let matched = 0;
  let total = 0;
  for (const t of terms) {
    total += t.weight;
    if (hit.queryTerms.includes(t.term)) matched += t.weight * (hit.credit?.[t.term] ?? 1);
  }
  return total ? matched / total : 0;
}

/**
 * How fully a passage matches a question term: its credit when matched, else 0. A function, not a closure
 * made per passage: where function names are kept (tsx, as the benchmark runs), naming each cost microseconds.
 */
function creditOf(hit: PassageHit, t: ResolvedTerm): number {
  return hit.queryTerms.includes(t.term) ? (hit.credit?.[t.term] ?? 1) : 0;
}

/** The features of one passage for one question. */
export function passageFeatures(
  hit: PassageHit,
  q: QuestionContext,
  /** Where to write them (zeroed, {@link FEATURES}' length): e.g. a slice of one buffer for all candidates. */
  x: FeatureVector = new Float64Array(FEATURES.length),
): FeatureVector {
  let total = 0;
  let names = 0;
  let namesMatched = 0;
  let rarest: ResolvedTerm | undefined;
  let asking = 0;
  let askingMatched = 0;
  for (const t of q.terms) {
    total += t.weight;
    if (t.entity) {
      names += t.weight;
      namesMatched += t.weight * creditOf(hit, t);
    }
    if (t.asking) {
      asking += t.weight;
      askingMatched += t.weight * creditOf(hit, t);
    }
    if (!rarest || t.weight > rarest.weight) rarest = t;
  }
  total ||= 1;
  for (const t of q.terms) {
    const kind = hit.via?.[t.term];
    if (!kind || !EXPANSION_FEATURES.has(kind) || !hit.queryTerms.includes(t.term)) continue;
    const i = featureIndex(kind as Feature);
    x[i] = (x[i] as number) + (t.weight * creditOf(hit, t)) / total;
  }
  x[featureIndex('bm25')] = Math.log(Math.max(hit.score, MIN_BM25));
  x[featureIndex('coverage')] = Math.log(Math.max(coverageOf(hit, q.terms), MIN_COVERAGE));
  x[featureIndex('names')] = names ? namesMatched / names : 1;
  x[featureIndex('rarest')] = rarest ? creditOf(hit, rarest) : 0;
  x[featureIndex('answerType')] = hasAnswerEvidence(q.answerType, hit.passage.text, q.asked) ? 1 : 0;
  x[featureIndex('together')] = hit.together ?? 0;
  const opening = q.opening?.(hit.passage.articleId) ?? 1;
  x[featureIndex('lead')] = -Math.log(Math.max(1, hit.passage.paragraph - opening + 1));
  const age = q.age(hit.passage.articleId);
  if (age !== undefined) x[featureIndex('recency')] = -Math.log(1 + age / 7);
  const outside = q.outside?.(hit.passage.articleId);
  if (outside !== undefined) x[featureIndex('window')] = -Math.log(1 + outside / 7);
  x[featureIndex('article')] = q.article?.get(hit.passage.articleId) ?? coverageOf(hit, q.terms);
  let title = 0;
  for (const t of q.terms) if (hit.inTitle?.includes(t.term)) title += t.weight;
  x[featureIndex('title')] = title / total;
  x[featureIndex('length')] = Math.log(1 + (hit.words ?? 0));
  x[featureIndex('span')] = hit.span ?? 0;
  // Only when the scene is set first: else the asking sentence is all the question (`coverage`).
  if (asking && asking < total) x[featureIndex('asking')] = askingMatched / asking;
  return x;
}

/**
 * Per article, the share of the question's information (idf-weighted terms, each at its best credit) its
 * candidate passages match together: how much of the question the story, not one paragraph, is about.
 */
export function articleCoverage(
  hits: readonly PassageHit[],
  terms: readonly ResolvedTerm[],
): Map<string, number> {
  const best = new Map<string, Map<string, number>>();
  for (const hit of hits) {
    let credits = best.get(hit.passage.articleId);
    if (!credits) {
      credits = new Map();
      best.set(hit.passage.articleId, credits);
    }
    for (const term of hit.queryTerms)
      credits.set(term, Math.max(credits.get(term) ?? 0, hit.credit?.[term] ?? 1));
  }
  const total = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const shares = new Map<string, number>();
  for (const [article, credits] of best) {
    let matched = 0;
    for (const t of terms) matched += t.weight * (credits.get(t.term) ?? 0);
    shares.set(article, matched / total);
  }
  return shares;
}
