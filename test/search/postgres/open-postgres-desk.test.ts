import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsdeskError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { ArticleLibrary } from '../../../src/reload/article-library.ts';
import { openPostgresDesk } from '../../../src/search/postgres/open-postgres-desk.ts';
import { deskData } from '../../support/desk-data.ts';
import {
  type PostgresServer,
  postgresUnavailable,
  startPostgresServer,
} from '../../support/postgres-server.ts';
import { recordingLogger } from '../../support/recording-logger.ts';

/** A folder of article files (name → text), removed after the tests. */
const folders: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-pg-folder-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const HARBOUR =
  'Harbour reopens\n\nThe harbour at Kellby reopened to fishing boats on Monday after the storm.\n';
const GLACIER =
  'Glacier retreats\n\nThe Morteratsch glacier retreated forty metres last summer, surveyors said.\n';

describe.skipIf(postgresUnavailable)('a desk over PostgreSQL and its articles folder', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer();
  });
  afterAll(async () => {
    await server?.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  const open = (url: string, dir: string, logger = silentLogger) =>
    openPostgresDesk({
      databaseUrl: url,
      library: new ArticleLibrary({ dir, logger }),
      logger,
      ...deskData,
    });

  it('starts with a missing or empty folder when the database has articles, saying what it serves', async () => {
    const url = await server.database('no_folder');
    const first = await open(url, folder({ 'harbour.txt': HARBOUR }));
    await first.close();
    for (const dir of [path.join(tmpdir(), 'newsdesk-no-such-folder'), folder({})]) {
      const logger = recordingLogger();
      const opened = await open(url, dir, logger);
      try {
        expect(opened.desk.summaries().map((a) => a.id)).toEqual(['harbour']);
        const reply = await opened.desk.ask('When did the harbour reopen?');
        expect(reply.kind).toBe('answer');
        const said = logger.lines.map((l) => l.message).join('\n');
        expect(said).toMatch(
          /no articles to sync .*serving the 1 article \(2 paragraphs\) the PostgreSQL database holds/,
        );
      } finally {
        await opened.close();
      }
    }
  });

  it("a reload syncs the files read since the last one, and the library keeps none of the articles' text", async () => {
    const url = await server.database('lean_library');
    const dir = folder({ 'harbour.txt': HARBOUR });
    const library = new ArticleLibrary({ dir, logger: silentLogger, holdArticles: false });
    const opened = await openPostgresDesk({ databaseUrl: url, library, logger: silentLogger, ...deskData });
    try {
      expect(library.articles()).toEqual([]);
      writeFileSync(path.join(dir, 'glacier.txt'), GLACIER);
      const added = await library.reload(opened.reloadTarget);
      expect(added).toMatchObject({ added: ['glacier.txt'], removed: [], articles: 2, paragraphs: 4 });
      expect(library.articles()).toEqual([]);
      await expect.poll(() => opened.desk.summaries().map((s) => s.id)).toEqual(['glacier', 'harbour']);
      expect((await opened.desk.ask('How far did the glacier retreat?')).kind).toBe('answer');

      rmSync(path.join(dir, 'harbour.txt'));
      writeFileSync(path.join(dir, 'glacier.txt'), GLACIER.replace('forty', 'fifty'));
      await library.reload(opened.reloadTarget);
      await expect.poll(() => opened.desk.summaries().map((s) => s.id)).toEqual(['glacier']);
      expect((await opened.desk.getArticle('glacier'))?.paragraphs[1]?.text).toContain('fifty metres');
    } finally {
      await opened.close();
    }
  });

  it('refuses to start when neither the folder nor the database has an article', async () => {
    const url = await server.database('nothing');
    const error = await open(url, folder({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsdeskError);
    expect((error as Error).message).toMatch(
      /no articles found in .* The database \(DATABASE_URL\) has no articles either/,
    );
  });

  it('two processes with different folders answer from both, and neither removes the other’s articles', async () => {
    const url = await server.database('two_folders');
    const harbourDir = folder({ 'harbour.txt': HARBOUR });
    const glacierDir = folder({ 'glacier.txt': GLACIER });
    const a = await open(url, harbourDir);
    const b = await open(url, glacierDir);
    try {
      // A restart of the first with its own folder does not remove the second's article.
      await a.sync(await new ArticleLibrary({ dir: harbourDir, logger: silentLogger }).open());
      for (const opened of [a, b]) {
        await expect
          .poll(() => opened.desk.summaries().map((s) => s.id), { timeout: 5_000 })
          .toEqual(['glacier', 'harbour']);
        expect((await opened.desk.ask('How far did the glacier retreat?')).kind).toBe('answer');
        expect((await opened.desk.ask('When did the harbour reopen?')).kind).toBe('answer');
      }
      // The file removed from the second folder: its article goes, from both desks.
      rmSync(path.join(glacierDir, 'glacier.txt'));
      writeFileSync(path.join(glacierDir, 'other.txt'), HARBOUR.replace('Kellby', 'Ostby'));
      await b.sync(await new ArticleLibrary({ dir: glacierDir, logger: silentLogger }).open());
      await expect
        .poll(() => a.desk.summaries().map((s) => s.id), { timeout: 5_000 })
        .toEqual(['harbour', 'other']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
