import type { MatchCredits } from './credits.ts';
import { FEATURES, type Feature, type FeatureVector, featureIndex } from './features.ts';
import { FITTED } from './params.ts';

/**
 * The features confidence reads, of the first passage and the question (see {@link confidenceFeatures}):
 * - `coverage`: share of the question's information the first passage matches (0–1);
 * - `names`: share of the question's names it matches (1 when the question names nothing);
 * - `rarest`: how fully it matches the question's rarest word;
 * - `answerType`: 1 when it holds the kind of answer asked for;
 * - `margin`: its score's lead over the next passage's (log scale, at most {@link MAX_MARGIN}; 0 when alone);
 * - `unknown`: share of the question's information in words the articles never use (nor a slip of one);
 * - `unknownNames`: share of it in names (capitalised words, places) the articles never use: a question
 *   about someone or somewhere they never mention is about another story;
 * - `staleness`: log(1 + weeks) by which the first passage's article is older than the time the question
 *   speaks of ("this week", "recently": `question-time.ts`; a later article may look back on it) or, on a
 *   live desk (newest article at most 30
 *   days old), is older than the newest article; 0 when a date is unknown: a passage from a much older story
 *   that shares the question's words is often about something else.
 */
export const CONFIDENCE_FEATURES = [
  'coverage',
  'names',
  'rarest',
  'answerType',
  'margin',
  'unknown',
  'unknownNames',
  'staleness',
] as const;

/** One of {@link CONFIDENCE_FEATURES}. */
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];

/**
 * The products of two features the score also weighs: the model's only terms that are not one feature
 * times a weight, each shown by `--explain` as a term of its own (`lead×coverage`: its value is the
 * product, its weight fitted like any other).
 * - `lead×coverage`: a paragraph's place after the lede times how much of the question it leaves out,
 *   both on their log scales (−log place × log share, ≥ 0). Its negative weight makes a paragraph further
 *   down the story pay for each part of the question it does not match: the lede may answer with a few of
 *   the question's words, a later paragraph must match more of them. Of the top-1 misses held out, four in
 *   five picked another paragraph of the right article; this term alone raised held-out hit@1 by 0.7
 *   points (2026-12-05, `npm run tune`), where relative features (a paragraph's coverage or BM25 against
 *   its article's best other paragraph, or the question's best) changed nothing.
 */
export const INTERACTIONS = [['lead', 'coverage']] as const satisfies readonly (readonly [
  Feature,
  Feature,
])[];

/** The name of an interaction: its two features joined by `×`. */
type InteractionName<T> = T extends readonly [infer A extends string, infer B extends string]
  ? `${A}×${B}`
  : never;
/** One of {@link INTERACTIONS}, by name. */
export type Interaction = InteractionName<(typeof INTERACTIONS)[number]>;
/** A term of the score: a feature, or a product of two ({@link INTERACTIONS}). */
export type Term = Feature | Interaction;

/** Every term of the score, in order: the features, then the interactions. */
export const TERMS: readonly Term[] = [
  ...FEATURES,
  ...INTERACTIONS.map(([a, b]) => `${a}×${b}` as Interaction),
];

/** Each interaction's two features' positions in a {@link FeatureVector}. */
const INTERACTION_INDICES = INTERACTIONS.map(([a, b]) => [featureIndex(a), featureIndex(b)] as const);

/** The value of term `i` of {@link TERMS} for features `x`. */
function termValue(x: FeatureVector, i: number): number {
  if (i < FEATURES.length) return x[i] as number;
  const [a, b] = INTERACTION_INDICES[i - FEATURES.length] as readonly [number, number];
  return (x[a] as number) * (x[b] as number);
}

/** Every term's value for features `x`, in {@link TERMS} order (what `npm run tune` fits the weights on). */
export function termValues(x: FeatureVector): Float64Array {
  return Float64Array.from(TERMS, (_, i) => termValue(x, i));
}

/**
 * Every weight ranking and confidence use, in one object (`params.ts`, written by `npm run tune`):
 * - `rank`: a passage's score is the sum of its terms ({@link TERMS}: each feature, and the few products
 *   of two in {@link INTERACTIONS}) times these weights (a log-linear model: the score's exponent is
 *   proportional to the probability, among a question's candidates, that this passage answers it — what
 *   the tuning fits);
 * - `confidence`: the probability that the first passage answers the question is the logistic of `bias`
 *   plus its confidence features times `weights`; below `threshold` the reply says the articles don't
 *   cover the question;
 * - `credits`: how fully each kind of indirect match counts while searching (`credits.ts`);
 * - `fitted`: what the parameters were fitted on, when, and how they did on held-out questions.
 */
