/** Discord's settings: the `DISCORD_*` keys, read and checked (every problem noted, none thrown). */
import type { SettingsReader } from '../platform.ts';

/** Discord settings; present when `DISCORD_TOKEN` is set. */
export interface DiscordConfig {
  token: string;
  /** Application id; optional because it can be read from the token or READY. */
  applicationId?: string;
  /** Guild to deploy slash commands to; global deployment when unset. */
  guildId?: string;
  /** REST base URL including `/api` (default `https://discord.com/api`). */
  apiUrl: string;
  /** Seconds to wait for the start-up connection before giving up (default 30). */
  connectTimeoutSeconds?: number;
  /** Seconds one call to the platform's API may take before it is abandoned (and retried) (default 10). */
  callTimeoutSeconds?: number;
  /**
   * Gateway shards run by this process (discord.js internal sharding): `auto` takes Discord's recommended
   * count, a number that many. Unset: one connection, as every bot under 2,500 servers needs.
   */
  shards?: 'auto' | number;
}

/** The keys {@link readDiscordSettings} reads. */
export const DISCORD_KEYS = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DISCORD_SHARDS',
] as const;

const DEFAULT_DISCORD_API = 'https://discord.com/api';

/** Discord's settings when `DISCORD_TOKEN` is set, else undefined. */
export function readDiscordSettings(env: SettingsReader): DiscordConfig | undefined {
  const token = env.get('DISCORD_TOKEN');
  if (!token) return undefined;
  const apiUrl = env.get('DISCORD_API_URL') ?? DEFAULT_DISCORD_API;
  env.checkUrl('DISCORD_API_URL', apiUrl);
  const applicationId = env.get('DISCORD_APPLICATION_ID');
  checkSnowflake(env, applicationId, 'DISCORD_APPLICATION_ID');
  const guildId = env.get('DISCORD_GUILD_ID');
  checkSnowflake(env, guildId, 'DISCORD_GUILD_ID');
  const shardsRaw = env.get('DISCORD_SHARDS');
  let shards: 'auto' | number | undefined;
  if (shardsRaw?.toLowerCase() === 'auto') shards = 'auto';
  else if (shardsRaw !== undefined) shards = env.int('DISCORD_SHARDS', 1, 1, 4096);
  return {
    ...(shards !== undefined ? { shards } : {}),
    token,
    apiUrl: apiUrl.replace(/\/+$/, ''),
    applicationId,
    guildId,
    connectTimeoutSeconds: env.common.connectTimeoutSeconds,
    callTimeoutSeconds: env.common.callTimeoutSeconds,
  };
}

/**
 * Discord ids are snowflakes: 17 to 20 digits (a 64-bit number; ids from 2015 on have at least 17). Copy one
 * with Developer Mode on (right-click → Copy ID) or from the Developer Portal.
 */
function checkSnowflake(env: SettingsReader, value: string | undefined, key: string): void {
  if (value === undefined || /^\d{17,20}$/.test(value)) return;
  env.problem(
    `${key} must be a Discord id (a snowflake): 17 to 20 digits, like 1234567890123456789 (got "${value.slice(0, 25)}"). ` +
      'Copy it from the Developer Portal, or with Developer Mode on, right-click → Copy ID.',
  );
}
