/** Discord as a Newsdesk platform (see `adapters/platform.ts`): listed in `adapters/platforms.ts`. */
import type { Platform } from '../platform.ts';
import { DISCORD_KEYS, type DiscordConfig, readDiscordSettings } from './settings.ts';

/** Discord: slash commands, DMs and mentions, through discord.js. On when `DISCORD_TOKEN` is set. */
export const discordPlatform: Platform<DiscordConfig> = {
  name: 'discord',
  keys: DISCORD_KEYS,
  turnOn: 'on Discord set DISCORD_TOKEN',
  readSettings: readDiscordSettings,
  secrets: (settings) => [settings.token],
  // User, nickname and role mentions, channel links, and the two broadcasts.
  mentions: [/<(?:@[!&]?|#)[^<>\s]*>/giu, /@(?:everyone|here)\b/giu],
  errorCodes: { auth: 'discord-auth', start: 'discord-start' },
  async start(config, deps) {
    // discord.js is loaded only when Discord is on.
    const { startDiscord } = await import('./start-discord.ts');
    return startDiscord({ ...deps, config });
  },
};
