import { describe, expect, it } from 'vitest';
import type { TermStats } from '../../../src/core/search/minisearch/term-counts.ts';
import { TermTable } from '../../../src/search/postgres/term-table.ts';

/** A small deterministic generator (xorshift), so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** What the table must read as: the same terms, counts and forms, in the same order, as a plain Map. */
function plain(table: ReadonlyMap<string, TermStats>): [string, object][] {
  return [...table].map(([term, s]) => [
    term,
    { df: s.df, capital: s.capital, lower: s.lower, forms: [...s.forms] },
  ]);
}

describe('the terms table of the PostgreSQL mirror', () => {
  it('reads as a Map of the same terms, counts and forms, in the same order, through changes', () => {
    const next = random(7);
    const word = () =>
      Array.from({ length: 2 + Math.floor(next() * 5) }, () =>
        String.fromCharCode(97 + Math.floor(next() * 6)),
      ).join('');
    const expected = new Map<string, TermStats>();
    const builder = TermTable.builder();
    for (let i = 0; i < 400; i++) {
      const term = word();
      if (expected.has(term)) continue;
      const counts = { df: 1 + Math.floor(next() * 50), capital: Math.floor(next() * 9), lower: 3 };
      expected.set(term, { ...counts, forms: new Map() });
      builder.addTerm(term, counts);
    }
    const terms = [...expected.keys()];
    for (let i = 0; i < 900; i++) {
      const term = terms[Math.floor(next() * terms.length)] as string;
      const form = `${term}${word()}`;
      const uses = 1 + Math.floor(next() * 20);
      expected.get(term)?.forms.set(form, uses);
      builder.addForm(term, form, uses);
    }
    // A form of a term the table does not hold is left out.
    builder.addForm('zzz-not-a-term', 'zzz', 4);
    const table = new TermTable();
    table.load(builder.build());
    expect(plain(table)).toEqual(plain(expected));
    expect(table.size).toBe(expected.size);

    // Changes: counts set, terms removed and added, forms set and dropped; enough of them that the table
    // folds its changed entries into its arrays (past 10,000) at least once.
    for (let step = 0; step < 60_000; step++) {
      const roll = next();
      const term = roll < 0.2 ? word() + word() : (terms[Math.floor(next() * terms.length)] as string);
      if (roll < 0.4) {
        const counts = { df: Math.floor(next() * 90) + 1, capital: 1, lower: Math.floor(next() * 4) };
        const known = expected.get(term);
        if (known) Object.assign(known, counts);
        else {
          expected.set(term, { ...counts, forms: new Map() });
          terms.push(term);
        }
        table.set(term, counts);
      } else if (roll < 0.5) {
        expect(table.delete(term)).toBe(expected.delete(term));
      } else {
        const form = `${term}${word()}`;
        const uses = Math.floor(next() * 3);
        const known = expected.get(term);
        if (known) {
          if (uses > 0) known.forms.set(form, uses);
          else known.forms.delete(form);
        }
        table.setForm(term, form, uses);
      }
      if (step % 10_000 === 0) expect(plain(table)).toEqual(plain(expected));
    }
    expect(plain(table)).toEqual(plain(expected));
    expect(table.size).toBe(expected.size);
    for (const term of [...terms, 'absent', '']) {
      expect(table.has(term), term).toBe(expected.has(term));
      expect(table.get(term)?.df, term).toBe(expected.get(term)?.df);
    }
  });
});
