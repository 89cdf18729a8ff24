import { describe, expect, it } from 'vitest';
import { mulberry32, splitIntoFolds } from '../../scripts/cross-validation-folds.ts';

describe('npm run tune’s cross-validation folds', () => {
  // 47 answerable questions and 5 out of scope in one set, 6 answerable in another.
  const groups = [
    ...Array.from({ length: 47 }, () => 'realnews true'),
    ...Array.from({ length: 5 }, () => 'realnews false'),
    ...Array.from({ length: 6 }, () => 'seeds true'),
  ];
  const count = (fold: Int8Array, pick: (k: number) => boolean, f: number) =>
    [...fold.keys()].filter((k) => pick(k) && fold[k] === f).length;

  it('gives every fold its share of each group, and folds of even size', () => {
    const fold = splitIntoFolds(groups, 5, 1);
    for (let f = 0; f < 5; f++) {
      expect(count(fold, (k) => groups[k] === 'realnews false', f)).toBe(1);
      expect([9, 10]).toContain(count(fold, (k) => groups[k] === 'realnews true', f));
      expect([11, 12]).toContain(count(fold, () => true, f));
    }
  });

  it('is the same split for the same seed, and another split for another seed', () => {
    expect([...splitIntoFolds(groups, 5, 1)]).toEqual([...splitIntoFolds(groups, 5, 1)]);
    expect([...splitIntoFolds(groups, 5, 2)]).not.toEqual([...splitIntoFolds(groups, 5, 1)]);
  });

  it('draws seeded numbers in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});
