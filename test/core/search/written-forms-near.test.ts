import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/core/answers/read-question.ts';
import { analyzeWord } from '../../../src/core/search/analyze.ts';
import { PassageIndex, writtenFormsByInitial } from '../../../src/core/search/minisearch/passage-index.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';

/** Slips of a word: a letter dropped, doubled, changed, and two neighbours swapped (the first letter kept). */
function slips(word: string): string[] {
  const at = Math.max(1, Math.floor(word.length / 2));
  const next = (c: string) => String.fromCharCode(((c.charCodeAt(0) - 97 + 1) % 26) + 97);
  return [
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + (word[at] ?? '') + word.slice(at),
    word.slice(0, at) + next(word[at] ?? 'a') + word.slice(at + 1),
    word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2),
    `${word}s`,
    word.slice(0, -1),
  ];
}

describe('misspellings resolved from the written forms and terms near a word, not a tree of them all', () => {
  it('gives the same corrections as the whole tree for slips of the seed articles’ words', async () => {
    const articles = await loadArticles('seeds', silentLogger);
    const whole = new PassageIndex(articles);
    const { terms } = whole.parts;
    // Neither tree: the written forms near the word, and the terms through look-ups over a plain list.
    const list = [...terms.keys()];
    const lean = new PassageIndex(whole.parts, {
      writtenFormsNear: writtenFormsByInitial(terms),
      termLookups: {
        near: (word) => list.filter((t) => t[0] === word[0] && Math.abs(t.length - word.length) <= 2),
        startingWith: (prefix) => list.filter((t) => t.startsWith(prefix)),
      },
    });
    // Every written form of four letters or more, each slipped six ways.
    const forms = [...terms.values()]
      .flatMap((s) => [...s.forms.keys()])
      .filter((f) => /^[a-z]{4,}$/.test(f));
    expect(forms.length).toBeGreaterThan(100);
    let corrected = 0;
    for (const form of forms)
      for (const slip of slips(form)) {
        const read = readQuestion(slip, (word) => analyzeWord(word).some((t) => whole.has(t)));
        if (!read.ok) continue;
        const expected = whole.resolve(read.question.terms);
        expect(lean.resolve(read.question.terms), slip).toEqual(expected);
        if (expected.some((t) => t.status === 'corrected')) corrected++;
      }
    // The comparison covered many real corrections, not only words left as they are.
    expect(corrected).toBeGreaterThan(50);
  });
});
