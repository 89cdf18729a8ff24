import { describe, expect, it } from 'vitest';
import { CREDITS } from '../../../src/core/ranking/credits.ts';
import { FEATURES, type Feature, featureIndex, passageFeatures } from '../../../src/core/ranking/features.ts';
import {
  CONFIDENCE_FEATURES,
  type ConfidenceFeature,
  confidenceFeatures,
  confidenceOf,
  explainScore,
  HAND_SET,
  PARAMS,
  type RankingParams,
  scorePassage,
  TERMS,
  type Term,
} from '../../../src/core/ranking/model.ts';
import type { MatchKind, PassageHit, ResolvedTerm } from '../../../src/core/search/search-engine.ts';

const term = (t: string, weight: number, entity = false): ResolvedTerm => ({
  term: t,
  searchAs: t,
  status: 'known',
  entity,
  weight,
});
const hit = (
  credit: Record<string, number>,
  via: Record<string, MatchKind> = {},
  extra: Partial<PassageHit> & { text?: string; paragraph?: number; articleId?: string } = {},
): PassageHit => ({
  passage: {
    id: 0,
    articleId: extra.articleId ?? 'a',
    paragraph: extra.paragraph ?? 1,
    text: extra.text ?? 'Some text.',
    title: 'T',
  },
  score: extra.score ?? 2,
  queryTerms: Object.keys(credit),
  matchedTerms: [],
  credit,
  via,
  together: extra.together,
});
const context = (terms: ResolvedTerm[], age?: number) => ({
  terms,
  answerType: 'any' as const,
  asked: new Set(terms.map((t) => t.term)),
  age: () => age,
});
const value = (x: Float64Array, f: Feature) => x[featureIndex(f)] as number;

describe('passage features', () => {
  const terms = [term('kim', 4, true), term('troops', 2), term('sent', 2)];

  it('measures BM25 and coverage on a log scale, and the names and rarest word matched', () => {
    const x = passageFeatures(
      hit({ kim: 1, troops: 0.5 }, { troops: 'meaning' }, { score: Math.E }),
      context(terms),
    );
    expect(value(x, 'bm25')).toBeCloseTo(1);
    expect(value(x, 'coverage')).toBeCloseTo(Math.log((4 + 1) / 8));
    expect(value(x, 'names')).toBe(1);
    expect(value(x, 'rarest')).toBe(1);
    expect(value(x, 'meaning')).toBeCloseTo(1 / 8);
    expect(value(x, 'context')).toBe(0);
  });

  it('counts a name not matched against the passage, and is 1 when the question names nothing', () => {
    expect(value(passageFeatures(hit({ troops: 1 }), context(terms)), 'names')).toBe(0);
    expect(value(passageFeatures(hit({ troops: 1 }), context([term('troops', 2)])), 'names')).toBe(1);
  });

  it('adds up the share of the question matched by each kind of match', () => {
    const x = passageFeatures(
      hit({ kim: 0.5, troops: 0.9, sent: 0.7 }, { kim: 'context', troops: 'role', sent: 'forms' }),
      context(terms),
    );
    expect(value(x, 'context')).toBeCloseTo(2 / 8);
    expect(value(x, 'role')).toBeCloseTo(1.8 / 8);
    expect(value(x, 'forms')).toBeCloseTo(1.4 / 8);
    expect(value(x, 'spelling') + value(x, 'place') + value(x, 'referred')).toBe(0);
  });

  it('sees the kind of answer asked for, but not in the question’s own words', () => {
    const when = { ...context([term('met', 1)]), answerType: 'time' as const };
    expect(
      value(passageFeatures(hit({ met: 1 }, {}, { text: 'They met on Monday.' }), when), 'answerType'),
    ).toBe(1);
    expect(value(passageFeatures(hit({ met: 1 }, {}, { text: 'They met.' }), when), 'answerType')).toBe(0);
  });

  it('prefers the first paragraphs and newer articles', () => {
    const lead = (paragraph: number) =>
      value(passageFeatures(hit({ kim: 1 }, {}, { paragraph }), context(terms)), 'lead');
    expect(lead(1)).toBeGreaterThan(lead(5));
    const age = (days: number) => value(passageFeatures(hit({ kim: 1 }), context(terms, days)), 'recency');
    expect(age(0)).toBeCloseTo(0);
    expect(age(1)).toBeGreaterThan(age(30));
    expect(value(passageFeatures(hit({ kim: 1 }), context(terms)), 'recency')).toBe(0);
  });

  it('prefers articles dated within the time the question speaks of', () => {
    const outside = (days: number | undefined) =>
      value(passageFeatures(hit({ kim: 1 }), { ...context(terms), outside: () => days }), 'window');
    expect(outside(0)).toBeCloseTo(0);
    expect(outside(3)).toBeGreaterThan(outside(60));
    expect(outside(undefined)).toBe(0);
    expect(value(passageFeatures(hit({ kim: 1 }), context(terms)), 'window')).toBe(0);
  });

  it('takes proximity from the share of neighbouring words written together', () => {
    expect(value(passageFeatures(hit({ kim: 1 }, {}, { together: 0.5 }), context(terms)), 'together')).toBe(
      0.5,
    );
  });
});

