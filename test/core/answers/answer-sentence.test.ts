import { describe, expect, it } from 'vitest';
import {
  HAND_SET_SENTENCE,
  namesSomethingNew,
  SENTENCE_FEATURES,
  scoreSentence,
  sentenceFeatures,
  wantedOf,
} from '../../../src/core/answers/answer-sentence.ts';
import { answerTypeOf, questionClause } from '../../../src/core/answers/answer-type.ts';
import type { RankedHit } from '../../../src/core/answers/rank-passages.ts';
import { SENTENCE_PARAMS } from '../../../src/core/answers/sentence-params.ts';
import type { AnswerReply, Segment } from '../../../src/core/types.ts';
import { oneArticleDesk } from '../../support/one-article-desk.ts';
import { seedDesk } from '../../support/seed-desk.ts';

const wanted = (q: string) => wantedOf(q, answerTypeOf(q));
const plain = (segments: Segment[]) => segments.map((s) => s.text).join('');
const marked = (segments: Segment[]) => segments.filter((s) => s.mark).map((s) => s.text);
async function answer(desk: { ask(q: string): unknown }, question: string): Promise<AnswerReply> {
  const reply = (await desk.ask(question)) as AnswerReply;
  expect(reply.kind, question).toBe('answer');
  return reply;
}

describe('what the answer sentence should carry', () => {
  it('reads the asking sentence of a question that sets the scene first', () => {
    const q = 'The firm cut jobs this week. Approximately how many employees were affected?';
    expect(questionClause(q)).toBe('Approximately how many employees were affected?');
    expect(answerTypeOf(q)).toBe('quantity');
    // A full stop inside a name does not cut the asking sentence.
    expect(questionClause('Which actor stars in the “Super Mario Bros. Movie” this week?')).toBe(
      'Which actor stars in the “Super Mario Bros. Movie” this week?',
    );
    // Nor does a relative "which" after a comma ask a new question.
    const relative = 'Which actor voices the plumber in “The Plumber Bros. Movie,” which opened this week?';
    expect(questionClause(relative)).toBe(relative);
    expect(wanted(relative)).toBe('name');
  });

  it('wants a number for "how many" and "what percentage" wherever they stand', () => {
    expect(wanted('According to the survey, what percentage of adults vote?')).toBe('quantity');
    expect(wanted('Which two schools, and how many players, left?')).toBe('quantity');
  });

  it('wants a name for who, which <noun>, what <noun> and "what is it called"', () => {
    for (const q of [
      'Who won the race?',
      'Which fast food chain has the slowest drive-thru?',
      'The House passed a bill this week. What is it called?',
      'What is the name of the spacecraft?',
      'Officials banned the app from phones in which state?',
      'What NHL team won the cup?',
      'The firm will sell its new pill under what name?',
    ]) {
      expect(wanted(q), q).toBe('name');
    }
    for (const q of [
      'What happened in Beijing?',
      'What did Kim say about Russia?',
      'Why did the talks fail?',
    ])
      expect(wanted(q), q).not.toBe('name');
  });

  it('sees a name the question does not give, and not the sentence capital of a common word', () => {
    const asked = new Set(['chain', 'slowest']);
    expect(namesSomethingNew('A study found Burgerhaus had the slowest lanes.', asked)).toBe(true);
    expect(namesSomethingNew('Every second counts in the lanes of fast food chains.', asked)).toBe(false);
    expect(namesSomethingNew('Burgerhaus had the slowest lanes.', asked, (t) => t === 'burgerhau')).toBe(
      true,
    );
    expect(namesSomethingNew('On Monday the chain opened.', asked)).toBe(false);
    // A time zone is a time, not a name: "who …" is not answered by "at 8 p.m. ET".
    expect(namesSomethingNew('The chain opened its slowest lanes at 8 p.m. ET on Friday.', asked)).toBe(
      false,
    );
  });
});

