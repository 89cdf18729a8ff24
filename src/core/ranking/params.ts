// Written by `npm run tune` (scripts/tune.ts): the fitted weights of ranking and confidence (see model.ts).
import type { RankingParams } from './model.ts';

/** The parameters `npm run tune` last fitted, with what they were fitted on and how they did held out. */
export const FITTED: RankingParams = {
  rank: {
    bm25: 2.102,
    coverage: 4.727,
    names: -0.1512,
    rarest: 0.2383,
    answerType: 0.5959,
    together: 0.4775,
    context: -2.0947,
    spelling: -0.0002,
    forms: -1.9559,
    meaning: -0.1233,
    place: -0.7667,
    role: -0.3039,
    referred: -0.0455,
    lead: 0.5334,
    recency: 1.1306,
  },
  confidence: {
    bias: -2.1449,
    weights: {
      coverage: 4.693,
      names: 0,
      rarest: 0,
      answerType: 0,
      margin: 0,
      unknown: -1.3213,
      unknownNames: -1.6714,
      staleness: -1.1461,
    },
    threshold: 0.3985,
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
      'seeds hit1': 0.9,
      'seeds hit3': 1,
      'seeds outDeclined': 1,
      'seeds wronglyDeclined': 0.05,
      'realnews hit1': 0.769,
      'realnews hit3': 0.919,
      'realnews outDeclined': 0.9,
      'realnews wronglyDeclined': 0.028,
    },
  },
};
