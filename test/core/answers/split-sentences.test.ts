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

  it('keeps a clock time with its time zone, weekday or month in its sentence', () => {
    expect(
      texts(
        'The rocket lifted off at 1:47 a.m. ET and cleared the tower. The crowd cheered at 2 a.m. The end.',
      ),
    ).toEqual([
      'The rocket lifted off at 1:47 a.m. ET and cleared the tower.',
      'The crowd cheered at 2 a.m.',
      'The end.',
    ]);
    expect(texts('At 12:01 a.m. Tuesday, the union went on strike.')).toEqual([
      'At 12:01 a.m. Tuesday, the union went on strike.',
    ]);
  });

  it('does not split a court case or a sports result at its abbreviation', () => {
    expect(texts('Doe v. Roe was decided in 1990. Smith def. Jones 6-4 in the final.')).toEqual([
      'Doe v. Roe was decided in 1990.',
      'Smith def. Jones 6-4 in the final.',
    ]);
  });

  it('gives each sentence’s place in the paragraph', () => {
    const paragraph = 'One sentence.  Another one.';
    for (const s of splitSentences(paragraph)) expect(paragraph.slice(s.start, s.end)).toBe(s.text);
  });
});
