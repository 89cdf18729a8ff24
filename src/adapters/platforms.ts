/**
 * The platforms Newsdesk can serve, in the order they start. Adding one is a folder under `src/adapters/`
 * exporting a {@link Platform}, and a line here (README: "Adding a platform").
 */
import type { Config } from '../config.ts';
import { discordPlatform } from './discord/platform.ts';
import type { Platform } from './platform.ts';
import { slackPlatform } from './slack/platform.ts';

/** Every platform, each turned on by its own settings. */
export const PLATFORMS: readonly Platform<unknown>[] = [discordPlatform, slackPlatform];

/** A platform's settings in a config, or undefined when that platform is off. */
export function settingsOf<Settings>(config: Config, platform: Platform<Settings>): Settings | undefined {
  return config.platforms[platform.name] as Settings | undefined;
}

/** The mention syntax of every platform: the core leaves it out of what is asked. */
export const MENTION_PATTERNS: readonly RegExp[] = PLATFORMS.flatMap((platform) => platform.mentions);
