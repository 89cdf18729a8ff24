/**
 * Environment → typed configuration. This and `main.ts` are the only places that read `process.env`;
 * everything else receives a {@link Config}. Every missing or malformed key is reported at once.
 */

import { DEFAULT_RATE_LIMIT } from './core/limits/rate-limiter.ts';

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

/** Slack settings; present when `SLACK_BOT_TOKEN` is set. */
export interface SlackConfig {
  botToken: string;
  /** App-level token (`xapp-…`): Socket Mode when set. */
  appToken?: string;
  /** Signing secret, required for the HTTP Events API (no app token). */
  signingSecret?: string;
  /** Port for the HTTP Events API (default 3000). */
  port: number;
  /** Web API base URL (default `https://slack.com/api/`). */
  apiUrl: string;
  /** Seconds to wait for the start-up connection before giving up (default 30). */
  connectTimeoutSeconds?: number;
  /** Seconds one call to the platform's API may take before it is abandoned (and retried) (default 10). */
  callTimeoutSeconds?: number;
}

/** Running unattended: logs, limits, health. */
export interface OpsConfig {
  /** `debug`, `info`, `warn`, `error` or `silent` (default `info`). */
  logLevel: string;
  /** Log question text (default false: questions are personal data). */
  logQuestions: boolean;
  /** Port of `/healthz` and `/metrics`; off when unset. */
  healthPort?: number;
  /** Questions a user may ask per minute, sustained (default 20). */
  rateLimitPerMinute: number;
  /** Questions a user may ask in a burst (default 10). */
  rateLimitBurst: number;
  /** Reload articles when files in the folder change (default true). */
  watchArticles: boolean;
}

/** Feeds the running bot follows; present when `FEEDS` is set. */
export interface FeedsConfig {
  /** RSS or Atom feed URLs (http or https). */
  urls: string[];
  /** Minutes between rounds (default 15). */
  intervalMinutes: number;
}

/** Everything Newsdesk needs to start. */
export interface Config {
  /** Folder of article files (default `seeds`). */
  seedsDir: string;
  /** Passages per answer page (default 3). */
  maxPassages: number;
  /**
   * Folder of the index snapshot, which makes the next start skip reading and indexing unchanged
   * articles (default `.newsdesk-cache`; undefined when `SNAPSHOT_DIR=off`).
   */
  snapshotDir?: string;
  ops: OpsConfig;
  /**
   * Redis (`redis://…` or `rediss://…`) through which every process shares rate limits and Slack
   * redeliveries; in this process's memory when unset.
   */
  redisUrl?: string;
  /** Feeds read at start-up and every `FEED_INTERVAL_MINUTES` into `seedsDir`. */
  feeds?: FeedsConfig;
  discord?: DiscordConfig;
  slack?: SlackConfig;
}

/** The outcome of reading the environment: a config, or every problem found. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

const DEFAULT_DISCORD_API = 'https://discord.com/api';
const DEFAULT_SLACK_API = 'https://slack.com/api/';
/** `CONNECT_TIMEOUT_SECONDS`' default: long enough for a slow network, short enough to notice. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;
/**
 * `CALL_TIMEOUT_SECONDS`' default: a reply Slack or Discord has not taken in 10 s is abandoned and retried;
 * they answer in well under a second when healthy.
 */
export const DEFAULT_CALL_TIMEOUT_SECONDS = 10;
/**
 * Retries of a failed call to Slack or Discord (time-out, network error, 5xx, 429), 0.5, 1, 2 and 4 s apart:
 * an outage of a few seconds delays answers instead of losing them, and a call still failing after
 * ~8 s of waiting is given up (and logged) rather than retried for half an hour.
 */
export const DEFAULT_CALL_RETRIES = 4;

