import { describe, expect, it } from 'vitest';
import { MENTION_PATTERNS } from '../../../src/adapters/platforms.ts';
import { readQuestion } from '../../../src/core/answers/read-question.ts';

function terms(text: string) {
  const read = readQuestion(text);
  if (!read.ok) throw new Error(`unreadable: ${text}`);
  return read.question.terms;
}

describe('readQuestion', () => {
  it('leaves out what the platforms it is given call mentions, and only that', () => {
    const words = (text: string, mentions: readonly RegExp[]) => {
      const read = readQuestion(text, undefined, mentions);
      return read.ok ? read.question.terms.map((t) => t.term) : [];
    };
    const question = '<@U123|jo> @here who is Jo Yong Won?';
    expect(words(question, MENTION_PATTERNS)).toEqual(words('who is Jo Yong Won?', []));
    // The core knows no platform: given no patterns, nothing is taken for a mention.
    expect(words(question, [])).toContain('u123');
  });

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

  it('leaves out the verb a speech question is read from, not the same verb elsewhere', () => {
    expect(terms('What did Putin call the troops?').map((t) => t.term)).toEqual(['putin', 'troop']);
    expect(terms('What did Trump write about Xi?').map((t) => t.term)).toEqual(['trump', 'xi']);
    expect(terms('Who made the call?').map((t) => t.term)).toContain('call');
  });

  it('leaves out the noun naming the kind of answer asked for, not the same noun elsewhere', () => {
    expect(terms('Which other country supplies drones?').map((t) => t.term)).toEqual(['suppli', 'drone']);
    expect(terms('In what year was the pact signed?').map((t) => t.term)).toEqual(['pact', 'sign']);
    expect(terms('Who visited the country?').map((t) => t.term)).toContain('countri');
    // With nothing else to search, the noun is searched.
    expect(terms('Which country?').map((t) => t.term)).toEqual(['countri']);
  });

  it('leaves out a noun that only gives the question its form', () => {
    expect(terms('In what ways has the army helped?').map((t) => t.term)).toEqual(['armi', 'help']);
    expect(terms('What kind of drones were sent?').map((t) => t.term)).toEqual(['drone', 'sent']);
    expect(terms('Which way did the army go?').map((t) => t.term)).toEqual(['armi']);
    expect(terms('The army found a way').map((t) => t.term)).toContain('wai');
  });

  it('asks about an acronym in capitals, but reads a question shouted in capitals as lower case', () => {
    expect(terms('What did the US say?').map((t) => t.term)).toEqual(['u.s']);
    expect(terms('HOW MANY TROOPS DID NORTH KOREA SEND?').map((t) => t.term)).toEqual(
      terms('how many troops did north korea send?').map((t) => t.term),
    );
    expect(terms('WHO').map((t) => t.term)).toEqual(['w.h.o']);
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

describe('slips in the words that give a question its form', () => {
  const read = (text: string, known: string[] = []) => {
    const result = readQuestion(text, (word) => known.includes(word));
    if (!result.ok) throw new Error(`unreadable: ${text}`);
    return result.question;
  };

  it('reads a swapped or missing letter in a question word as that word', () => {
    expect(read('waht did trump sya').terms.map((t) => t.term)).toEqual(['trump']);
    expect(read('waht did trump sya').answerType).toBe('speech');
    expect(read('wher did kim pledge support').answerType).toBe('place');
    expect(read('how mnay troops were sent').answerType).toBe('quantity');
  });

  it('keeps a word the articles use, and names, as they are', () => {
    expect(read('What form of aid was sent?', ['form']).terms.map((t) => t.term)).toContain('form');
    expect(read('What form of aid was sent?').terms.map((t) => t.term)).not.toContain('form');
    expect(read('Who is Teh Hong?').terms.map((t) => t.term)).toContain('teh');
  });

  it('shows the question as it was asked', () => {
    expect(read('waht did trump sya').text).toBe('waht did trump sya');
  });
});