describe('the answer sentence', () => {
  it('carries the amount asked for, not only the words of the question', async () => {
    const desk = oneArticleDesk(
      'loans',
      'The president on Wednesday announced student loan forgiveness for millions of borrowers. Borrowers who received federal grants will get up to $20,000 forgiven, and others up to $10,000.',
    );
    const reply = await answer(desk, 'How much forgiveness will borrowers get?');
    expect(plain(reply.answer)).toBe(
      'Borrowers who received federal grants will get up to $20,000 forgiven, and others up to $10,000.',
    );
  });

  it('carries the name asked for', async () => {
    const desk = oneArticleDesk(
      'drive-thru',
      'Every second counts in drive-thru lanes for fast food chains, and the slowest drive-thru costs the most. A new study found Burgerhaus had the slowest drive-thru.',
    );
    expect(
      plain(
        (await answer(desk, 'Which fast food chain has the slowest drive-thru, according to a study?'))
          .answer,
      ),
    ).toBe('A new study found Burgerhaus had the slowest drive-thru.');
  });

  it('prefers, for a name asked for, the name the story is about (its title names it)', async () => {
    const desk = oneArticleDesk(
      'otter',
      '---\ntitle: Otto the otter strikes again\n---\nA sea otter keeps stealing surfboards from surfers near Santa Cruz, rangers said. On Sunday, Otto the sea otter was seen again.',
    );
    expect(
      plain((await answer(desk, 'Which sea otter keeps stealing surfboards from surfers?')).answer),
    ).toBe('On Sunday, Otto the sea otter was seen again.');
  });

  it('prefers, for a name asked for, the name its story keeps naming to one it names in passing', async () => {
    // Both sentences cover the question alike; only one names whom the story is about.
    const desk = oneArticleDesk(
      'mayor',
      '---\ntitle: A new mayor for the town\n---\nOn Monday, Ana Cole watched the new mayor sworn in. On Monday, Rosa Vance was sworn in as the new mayor.',
      'Vance won the runoff by 400 votes. Vance, 41, takes office at once.',
    );
    expect(plain((await answer(desk, 'Who was sworn in as the new mayor?')).answer)).toBe(
      'On Monday, Rosa Vance was sworn in as the new mayor.',
    );
  });

  it('carries a number of what is counted, not any number', async () => {
    const desk = oneArticleDesk(
      'files',
      'On Nov. 19 the president signed the bill ordering the Justice Department to release the archive files. The department has 30 days to publish them.',
    );
    expect(
      plain(
        (await answer(desk, 'How many days does the Justice Department have to release the archive files?'))
          .answer,
      ),
    ).toBe('The department has 30 days to publish them.');
  });

  it('stays the sentence carrying most of the question when no kind of answer is asked for', async () => {
    const desk = oneArticleDesk(
      'harbour',
      'The harbour reopened on Monday. Ferries to the islands run every hour from the harbour again.',
    );
    expect(plain((await answer(desk, 'Do ferries to the islands run from the harbour?')).answer)).toBe(
      'Ferries to the islands run every hour from the harbour again.',
    );
  });
});

describe('a two-sentence answer', () => {
  it('shows the sentence before an answer that refers back to it ("He …")', async () => {
    const desk = oneArticleDesk(
      'speech',
      'The senator from Ohio spoke for 25 hours and 5 minutes on Tuesday, his office said. He broke the chamber’s record for the longest speech, set at 24 hours by a senator in 1957.',
    );
    const reply = await answer(desk, 'How many hours did the senator speak in the chamber’s longest speech?');
    expect(plain(reply.answer)).toBe(
      'The senator from Ohio spoke for 25 hours and 5 minutes on Tuesday, his office said. He broke the chamber’s record for the longest speech, set at 24 hours by a senator in 1957.',
    );
    // Still only the question's own words are marked, in both sentences.
    expect(marked(reply.answer)).toEqual([
      'senator',
      'spoke',
      'hours',
      'chamber’s',
      'longest speech',
      'hours',
      'senator',
    ]);
  });

  it('shows a neighbour carrying what was asked beside a best sentence carrying only the question’s words', async () => {
    const desk = oneArticleDesk(
      'film',
      '---\ntitle: The plumber film is a hit\n---\nThe new animated film about a plumber captures the whimsy of the games it is based on. Mario, voiced by Ravi Stone, and his brother travel to a land of mushrooms.',
    );
    expect(
      plain((await answer(desk, 'Which actor voices the plumber in the new animated film?')).answer),
    ).toBe(
      'The new animated film about a plumber captures the whimsy of the games it is based on. Mario, voiced by Ravi Stone, and his brother travel to a land of mushrooms.',
    );
  });

  it('shows a close neighbour beside a best sentence lacking the kind of thing asked for', async () => {
    const desk = oneArticleDesk(
      'groceries',
      'Grocery prices rose again this year, led by staples. But nothing came close to the rise in the price of eggs, which doubled.',
    );
    expect(
      plain(
        (await answer(desk, 'Grocery prices rose this year, but nothing came close to which food?')).answer,
      ),
    ).toBe(
      'Grocery prices rose again this year, led by staples. But nothing came close to the rise in the price of eggs, which doubled.',
    );
  });

  it('shows one sentence when the neighbour adds nothing asked for, or the two would be too long', async () => {
    // "$20,000" is in the best sentence: the one announcing the relief is not shown beside it (above, too).
    const loans = oneArticleDesk(
      'loans',
      'The president on Wednesday announced student loan forgiveness for millions of borrowers. Borrowers who received federal grants will get up to $20,000 forgiven, and others up to $10,000.',
    );
    expect(plain((await answer(loans, 'How much forgiveness will borrowers get?')).answer)).not.toContain(
      'announced',
    );
    const long = oneArticleDesk(
      'speech',
      `The senator from Ohio spoke for 25 hours and 5 minutes on Tuesday, his office said, ${'and many colleagues stayed to listen, '.repeat(12)}to the end. He broke the chamber’s record for the longest speech, set at 24 hours by a senator in 1957.`,
    );
    expect(
      plain(
        (await answer(long, 'How many hours did the senator speak in the chamber’s longest speech?')).answer,
      ),
    ).toBe('He broke the chamber’s record for the longest speech, set at 24 hours by a senator in 1957.');
  });
});

