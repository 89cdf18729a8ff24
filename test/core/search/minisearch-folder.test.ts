import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../../src/', import.meta.url).pathname;
const FOLDER = path.join(SRC, 'core/search/minisearch');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

// Issue 17: the engine reads none of MiniSearch's internals — it imports MiniSearch nowhere. Its postings
// (`postings-index.ts`) score as MiniSearch's BM25+ (checked against a MiniSearch in term-postings.test.ts),
// and its vocabulary is its own sorted list (`sorted-words.ts`). MiniSearch stays the benchmark's and the
// evaluation's baseline (`bench/raw-minisearch.ts`) and the tests' reference.
describe('the memory engine', () => {
  it('imports minisearch nowhere in src/', () => {
    const importers = sources(SRC)
      .filter((file) => /from ['"]minisearch(?:\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(sources(FOLDER).length).toBeGreaterThan(3);
    expect(importers).toEqual([]);
  });
});
