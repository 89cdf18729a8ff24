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

// Issue 17: the code that imports minisearch lives in one folder, behind the search port; the rest of
// the app asks the port (`core/search/search-engine.ts`), so another engine can stand in for it.
describe('the MiniSearch engine folder', () => {
  it('is the only place in src/ that imports minisearch', () => {
    const importers = sources(SRC)
      .filter((file) => /from ['"]minisearch(?:\/[^'"]*)?['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !path.join(SRC, file).startsWith(`${FOLDER}${path.sep}`))).toEqual([]);
  });
});
