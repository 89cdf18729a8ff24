/**
 * `npm run tune:sentence [-- --dry-run]`: fits the weights that choose the answer sentence
 * (`src/core/answers/sentence-params.ts`) on the public question sets — the repo's seeds set
 * (`eval/seeds-dev.jsonl` over `seeds/`) and, when present, `../shared/realnews` (`dev.jsonl` over
 * `articles/`, each question as of its `as_of`) — and prints cross-validated (held-out) figures.
 *
 * Each answerable question with an expected phrase is asked as `npm run eval` asks it; its candidate
 * sentences and their features (`sentenceFeatures`) are read, and a sentence is a positive when it holds the
 * phrase. The model is a conditional logit (softmax) over each question's candidates, L2-regularised towards
 * the hand-set weights (`HAND_SET_SENTENCE`: few questions, and some phrases are wrong); the strength is the
 * one with the most questions answered by a phrase-holding sentence held out (5 folds). Only the features
 * are used: no question's words reach the model. The candidates come from the ranking, so run it after
 * `npm run tune`.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  answerSpan,
  HAND_SET_SENTENCE,
  SENTENCE_FEATURES,
  type SentenceCandidate,
  type SentenceFeature,
  type SentenceParams,
} from '../src/core/answers/answer-sentence.ts';
import { Desk } from '../src/core/desk.ts';
import { caseAsOf, parseEvalSet } from '../src/eval/score-eval.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { createLogger } from '../src/logging/create-logger.ts';
import { Adam } from './adam.ts';
import { tuningSets } from './tuning-sets.ts';

const FOLDS = 5;
/** Regularisation strengths tried (per question, towards the hand-set weights). */
const LAMBDAS = [0.003, 0.01, 0.03, 0.1, 0.3];
const STEPS = 1500;

interface QuestionData {
  set: string;
  weight: number;
  /** Each candidate sentence's features, in `SENTENCE_FEATURES` order, and whether it holds the phrase. */
  x: Float64Array[];
  y: boolean[];
  /** The candidates themselves and the phrase, to tell whether the answer shown (`answerSpan`) holds it. */
  candidates: readonly SentenceCandidate[];
  phrase: string;
}

const dryRun = process.argv.includes('--dry-run');
const sets = tuningSets();

const deskData = loadDeskData();
const data: QuestionData[] = [];
for (const set of sets) {
  const desk = Desk.build(await loadArticles(set.dir, createLogger({ level: 'warn' })), deskData);
  for (const c of parseEvalSet(readFileSync(set.file, 'utf8'))) {
    if (!c.gold.length || !c.answer) continue;
    const phrase = c.answer.toLowerCase();
    const q: QuestionData = { set: set.name, weight: set.weight, x: [], y: [], candidates: [], phrase };
    await desk.ask(c.q, {
      asOf: caseAsOf(c),
      observeSentences: (candidates) => {
        q.x = candidates.map((s) => Float64Array.from(SENTENCE_FEATURES, (f) => s.features[f]));
        q.y = candidates.map((s) => s.text.toLowerCase().includes(phrase));
        q.candidates = candidates;
      },
    });
    data.push(q);
  }
  process.stderr.write(`${set.name}: questions read\n`);
}

const F = SENTENCE_FEATURES.length;
const prior = Float64Array.from(SENTENCE_FEATURES, (f) => HAND_SET_SENTENCE[f]);
const dot = (w: Float64Array, x: Float64Array) => x.reduce((s, v, i) => s + v * (w[i] as number), 0);

/** Fits the weights on the questions `train` (indices into `data`) by Adam on the softmax loss. */
function fitWeights(train: readonly number[], lambda: number): Float64Array {
  const w = Float64Array.from(prior);
  const adam = new Adam(F, 0.02);
  const usable = train.filter((k) => data[k]?.y.some(Boolean));
  const total = usable.reduce((s, k) => s + (data[k] as QuestionData).weight, 0);
  for (let step = 1; step <= STEPS; step++) {
    const grad = Float64Array.from(w, (wi, i) => 2 * lambda * (wi - (prior[i] as number)));
    for (const k of usable) {
      const q = data[k] as QuestionData;
      const scores = q.x.map((x) => dot(w, x));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const z = e.reduce((a, b) => a + b, 0);
      const pos = e.reduce((a, b, j) => a + (q.y[j] ? b : 0), 0);
      q.x.forEach((x, j) => {
        const g = (q.weight / total) * ((e[j] as number) / z - (q.y[j] ? (e[j] as number) / pos : 0));
        for (let i = 0; i < F; i++) grad[i] = (grad[i] as number) + g * (x[i] as number);
      });
    }
    adam.step(w, grad);
  }
  return w;
}