export interface RankingParams {
  rank: Record<Term, number>;
  confidence: { bias: number; weights: Record<ConfidenceFeature, number>; threshold: number };
  credits: MatchCredits;
  fitted: {
    at: string;
    on: { set: string; questions: number }[];
    note?: string;
    crossValidated?: Record<string, number | string>;
  };
}

/**
 * The weights ranking had before it was fitted, set by hand over many changes: BM25 × coverage² × 1.25 for
 * the kind of answer asked for × (1 + 0.25 × words written together), as a log-linear model. `npm run tune`
 * starts from them and its regularisation pulls towards them: with few questions, a weight moves only as
 * far as the data shows it should.
 */
export const HAND_SET: Record<Term, number> = {
  bm25: 1,
  coverage: 2,
  names: 0,
  rarest: 0,
  answerType: Math.log(1.25),
  together: 0.22,
  context: 0,
  spelling: 0,
  forms: 0,
  meaning: 0,
  place: 0,
  role: 0,
  referred: 0,
  lead: 0,
  recency: 0,
  window: 0,
  article: 0,
  title: 0,
  length: 0,
  span: 0,
  asking: 0,
  'lead×coverage': 0,
};

/** The parameters in use: `params.ts`, as `npm run tune` last wrote it. */
export const PARAMS: RankingParams = FITTED;

/**
 * The longest lead over the next passage `margin` counts: beyond it the first passage is clear anyway.
 * Part of the `margin` confidence feature's definition; its weight is fitted.
 */
export const MAX_MARGIN = 5;

/** A passage's score under the parameters: Σ weight × term (each feature, and each product in {@link INTERACTIONS}). */
export function scorePassage(x: FeatureVector, params: RankingParams = PARAMS): number {
  let s = 0;
  for (let i = 0; i < TERMS.length; i++) s += (params.rank[TERMS[i] as Term] ?? 0) * termValue(x, i);
  return s;
}

/** Each term's value and its contribution (weight × value) to a passage's score, for `--explain`. */
export function explainScore(
  x: FeatureVector,
  params: RankingParams = PARAMS,
): { feature: Term; value: number; weight: number; contribution: number }[] {
  return TERMS.map((feature, i) => {
    const value = termValue(x, i);
    const weight = params.rank[feature] ?? 0;
    return { feature, value, weight, contribution: weight * value };
  });
}

/** What confidence is computed from: the first two passages' features and scores, and the question's unknown share. */
export interface ConfidenceInput {
  first: { features: FeatureVector; score: number; coverage: number };
  second?: { score: number };
  /** Share of the question's information in words the articles never use. */
  unknown: number;
  /** Share of the question's information in names the articles never use. */
  unknownNames?: number;
  /** Days by which the first passage's article is stale (see `staleness` above; 0 when unknown). */
  staleness?: number;
}

/** The confidence features of a question's first passage, in {@link CONFIDENCE_FEATURES} order. */
export function confidenceFeatures(input: ConfidenceInput): Float64Array {
  const { first, second } = input;
  // Alone, the first passage leads nothing: a lone weak match is no surer for having no rival.
  const margin = second ? Math.min(MAX_MARGIN, first.score - second.score) : 0;
  return Float64Array.from([
    first.coverage,
    first.features[featureIndex('names')] as number,
    first.features[featureIndex('rarest')] as number,
    first.features[featureIndex('answerType')] as number,
    margin,
    input.unknown,
    input.unknownNames ?? 0,
    Math.log(1 + (input.staleness ?? 0) / 7),
  ]);
}

/** The probability that the first passage answers the question: logistic of the weighted features. */
export function confidenceOf(g: Float64Array, params: RankingParams = PARAMS): number {
  let z = params.confidence.bias;
  CONFIDENCE_FEATURES.forEach((f, i) => {
    z += (params.confidence.weights[f] ?? 0) * (g[i] as number);
  });
  return 1 / (1 + Math.exp(-z));
}
