import type { Readable, Writable } from 'node:stream';
import { runConsole } from './adapters/console/run-console.ts';
import type { Config } from './config.ts';
import type { Desk } from './core/desk.ts';
import type { Logger } from './core/types.ts';
import { loadDesk } from './load-desk.ts';

/** A chat platform connection that is running. */
export interface RunningPlatform {
  name: string;
  stop(): Promise<void>;
}

/** Newsdesk as started: the desk and the platforms it serves. */
export interface NewsdeskApp {
  desk: Desk;
  platforms: RunningPlatform[];
  /** Disconnects every platform. */
  stop(): Promise<void>;
}

/** Options for {@link startNewsdesk}. */
export interface StartOptions {
  logger: Logger;
  /** A prebuilt desk (tests); by default the articles in `config.seedsDir` are loaded. */
  desk?: Desk;
}

/**
 * Loads the articles and starts every platform the config turns on (Discord, Slack, or both). Platform
 * libraries are imported only when their platform is on, so the console starts fast.
 */
export async function startNewsdesk(config: Config, options: StartOptions): Promise<NewsdeskApp> {
  const { logger } = options;
  const desk = options.desk ?? (await loadDesk(config, logger));
  const platforms: RunningPlatform[] = [];
  const stop = async () => {
    await Promise.allSettled(platforms.map((p) => p.stop()));
  };
  try {
    if (config.discord) {
      const { startDiscord } = await import('./adapters/discord/start-discord.ts');
      platforms.push(await startDiscord({ config: config.discord, desk, logger }));
    }
    if (config.slack) {
      const { startSlack } = await import('./adapters/slack/start-slack.ts');
      platforms.push(await startSlack({ config: config.slack, desk, logger }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { desk, platforms, stop };
}

/** Runs the local console on the given streams (what `npm start` does when no platform is configured). */
export async function startConsole(
  desk: Desk,
  io: { input: Readable; output: Writable; logger: Logger },
): Promise<void> {
  await runConsole({ desk, ...io, interactive: true });
}
