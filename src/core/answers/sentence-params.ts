// Written by `npm run tune:sentence` (scripts/tune-sentence.ts): the fitted weights of the answer sentence.
import type { SentenceParams } from './answer-sentence.ts';

/** The weights `npm run tune:sentence` last fitted, with what they were fitted on and how they did held out. */
export const SENTENCE_PARAMS: SentenceParams = {
  weights: {
    coverage: 1.349,
    passage: 1.374,
    missing: -1.832,
    notSubject: -1.229,
    otherCount: -1.209,
    salience: 0.635,
  },
  fitted: {
    at: '2026-12-05',
    on: [
      {
        set: 'eval/seeds-dev.jsonl',
        questions: 19,
      },
      {
        set: '../shared/realnews/dev.jsonl',
        questions: 247,
      },
    ],
    note: 'npm run tune:sentence: softmax over each question’s candidate sentences (positives: those holding the expected phrase), L2 towards HAND_SET_SENTENCE',
    crossValidated: {
      lambda: 0.01,
      folds: 5,
      'seeds phrase': 1,
      'seeds hand-set': 1,
      'seeds any candidate holds it': 1,
      'realnews phrase': 0.818,
      'realnews hand-set': 0.789,
      'realnews any candidate holds it': 0.939,
    },
  },
};
