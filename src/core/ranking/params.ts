// Written by `npm run tune` (scripts/tune.ts): the fitted weights of ranking and confidence (see model.ts).
import type { RankingParams } from './model.ts';

/** The parameters `npm run tune` last fitted, with what they were fitted on and how they did held out. */
export const FITTED: RankingParams = {
  rank: {
    bm25: 2.3715,
    coverage: 4.5117,
    names: -0.1427,
    rarest: 0.1789,
    answerType: 0.5066,
    together: -0.0693,
    context: -4.3769,
    spelling: -0.0002,
    forms: -3.7997,
    meaning: -0.5615,
    place: -1.3586,
    role: -0.8843,
    referred: -0.065,
    lead: 0.6459,
    recency: 1.4932,
    window: 0.4916,
    article: 2.9481,
    title: 3.4324,
    length: 0.8457,
    span: 1.1619,
  },
  confidence: {
    bias: -2.4208,
    weights: {
      coverage: 4.9079,
      names: 0,
      rarest: 0,
      answerType: 0,
      margin: 0,
      unknown: -0.7504,
      unknownNames: -2.0551,
      staleness: -0.3935,
    },
    threshold: 0.4379,
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
      lambda: 0.003,
      folds: 5,
      'seeds hit1': 0.9,
      'seeds hit3': 1,
      'seeds outDeclined': 1,
      'seeds wronglyDeclined': 0.05,
      'realnews hit1': 0.802,
      'realnews hit3': 0.931,
      'realnews outDeclined': 0.75,
      'realnews wronglyDeclined': 0.028,
    },
  },
};
