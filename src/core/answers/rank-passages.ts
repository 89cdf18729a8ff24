import {
  articleCoverage,
  coverageOf,
  FEATURES,
  type FeatureVector,
  featureIndex,
  passageFeatures,
} from '../ranking/features.ts';
import { PARAMS, type RankingParams, scorePassage } from '../ranking/model.ts';
import type { PassageHit, ResolvedTerm } from '../search/search-engine.ts';
import type { AnswerType } from './answer-type.ts';

/** A passage hit with the measures ranking and confidence use. */
export interface RankedHit extends PassageHit {
  /** Share of the question's information (IDF-weighted terms) the passage matches, 0–1. */
  coverage: number;
  /** The ranking model's score (`ranking/model.ts`): Σ weight × feature. */
  modelScore: number;
  /** The score results are ordered by: e^{@link modelScore}, so that ratios of ranks compare passages. */
  rank: number;
  /** Whether the passage holds the kind of answer asked for (`hasAnswerEvidence`). */
  evidence: boolean;
  /** The passage's features (`ranking/features.ts`), for confidence and `--explain`. */
  features: FeatureVector;
}

/**
 * The fields of a {@link PassageHit}, which a {@link RankedHit} copies one by one (see `rankPassages`). A
 * field added to `PassageHit` must be added here and there: until it is, this does not compile.
 */
type CopiedFields =
  | 'passage'
  | 'score'
  | 'queryTerms'
  | 'matchedTerms'
  | 'credit'
  | 'via'
  | 'together'
  | 'span'
  | 'words'
  | 'inTitle';
const everyFieldCopied: Exclude<keyof PassageHit, CopiedFields> extends never ? true : never = true;
void everyFieldCopied;

/**
 * Ranks the passages found for a question by the ranking model (`ranking/model.ts`): each passage's
 * features — BM25, how much of the question it covers and how, the kind of answer asked for, proximity,
 * position and age — weighted by the fitted parameters and summed.
 */
export function rankPassages(
  hits: readonly PassageHit[],
  terms: readonly ResolvedTerm[],
  answerType: AnswerType,
  asked: ReadonlySet<string> = askedTerms(terms),
  /** How many days old an article was when the question was asked (`articleAgeDays`), if known. */
  age: (articleId: string) => number | undefined = () => undefined,
  params: RankingParams = PARAMS,
  /** How many days an article's date lies outside the time the question speaks of, if it speaks of one. */
  outside?: (articleId: string) => number | undefined,
  /** The number of an article's first body paragraph, its lede (`ArticleMeta.opening`), if known. */
  opening?: (articleId: string) => number | undefined,
): RankedHit[] {
  const context = {
    terms,
    answerType,
    asked,
    age,
    outside,
    opening,
    article: articleCoverage(hits, terms),
  };
  // One buffer for every candidate's features: a typed array this long gets a buffer of its own outside
  // the heap, which cost more to make and collect, for each of the candidates, than the features did.
  const n = FEATURES.length;
  const buffer = new Float64Array(hits.length * n);
  return hits
    .map((hit, i): RankedHit => {
      const features = passageFeatures(hit, context, buffer.subarray(i * n, (i + 1) * n));
      const modelScore = scorePassage(features, params);
      // Every field named, not `{ ...hit, … }`: V8 copies a spread object of this many fields property by
      // property, which cost ~20 µs a candidate — a tenth of a question at 100k passages.
      return {
        passage: hit.passage,
        score: hit.score,
        queryTerms: hit.queryTerms,
        matchedTerms: hit.matchedTerms,
        credit: hit.credit,
        via: hit.via,
        together: hit.together,
        span: hit.span,
        words: hit.words,
        inTitle: hit.inTitle,
        coverage: coverageOf(hit, terms),
        evidence: features[featureIndex('answerType')] === 1,
        features,
        modelScore,
        rank: Math.exp(modelScore),
      };
    })
    .sort((a, b) => b.modelScore - a.modelScore);
}

/** The index terms a question asks about, as written and as searched: what cannot be its answer. */
export function askedTerms(terms: readonly ResolvedTerm[]): Set<string> {
  return new Set(terms.flatMap((t) => [t.term, t.searchAs]));
}

/**
 * Orders the passages to cite so that, when several articles answer well (`answersWell`), the first page
 * cites each of them (up to `pageSize` articles) instead of filling it from one article.
 */
export function diversify(
  ranked: readonly RankedHit[],
  pageSize: number,
  answersWell: (hit: RankedHit) => boolean,
): RankedHit[] {
  const strongArticles = new Set(ranked.filter(answersWell).map((h) => h.passage.articleId));
  const remaining = [...ranked];
  const page: RankedHit[] = [];
  const cited = new Set<string>();
  while (page.length < pageSize && remaining.length) {
    const missing = [...strongArticles].filter((a) => !cited.has(a));
    const slotsLeft = pageSize - page.length;
    const index =
      missing.length >= slotsLeft ? remaining.findIndex((h) => missing.includes(h.passage.articleId)) : 0;
    const [hit] = remaining.splice(Math.max(index, 0), 1);
    if (!hit) break;
    page.push(hit);
    cited.add(hit.passage.articleId);
  }
  return [...page, ...remaining];
}
