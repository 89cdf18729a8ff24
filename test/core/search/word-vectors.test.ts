import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeWordVectors, WordVectors } from '../../../src/core/search/word-vectors.ts';
import { loadWordVectors } from '../../../src/load/word-vectors-files.ts';

const cosine = (a: number[], b: number[]) => {
  const dot = a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);
  return dot / Math.hypot(...a) / Math.hypot(...b);
};

describe('WordVectors', () => {
  const rows: [string, number[]][] = [
    ['troops', [0.9, 0.3, -0.1, 0.2]],
    ['soldiers', [0.8, 0.4, 0, 0.1]],
    ['harvest', [-0.2, 0.1, 0.9, 0.3]],
    ['apple', [0, -0.7, 0.2, 0.6]],
  ];

  it('keeps cosine similarities through the int8 encoding', () => {
    const { words, bytes } = encodeWordVectors(
      rows.map(([w]) => w),
      rows.map(([, v]) => v),
      4,
    );
    const vectors = WordVectors.decode(words, bytes);
    for (const [a, va] of rows) {
      for (const [b, vb] of rows) expect(vectors.similarity(a, b)).toBeCloseTo(cosine(va, vb), 2);
    }
  });

  it('lists the words in code-unit order and finds each one', () => {
    const { words } = encodeWordVectors(
      rows.map(([w]) => w),
      rows.map(([, v]) => v),
      4,
    );
    expect(words).toBe('apple\nharvest\nsoldiers\ntroops\n');
    const vectors = WordVectors.fromEntries(rows);
    expect(rows.every(([w]) => vectors.has(w))).toBe(true);
    expect(vectors.has('fighters')).toBe(false);
    expect(vectors.vector('fighters')).toBeUndefined();
    expect(vectors.size).toBe(4);
  });

  it('ranks the words by how common they are: the order they were given in', () => {
    const vectors = WordVectors.fromEntries(rows);
    expect(rows.map(([w]) => vectors.rank(w))).toEqual([1, 2, 3, 4]);
    expect(vectors.rank('fighters')).toBeUndefined();
  });

  it('gives unit-length vectors', () => {
    const v = WordVectors.fromEntries(rows).vector('harvest') as Float32Array;
    expect(Math.hypot(...v)).toBeCloseTo(1, 2);
  });

  it('says precisely what is wrong with a bad vectors file', () => {
    const { words, bytes } = encodeWordVectors(
      ['a', 'b'],
      [
        [1, 0],
        [0, 1],
      ],
      2,
    );
    expect(() => WordVectors.decode(words, new Uint8Array(20))).toThrow(/does not start with "NDWV"/);
    expect(() => WordVectors.decode('a\n', bytes)).toThrow(/has 2 rows but the word list 1 words/);
    expect(() => WordVectors.decode(words, bytes.subarray(0, bytes.length - 1))).toThrow(
      /should hold 2 factors/,
    );
    const old = bytes.slice();
    new DataView(old.buffer).setUint32(4, 1, true);
    expect(() => WordVectors.decode(words, old)).toThrow(/version 1 is not 4/);
    expect(() =>
      WordVectors.fromEntries([
        ['a', [1, 0]],
        ['b', [1]],
      ]),
    ).toThrow(/"b" has 1 dimensions, not 2/);
    expect(() => encodeWordVectors(['a', 'a'], [[1], [1]], 1)).toThrow(/"a" is listed twice/);
  });

  it('reads vectors from a folder, and nothing from a folder without them', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-vectors-'));
    const url = pathToFileURL(`${dir}/`);
    expect(loadWordVectors(url)).toBeUndefined();
    const { words, bytes } = encodeWordVectors(
      ['troops', 'soldiers'],
      [
        [1, 0.2],
        [0.9, 0.3],
      ],
      2,
    );
    writeFileSync(path.join(dir, 'word-vectors.words.txt'), words);
    writeFileSync(path.join(dir, 'word-vectors.bin'), bytes);
    expect(loadWordVectors(url)?.similarity('troops', 'soldiers')).toBeGreaterThan(0.9);
  });
});

describe('the committed word vectors', () => {
  const vectors = loadWordVectors();

  it('are there, with 100 dimensions', () => {
    expect(vectors?.dims).toBe(100);
    expect(vectors?.size).toBe(50_000);
  });

  // The thresholds in related-terms.ts were chosen on these figures: a rebuild that moves them must say so.
  it('put paraphrases above the similarity that relates words, and look-alikes of common words below', () => {
    const similarity = (a: string, b: string) => vectors?.similarity(a, b) ?? Number.NaN;
    expect(similarity('army', 'military')).toBeGreaterThan(0.6);
    expect(similarity('ties', 'relations')).toBeGreaterThan(0.7);
    expect(similarity('tomorrow', 'ahead')).toBeLessThan(0.55);
    expect(similarity('tall', 'large')).toBeLessThan(0.55);
    expect(similarity('police', 'policy')).toBeLessThan(0.45);
    expect(similarity('russian', 'russia')).toBeGreaterThan(0.45);
  });
});
