import { RateLimiterRedis } from 'rate-limiter-flexible';
import { RateLimiter, type RateLimiterOptions } from '../core/limits/rate-limiter.ts';
import type { RedisConnection } from './redis-connection.ts';

/**
 * How long a rate-limit check may wait for Redis before the question is let through. A healthy Redis on
 * the same network answers in about a millisecond.
 */
const REDIS_LIMIT_TIMEOUT_MS = 500;

/**
 * A {@link RateLimiter} whose counters live in Redis (`RateLimiterRedis`: an atomic Lua increment per
 * question), so a user has one limit across every process. When Redis fails, the question is allowed:
 * the limit is there to stop floods, and the bounded work queue still protects the process; refusing
 * people because Redis is down would turn its outage into ours.
 */
export function createSharedRateLimiter(
  redis: RedisConnection,
  limits: Pick<RateLimiterOptions, 'burst' | 'perMinute'>,
): RateLimiter {
  return new RateLimiter({
    ...limits,
    store: (spec) =>
      new RateLimiterRedis({
        ...spec,
        storeClient: redis.client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
      }),
    storeTimeoutMs: REDIS_LIMIT_TIMEOUT_MS,
    onStoreError: (error) => redis.failed(error),
  });
}
