import { describe, expect, it } from 'vitest';
import {
  type AnswerType,
  answerTypeOf,
  hasAnswerEvidence,
  needsEvidence,
} from '../../../src/core/answers/answer-type.ts';
import { oneArticleDesk } from '../../support/one-article-desk.ts';

describe('answer types', () => {
  it('reads the kind of answer from the question form', () => {
    expect(answerTypeOf('Where did they meet?')).toBe('place');
    expect(answerTypeOf('How many troops were sent?')).toBe('quantity');
    expect(answerTypeOf('When is the visit?')).toBe('time');
    expect(answerTypeOf('Who is Lavrov?')).toBe('any');
    expect(answerTypeOf('So in which city did they meet?')).toBe('place');
    expect(answerTypeOf('Which other country supplies drones?')).toBe('place');
    expect(answerTypeOf('What year was the pact signed?')).toBe('time');
    expect(answerTypeOf('What do countries supply?')).toBe('any');
  });

  it('reads a question word further in as joining clauses, not as what is asked', () => {
    expect(answerTypeOf('did kim bring up the war when he sat down with putin')).toBe('any');
  });

  it('reads "from where" as asking for a place and "what is the deadline" for a time, wherever they stand', () => {
    expect(answerTypeOf('The test rocket of the start-up launched from where before it fell?')).toBe('place');
    expect(answerTypeOf('Filing opened this week. What is the official deadline to file?')).toBe('time');
    expect(answerTypeOf('Did the rocket fall near the pad where it was launched?')).toBe('any');
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

  it('cites for a time, quantity or duration only a passage that gives one, or that matches all the question', async () => {
    const asked = new Set(['troop']);
    expect(
      ['time', 'quantity', 'duration', 'place', 'any'].map((t) => needsEvidence(t as AnswerType)),
    ).toEqual([true, true, true, false, false]);
    expect(hasAnswerEvidence('quantity', 'The troops fought bravely.', asked)).toBe(false);
    expect(hasAnswerEvidence('quantity', 'It sent large quantities of equipment.', asked)).toBe(true);
    expect(hasAnswerEvidence('time', 'Speaking ahead of the summit, he thanked them.', asked)).toBe(true);
    const desk = oneArticleDesk(
      'front',
      'The brigade fought bravely near the river.',
      'The brigade has 4,000 soldiers.',
    );
    const reply = await desk.ask('How many soldiers does the brigade have?');
    expect(reply.kind === 'answer' && reply.passages.map((p) => p.paragraph)).toEqual([2]);
    expect((await desk.ask('When did the brigade fight near the river?')).kind).toBe('answer');
    expect((await desk.ask('When did the brigade fight the enemy near the river?')).kind).toBe('not-covered');
  });

  it('answers "where in X" with the place inside X, not the sentence naming X', async () => {
    const desk = oneArticleDesk(
      'summit',
      'The two leaders met in Beijing on a grey morning.',
      'In Beijing the two leaders met at the Diaoyutai guest house.',
    );
    const reply = await desk.ask('Where in Beijing did the two leaders meet?');
    expect(reply.kind).toBe('answer');
    const answer = reply.kind === 'answer' ? reply.answer.map((part) => part.text).join('') : '';
    expect(answer).toContain('Diaoyutai');
  });
});
