import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate-corpus.ts';
import { Desk } from '../../src/core/desk.ts';
import { type Article, silentLogger } from '../../src/core/types.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { ArticleLibrary } from '../../src/reload/article-library.ts';
import { buildInWorker, restoreInWorker } from '../../src/reload/build-in-worker.ts';
import { snapshotFile, writeDeskSnapshot } from '../../src/snapshot/desk-snapshot.ts';
import { answersTo, comparisonLibrary } from '../support/answer-comparison.ts';
import { deskData } from '../support/desk-data.ts';
import { eventually } from '../support/eventually.ts';
import { recordingLogger } from '../support/recording-logger.ts';

/**
 * A re-index built in a worker thread (`build-in-worker.ts`) and taken up in steps (`index-transfer.ts`)
 * must answer exactly as an index built on the answering thread, go on changing in place, and, when the
 * worker fails, leave the previous index answering.
 */

const { seeds, generated, library, questions } = await comparisonLibrary(60, ['who is sergey lavrof']);
const answers = (desk: Desk) => answersTo(desk, questions);

describe('Desk.replace building in a worker thread', () => {
  it('answers exactly as a desk built on this thread from the same articles, and goes on changing in place', async () => {
    const desk = Desk.build(seeds, { ...deskData, buildIndex: buildInWorker() });
    await desk.replace(library);
    expect(desk.stats).toMatchObject({ articles: library.length });
    expect(await answers(desk)).toEqual(await answers(Desk.build(library, deskData)));
    // The adopted index changes in place as a built one does.
    const rest = library.filter((_, i) => i % 5 !== 2);
    await desk.update(rest);
    expect(await answers(desk)).toEqual(await answers(Desk.build(rest, deskData)));
    // And its snapshot restores to the same answers.
    const restored = Desk.restore([...desk.snapshot()].join(''), deskData);
    if (!restored.ok) throw new Error(restored.reason);
    expect(await answers(restored.desk)).toEqual(await answers(desk));
  });

  it('answers questions while the worker builds and the index is taken up, from the old articles until the swap', async () => {
    const desk = Desk.build(seeds, { ...deskData, buildIndex: buildInWorker() });
    const before = await desk.ask('When will the harbour bridge reopen?');
    let replaced = false;
    const replacing = desk
      .replace(library, () => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        replaced = true;
      });
    const during: string[] = [];
    while (!replaced) {
      await new Promise((resolve) => setImmediate(resolve));
      const reply = await desk.ask('When will the harbour bridge reopen?');
      if (!replaced) during.push(JSON.stringify(reply));
    }
    await replacing;
    expect(during.length).toBeGreaterThan(5);
    expect(new Set(during)).toEqual(new Set([JSON.stringify(before)]));
  });

  it('rejects when the worker cannot build, and the previous index goes on answering', async () => {
    const desk = Desk.build(seeds, { ...deskData, buildIndex: buildInWorker() });
    const before = await answers(desk);
    // A paragraph whose text is not text fails the build inside the worker.
    const broken = [
      ...generated,
      { ...seeds[0], paragraphs: [{ n: 1, kind: 'body', text: 42 }] } as unknown as Article,
    ];
    await expect(desk.replace(broken)).rejects.toThrow(/building the index in a worker thread failed/);
    expect(desk.stats).toMatchObject({ articles: seeds.length });
    expect(await answers(desk)).toEqual(before);
  });

  it('rejects when the worker runs out of memory, without harm to this process', async () => {
    const desk = Desk.build(seeds, {
      ...deskData,
      buildIndex: buildInWorker({
        resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
      }),
    });
    const before = await answers(desk);
    await expect(desk.replace(library)).rejects.toThrow(/index worker/);
    expect(await answers(desk)).toEqual(before);
  });

  it('a reload whose worker build fails is logged, and the previous articles keep answering', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-worker-reload-'));
    try {
      await writeFile(
        path.join(dir, 'harbour.txt'),
        'The harbour bridge will reopen on Friday after repairs.',
      );
      const logger = recordingLogger();
      const folder = new ArticleLibrary({ dir, logger, debounceMs: 20 });
      const desk = Desk.build(await folder.open(), {
        ...deskData,
        buildIndex: buildInWorker({
          resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
        }),
      });
      folder.watch(desk);
      try {
        // Most of the folder new: a full re-index, in the worker, which fails.
        await writeCorpus(dir, generateCorpus({ paragraphs: 300, seed: 4 }));
        await eventually(
          () => logger.lines.some((l) => l.level === 'error' && l.message === 'Reloading articles failed'),
          'the failed reload logged',
        );
      } finally {
        folder.close();
      }
      expect(desk.stats.articles).toBe(1);
      const reply = await desk.ask('When will the harbour bridge reopen?');
      expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('harbour');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The nice value of each thread of this process (Linux: /proc), by thread id. */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const id of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
    } catch {
      continue; // A thread that ended since the folder was listed.
    }
    // After the command name (in parentheses), field 3 (state) onwards: nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nices.set(Number(id), Number(fields[16]));
  }
  return nices;
}

