import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * The default limits. A person reads an answer before asking again, and exploring a set of articles
 * comes in bursts of quick follow-ups: ten questions within a few seconds, twenty in a minute, is more than
 * anyone reading the answers asks (ten in a minute are never refused, however bunched), while a script or
 * a stuck key repeating itself is refused from its eleventh message.
 */
export const DEFAULT_RATE_LIMIT = { burst: 10, perMinute: 20 } as const;

/**
 * The window of the burst limit, in seconds: "at once" is within this long. Short enough that a person's
 * next question after a quick burst (seconds later, after reading an answer) is in a fresh window.
 */
export const BURST_WINDOW_SECONDS = 5;

/** What a counter store needs to build one fixed-window counter. */
export interface CounterSpec {
  /** Questions allowed per window. */
  points: number;
  /** The window, in whole seconds. */
  duration: number;
  /** Distinguishes this counter's keys from the other's in a shared store. */
  keyPrefix: string;
}

/** Options for {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Questions a user may ask within {@link BURST_WINDOW_SECONDS} (default 10). */
  burst?: number;
  /** Questions a user may ask per minute (default 20; never fewer than `burst`). */
  perMinute?: number;
  /**
   * Builds a counter (a `rate-limiter-flexible` limiter). Default: in this process's memory
   * (`RateLimiterMemory`, whose keys expire with their window, so memory follows the users of the last
   * minute). Replicas pass a shared store (`RateLimiterRedis`) so a user has one limit across processes.
   */
  store?: (spec: CounterSpec) => RateLimiterAbstract;
  /**
   * Called when the store fails (not when it refuses): the question is then allowed. A limit exists to stop
   * floods; refusing people because the store is down would turn its outage into ours. Default: rethrow.
   */
  onStoreError?: (error: unknown) => void;
  /** A store answer slower than this is treated as a failure (default: no deadline; memory is instant). */
  storeTimeoutMs?: number;
}

/** The outcome of asking the limiter for one question. */
export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      retryAfterSeconds: number;
      /** True when this key was already refused in this window: no need to tell them again. */
      repeat: boolean;
    };

/**
 * Per-key limits (a user on a platform), built on `rate-limiter-flexible`: two fixed-window counters, one
 * for bursts (`burst` per {@link BURST_WINDOW_SECONDS}) and one per minute (`perMinute` per 60 s). Every
 * message counts, refused ones too, so a flood stays refused for the rest of its window, and only the
 * first refusal in a window is news to the sender (`repeat: false`). One noisy user costs no one else
 * anything.
 */
export class RateLimiter {
  private readonly counters: { limiter: RateLimiterAbstract; points: number }[];
  private readonly onStoreError?: (error: unknown) => void;
  private readonly storeTimeoutMs?: number;

  constructor(options: RateLimiterOptions = {}) {
    const burst = Math.max(1, Math.floor(options.burst ?? DEFAULT_RATE_LIMIT.burst));
    // A burst is part of a minute's questions: a per-minute limit below it would make the burst a lie.
    const perMinute = Math.max(burst, Math.floor(options.perMinute ?? DEFAULT_RATE_LIMIT.perMinute));
    const store = options.store ?? ((spec: CounterSpec) => new RateLimiterMemory(spec));
    const specs: CounterSpec[] = [
      { points: burst, duration: BURST_WINDOW_SECONDS, keyPrefix: 'newsdesk:rl:burst' },
      { points: perMinute, duration: 60, keyPrefix: 'newsdesk:rl:minute' },
    ];
    this.counters = specs.map((spec) => ({ limiter: store(spec), points: spec.points }));
    this.onStoreError = options.onStoreError;
    this.storeTimeoutMs = options.storeTimeoutMs;
  }

  /** Counts a question for `key`; says whether it may be answered, and if not, how long until it may. */
  async take(key: string): Promise<RateDecision> {
    let results: (RateLimiterRes | { refused: RateLimiterRes })[];
    try {
      results = await this.withDeadline(
        Promise.all(
          this.counters.map(({ limiter }) =>
            limiter.consume(key).catch((rejection: unknown) => {
              // A refusal is a RateLimiterRes; anything else is the store failing.
              if (rejection instanceof RateLimiterRes) return { refused: rejection };
              throw rejection;
            }),
          ),
        ),
      );
    } catch (error) {
      if (!this.onStoreError) throw error;
      this.onStoreError(error);
      return { ok: true };
    }
    const refusals = results.flatMap((result, i) =>
      'refused' in result ? [{ res: result.refused, points: this.counters[i]?.points ?? 0 }] : [],
    );
    if (refusals.length === 0) return { ok: true };
    const waitMs = Math.max(...refusals.map(({ res }) => res.msBeforeNext));
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      // The first refusal in a window takes the counter to points + 1; past that, they have been told.
      repeat: refusals.some(({ res, points }) => res.consumedPoints > points + 1),
    };
  }

  private withDeadline<T>(work: Promise<T>): Promise<T> {
    const ms = this.storeTimeoutMs;
    if (ms === undefined) return work;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the rate-limit store took over ${ms} ms`)), ms);
      timer.unref?.();
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
  }
}
