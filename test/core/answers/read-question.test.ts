import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/core/answers/read-question.ts';

function terms(text: string) {
  const read = readQuestion(text);
  if (!read.ok) throw new Error(`unreadable: ${text}`);
  return read.question.terms;
}

describe('readQuestion', () => {
  it('keeps each word as written (for its meaning) and where it stands', () => {
    expect(terms('What did the Korean fighters do?')).toEqual([
      { term: 'korean', entity: true, word: 'korean', position: 3 },
      { term: 'fighter', entity: false, word: 'fighters', position: 4 },
    ]);
  });

  it('keeps no single written word for a hyphenated compound', () => {
    expect(terms('co-operation').every((t) => t.word === undefined)).toBe(true);
  });

  it('drops possessives from the written word', () => {
    expect(terms("Russia's army")[0]).toMatchObject({ term: 'russia', word: 'russia' });
  });

  it('marks who spoke in a "what did X say" question, and only there', () => {
    const spoken = terms('What did the Russian leader say about the Korean fighters?');
    expect(spoken.filter((t) => t.speaker).map((t) => t.term)).toEqual(['russian', 'leader']);
    expect(terms('What did the Russian leader sign?').some((t) => t.speaker)).toBe(false);
    expect(
      terms('What does Blinken think of the visit?')
        .filter((t) => t.speaker)
        .map((t) => t.term),
    ).toEqual(['blinken']);
  });
});
