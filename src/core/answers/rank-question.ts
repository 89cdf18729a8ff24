import {
  CONFIDENCE_FEATURES,
  confidenceFeatures,
  confidenceOf,
  PARAMS,
  type RankingParams,
} from '../ranking/model.ts';
import type { PassageIndex, ResolvedTerm } from '../search/passage-index.ts';
import { articleAgeDays, publishedAfter } from '../time/as-of.ts';
import type { Article } from '../types.ts';
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
}

/**
 * Searches and ranks a question's passages as of `asOf` (default now): articles published after it are
 * left out (`publishedAfter`), and the others' age then is a feature. A question asking for a time, a number or a
 * duration keeps only passages that give one, unless a passage matches every word of the question.
 */
export function rankQuestion(
  question: Question,
  index: PassageIndex,
  articles: ReadonlyMap<string, Article>,
  asOf: Date = new Date(),
  params: RankingParams = PARAMS,
): RankedQuestion {
  const terms = index.resolve(question.terms);
  const asked = askedTerms(terms);
  // Later articles are left out before the candidates are cut, so they crowd none of the others out.
  const hits = index.find(
    terms,
    CANDIDATES,
    (passage) => !publishedAfter(articles.get(passage.articleId)?.published, asOf),
  );
  const age = (id: string) => articleAgeDays(articles.get(id)?.published, asOf);
  const ranked = rankPassages(hits, terms, question.answerType, asked, age, params).filter(
    (hit) => hit.evidence || !needsEvidence(question.answerType) || matchesEveryTerm(hit, terms),
  );
  const [first, second] = ranked;
  if (!first) return { terms, asked, ranked, confidence: 0, confidenceFeatures: new Float64Array(0) };
  const total = terms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const unknown = terms.reduce((sum, t) => sum + (t.status === 'unknown' ? t.weight : 0), 0) / total;
  const g = confidenceFeatures({
    first: { features: first.features, score: first.modelScore, coverage: first.coverage },
    second: second && { score: second.modelScore },
    unknown,
  });
  return { terms, asked, ranked, confidence: confidenceOf(g, params), confidenceFeatures: g };
}

/**
 * A question term counts as matched by a passage that has it, another form of it ("fought" for "fight")
 * or a word this close in meaning (see `TermExpansion.credit`).
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

/** The names of the confidence features with their values, for `--explain`. */
export function namedConfidenceFeatures(g: Float64Array): { feature: string; value: number }[] {
  return CONFIDENCE_FEATURES.map((feature, i) => ({ feature, value: g[i] as number }));
}
