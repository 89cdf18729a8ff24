// Written by `npm run tune` (scripts/tune.ts): the fitted weights of ranking and confidence (see model.ts).
import type { RankingParams } from './model.ts';

/** The parameters `npm run tune` last fitted, with what they were fitted on and how they did held out. */
export const FITTED: RankingParams = {
  rank: {
    bm25: 2.0886,
    coverage: 4.708,
    names: -0.1574,
    rarest: 0.2865,
    answerType: 0.597,
    together: 0.5336,
    context: -2.1222,
    spelling: -0.0002,
    forms: -1.8815,
    meaning: -0.2859,
    place: -0.7564,
    role: -0.2975,
    referred: -0.0371,
    lead: 0.5394,
    recency: 1.0005,
    window: 0.3173,
  },
  confidence: {
    bias: -2.8977,
    weights: {
      coverage: 5.42,
      names: 0,
      rarest: 0,
      answerType: 0,
      margin: 0,
      unknown: 0,
      unknownNames: -2.2028,
      staleness: -0.5132,
    },
    threshold: 0.3919,
  },
  fitted: {
    at: '2026-12-04',
    on: [
      {
        set: 'eval/seeds-dev.jsonl',
        questions: 23,
      },
      {
        set: '../shared/realnews/dev.jsonl',
        questions: 267,
      },
    ],
    note: 'npm run tune: softmax over each question’s candidates, L2 towards the hand-set weights; logistic confidence',
    crossValidated: {
      lambda: 0.01,
      folds: 5,
      'seeds hit1': 0.95,
      'seeds hit3': 1,
      'seeds outDeclined': 1,
      'seeds wronglyDeclined': 0,
      'realnews hit1': 0.765,
      'realnews hit3': 0.919,
      'realnews outDeclined': 0.75,
      'realnews wronglyDeclined': 0.024,
    },
  },
};