describe('the scoring function', () => {
  const params = (rank: Partial<Record<Term, number>>): RankingParams => ({
    ...PARAMS,
    rank: { ...Object.fromEntries(TERMS.map((f) => [f, 0])), ...rank } as Record<Term, number>,
  });
  const x = (values: Partial<Record<Feature, number>>) => Float64Array.from(FEATURES, (f) => values[f] ?? 0);

  it('sums each feature times its weight', () => {
    expect(
      scorePassage(x({ bm25: 2, coverage: -1, lead: 3 }), params({ bm25: 1, coverage: 2, lead: 0.5 })),
    ).toBeCloseTo(1.5);
  });

  it('as hand-set, is BM25 × coverage² × 1.25 when the answer type is there (on a log scale)', () => {
    const bm25 = 3;
    const coverage = 0.6;
    const s = scorePassage(x({ bm25: Math.log(bm25), coverage: Math.log(coverage), answerType: 1 }), {
      ...PARAMS,
      rank: HAND_SET,
    });
    expect(Math.exp(s)).toBeCloseTo(bm25 * coverage ** 2 * 1.25);
  });

  it('weighs lead×coverage as the product of the two features', () => {
    const w = params({ 'lead×coverage': -2 });
    // Third paragraph of the lede's, matching half the question: −log 3 × log 0.5, weighted −2.
    expect(scorePassage(x({ lead: -Math.log(3), coverage: Math.log(0.5) }), w)).toBeCloseTo(
      -2 * Math.log(3) * Math.log(2),
    );
    // Nothing when either is 0: the lede itself, or a paragraph matching the whole question.
    expect(scorePassage(x({ lead: 0, coverage: Math.log(0.5) }), w)).toBe(0);
    expect(scorePassage(x({ lead: -Math.log(3), coverage: 0 }), w)).toBeCloseTo(0);
  });

  it('with lead×coverage weighed against, a later paragraph needs more of the question than the lede to tie it', () => {
    const w = params({ coverage: 2, lead: 0.3, 'lead×coverage': -1 });
    const score = (paragraph: number, share: number) =>
      scorePassage(x({ lead: -Math.log(paragraph), coverage: Math.log(share) }), w);
    // The lede matching half the question against the fifth paragraph matching a little more of it.
    expect(score(1, 0.5)).toBeGreaterThan(score(5, 0.6));
    // Matching all of it, the fifth paragraph pays only its place.
    expect(score(5, 1)).toBeGreaterThan(score(1, 0.5));
    // What leaving out half the question costs grows with the place: more at paragraph 9 than at 3.
    expect(score(3, 1) - score(3, 0.5)).toBeLessThan(score(9, 1) - score(9, 0.5));
  });

  it('explains every term with its contribution, which add up to the score', () => {
    const v = x({ bm25: 1.2, coverage: -0.3, answerType: 1, recency: -2, lead: -1.1 });
    const parts = explainScore(v);
    expect(parts.map((p) => p.feature)).toEqual([...TERMS]);
    expect(parts.find((p) => p.feature === 'lead×coverage')?.value).toBeCloseTo(0.33);
    expect(parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(scorePassage(v));
  });
});

describe('the parameters file', () => {
  it('names exactly the features the code computes, each with a finite weight', () => {
    expect(Object.keys(PARAMS.rank).sort()).toEqual([...TERMS].sort());
    expect(TERMS.slice(0, FEATURES.length)).toEqual([...FEATURES]);
    expect(Object.keys(PARAMS.confidence.weights).sort()).toEqual([...CONFIDENCE_FEATURES].sort());
    for (const w of [...Object.values(PARAMS.rank), ...Object.values(PARAMS.confidence.weights)])
      expect(Number.isFinite(w)).toBe(true);
    expect(PARAMS.confidence.threshold).toBeGreaterThan(0);
    expect(PARAMS.confidence.threshold).toBeLessThan(1);
  });

  it('names exactly the match credits the search uses, each a share (an unknown name a weight of at least 1)', () => {
    expect(Object.keys(PARAMS.credits).sort()).toEqual([...CREDITS].sort());
    for (const name of CREDITS) {
      const credit = PARAMS.credits[name];
      expect(credit).toBeGreaterThan(0);
      if (name === 'unknownName') expect(credit).toBeGreaterThanOrEqual(1);
      else expect(credit).toBeLessThanOrEqual(1);
    }
  });

  it('records what it was fitted on and when', () => {
    expect(PARAMS.fitted.at).toMatch(/^\d{4}-\d{2}-\d{2}$|hand-set/);
    expect(Array.isArray(PARAMS.fitted.on)).toBe(true);
  });
});

describe('confidence', () => {
  const base = {
    coverage: 0.6,
    names: 1,
    rarest: 1,
    answerType: 0,
    margin: 1,
    unknown: 0,
    unknownNames: 0,
    staleness: 0,
  };
  const g = (over: Partial<Record<ConfidenceFeature, number>>) =>
    Float64Array.from(CONFIDENCE_FEATURES, (f) => ({ ...base, ...over })[f] ?? 0);

  it.each([
    ['coverage', [0.2, 0.5, 0.8, 1]],
    ['names', [0, 0.5, 1]],
    ['rarest', [0, 0.5, 1]],
    ['margin', [0, 1, 3, 5]],
  ] as const)('does not fall as %s rises', (feature, values) => {
    const p = values.map((v) => confidenceOf(g({ [feature]: v })));
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1] as number);
  });

  it.each([
    ['unknown', [0, 0.3, 0.6]],
    ['unknownNames', [0, 0.3, 0.6]],
    ['staleness', [0, 1, 3]],
  ] as const)(
    'does not rise as %s rises (words and names the articles never use, an old story)',
    (feature, values) => {
      const p = values.map((v) => confidenceOf(g({ [feature]: v })));
      for (let i = 1; i < p.length; i++) expect(p[i]).toBeLessThanOrEqual(p[i - 1] as number);
    },
  );

  it('is a probability, read from the first passage and its lead over the second', () => {
    const features = Float64Array.from(FEATURES, (f) => (f === 'names' ? 0.5 : 0));
    const input = confidenceFeatures({
      first: { features, score: 3, coverage: 0.7 },
      second: { score: 1 },
      unknown: 0.1,
      unknownNames: 0.05,
      staleness: 7,
    });
    expect([...input]).toEqual([0.7, 0.5, 0, 0, 2, 0.1, 0.05, Math.log(2)]);
    const p = confidenceOf(input);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });
});
