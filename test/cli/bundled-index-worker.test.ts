/**
 * The index worker as `npm start` runs it: bundled into `dist/index-build-worker.js` (beside the code that
 * starts it), building an index that a desk takes up and answers from as from one built in place.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../src/core/desk.ts';
import { silentLogger } from '../../src/core/types.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { buildIndexWith } from '../../src/reload/build-in-worker.ts';
import { deskData } from '../support/desk-data.ts';
import { runProcess } from '../support/run-process.ts';

describe('the bundled index worker', () => {
  beforeAll(async () => {
    // The launcher rebuilds dist/ when the sources changed since it was built (as npm start does).
    expect(
      (await runProcess('node', ['scripts/run.mjs', 'ask', '--json', 'Who is Sergey Lavrov?'])).code,
    ).toBe(0);
  });

  it('builds an index the desk answers from as from one built in place', async () => {
    const seeds = await loadArticles('seeds', silentLogger);
    // One clock for both desks: a reply names when its index was built, and two builds can be a millisecond apart.
    const now = () => new Date('2026-01-01T00:00:00Z');
    const worker = new Worker(path.resolve('dist/index-build-worker.js'));
    const built = Desk.build(seeds.slice(0, 2), {
      ...deskData,
      now,
      buildIndex: (articles, pause) => buildIndexWith(worker, articles, pause),
    });
    await built.replace(seeds);
    const direct = Desk.build(seeds, { ...deskData, now });
    for (const q of ['Who is Sergey Lavrov?', 'What did Kim Jong Un say?', 'who is sergey lavrof'])
      expect(await built.ask(q)).toEqual(await direct.ask(q));
  });
});
