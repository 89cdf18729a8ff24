import type { Config } from './config.ts';
import { loadArticles } from './core/articles/load-articles.ts';
import { Desk } from './core/desk.ts';
import type { Logger } from './core/types.ts';

/** Reads the articles named by the config and indexes them. Throws `NewsdeskError` for a bad folder. */
export async function loadDesk(
  config: Pick<Config, 'seedsDir' | 'maxPassages'>,
  logger: Logger,
): Promise<Desk> {
  const articles = await loadArticles(config.seedsDir, logger);
  return Desk.build(articles, { maxPassages: config.maxPassages });
}
