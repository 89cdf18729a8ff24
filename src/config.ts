/**
 * Environment → typed configuration. This and `main.ts` are the only places that read `process.env`;
 * everything else receives a {@link Config}. Every missing or malformed key is reported at once.
 */

import {
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  type SettingsReader,
} from './adapters/platform.ts';
import { PLATFORMS } from './adapters/platforms.ts';
import { DEFAULT_RATE_LIMIT } from './core/limits/rate-limiter.ts';

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
   * Redis (`redis://…` or `rediss://…`) through which every process shares rate limits and the memory of
   * platforms' redeliveries; in this process's memory when unset.
   */
  redisUrl?: string;
  /**
   * Where articles are indexed and searched: `memory` (default: this process, nothing to install) or
   * `postgres` (the database at {@link databaseUrl}, shared by every process that uses it).
   */
  searchBackend: 'memory' | 'postgres';
  /** PostgreSQL (`postgres://…`), set with `SEARCH_BACKEND=postgres`. */
  databaseUrl?: string;
  /** Feeds read at start-up and every `FEED_INTERVAL_MINUTES` into `seedsDir`. */
  feeds?: FeedsConfig;
  /**
   * The settings of each platform turned on, by its name (`discord`, `slack` …): what its `readSettings`
   * returned (see `adapters/platforms.ts`, and `settingsOf` to read one).
   */
  platforms: Record<string, unknown>;
}

/** The outcome of reading the environment: a config, or every problem found. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

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
  // Read for every platform, and checked whenever set, not only when a platform listening over HTTP uses it:
  // a typo should not wait to bite.
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
    platforms: {},
    searchBackend: 'memory',
  };

  const backend = (get('SEARCH_BACKEND') ?? 'memory').toLowerCase();
  const databaseUrl = get('DATABASE_URL');
  if (backend === 'postgres' || backend === 'postgresql') {
    config.searchBackend = 'postgres';
    let ok = false;
    ok = /^postgres(ql)?:$/.test(serviceUrl(databaseUrl ?? '')?.protocol ?? '');
    // Never echo the URL: it may carry a password.
    if (!databaseUrl)
      errors.push(
        'SEARCH_BACKEND=postgres needs DATABASE_URL, like postgres://newsdesk:password@localhost:5432/newsdesk.',
      );
    else if (!ok)
      errors.push(
        'DATABASE_URL must be a postgres:// URL, like postgres://newsdesk:password@localhost:5432/newsdesk.',
      );
    else config.databaseUrl = databaseUrl;
  } else if (backend !== 'memory') {
    errors.push(`SEARCH_BACKEND must be memory or postgres (got "${backend.slice(0, 20)}").`);
  } else if (databaseUrl) {
    errors.push(
      'DATABASE_URL is set but SEARCH_BACKEND is not postgres: set SEARCH_BACKEND=postgres to use it.',
    );
  }

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

  const reader: SettingsReader = {
    get,
    int: (key, fallback, min, max) => readInt(get(key), fallback, key, min, max, errors),
    checkUrl: (key, value) => checkUrl(value, key, errors),
    problem: (message) => errors.push(message),
    common: { port, connectTimeoutSeconds, callTimeoutSeconds },
  };
  for (const platform of PLATFORMS) {
    const settings = platform.readSettings(reader);
    if (settings !== undefined) config.platforms[platform.name] = settings;
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
    ...PLATFORMS.flatMap((platform) => {
      const settings = config.platforms[platform.name];
      return settings === undefined ? [] : platform.secrets(settings);
    }),
    urlPassword(config.redisUrl),
    urlPassword(config.databaseUrl),
  ].filter((s): s is string => Boolean(s));
}

/** The password in a Redis or PostgreSQL URL (`redis://user:password@host`), if any. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = serviceUrl(url);
  return parsed ? decodeURIComponent(parsed.password) || undefined : undefined;
}

/**
 * A Redis or PostgreSQL URL parsed, or undefined when it is none. A PostgreSQL URL may give no host before
 * its path when its `host` parameter names a Unix socket's folder (`postgres://user:password@/newsdesk?host=
 * /var/run/postgresql`, as libpq and the pg client read it), which the WHATWG parser refuses with credentials:
 * it is read as if the host were `localhost`, for its scheme and password.
 */
function serviceUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {}
  try {
    return /^postgres(ql)?:\/\/[^/?#]*@[/?#]/i.test(raw)
      ? new URL(raw.replace(/@(?=[/?#])/, '@localhost'))
      : undefined;
  } catch {
    return undefined;
  }
}

function checkUrl(raw: string, key: string, errors: string[]): void {
  try {
    const url = new URL(raw);
    if (!/^https?:$/.test(url.protocol)) errors.push(`${key} must be an http(s) URL.`);
  } catch {
    errors.push(`${key} is not a valid URL.`);
  }
}
