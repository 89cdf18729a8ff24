import type { RankedQuestion } from '../core/answers/rank-question.ts';
import { CONFIDENCE_FEATURES, explainScore, PARAMS, type RankingParams } from '../core/ranking/model.ts';

/** Why one cited passage ranked where it did: every feature's value, weight and contribution to its score. */
export interface PassageExplanation {
  articleId: string;
  paragraph: number;
  score: number;
  features: { feature: string; value: number; weight: number; contribution: number }[];
}

/** What `npm run ask -- --explain` shows: the cited passages' features, the confidence and the threshold. */
export interface Explanation {
  confidence: number;
  threshold: number;
  answered: boolean;
  confidenceFeatures: { feature: string; value: number; weight: number }[];
  passages: PassageExplanation[];
}

/**
 * Explains a ranked question (`Desk.rank`) for the passages a reply cites (by article and paragraph; the
 * first candidates when it cites none, as when it declines).
 */
export function explainRanking(
  ranked: RankedQuestion,
  cited: readonly { articleId: string; paragraph: number }[],
  params: RankingParams = PARAMS,
): Explanation {
  const shown = cited.length
    ? cited.flatMap(
        (c) =>
          ranked.ranked.find(
            (h) => h.passage.articleId === c.articleId && h.passage.paragraph === c.paragraph,
          ) ?? [],
      )
    : ranked.ranked.slice(0, 3);
  return {
    confidence: ranked.confidence,
    threshold: params.confidence.threshold,
    answered: ranked.confidence >= params.confidence.threshold,
    confidenceFeatures: CONFIDENCE_FEATURES.map((feature, i) => ({
      feature,
      value: ranked.confidenceFeatures[i] ?? 0,
      weight: params.confidence.weights[feature],
    })),
    passages: shown.map((h) => ({
      articleId: h.passage.articleId,
      paragraph: h.passage.paragraph,
      score: h.modelScore,
      features: explainScore(h.features, params),
    })),
  };
}

/** The explanation as plain text, a table per passage. */
export function formatExplanation(e: Explanation): string {
  const n = (x: number) => (Math.abs(x) < 5e-4 ? '0' : x.toFixed(3));
  const lines = [
    `Confidence ${n(e.confidence)} (threshold ${n(e.threshold)}): ${e.answered ? 'answered' : 'declined'}`,
    `  ${e.confidenceFeatures.map((f) => `${f.feature} ${n(f.value)} ×${n(f.weight)}`).join(', ')}`,
  ];
  for (const p of e.passages) {
    lines.push('', `${p.articleId} ¶${p.paragraph}: score ${n(p.score)}`);
    lines.push(
      `  ${'feature'.padEnd(14)} ${'value'.padStart(8)} ${'weight'.padStart(8)} ${'contribution'.padStart(13)}`,
    );
    for (const f of p.features)
      lines.push(
        `  ${f.feature.padEnd(14)} ${n(f.value).padStart(8)} ${n(f.weight).padStart(8)} ${n(f.contribution).padStart(13)}`,
      );
  }
  return lines.join('\n');
}
