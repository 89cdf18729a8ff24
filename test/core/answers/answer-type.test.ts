import { describe, expect, it } from 'vitest';
import { answerTypeOf, hasAnswerEvidence } from '../../../src/core/answers/answer-type.ts';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { Desk } from '../../../src/core/desk.ts';
import type { Article } from '../../../src/core/types.ts';

describe('answer types', () => {
  it('reads the kind of answer from the question form', () => {
    expect(answerTypeOf('Where did they meet?')).toBe('place');
    expect(answerTypeOf('How many troops were sent?')).toBe('quantity');
    expect(answerTypeOf('When is the visit?')).toBe('time');
    expect(answerTypeOf('Who is Lavrov?')).toBe('any');
  });

  it('finds the kind of thing asked for in a sentence', () => {
    expect(hasAnswerEvidence('place', 'They met at the Diaoyutai guest house.')).toBe(true);
    expect(hasAnswerEvidence('quantity', 'About 15,000 troops were sent.')).toBe(true);
    expect(hasAnswerEvidence('time', 'He travels on Wednesday evening.')).toBe(true);
    expect(hasAnswerEvidence('place', 'They met and talked.')).toBe(false);
  });

  it('does not take what the question names for its answer', () => {
    const asked = new Set(['beij', 'meet', '15000']);
    expect(hasAnswerEvidence('place', 'They met in Beijing.', asked)).toBe(false);
    expect(hasAnswerEvidence('place', 'In Beijing they met at the Diaoyutai guest house.', asked)).toBe(true);
    expect(hasAnswerEvidence('quantity', 'It has sent 15,000 troops.', asked)).toBe(false);
    expect(hasAnswerEvidence('quantity', 'It has sent 15,000 troops and 200 guns.', asked)).toBe(true);
  });

  it('answers "where in X" with the place inside X, not the sentence naming X', () => {
    const desk = Desk.build([
      parseArticle(
        'summit',
        'The two leaders met in Beijing on a grey morning.\n\nIn Beijing the two leaders met at the Diaoyutai guest house.',
      ) as Article,
    ]);
    const reply = desk.ask('Where in Beijing did the two leaders meet?');
    expect(reply.kind).toBe('answer');
    const answer = reply.kind === 'answer' ? reply.answer.map((part) => part.text).join('') : '';
    expect(answer).toContain('Diaoyutai');
  });
});
