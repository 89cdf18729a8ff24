// Written by `npm run tune` (scripts/tune.ts): the fitted weights of ranking and confidence (see model.ts).
import type { RankingParams } from './model.ts';

/** The parameters `npm run tune` last fitted, with what they were fitted on. */
export const FITTED: RankingParams = {
  rank: {
    bm25: 1,
    coverage: 2,
    names: 0,
    rarest: 0,
    answerType: 0.223,
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
  },
  confidence: {
    bias: -11,
    weights: { coverage: 20, names: 0, rarest: 0, answerType: 0, margin: 0, unknown: 0 },
    threshold: 0.5,
  },
  fitted: { at: 'hand-set', on: [], note: "today's rules: BM25 × coverage² × 1.25 with the answer type" },
};
