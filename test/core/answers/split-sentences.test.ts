import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/core/answers/split-sentences.ts';

const texts = (paragraph: string) => splitSentences(paragraph).map((s) => s.text);

describe('splitting a paragraph into sentences', () => {
  it('splits at full stops, question and exclamation marks followed by a capital, quote or digit', () => {
    expect(texts('The ferry left at noon. Was it late? “No,” she said! 20 people were aboard.')).toEqual([
      'The ferry left at noon.',
      'Was it late?',
      '“No,” she said!',
      '20 people were aboard.',
    ]);
  });

  it('does not split after titles, initials or a plural title', () => {
    expect(texts('Dr. Ada Reyes met Sens. Tom Hall and J. R. Bell on Monday. They talked.')).toEqual([
      'Dr. Ada Reyes met Sens. Tom Hall and J. R. Bell on Monday.',
      'They talked.',
    ]);
  });

  it('keeps a US dateline with its state abbreviation in the sentence it opens', () => {
    expect(
      texts('SPRINGFIELD, Calif. (AP) — The town opened a new bridge Tuesday. It cost $4 million.'),
    ).toEqual(['SPRINGFIELD, Calif. (AP) — The town opened a new bridge Tuesday.', 'It cost $4 million.']);
  });

  it('keeps a name with an abbreviation in it whole', () => {
    expect(texts('The studio Warner Bros. Pictures made the film. It opens Friday.')).toEqual([
      'The studio Warner Bros. Pictures made the film.',
      'It opens Friday.',
    ]);
  });

  it('gives each sentence’s place in the paragraph', () => {
    const paragraph = 'One sentence.  Another one.';
    for (const s of splitSentences(paragraph)) expect(paragraph.slice(s.start, s.end)).toBe(s.text);
  });
});
