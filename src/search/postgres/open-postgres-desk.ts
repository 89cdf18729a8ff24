import { Desk, type DeskData } from '../../core/desk.ts';
import type { Article, Logger } from '../../core/types.ts';
import type { ArticleLibrary } from '../../reload/article-library.ts';
import { PostgresEngine } from './postgres-engine.ts';

/** A desk answering from PostgreSQL, and what keeps it in step. */
export interface PostgresDesk {
  desk: Desk;
  engine: PostgresEngine;
  /** Syncs the folder's articles into the database (what a reload of the folder does). */
  sync(articles: readonly Article[]): Promise<void>;
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
 * database (added, changed and removed articles; the same folder synced by another process at the same
 * time is written once) and returns a desk answering from it. The desk follows every change to the
 * database, made through this process or any other (LISTEN/NOTIFY): its list of articles is the
 * database's. Throws `NewsdeskError` for a missing or empty folder, and the database's error (never the
 * URL) when it cannot be reached.
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
    const sync = async (articles: readonly Article[]) => {
      const report = await engine.sync(articles);
      if (report.added.length || report.changed.length || report.removed.length)
        logger.info(
          `Synced the articles folder into PostgreSQL: +${report.added.length}, −${report.removed.length}, ~${report.changed.length} changed`,
        );
    };
    await sync(await options.library.open());
    desk = Desk.over(engine, engine.source, {
      maxPassages: options.maxPassages,
      mentions: options.mentions,
      wordVectors: options.wordVectors ?? null,
      placeNames: options.placeNames ?? null,
    });
    return { desk, engine, sync, close: () => engine.close() };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
