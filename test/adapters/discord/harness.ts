/**
 * Test harness: the real seeds, the stand-in Discord, and the adapter started exactly as `npm start` starts
 * it (`startDiscord({ config, desk, logger })`), with a logger that records what it was told.
 */

import type { DiscordConfig } from '../../../src/adapters/discord/settings.ts';
import { type StartDiscordOptions, startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { Desk } from '../../../src/core/desk.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { deskData } from '../../support/desk-data.ts';
import { DiscordStandin, type DiscordStandinOptions } from '../../support/discord-standin.ts';

import { recordingLogger } from '../../support/recording-logger.ts';

export { type LogLine, recordingLogger } from '../../support/recording-logger.ts';

/** The desk built from the real seeds. */
export async function seedDesk(maxPassages = 3): Promise<Desk> {
  return Desk.build(await loadArticles('seeds', silentLogger), { ...deskData, maxPassages });
}

/** The adapter's config pointing at a stand-in. */
export function configFor(standin: DiscordStandin, overrides: Partial<DiscordConfig> = {}): DiscordConfig {
  return { token: standin.token, apiUrl: standin.apiUrl, ...overrides };
}

/** A stand-in Discord with the bot connected to it. */
export async function startBot(
  options: { desk?: Desk; standin?: DiscordStandinOptions; adapter?: Partial<StartDiscordOptions> } = {},
) {
  const standin = await DiscordStandin.start(options.standin);
  const desk = options.desk ?? (await seedDesk());
  const logger = recordingLogger();
  const running = await startDiscord({ config: configFor(standin), desk, logger, ...options.adapter });
  return {
    standin,
    desk,
    logger,
    running,
    async stop() {
      await running.stop();
      await standin.close();
    },
  };
}

/** Option payloads as Discord sends them (type 3 string, 4 integer, 5 boolean). */
export const option = {
  string: (name: string, value: string, focused?: boolean) => ({
    name,
    type: 3,
    value,
    ...(focused ? { focused } : {}),
  }),
  integer: (name: string, value: number) => ({ name, type: 4, value }),
  boolean: (name: string, value: boolean) => ({ name, type: 5, value }),
};

/** Interaction callback types. */
export const CALLBACK = { message: 4, autocomplete: 8, updateMessage: 7 } as const;
/** Message flag bits. */
export const FLAG = { suppressEmbeds: 4, ephemeral: 64 } as const;

/** A generous cap for tests and hooks that talk to the stand-in: a loaded machine is slow, never wrong. */
export const TEST_TIMEOUT = 30_000;