/** Reads {@link Config} from an environment, collecting every problem instead of stopping at the first. */
export function readConfig(env: Env): ConfigResult {
  const errors: string[] = [];
  const get = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value ? value : undefined;
  };

  const maxPassages = readInt(get('MAX_PASSAGES'), 3, 'MAX_PASSAGES', 1, 10, errors);
  const logLevel = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    errors.push(
      `LOG_LEVEL must be one of debug, info, warn, error, silent (got "${logLevel.slice(0, 20)}").`,
    );
  }
  const healthPort = get('HEALTH_PORT');
  const ops: OpsConfig = {
    logLevel,
    logQuestions: readBool(get('LOG_QUESTIONS'), false, 'LOG_QUESTIONS', errors),
    healthPort:
      healthPort === undefined ? undefined : readInt(healthPort, 0, 'HEALTH_PORT', 0, 65535, errors),
    rateLimitPerMinute: readInt(
      get('RATE_LIMIT_PER_MINUTE'),
      DEFAULT_RATE_LIMIT.perMinute,
      'RATE_LIMIT_PER_MINUTE',
      1,
      10_000,
      errors,
    ),
    rateLimitBurst: readInt(
      get('RATE_LIMIT_BURST'),
      DEFAULT_RATE_LIMIT.burst,
      'RATE_LIMIT_BURST',
      1,
      1_000,
      errors,
    ),
    watchArticles: readBool(get('WATCH_ARTICLES'), true, 'WATCH_ARTICLES', errors),
  };
  // Checked whenever set, not only when Slack's HTTP mode uses it: a typo should not wait to bite.
  const port = readInt(get('PORT'), 3000, 'PORT', 1, 65535, errors);
  const connectTimeoutSeconds = readInt(
    get('CONNECT_TIMEOUT_SECONDS'),
    DEFAULT_CONNECT_TIMEOUT_SECONDS,
    'CONNECT_TIMEOUT_SECONDS',
    1,
    600,
    errors,
  );
  const callTimeoutSeconds = readInt(
    get('CALL_TIMEOUT_SECONDS'),
    DEFAULT_CALL_TIMEOUT_SECONDS,
    'CALL_TIMEOUT_SECONDS',
    1,
    120,
    errors,
  );
  const snapshotDir = get('SNAPSHOT_DIR') ?? '.newsdesk-cache';
  const config: Config = {
    seedsDir: get('SEEDS_DIR') ?? 'seeds',
    maxPassages,
    snapshotDir: snapshotDir.toLowerCase() === 'off' ? undefined : snapshotDir,
    ops,
  };

  const redisUrl = get('REDIS_URL');
  if (redisUrl) {
    let ok = false;
    try {
      ok = /^rediss?:$/.test(new URL(redisUrl).protocol);
    } catch {}
    // Never echo the URL: it may carry a password.
    if (!ok) errors.push('REDIS_URL must be a redis:// or rediss:// URL, like redis://localhost:6379.');
    else config.redisUrl = redisUrl;
  }

  const feeds = get('FEEDS');
  const intervalMinutes = readInt(get('FEED_INTERVAL_MINUTES'), 15, 'FEED_INTERVAL_MINUTES', 1, 1440, errors);
  if (feeds) {
    const urls = feeds.split(/[\s,]+/).filter(Boolean);
    for (const url of urls) {
      const problems: string[] = [];
      checkUrl(url, 'FEEDS', problems);
      if (problems.length) errors.push(`FEEDS: "${url.slice(0, 100)}" is not an http(s) URL.`);
    }
    config.feeds = { urls, intervalMinutes };
  }

  const discordToken = get('DISCORD_TOKEN');
  if (discordToken) {
    const apiUrl = get('DISCORD_API_URL') ?? DEFAULT_DISCORD_API;
    checkUrl(apiUrl, 'DISCORD_API_URL', errors);
    const applicationId = get('DISCORD_APPLICATION_ID');
    checkSnowflake(applicationId, 'DISCORD_APPLICATION_ID', errors);
    const guildId = get('DISCORD_GUILD_ID');
    checkSnowflake(guildId, 'DISCORD_GUILD_ID', errors);
    const shardsRaw = get('DISCORD_SHARDS');
    let shards: 'auto' | number | undefined;
    if (shardsRaw?.toLowerCase() === 'auto') shards = 'auto';
    else if (shardsRaw !== undefined) shards = readInt(shardsRaw, 1, 'DISCORD_SHARDS', 1, 4096, errors);
    config.discord = {
      ...(shards !== undefined ? { shards } : {}),
      token: discordToken,
      apiUrl: apiUrl.replace(/\/+$/, ''),
      applicationId,
      guildId,
      connectTimeoutSeconds,
      callTimeoutSeconds,
    };
  }

  const botToken = get('SLACK_BOT_TOKEN');
  const appToken = get('SLACK_APP_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  if (botToken) {
    if (!botToken.startsWith('xoxb-'))
      errors.push('SLACK_BOT_TOKEN should be a bot token starting with "xoxb-".');
    if (appToken && !appToken.startsWith('xapp-')) {
      errors.push('SLACK_APP_TOKEN should be an app-level token starting with "xapp-" (Socket Mode).');
    }
    if (!appToken && !signingSecret) {
      errors.push(
        'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP Events API) besides SLACK_BOT_TOKEN.',
      );
    }
    let apiUrl = get('SLACK_API_URL') ?? DEFAULT_SLACK_API;
    checkUrl(apiUrl, 'SLACK_API_URL', errors);
    if (!apiUrl.endsWith('/')) apiUrl += '/';
    config.slack = {
      botToken,
      appToken,
      signingSecret,
      port,
      apiUrl,
      connectTimeoutSeconds,
      callTimeoutSeconds,
    };
  } else if (appToken || signingSecret) {
    errors.push(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: Slack needs the bot token.',
    );
  }

  return errors.length ? { ok: false, errors } : { ok: true, config };
}

function readInt(
  raw: string | undefined,
  fallback: number,
  key: string,
  min: number,
  max: number,
  errors: string[],
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(`${key} must be a whole number from ${min} to ${max} (got "${raw.slice(0, 20)}").`);
    return fallback;
  }
  return value;
}

function readBool(raw: string | undefined, fallback: boolean, key: string, errors: string[]): boolean {
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  errors.push(`${key} must be true or false (got "${raw.slice(0, 20)}").`);
  return fallback;
}

/** Every secret in the config, for scrubbing logs. */
export function secretsOf(config: Config): string[] {
  return [
    config.discord?.token,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    redisPassword(config.redisUrl),
  ].filter((s): s is string => Boolean(s));
}

/** The password in a Redis URL (`redis://user:password@host`), if any. */
function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Discord ids are snowflakes: 17 to 20 digits (a 64-bit number; ids from 2015 on have at least 17). Copy one
 * with Developer Mode on (right-click → Copy ID) or from the Developer Portal.
 */
function checkSnowflake(value: string | undefined, key: string, errors: string[]): void {
  if (value === undefined || /^\d{17,20}$/.test(value)) return;
  errors.push(
    `${key} must be a Discord id (a snowflake): 17 to 20 digits, like 1234567890123456789 (got "${value.slice(0, 25)}"). ` +
      'Copy it from the Developer Portal, or with Developer Mode on, right-click → Copy ID.',
  );
}

function checkUrl(raw: string, key: string, errors: string[]): void {
  try {
    const url = new URL(raw);
    if (!/^https?:$/.test(url.protocol)) errors.push(`${key} must be an http(s) URL.`);
  } catch {
    errors.push(`${key} is not a valid URL.`);
  }
}
