/**
 * `npm run sync -- [--prune]`: syncs the articles folder (`SEEDS_DIR`) into the PostgreSQL database
 * (`SEARCH_BACKEND=postgres`, `DATABASE_URL`) without starting a bot, and prints what changed. Without
 * `--prune` it does what a bot process does at start: adds new articles, rewrites changed ones, removes
 * those this folder held at its last sync and no longer holds (unless another folder holds them). With
 * `--prune` the database then holds exactly the folder's articles: every other article goes, whichever
 * folder or process added it. Every bot process on the database hears of the change (LISTEN/NOTIFY).
 * A missing or empty folder syncs nothing (it would empty the database). Exit 0 when synced, 1 when it
 * could not, 2 for a usage mistake.
 */
import path from 'node:path';
import pg from 'pg';
import { silentLogger } from '../core/types.ts';
import { ArticleLibrary } from '../reload/article-library.ts';
import { ArticleStore } from '../search/postgres/article-store.ts';
import { migrate } from '../search/postgres/schema.ts';
import { exitWithError, readEnvConfig } from './read-env-config.ts';

const USAGE = `Usage: npm run sync -- [--prune]
  Syncs the articles folder (SEEDS_DIR) into the PostgreSQL database (SEARCH_BACKEND=postgres, DATABASE_URL):
  adds new articles, rewrites changed ones, and removes those this folder held at its last sync and no longer
  holds, unless another folder holds them (as a bot process does at start).
  --prune   also removes every article the folder does not hold, whoever added it: the database then holds
            exactly the folder's articles.
`;

const args = process.argv.slice(2).filter((arg) => arg !== '--');
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const unknown = args.find((arg) => arg !== '--prune');
if (unknown) {
  process.stderr.write(
    `npm run sync: unknown ${unknown.startsWith('-') ? 'option' : 'argument'} ${unknown}\n\n${USAGE}`,
  );
  process.exit(2);
}
const prune = args.includes('--prune');

const config = readEnvConfig();
if (config.searchBackend !== 'postgres' || !config.databaseUrl) {
  process.stderr.write(
    'npm run sync copies the articles folder into PostgreSQL: set SEARCH_BACKEND=postgres and DATABASE_URL (see .env.example). With the default SEARCH_BACKEND=memory there is nothing to sync: the bot reads the folder itself.\n',
  );
  process.exit(1);
}

const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
// A dropped connection fails the query that used it (reported below); it must not crash the process first.
pool.on('error', () => {});
try {
  const library = new ArticleLibrary({ dir: config.seedsDir, logger: silentLogger });
  const folder = await library.openIfAny();
  if (folder.problem) {
    process.stderr.write(
      `${folder.problem.message.replace(/^Newsdesk: /, '')} Nothing synced: a missing or empty folder never empties the database.\n`,
    );
    process.exitCode = 1;
  } else {
    await migrate(pool);
    const report = await new ArticleStore(pool).sync(folder.articles, {
      origin: path.resolve(config.seedsDir),
      removeMissing: prune,
    });
    const { rows } = await pool.query<{ articles: number; passages: number }>(
      'SELECT articles, passages FROM newsdesk_totals WHERE id = 1',
    );
    const totals = rows[0] ?? { articles: 0, passages: 0 };
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    process.stdout.write(
      `Synced ${plural(folder.articles.length, 'article')} from ${config.seedsDir} into PostgreSQL${prune ? ' (pruned)' : ''}: +${report.added.length}, −${report.removed.length}, ~${report.changed.length} changed; the database holds ${plural(totals.articles, 'article')} (${plural(totals.passages, 'paragraph')})\n`,
    );
  }
} catch (error) {
  // pg's errors never hold the URL; the message is the database's own.
  exitWithError(error);
} finally {
  await pool.end().catch(() => {});
}
