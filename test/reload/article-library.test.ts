import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate-corpus.ts';
import { Desk } from '../../src/core/desk.ts';
import { type Logger, silentLogger } from '../../src/core/types.ts';
import { ArticleLibrary, describeReport, type ReloadReport } from '../../src/reload/article-library.ts';
import { openDesk } from '../../src/snapshot/open-desk.ts';
import { deskData } from '../support/desk-data.ts';

const HARBOUR = 'The harbour bridge will reopen on Friday after repairs costing 2 million euro.';
const MARKET = 'The farmers market moves to the town square every Saturday from next month.';

async function setup() {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-reload-'));
  await writeFile(path.join(dir, 'harbour.txt'), HARBOUR);
  const messages: string[] = [];
  const logger: Logger = {
    debug() {},
    info: (m) => messages.push(m),
    warn: (m) => messages.push(m),
    error: (m) => messages.push(m),
  };
  const reports: ReloadReport[] = [];
  const library = new ArticleLibrary({ dir, logger, debounceMs: 20, onReload: (r) => reports.push(r) });
  const desk = Desk.build(await library.open(), deskData);
  const cites = async (q: string) => {
    const reply = await desk.ask(q);
    return reply.kind === 'answer' ? reply.passages.map((p) => p.articleId) : [];
  };
  return { dir, library, desk, messages, reports, cites };
}