describe('a failed reload', () => {
  it('is tried again without another change to the folder, and then answers from the new articles', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-worker-retry-'));
    try {
      await writeFile(
        path.join(dir, 'harbour.txt'),
        'The harbour bridge will reopen on Friday after repairs.',
      );
      const logger = recordingLogger();
      const folder = new ArticleLibrary({ dir, logger, debounceMs: 20, retryMs: 50 });
      const worker = buildInWorker();
      let builds = 0;
      const desk = Desk.build(await folder.open(), {
        ...deskData,
        // The first full re-index fails (as a worker out of memory would), the next one works.
        buildIndex: (articles, pause) =>
          ++builds === 1 ? Promise.reject(new Error('no memory left')) : worker(articles, pause),
      });
      folder.watch(desk);
      try {
        const corpus = generateCorpus({ paragraphs: 300, seed: 4 });
        await writeCorpus(dir, corpus);
        await eventually(
          () => builds >= 2 && desk.stats.articles === corpus.length + 1,
          'the reload tried again',
          60_000,
        );
      } finally {
        folder.close();
      }
      const messages = logger.lines.map((l) => l.message);
      expect(messages).toContain('Reloading articles failed');
      expect(messages.some((m) => m.startsWith('Trying the reload again in'))).toBe(true);
      expect(messages.some((m) => m.endsWith('(a failed reload, tried again)'))).toBe(true);
      const all = (await loadArticles(dir, silentLogger)).sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(await answers(desk)).toEqual(await answers(Desk.build(all, deskData)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!existsSync('/proc/thread-self'))('the index worker thread’s priority', () => {
  it('is lower than the answering thread’s while it builds, which keeps its own', async () => {
    const own = threadNices().get(process.pid) as number;
    let lowest = own;
    const desk = Desk.build(seeds, { ...deskData, buildIndex: buildInWorker() });
    await desk.replace(library, () => {
      for (const nice of threadNices().values()) lowest = Math.max(lowest, nice);
    });
    expect(lowest).toBeGreaterThan(own);
    expect(threadNices().get(process.pid)).toBe(own);
  });
});

describe('restoreInWorker: a snapshot read and parsed in a worker thread', () => {
  it('gives a desk answering as the snapshot restored here, ids with holes (changed in place) included', async () => {
    const desk = Desk.build(library.slice(0, 40), deskData);
    await desk.update(library.slice(10));
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-worker-restore-'));
    try {
      const place = { dir, seedsDir: dir, logger: recordingLogger() };
      await writeDeskSnapshot(place, 'k1', { articles: desk.articles(), pieces: desk.snapshot() }, []);
      const file = snapshotFile(place);
      const found = await restoreInWorker(file, 'k1', () => {});
      if (found.kind !== 'restored') throw new Error(`not restored: ${found.kind}`);
      const restored = await Desk.fromIndexData(
        found.articles,
        found.data,
        new Date(found.builtAt),
        deskData,
      );
      expect(restored.stats).toEqual(desk.stats);
      expect(await answers(restored)).toEqual(await answers(desk));
      // It goes on changing in place, as the desk it was written from.
      await restored.update(library);
      expect(await answers(restored)).toEqual(await answers(Desk.build(library, deskData)));
      expect(await restoreInWorker(file, 'k2', () => {})).toEqual({ kind: 'stale' });
      expect(await restoreInWorker(path.join(dir, 'none.json'), 'k1', () => {})).toEqual({
        kind: 'missing',
      });
      await expect(
        restoreInWorker(file, 'k1', () => {}, {
          resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
        }),
      ).rejects.toThrow(/index worker/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
