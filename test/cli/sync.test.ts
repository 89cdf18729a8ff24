import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/articles/parse-article.ts';
import type { Article } from '../../src/core/types.ts';
import { ArticleStore } from '../../src/search/postgres/article-store.ts';
import { migrate } from '../../src/search/postgres/schema.ts';
import { testPool } from '../support/postgres-pool.ts';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from '../support/postgres-server.ts';
import { runProcess, TSX } from '../support/run-process.ts';

const HARBOUR =
  'Harbour reopens\n\nThe harbour at Kellby reopened to fishing boats on Monday after the storm.\n';
const GLACIER =
  'Glacier retreats\n\nThe Morteratsch glacier retreated forty metres last summer, surveyors said.\n';
const BRIDGE = 'Bridge closes\n\nThe old rail bridge at Dunmore closed for repairs until the spring.\n';

const folders: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-sync-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const sync = (env: Record<string, string>, ...args: string[]) =>
  runProcess(TSX, ['src/cli/sync.ts', ...args], { env: { SEARCH_BACKEND: '', DATABASE_URL: '', ...env } });

describe('npm run sync: usage mistakes', () => {
  it('names an unknown option with the usage (exit 2), and without PostgreSQL settings says what to set (exit 1)', async () => {
    const unknown = await sync({}, '--purge');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --purge[\s\S]*Usage: npm run sync -- \[--prune\]/);
    const memory = await sync({ SEEDS_DIR: folder({ 'harbour.txt': HARBOUR }) });
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain('set SEARCH_BACKEND=postgres and DATABASE_URL');
  });
});

describe.skipIf(postgresUnavailable)('npm run sync into PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer();
  });
  afterAll(async () => {
    await server?.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it("syncs the folder as a bot does (another source's article stays); --prune leaves exactly the folder's", async () => {
    const url = await server.database('sync_cli');
    const { pool, end } = testPool(url);
    try {
      // An article added otherwise than through this folder (another process's folder, an ingest).
      await migrate(pool);
      await new ArticleStore(pool).put([parseArticle('bridge', BRIDGE) as Article]);
      const dir = folder({ 'harbour.txt': HARBOUR, 'glacier.txt': GLACIER });
      const env = { SEARCH_BACKEND: 'postgres', DATABASE_URL: url, SEEDS_DIR: dir };
      const ids = async () =>
        (await pool.query<{ id: string }>('SELECT id FROM newsdesk_articles ORDER BY id')).rows.map(
          (r) => r.id,
        );

      const first = await sync(env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(
        /^Synced 2 articles from .* into PostgreSQL: \+2, −0, ~0 changed; the database holds 3 articles/,
      );
      expect(await ids()).toEqual(['bridge', 'glacier', 'harbour']);

      // A file removed from the folder goes; the article the folder never held stays.
      unlinkSync(path.join(dir, 'glacier.txt'));
      const second = await sync(env);
      expect(second.stdout).toMatch(/: \+0, −1, ~0 changed; the database holds 2 articles/);
      expect(await ids()).toEqual(['bridge', 'harbour']);

      const pruned = await sync(env, '--prune');
      expect(pruned.code).toBe(0);
      expect(pruned.stdout).toMatch(
        /\(pruned\): \+0, −1, ~0 changed; the database holds 1 article \(1 paragraph\)/,
      );
      expect(await ids()).toEqual(['harbour']);
    } finally {
      await end();
    }
  });

  it('syncs nothing from an empty folder, even with --prune, and never prints the database password', async () => {
    const url = await server.database('sync_empty');
    const { pool, end } = testPool(url);
    try {
      await migrate(pool);
      await new ArticleStore(pool).put([parseArticle('bridge', BRIDGE) as Article]);
      const result = await sync(
        { SEARCH_BACKEND: 'postgres', DATABASE_URL: url, SEEDS_DIR: folder({}) },
        '--prune',
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Nothing synced');
      expect(`${result.stdout}${result.stderr}`).not.toContain(server.password);
      const { rows } = await pool.query('SELECT id FROM newsdesk_articles');
      expect(rows.map((r) => r.id)).toEqual(['bridge']);
    } finally {
      await end();
    }
  });
});
