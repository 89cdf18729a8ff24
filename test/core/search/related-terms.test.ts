import { describe, expect, it } from 'vitest';
import { rankPassages } from '../../../src/core/answers/rank-passages.ts';
import { readQuestion } from '../../../src/core/answers/read-question.ts';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';
import { PassageIndex, type PassageIndexOptions } from '../../../src/core/search/minisearch/passage-index.ts';
import { WordVectors } from '../../../src/core/search/word-vectors.ts';
import type { Article } from '../../../src/core/types.ts';

const valley = parseArticle(
  'valley',
  [
    '---',
    'title: Notes from the valley',
    '---',
    'The soldiers held the line near the river on Monday.',
    '',
    'Farmers expect a good harvest after the spring rains.',
    '',
    'Officials in Ukraine praised the new railway link to the coast.',
    '',
    'The police opened an office in the town.',
    '',
    'The new policy starts in May, officials said.',
  ].join('\n'),
) as Article;

/** A tiny meaning space: soldiers, troops and fighters alike; France and Ukraine alike (as names are). */
const vectors = WordVectors.fromEntries([
  ['soldiers', [1, 0, 0, 0]],
  ['soldier', [1, 0, 0, 0.05]],
  ['troops', [0.95, 0.1, 0, 0]],
  ['fighters', [0.9, 0.2, 0.1, 0]],
  ['harvest', [0, 0, 1, 0]],
  ['rains', [0, 0, 0.9, 0.3]],
  ['france', [0, 1, 0, 0]],
  ['ukraine', [0.1, 0.95, 0, 0]],
  ['ukrainian', [0.1, 0.9, 0, 0.2]],
  ['police', [0, 0, 0, 1]],
  ['policy', [0, 0.2, 0.3, -0.9]],
]);

function index(options: PassageIndexOptions = { wordVectors: vectors }, articles = [valley]) {
  return new PassageIndex(articles, options);
}

function ask(idx: PassageIndex, text: string) {
  const read = readQuestion(text);
  if (!read.ok) throw new Error(`unreadable question: ${text}`);
  const terms = idx.resolve(read.question.terms);
  return { terms, hits: rankPassages(idx.find(terms), terms, read.question.answerType) };
}

