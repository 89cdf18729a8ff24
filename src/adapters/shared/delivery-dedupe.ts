/** Remembers which deliveries were already handled, so a redelivered event is answered once. */
import { BoundedMap } from '../../core/bounded-map.ts';

/** Options of {@link createDeliveryDedupe}. */
export interface DeliveryDedupeOptions {
  /** How long a key is remembered, in ms. Default: 1 hour (Slack retries for a few minutes at most). */
  ttlMs?: number;
  /** Most keys kept; the oldest are forgotten first. Default: 10,000. */
  maxKeys?: number;
  /** Clock, for tests. Default: `Date.now`. */
  now?: () => number;
}

/** A set of handled deliveries with expiry. */
export interface DeliveryDedupe {
  /**
   * Records every key and says whether none of them was seen before. An event is known by several keys
   * (its `event_id`, its channel and `ts`), so a redelivery matches whichever one it repeats. Asynchronous
   * when the set is shared by several processes (Redis).
   */
  firstTime(...keys: (string | undefined)[]): boolean | Promise<boolean>;
}

/** Creates an in-memory {@link DeliveryDedupe}: keys with their expiry, in the one bounded map. */
export function createDeliveryDedupe(
  options: DeliveryDedupeOptions = {},
): DeliveryDedupe & { firstTime(...keys: (string | undefined)[]): boolean } {
  const { ttlMs = 60 * 60 * 1000, maxKeys = 10_000, now = Date.now } = options;
  // Key → when it expires. An expired key stays until pushed out, and counts as not seen.
  const seen = new BoundedMap<string, number>(Math.max(2, maxKeys));
  return {
    firstTime(...keys) {
      const at = now();
      const present = keys.filter((key): key is string => Boolean(key));
      const repeated = present.some((key) => (seen.get(key) ?? 0) > at);
      for (const key of present) seen.set(key, at + ttlMs);
      return !repeated;
    },
  };
}
