import path from 'node:path';
import { Desk, type DeskData } from '../../core/desk.ts';
import { NewsdeskError } from '../../core/errors.ts';
import type { Article, Logger } from '../../core/types.ts';
import type { ArticleLibrary, ReloadTarget } from '../../reload/article-library.ts';
import { PostgresEngine } from './postgres-engine.ts';

/** A desk answering from PostgreSQL, and what keeps it in step. */
export interface PostgresDesk {
  desk: Desk;
  engine: PostgresEngine;
  /** Syncs the folder's articles into the database (all of them). */
  sync(articles: readonly Article[]): Promise<void>;
  /**
   * What a reload of the folder updates: the database, given only the articles read since the last reload
   * (the library need not hold the others: `ArticleLibraryOptions.holdArticles`).
   */
  reloadTarget: ReloadTarget;
  close(): Promise<void>;
}

/** Options for {@link openPostgresDesk}. */
export interface OpenPostgresDeskOptions extends Partial<DeskData> {
  databaseUrl: string;
  library: ArticleLibrary;
  logger: Logger;
  maxPassages?: number;
  /** How the platforms write a mention (see `DeskOptions.mentions`). */
  mentions?: readonly RegExp[];
}

/**
 * Opens the PostgreSQL engine (creating or migrating its tables), syncs the articles folder into the
 * database and returns a desk answering from it. The folder is one source of the database's articles, not
 * the whole of them: its sync adds and rewrites its articles, and removes only those it held before and
 * no longer holds, unless another folder holds them (`ArticleStore.sync` with an origin: the folder's
 * absolute path); articles other processes' folders added stay. The same folder synced by another process
 * at the same time is written once. A missing or empty folder is not synced at all (it would remove the
 * folder's articles): the desk serves what the database holds, and says so in the log. The desk follows
 * every change to the database, made through this process or any other (LISTEN/NOTIFY); it holds the
 * articles' summaries, their text stays in the database (`PostgresArticleSource`). Throws `NewsdeskError`
 * when neither the folder nor the database has an article, and the database's error (never the URL) when
 * it cannot be reached.
 */
export async function openPostgresDesk(options: OpenPostgresDeskOptions): Promise<PostgresDesk> {
  const { logger } = options;
  let desk: Desk | undefined;
  const engine = await PostgresEngine.open({
    databaseUrl: options.databaseUrl,
    logger,
    wordVectors: options.wordVectors,
    placeNames: options.placeNames,
    onChange: () => desk?.articlesChanged(),
  });
  try {
    const origin = path.resolve(options.library.dir);
    const sync = async (articles: readonly Article[], holds?: readonly string[]) => {
      // An emptied folder is read as one gone (a volume not mounted), never as "remove its articles".
      if (!(holds ?? articles).length) return;
      const report = await engine.sync(articles, { origin, holds });
      if (report.added.length || report.changed.length || report.removed.length)
        logger.info(
          `Synced the articles folder into PostgreSQL: +${report.added.length}, −${report.removed.length}, ~${report.changed.length} changed`,
        );
    };
    const folder = await options.library.openIfAny();
    await sync(folder.articles);
    const served = engine.source.summaries;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const holds = `${plural(served.length, 'article')} (${plural(
      served.reduce((n, a) => n + a.paragraphs, 0),
      'paragraph',
    )})`;
    if (folder.problem) {
      if (!served.length)
        throw new NewsdeskError(
          folder.problem.code,
          `${folder.problem.message.replace(/^Newsdesk: /, '')} The database (DATABASE_URL) has no articles either.`,
        );
      logger.info(
        `The articles folder has no articles to sync (${folder.problem.message.replace(/^Newsdesk: /, '')}): serving the ${holds} the PostgreSQL database holds`,
      );
    } else
      logger.info(
        `Serving ${holds} from PostgreSQL, ${folder.articles.length} of them in the articles folder`,
      );
    desk = Desk.over(engine, engine.source, {
      maxPassages: options.maxPassages,
      mentions: options.mentions,
      wordVectors: options.wordVectors ?? null,
      placeNames: options.placeNames ?? null,
    });
    const reloadTarget: ReloadTarget = {
      replace: (articles) => sync(articles),
      sync: ({ read, ids }) => sync(read, ids),
    };
    return { desk, engine, sync: (articles) => sync(articles), reloadTarget, close: () => engine.close() };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
