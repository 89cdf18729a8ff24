import { describe, expect, it } from 'vitest';
import { passagesOf } from '../../../src/core/search/minisearch/passage-index.ts';
import { TermCounter } from '../../../src/core/search/minisearch/term-counts.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

const passages = passagesOf(await loadArticles('seeds', silentLogger));
const counter = new TermCounter();
for (const p of passages) counter.count(p.text);
counter.flush();
const { passageTerms, terms } = counter;

/** Every (term, word position) `forEachTerm` visits in a passage. */
function visits(id: number): [string, number][] {
  const seen: [string, number][] = [];
  passageTerms.forEachTerm(id, (term, at) => seen.push([term, at]));
  return seen;
}

describe('PassageTerms', () => {
  it('walks only the wanted terms of a passage, where and as often as the full walk meets them', () => {
    const wantedTerms = ['putin', 'kim', 'korea', 'troop', 'soldier', 'russia', 'north'];
    const wanted = new Uint8Array(passageTerms.terms.length);
    for (const term of wantedTerms) wanted[terms.get(term)?.id as number] = 1;
    let met = 0;
    for (const p of passages) {
      const seen: [string, number][] = [];
      passageTerms.forEachWantedTerm(p.id, wanted, (term, at) => seen.push([term, at]));
      expect(seen).toEqual(visits(p.id).filter(([term]) => wantedTerms.includes(term)));
      met += seen.length;
    }
    expect(met).toBeGreaterThan(20);

    // A hyphenated word has several terms: each is wanted or not on its own.
    const own = new TermCounter();
    own.count('The cross-border troops and the border guards');
    own.flush();
    const flags = new Uint8Array(own.passageTerms.terms.length);
    flags[own.terms.get('border')?.id as number] = 1;
    const seen: [string, number][] = [];
    own.passageTerms.forEachWantedTerm(0, flags, (term, at) => seen.push([term, at]));
    expect(seen).toEqual([
      ['border', 1],
      ['border', 5],
    ]);
  });

  it('counts a passage’s words up to its last word with a term, as the full walk reaches it', () => {
    for (const p of passages) {
      const last = visits(p.id).at(-1);
      expect(passageTerms.wordsToLastTerm(p.id)).toBe(last ? last[1] + 1 : 0);
    }
    // A passage ending in stop words is counted to its last word with a term.
    const tail = new TermCounter();
    tail.count('Troops marched north and then');
    tail.flush();
    expect(tail.passageTerms.wordsToLastTerm(0)).toBe(3);
  });
});
