// Written by `npm run tune` (scripts/tune.ts): the fitted weights of ranking and confidence (see model.ts).
import type { RankingParams } from './model.ts';

/** The parameters `npm run tune` last fitted, with what they were fitted on and how they did held out. */
export const FITTED: RankingParams = {
  rank: {
    bm25: 2.4371,
    coverage: 4.336,
    names: -0.0792,
    rarest: 0.1755,
    answerType: 0.5523,
    together: -0.1614,
    context: -3.3359,
    spelling: -0.0002,
    forms: -4.0872,
    meaning: -0.3759,
    place: -1.7345,
    role: -0.8407,
    referred: 0.0188,
    lead: 0.6408,
    recency: 1.4923,
    window: 0.4884,
    article: 3.0264,
    title: 3.3767,
    length: 0.8489,
    span: 1.2152,
  },
  confidence: {
    bias: -2.6239,
    weights: {
      coverage: 5.3795,
      names: 0,
      rarest: 0,
      answerType: 0,
      margin: 0,
      unknown: -0.8191,
      unknownNames: -3.8359,
      staleness: -1.291,
    },
    threshold: 0.3056,
  },
  credits: {
    context: 0.375,
    role: 0.9,
    place: 0.8,
    forms: 0.7,
    irregular: 0.9,
    corrected: 0.8,
    expansion: 1,
    unknownName: 1.25,
  },
  fitted: {
    at: '2026-12-05',
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
    note: 'npm run tune: softmax over each question’s candidates, L2 towards the hand-set weights; logistic confidence; credits searched (--credits) from {"context":0.5,"role":0.9,"place":0.8,"forms":0.7,"irregular":0.9,"corrected":0.8,"expansion":0.8,"unknownName":1.25}: context 0.375, expansion 1',
    crossValidated: {
      lambda: 0.003,
      folds: 5,
      'seeds hit1': 0.9,
      'seeds hit3': 1,
      'seeds outDeclined': 1,
      'seeds wronglyDeclined': 0.05,
      'realnews hit1': 0.798,
      'realnews hit3': 0.931,
      'realnews outDeclined': 0.9,
      'realnews wronglyDeclined': 0.016,
    },
  },
};
