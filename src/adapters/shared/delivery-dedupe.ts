/** Remembers which Slack deliveries were already handled, so a redelivered event is answered once. */

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

/** Creates an in-memory {@link DeliveryDedupe}. */
export function createDeliveryDedupe(
  options: DeliveryDedupeOptions = {},
): DeliveryDedupe & { firstTime(...keys: (string | undefined)[]): boolean } {
  const { ttlMs = 60 * 60 * 1000, maxKeys = 10_000, now = Date.now } = options;
  const seen = new Map<string, number>();

  const forgetOld = (at: number): void => {
    for (const [key, expires] of seen) {
      if (expires > at && seen.size <= maxKeys) break;
      seen.delete(key);
    }
  };

  return {
    firstTime(...keys) {
      const at = now();
      forgetOld(at);
      const present = keys.filter((key): key is string => Boolean(key));
      const repeated = present.some((key) => (seen.get(key) ?? 0) > at);
      for (const key of present) {
        seen.delete(key);
        seen.set(key, at + ttlMs);
      }
      forgetOld(at);
      return !repeated;
    },
  };
}