/**
 * Whether the answer shown under `w` — the candidate scoring highest, with a neighbour when `answerSpan`
 * shows one, as the desk answers — holds the phrase (false when there is none).
 */
const right = (w: Float64Array, q: QuestionData) =>
  answerSpan(q.candidates, weightsOf(w))?.text.toLowerCase().includes(q.phrase) ?? false;

const weightsOf = (w: Float64Array) =>
  Object.fromEntries(SENTENCE_FEATURES.map((f, i) => [f, w[i] as number])) as Record<SentenceFeature, number>;

const all = data.map((_, k) => k);
const fold = (k: number) => k % FOLDS;
const heldOut = (lambda: number) => {
  const ok = new Array<boolean>(data.length).fill(false);
  for (let f = 0; f < FOLDS; f++) {
    const w = fitWeights(
      all.filter((k) => fold(k) !== f),
      lambda,
    );
    for (const k of all.filter((k) => fold(k) === f)) ok[k] = right(w, data[k] as QuestionData);
  }
  return ok;
};
const share = (ok: readonly boolean[], set: string) => {
  const inSet = all.filter((k) => data[k]?.set === set);
  return inSet.filter((k) => ok[k]).length / (inSet.length || 1);
};
// The strength with the most phrases held out, the sets weighed as in the fit.
let bestLambda = LAMBDAS[0] as number;
let bestOk: boolean[] = [];
let bestTotal = -1;
for (const lambda of LAMBDAS) {
  const ok = heldOut(lambda);
  const total = all.reduce((s, k) => s + (ok[k] ? (data[k] as QuestionData).weight : 0), 0);
  process.stderr.write(
    `lambda ${lambda}: ${sets.map((s) => `${s.name} ${(share(ok, s.name) * 100).toFixed(1)}%`).join('  ')}\n`,
  );
  // On a tie the stronger regularisation: nearer the hand-set weights for the same held-out figure.
  if (total >= bestTotal) [bestLambda, bestOk, bestTotal] = [lambda, ok, total];
}
const hand = all.map((k) => right(prior, data[k] as QuestionData));
const w = fitWeights(all, bestLambda);
const figures: Record<string, number | string> = { lambda: bestLambda, folds: FOLDS };
for (const set of sets) {
  const reachable = all.filter((k) => data[k]?.set === set.name && data[k]?.y.some(Boolean)).length;
  figures[`${set.name} phrase`] = Math.round(share(bestOk, set.name) * 1000) / 1000;
  figures[`${set.name} hand-set`] = Math.round(share(hand, set.name) * 1000) / 1000;
  figures[`${set.name} any candidate holds it`] =
    Math.round((reachable / all.filter((k) => data[k]?.set === set.name).length) * 1000) / 1000;
  process.stdout.write(
    `${set.name} (held out, ${FOLDS} folds): phrase in the answer sentence ${(share(bestOk, set.name) * 100).toFixed(1)}% (hand-set weights ${(share(hand, set.name) * 100).toFixed(1)}%; a candidate holds it for ${reachable})\n`,
  );
}
const round = (x: number) => Math.round(x * 1000) / 1000;
const params: SentenceParams = {
  weights: Object.fromEntries(SENTENCE_FEATURES.map((f, i) => [f, round(w[i] as number)])) as Record<
    SentenceFeature,
    number
  >,
  fitted: {
    at: new Date().toISOString().slice(0, 10),
    on: sets.map((s) => ({ set: s.file, questions: data.filter((q) => q.set === s.name).length })),
    note: 'npm run tune:sentence: softmax over each question’s candidate sentences (positives: those holding the expected phrase), L2 towards HAND_SET_SENTENCE',
    crossValidated: figures,
  },
};
process.stdout.write(`${JSON.stringify(params.weights)}\n`);
if (!dryRun) {
  const file = 'src/core/answers/sentence-params.ts';
  writeFileSync(
    file,
    `// Written by \`npm run tune:sentence\` (scripts/tune-sentence.ts): the fitted weights of the answer sentence.\nimport type { SentenceParams } from './answer-sentence.ts';\n\n/** The weights \`npm run tune:sentence\` last fitted, with what they were fitted on and how they did held out. */\nexport const SENTENCE_PARAMS: SentenceParams = ${JSON.stringify(params, null, 2)};\n`,
  );
  execFileSync('npx', ['biome', 'format', '--write', file], { stdio: 'ignore' });
  process.stderr.write(`wrote ${file}\n`);
}
