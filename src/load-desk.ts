import { MENTION_PATTERNS } from './adapters/platforms.ts';
import type { Config } from './config.ts';
import type { Logger } from './core/types.ts';
import { loadDeskData } from './load/desk-data.ts';
import { type OpenedDesk, openDesk } from './snapshot/open-desk.ts';

/**
 * Opens the articles named by the config as a desk: from the index snapshot when it is still valid, else
 * by reading and indexing them. Call `saveSnapshot` on the result once the first answer is out. Throws
 * `NewsdeskError` for a bad folder.
 */
export async function loadDesk(
  config: Pick<Config, 'seedsDir' | 'maxPassages' | 'snapshotDir'>,
  logger: Logger,
): Promise<OpenedDesk> {
  return openDesk({ ...config, logger, ...loadDeskData(), mentions: MENTION_PATTERNS });
}
