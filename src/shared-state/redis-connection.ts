/**
 * The one Redis connection a process shares its state through (rate limits, Slack redeliveries), and what
 * happens when Redis is away: commands fail at once instead of queueing (so no answer waits on Redis), the
 * outage is logged once and its end once, and the client keeps reconnecting on its own.
 */
import { createClient } from 'redis';
import type { Logger } from '../core/types.ts';

/** A Redis client shared by this process's state, with its health. */
export interface RedisConnection {
  /** The node-redis client. */
  client: SharedRedisClient;
  /** Whether the client is connected. */
  isUp(): boolean;
  /**
   * Records that a command failed (a store error or time-out): the first failure of an outage is logged,
   * with what the bot does meanwhile; the rest are not.
   */
  failed(error: unknown): void;
  /** Where Redis is, without credentials, for logs. */
  where: string;
  close(): Promise<void>;
}

/** The node-redis client as this module configures it. */
export type SharedRedisClient = ReturnType<typeof newClient>;

function newClient(url: string) {
  return createClient({
    url,
    // A command sent while disconnected fails now rather than waiting for a reconnection: a question is
    // never held up by Redis being away.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      // Back off to one attempt every 2 s; never give up (Redis coming back is the normal end of an outage).
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
}

/** Options of {@link connectRedis}. */
export interface ConnectRedisOptions {
  url: string;
  logger: Logger;
  /** How long start-up waits for the first connection before going on without it (default 3 s). */
  connectWaitMs?: number;
}

/** Redis at `url` without its user name and password (which must never reach a log). */
export function redisWhere(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}

/**
 * Connects to Redis. Never fails start-up: when Redis cannot be reached in `connectWaitMs`, the bot starts
 * with per-process state (logged) and switches to the shared state as soon as the client connects.
 */
export async function connectRedis(options: ConnectRedisOptions): Promise<RedisConnection> {
  const { url, logger } = options;
  const where = redisWhere(url);
  const client = newClient(url);
  let outage = false;
  const down = (error: unknown) => {
    if (outage) return;
    outage = true;
    logger.warn(
      'Redis is unreachable: rate limits allow every question and Slack redeliveries are remembered per process until it is back',
      { redis: where, error: error instanceof Error ? error.message : String(error) },
    );
  };
  // node-redis emits 'error' for every failed (re)connection: without a listener it would crash the process.
  client.on('error', down);
  client.on('ready', () => {
    if (outage)
      logger.info('Redis is reachable again: limits and redeliveries are shared again', { redis: where });
    outage = false;
  });
  let timer: NodeJS.Timeout | undefined;
  const connected = await Promise.race([
    client.connect().then(
      () => true,
      (error: unknown) => {
        down(error);
        return false;
      },
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), options.connectWaitMs ?? 3_000);
      // Refused outright (nothing listening): no reason to hold up start-up; reconnection goes on.
      client.once('error', () => resolve(false));
    }),
  ]);
  clearTimeout(timer);
  if (connected) logger.info('Sharing rate limits and Slack redeliveries through Redis', { redis: where });
  else down(new Error('no connection at start-up'));
  return {
    client,
    where,
    isUp: () => client.isReady,
    failed: down,
    async close() {
      // destroy, not quit: quit waits for replies that may never come from a Redis that went away.
      if (client.isOpen) client.destroy();
    },
  };
}
