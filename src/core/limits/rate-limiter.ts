/**
 * The default limits. A person reads an answer before asking again, and exploring a set of articles
 * comes in bursts of quick follow-ups: ten questions at once, then one every three seconds, is more than
 * anyone reading the answers asks (ten in a minute are never refused), while a script or a stuck key
 * repeating itself is refused from its eleventh message.
 */
export const DEFAULT_RATE_LIMIT = { burst: 10, perMinute: 20 } as const;

/** Options for {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Questions a user may ask in a burst (default 10). */
  burst?: number;
  /** Questions a user may ask per minute, sustained (default 20). */
  perMinute?: number;
  /** Clock in milliseconds (default `Date.now`); injected so tests need no real waiting. */
  now?: () => number;
  /** Buckets kept at most; idle full ones are dropped first (default 10,000). */
  maxKeys?: number;
}

/** The outcome of asking the limiter for one question. */
export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      retryAfterSeconds: number;
      /** True when this key was already refused since it last got a token: no need to tell them again. */
      repeat: boolean;
    };

interface Bucket {
  tokens: number;
  updated: number;
  /** Refused since the last token was taken. */
  refused?: boolean;
}

/**
 * A token bucket per key (a user on a platform): each question takes a token; tokens refill at
 * `perMinute` a minute up to `burst`. One noisy user runs out of tokens without costing anyone else
 * anything; memory stays bounded because buckets that have refilled are forgotten.
 */
export class RateLimiter {
  private readonly burst: number;
  private readonly perMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: RateLimiterOptions = {}) {
    this.burst = Math.max(1, options.burst ?? DEFAULT_RATE_LIMIT.burst);
    this.perMs = Math.max(1e-9, (options.perMinute ?? DEFAULT_RATE_LIMIT.perMinute) / 60_000);
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes a token for `key` if one is available; otherwise says how long until one is. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refused = false;
      this.store(key, bucket, now);
      return { ok: true };
    }
    const repeat = bucket.refused === true;
    bucket.refused = true;
    this.store(key, bucket, now);
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)),
      repeat,
    };
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, updated: now };
    const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updated) * this.perMs);
    return { tokens, updated: now, refused: bucket.refused };
  }

  private store(key: string, bucket: Bucket, now: number): void {
    this.buckets.delete(key); // re-insert so the Map's order is least recently used first
    this.buckets.set(key, bucket);
    if (this.buckets.size <= this.maxKeys) return;
    for (const [k, b] of this.buckets) {
      if (this.buckets.size <= this.maxKeys) break;
      if (this.refill(b, now).tokens >= this.burst || this.buckets.size > this.maxKeys * 1.1)
        this.buckets.delete(k);
    }
  }
}