describe('how the answer sentence is scored', () => {
  it('weighs exactly the features it measures, fitted from the hand-set weights', () => {
    expect(Object.keys(SENTENCE_PARAMS.weights).sort()).toEqual([...SENTENCE_FEATURES].sort());
    expect(Object.keys(HAND_SET_SENTENCE).sort()).toEqual([...SENTENCE_FEATURES].sort());
    expect(SENTENCE_PARAMS.fitted.on.length).toBeGreaterThan(0);
  });

  it('scores a sentence lacking what is asked for, or far down the ranking, below one that has it', () => {
    const base = { coverage: 0, passage: 0, missing: 0, notSubject: 0, otherCount: 0, salience: 0 };
    const score = (changes: Partial<typeof base>) => scoreSentence({ ...base, ...changes });
    expect(score({ missing: 1 })).toBeLessThan(score({}));
    expect(score({ passage: -2 })).toBeLessThan(score({}));
    expect(score({ coverage: Math.log(0.3) })).toBeLessThan(score({}));
    expect(score({ salience: Math.log(4) })).toBeGreaterThan(score({ salience: Math.log(2) }));
  });
});

describe('marking', () => {
  it('marks only the question’s own words and their forms, never words matched by meaning', async () => {
    const desk = await seedDesk();
    const accompanied = await answer(desk, 'who accompanied putin');
    for (const segments of [accompanied.answer, ...accompanied.passages.map((p) => p.text)]) {
      expect(marked(segments).map((m) => m.toLowerCase())).not.toContain('met');
    }
    const aid = await answer(desk, 'Is Russia surely trying to get military aid?');
    const words = [aid.answer, ...aid.passages.map((p) => p.text)]
      .flatMap(marked)
      .map((m) => m.toLowerCase());
    expect(words).toContain('surely');
    for (const other of ['war', 'need', 'needs', 'help']) expect(words).not.toContain(other);
  });

  it('marks other forms of the question’s words (sent for send, Russia for Russians)', async () => {
    const reply = await answer(await seedDesk(), 'How many soldiers did the Russians send?');
    expect(marked(reply.answer)).toEqual(['sent', 'Russia']);
    expect(plain(reply.answer)).toContain('15,000');
  });
});

describe('counting the names an article writes (salience)', () => {
  const hit = (text: string) =>
    ({
      passage: { id: 0, articleId: 'a', paragraph: 1, text, title: 'Harbour news' },
      score: 1,
      queryTerms: ['toll'],
      matchedTerms: ['toll'],
      modelScore: 0,
      rank: 1,
      coverage: 1,
    }) as unknown as RankedHit;
  const article = (...paragraphs: string[]) => ({
    title: 'Harbour news',
    paragraphs: paragraphs.map((text) => ({ text })),
  });
  const salience = (found: ReturnType<typeof article>, cache: Map<object, ReadonlyMap<string, number>>) =>
    sentenceFeatures(
      [hit('Mayor Ana Lopez set the toll.')],
      { text: 'Who set the toll?', answerType: 'any' },
      new Set(['toll']),
      { idf: () => 1, isName: () => true, article: () => found, nameCounts: cache },
    )[0]?.features.salience;

  it('counts each article once and keeps the counts by article, afresh for a changed article', () => {
    const cache = new Map<object, ReadonlyMap<string, number>>();
    const first = article('Mayor Ana Lopez set the toll.', 'Lopez said so.', 'Lopez left.');
    expect(salience(first, cache)).toBeCloseTo(Math.log1p(3));
    expect(cache.get(first)?.get('lopez')).toBe(3);
    // Kept: asked again of the same article, the counts are not read from its text again.
    cache.set(first, new Map([['lopez', 7]]));
    expect(salience(first, cache)).toBeCloseTo(Math.log1p(7));
    // A changed article is another object: counted from its own text.
    const changed = article('Mayor Ana Lopez set the toll.');
    expect(salience(changed, cache)).toBeCloseTo(Math.log1p(1));
  });
});