describe('ArticleLibrary', () => {
  it('adds, changes and deletes articles, reporting each reload', async () => {
    const { dir, library, desk, messages, cites } = await setup();
    await writeFile(path.join(dir, 'market.md'), MARKET);
    const added = await library.reload(desk);
    expect(describeReport(added)).toBe('+1 article, −0, ~0 changed, 2 paragraphs');
    expect(await cites('When does the farmers market move?')).toEqual(['market']);
    expect(messages).toContain('Reloaded articles: +1 article, −0, ~0 changed, 2 paragraphs');

    await writeFile(path.join(dir, 'harbour.txt'), `${HARBOUR}\nThe ferry timetable changes in June.`);
    const changed = await library.reload(desk);
    expect([changed.changed, changed.paragraphs]).toEqual([['harbour.txt'], 3]);
    expect(await cites('When does the ferry timetable change?')).toEqual(['harbour']);

    await rm(path.join(dir, 'market.md'));
    const removed = await library.reload(desk);
    expect(removed.removed).toEqual(['market.md']);
    expect(await cites('When does the farmers market move?')).toEqual([]);
    expect(desk.stats.articles).toBe(1);
  });

  it('keeps serving the last good version of a file broken mid-edit, and logs why', async () => {
    const { dir, library, desk, messages, cites } = await setup();
    await writeFile(path.join(dir, 'harbour.txt'), '');
    const report = await library.reload(desk);
    expect(report.rejected).toEqual([{ file: 'harbour.txt', reason: 'is empty', kept: true }]);
    expect(messages.join('\n')).toContain(
      'Article file harbour.txt is empty: still serving its last good version.',
    );
    expect(await cites('When will the harbour bridge reopen?')).toEqual(['harbour']);
    await writeFile(path.join(dir, 'harbour.txt'), Buffer.from([0, 1, 2, 3]));
    await library.reload(desk);
    expect(await cites('When will the harbour bridge reopen?')).toEqual(['harbour']);
  });

  it('serves a renamed file under its new id', async () => {
    const { dir, library, desk, cites } = await setup();
    await rename(path.join(dir, 'harbour.txt'), path.join(dir, 'bridge.txt'));
    const report = await library.reload(desk);
    expect([report.added, report.removed]).toEqual([['bridge.txt'], ['harbour.txt']]);
    expect(await cites('When will the harbour bridge reopen?')).toEqual(['bridge']);
  });

  it('answers every question during a reload, from the old or the new articles', async () => {
    const { dir, library, desk } = await setup();
    await writeFile(path.join(dir, 'market.md'), MARKET);
    const reloading = library.reload(desk);
    const during = await desk.ask('When will the harbour bridge reopen?');
    await reloading;
    const after = await desk.ask('When will the harbour bridge reopen?');
    expect([during.kind, after.kind]).toEqual(['answer', 'answer']);
  });

  it('notices changes on its own when watching', async () => {
    const { dir, library, desk, reports, cites } = await setup();
    library.watch(desk);
    try {
      await writeFile(path.join(dir, 'market.md'), MARKET);
      for (let i = 0; i < 200 && !reports.some((r) => r.added.includes('market.md')); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await cites('When does the farmers market move?')).toEqual(['market']);
    } finally {
      library.close();
    }
  });

  it('when watching, follows each file named by a change (added, changed, renamed, deleted) without reading the others again', async () => {
    const { dir, library, desk, reports, cites } = await setup();
    const settled = async (what: (r: ReloadReport) => boolean) => {
      for (let i = 0; i < 200 && !reports.some(what); i++) await new Promise((r) => setTimeout(r, 25));
      const report = reports.find(what);
      reports.length = 0;
      return report;
    };
    library.watch(desk);
    try {
      await writeFile(path.join(dir, 'market.md'), MARKET);
      expect(await settled((r) => r.rebuilt)).toMatchObject({
        added: ['market.md'],
        removed: [],
        changed: [],
        articles: 2,
        paragraphs: 2,
      });
      expect(await cites('When does the farmers market move?')).toEqual(['market']);

      await writeFile(path.join(dir, 'market.md'), `${MARKET}\nStalls open at eight in the morning.`);
      expect(await settled((r) => r.rebuilt)).toMatchObject({
        added: [],
        changed: ['market.md'],
        paragraphs: 3,
      });
      expect(await cites('When do the stalls open?')).toEqual(['market']);

      await rename(path.join(dir, 'market.md'), path.join(dir, 'square.md'));
      expect(await settled((r) => r.rebuilt)).toMatchObject({ added: ['square.md'], removed: ['market.md'] });
      expect(await cites('When does the farmers market move?')).toEqual(['square']);

      await rm(path.join(dir, 'square.md'));
      expect(await settled((r) => r.rebuilt)).toMatchObject({ removed: ['square.md'], articles: 1 });
      expect((await desk.ask('When does the farmers market move?')).kind).not.toBe('answer');

      // Only the files named are looked at: one written while nobody watched is left to a reload told of
      // it (as the feed follower tells of what it saved), or to a full one, which looks at every file.
      library.close();
      await writeFile(path.join(dir, 'market.md'), MARKET);
      await writeFile(path.join(dir, 'square.md'), MARKET);
      library.watch(desk);
      await writeFile(path.join(dir, 'ferry.txt'), 'The ferry timetable changes in June.');
      expect(await settled((r) => r.rebuilt)).toMatchObject({ added: ['ferry.txt'], articles: 2 });
      expect(await library.reload(desk, ['square.md'])).toMatchObject({ added: ['square.md'], articles: 3 });
      expect(await library.reload(desk)).toMatchObject({ added: ['market.md'], articles: 4 });
    } finally {
      library.close();
    }
  });

  it('warns about a broken file once, not again on every reload, until it changes', async () => {
    const { dir, library, desk, messages } = await setup();
    await writeFile(path.join(dir, 'broken.txt'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    await writeFile(path.join(dir, 'market.md'), MARKET);
    await library.reload(desk);
    await writeFile(path.join(dir, 'harbour.txt'), `${HARBOUR}\nThe ferry timetable changes in June.`);
    await library.reload(desk);
    const warnings = () => messages.filter((m) => m.includes('broken.txt'));
    expect(warnings()).toEqual(['Skipped article file broken.txt: is not text (binary content)']);

    await writeFile(path.join(dir, 'broken.txt'), 'Now the broken file reports the ferry strike.');
    const fixed = await library.reload(desk);
    expect(fixed.added).toEqual(['broken.txt']);
    await writeFile(path.join(dir, 'broken.txt'), '');
    await library.reload(desk);
    await library.reload(desk);
    expect(warnings()).toEqual([
      'Skipped article file broken.txt: is not text (binary content)',
      'Article file broken.txt is empty: still serving its last good version.',
    ]);
  });

  it('warns about front matter that is never closed when it reads the file', async () => {
    const { dir, library, desk, messages } = await setup();
    await writeFile(path.join(dir, 'market.md'), `---\ntitle: Market moves\n\n${MARKET}`);
    await library.reload(desk);
    await library.reload(desk);
    expect(messages.filter((m) => m.startsWith('Article file market.md:'))).toEqual([
      'Article file market.md: its front matter (opened by "---" on line 1) is never closed; read up to the first blank line',
    ]);
  });

  it('keeps answering while a reload re-indexes many articles: every question is answered, none waits for the end', async () => {
    const { dir, library, desk, cites } = await setup();
    // Most of the folder is new: the reload builds a whole new index (`Desk.replace`) and swaps it in.
    const corpus = generateCorpus({ paragraphs: 1500, seed: 9 });
    await writeCorpus(dir, corpus);
    let reloaded = false;
    const reloading = library.reload(desk).then((report) => {
      reloaded = true;
      return report;
    });
    const answered: boolean[] = [];
    while (!reloaded) {
      // A question arriving while the index is rebuilt: answered before the rebuild ends, from the old articles.
      await new Promise((resolve) => setImmediate(resolve));
      const [first] = await cites('When will the harbour bridge reopen?');
      if (!reloaded) answered.push(first === 'harbour');
    }
    const report = await reloading;
    expect(report).toMatchObject({ reindexed: 'full', articles: corpus.length + 1 });
    expect(answered.length).toBeGreaterThan(5);
    expect(answered.every(Boolean)).toBe(true);
    // One more article: indexed alone, in place.
    await writeFile(path.join(dir, 'market.md'), MARKET);
    expect(await library.reload(desk)).toMatchObject({ reindexed: 'articles', added: ['market.md'] });
    expect(await cites('When does the farmers market move?')).toEqual(['market']);
    expect((await cites('When will the harbour bridge reopen?'))[0]).toBe('harbour');
  });

  it('writes a snapshot after a reload, once the folder is quiet, that a restart starts from', async () => {
    const { dir } = await setup();
    const snapshotDir = await mkdtemp(path.join(tmpdir(), 'newsdesk-reload-snapshot-'));
    const logger = silentLogger;
    const place = { dir: snapshotDir, seedsDir: dir, logger };
    const library = new ArticleLibrary({ dir, logger, snapshot: place, snapshotDelayMs: 10 });
    const opened = await openDesk({ seedsDir: dir, snapshotDir, logger, library, ...deskData });
    await opened.saveSnapshot();
    await writeFile(path.join(dir, 'market.md'), MARKET);
    await library.reload(opened.desk);
    await library.flushSnapshot();
    const restarted = await openDesk({ seedsDir: dir, snapshotDir, logger, ...deskData });
    expect(restarted.fromSnapshot).toBe(true);
    const reply = await restarted.desk.ask('When does the farmers market move?');
    expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('market');
  });
});
