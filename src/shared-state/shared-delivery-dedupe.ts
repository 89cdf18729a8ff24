import { createDeliveryDedupe, type DeliveryDedupe } from '../adapters/shared/delivery-dedupe.ts';
import type { RedisConnection } from './redis-connection.ts';

/** How long a delivery is remembered: Slack retries for a few minutes at most. */
const REMEMBER_MS = 60 * 60 * 1000;

/** How long a redelivery check may wait for Redis before this process's own memory decides. */
const REDIS_DEDUPE_TIMEOUT_MS = 500;

/**
 * Slack deliveries already handled, remembered in Redis so an event delivered to several processes (or
 * redelivered to another one) is answered once: each key is claimed with `SET key NX PX ttl`, which exactly
 * one process wins. Every key is also kept in this process's memory, which decides alone while Redis is
 * away: then each process still answers an event once, and nothing is lost.
 */
export function createSharedDeliveryDedupe(redis: RedisConnection): DeliveryDedupe {
  const local = createDeliveryDedupe({ ttlMs: REMEMBER_MS });
  return {
    async firstTime(...keys) {
      const firstHere = local.firstTime(...keys);
      const present = keys.filter((key): key is string => Boolean(key));
      if (!firstHere || present.length === 0) return firstHere;
      let timer: NodeJS.Timeout | undefined;
      try {
        const claims = await Promise.race([
          Promise.all(
            present.map((key) =>
              redis.client.set(`newsdesk:slack-delivery:${key}`, '1', {
                condition: 'NX',
                expiration: { type: 'PX', value: REMEMBER_MS },
              }),
            ),
          ),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`Redis took over ${REDIS_DEDUPE_TIMEOUT_MS} ms`)),
              REDIS_DEDUPE_TIMEOUT_MS,
            );
          }),
        ]);
        // null: another process (or this one, earlier) holds the key already.
        return claims.every((claim) => claim !== null);
      } catch (error) {
        redis.failed(error);
        return firstHere;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
