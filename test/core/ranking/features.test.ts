import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/core/answers/read-question.ts';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { type Feature, featureIndex, passageFeatures } from '../../../src/core/ranking/features.ts';
import type { PassageHit, ResolvedTerm } from '../../../src/core/search/search-engine.ts';

// Hand-written fixtures: what the features added for issue 14 read from a question and a passage.

const hit = (matched: string[], paragraph = 1): PassageHit => ({
  passage: { id: 0, articleId: 'a', paragraph, text: 'Some text.', title: 'T' },
  score: 2,
  queryTerms: matched,
  matchedTerms: [],
});
const value = (x: Float64Array, f: Feature) => x[featureIndex(f)] as number;

/** The question's terms as the search resolves them: each known, weighing 1. */
function termsOf(question: string): ResolvedTerm[] {
  const read = readQuestion(question);
  if (!read.ok) throw new Error(read.problem.message);
  return read.question.terms.map((t) => ({ ...t, status: 'known', searchAs: t.term, weight: 1 }));
}
const context = (terms: ResolvedTerm[], opening?: number) => ({
  terms,
  answerType: 'any' as const,
  asked: new Set(terms.map((t) => t.term)),
  age: () => undefined,
  opening: () => opening,
});

describe('the asking sentence', () => {
  const scene = 'The city council met on Tuesday. How many parks will close?';

  it('is marked in a question that sets the scene first, and nowhere in a question of one sentence', () => {
    const terms = termsOf(scene);
    expect(terms.filter((t) => t.asking).map((t) => t.term)).toEqual(['park', 'close']);
    expect(terms.find((t) => t.term === 'council')?.asking).toBeUndefined();
    expect(termsOf('How many parks will the city council close?').some((t) => t.asking)).toBe(false);
  });

  it('counts a word of the scene that the asking sentence repeats as asking', () => {
    const terms = termsOf('The council met on Tuesday. Which parks will the council close?');
    expect(terms.find((t) => t.term === 'council')?.asking).toBe(true);
  });

  it('is the share of the asking sentence a passage matches: the answer, not the scene retold', () => {
    const terms = termsOf(scene);
    const retold = passageFeatures(hit(['citi', 'council', 'met', 'tuesdai']), context(terms));
    const answers = passageFeatures(hit(['council', 'park', 'close']), context(terms));
    expect(value(retold, 'asking')).toBe(0);
    expect(value(answers, 'asking')).toBe(1);
    expect(value(passageFeatures(hit(['park']), context(terms)), 'asking')).toBeCloseTo(0.5);
  });

  it('is 0 for a question of one sentence, whatever the passage matches', () => {
    const terms = termsOf('How many parks will the city council close?');
    expect(value(passageFeatures(hit(['park', 'close']), context(terms)), 'asking')).toBe(0);
  });
});

describe('the lead', () => {
  const terms = termsOf('How many parks will the city council close?');
  const lead = (paragraph: number, opening?: number) =>
    value(passageFeatures(hit(['park'], paragraph), context(terms, opening)), 'lead');

  it('counts a paragraph’s place from its article’s lede, not from a dateline above it', () => {
    expect(lead(2, 2)).toBe(lead(1, 1));
    expect(lead(2, 2)).toBeGreaterThan(lead(3, 2));
    // Unknown where the report begins: counted from the top of the file, as before.
    expect(lead(2)).toBeLessThan(lead(1));
  });

  it('is read from the article: its first body paragraph, after a dateline', () => {
    const article = parseArticle(
      'council',
      '---\ntitle: Parks to close\n---\nSpringfield (AP) —\n\nThe council will close three parks next month to save money.\n\nResidents objected.',
    );
    expect(article?.paragraphs[0]?.kind).toBe('furniture');
    expect(article?.opening).toBe(2);
    const plain = parseArticle('plain', 'The council will close three parks.\n\nResidents objected.');
    expect(plain?.opening).toBe(1);
  });
});