describe('PassageIndex with word vectors', () => {
  it('finds the paragraph about soldiers when asked about fighters', () => {
    const { terms, hits } = ask(index(), 'Who held the line, the fighters?');
    expect(terms.find((t) => t.term === 'fighter')?.expansions?.map((e) => e.term)).toContain('soldier');
    expect(hits[0]?.passage.paragraph).toBe(1);
    expect(hits[0]?.matchedTerms).toContain('soldier');
  });

  it('credits a word of like meaning less than the word itself', () => {
    const fighters = ask(index(), 'fighters river').hits[0];
    const soldiers = ask(index(), 'soldiers river').hits[0];
    expect(fighters?.credit?.fighter).toBeGreaterThan(0.5);
    expect(fighters?.credit?.fighter).toBeLessThan(1);
    expect(soldiers?.credit?.soldier).toBe(1);
    expect(fighters?.coverage).toBeLessThan(soldiers?.coverage ?? 0);
  });

  it('matches words only by their spelling without vectors', () => {
    const { terms, hits } = ask(index({ wordVectors: null }), 'fighters');
    expect(terms[0]?.expansions).toBeUndefined();
    expect(hits).toEqual([]);
  });

  it('never takes a name for a word of like meaning', () => {
    const idx = index();
    expect(idx.isName('ukrain')).toBe(true);
    expect(idx.isName('soldier')).toBe(false);
    const { terms, hits } = ask(idx, 'what happened in france');
    expect(terms.find((t) => t.term === 'franc')?.expansions).toBeUndefined();
    expect(hits).toEqual([]);
  });

  it('finds another form of the same word, for less', () => {
    const { terms, hits } = ask(index(), 'Ukrainian railway');
    expect(terms[0]?.expansions).toEqual([
      expect.objectContaining({ term: 'ukrain', kind: 'morphological' }),
    ]);
    expect(hits[0]?.passage.paragraph).toBe(3);
    expect(hits[0]?.credit?.ukrainian).toBeLessThan(1);
  });

  it('takes the past of an irregular verb for the verb, nearly in full', () => {
    const council = parseArticle(
      'council',
      'The council will meet in June to set the budget.\n\nThe mayor met the farmers on Friday.',
    ) as Article;
    const { terms, hits } = ask(index({ wordVectors: null }, [council]), 'Who did the mayor meet?');
    expect(terms.find((t) => t.term === 'meet')?.expansions).toEqual([
      expect.objectContaining({ term: 'met', kind: 'morphological' }),
    ]);
    expect(hits[0]?.passage.paragraph).toBe(2);
    expect(hits[0]?.credit?.meet).toBeGreaterThan(0.8);
    expect(hits[0]?.credit?.meet).toBeLessThan(1);
  });

  it('does not take words with a shared beginning but different meanings for one word', () => {
    const { terms } = ask(index(), 'police office');
    expect(terms[0]?.expansions).toBeUndefined(); // `polic` is not `polici` (policy)
  });

  it('does not let a word the question asks for also stand for another of its words', () => {
    const { terms } = ask(index(), 'fighters and soldiers');
    expect(terms.find((t) => t.term === 'fighter')?.expansions?.map((e) => e.term) ?? []).not.toContain(
      'soldier',
    );
  });

  it('credits a passage that says a known word with a word of like meaning', () => {
    const troops = parseArticle(
      'bridge',
      'Troops crossed the bridge at night.\n\nSoldiers rested by the road.',
    ) as Article;
    const { hits } = ask(index({ wordVectors: vectors }, [troops]), 'soldiers bridge');
    const bridge = hits.find((h) => h.passage.paragraph === 1);
    expect(bridge?.credit?.soldier).toBeGreaterThan(0.5);
    expect(bridge?.matchedTerms).toContain('troop');
  });

  it('credits a loosely related word in part, without marking it', () => {
    const river = parseArticle(
      'river',
      'Loudspeakers played music across the river.\n\nBoats crossed the river at dawn.',
    ) as Article;
    const meanings = WordVectors.fromEntries([
      ['river', [0, 0, 0, 1]],
      ['blasting', [1, 0, 0, 0]],
      ['loudspeakers', [0.45, 0.89, 0, 0]], // cosine 0.45: loosely related
      ['boats', [0.2, 0, 0.98, 0]], // cosine 0.2: unrelated
    ]);
    const { hits } = ask(index({ wordVectors: meanings }, [river]), 'What is blasting across the river?');
    const [loud, boats] = [1, 2].map((n) => hits.find((h) => h.passage.paragraph === n));
    expect(hits[0]).toBe(loud);
    expect(loud?.credit?.blast).toBeGreaterThan(0.3);
    expect(loud?.credit?.blast).toBeLessThan(0.5);
    expect(loud?.matchedTerms).not.toContain('loudspeak');
    expect(boats?.credit?.blast).toBeUndefined();
  });

  it("reads a misspelling of an English word the articles never use by that word's meaning", () => {
    const night = parseArticle(
      'night',
      'Farmers rested by the road at night.\n\nTroops crossed the bridge at night.',
    ) as Article;
    const { terms, hits } = ask(
      index({ wordVectors: vectors }, [night]),
      'Where were the soldeirs at night?',
    );
    const slip = terms.find((t) => t.term === 'soldeir');
    expect(slip).toMatchObject({ status: 'unknown', word: 'soldiers' });
    expect(slip?.expansions?.map((e) => e.term)).toContain('troop');
    expect(hits[0]?.passage.paragraph).toBe(2);
  });

  /** An index whose vectors come from a function that counts its calls. */
  function countingLoads() {
    const count = { loads: 0 };
    const idx = index({
      wordVectors: () => {
        count.loads++;
        return vectors;
      },
    });
    return { idx, count };
  }

  it('loads the vectors once, when a question first needs them', () => {
    const { idx, count } = countingLoads();
    expect(count.loads).toBe(0);
    ask(idx, 'fighters');
    ask(idx, 'harvest');
    expect(count.loads).toBe(1);
  });

  it('loads them before any question when warmed up, and answers alike', () => {
    const { idx, count } = countingLoads();
    idx.warmUp();
    expect(count.loads).toBe(1);
    const warmed = ask(idx, 'Who held the line, the fighters?');
    expect(count.loads).toBe(1);
    expect(warmed.hits.map((h) => [h.passage.paragraph, h.rank])).toEqual(
      ask(index(), 'Who held the line, the fighters?').hits.map((h) => [h.passage.paragraph, h.rank]),
    );
  });
});

describe('reading names in a lower-case question', () => {
  it('takes an unknown word whose nearest meanings are names for a name', () => {
    const places = parseArticle(
      'places',
      'Officials in Ukraine met envoys from Poland and Hungary.\n\nFarmers in Ukraine expect a good harvest.',
    ) as Article;
    const meanings = WordVectors.fromEntries([
      ['ukraine', [1, 0.1, 0]],
      ['poland', [0.9, 0.2, 0]],
      ['hungary', [0.95, 0, 0.1]],
      ['france', [0.9, 0.1, 0.1]],
      ['harvest', [0, 0, 1]],
      ['crops', [0.1, 0, 0.95]],
      // Near the names, but nearest of all to a common word.
      ['agency', [0.5, 0, 0.8]],
    ]);
    const idx = new PassageIndex([places], { wordVectors: meanings });
    const [france] = ask(idx, 'france harvest').terms;
    const [crops] = ask(idx, 'crops officials').terms;
    expect(france).toMatchObject({ term: 'franc', entity: true });
    expect(crops).toMatchObject({ term: 'crop', entity: false });
    const [agency] = ask(idx, 'agency officials').terms;
    expect(agency).toMatchObject({ term: 'agenc', entity: false });
  });
});

describe('weighing words the articles never use', () => {
  it('weighs a common English word less than a rare one', () => {
    const farm = parseArticle('farm', 'Farmers expect a good harvest after the spring rains.') as Article;
    // Given most common first: "took" is a common word, "blasting" a rare one.
    const meanings = WordVectors.fromEntries([
      ['took', [1, 0, 0]],
      ['farmers', [0, 1, 0]],
      ['harvest', [0, 0.7, 0.7]],
      ['blasting', [0, 0, 1]],
    ]);
    const idx = new PassageIndex([farm], { wordVectors: meanings });
    const weight = (q: string, word: string) => ask(idx, q).terms.find((t) => t.word === word)?.weight ?? 0;
    const known = weight('farmers harvest', 'harvest');
    expect(weight('farmers took harvest', 'took')).toBeLessThan(known);
    expect(weight('farmers blasting harvest', 'blasting')).toBeGreaterThan(known);
  });
});
