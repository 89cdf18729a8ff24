import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../../src/core/limits/rate-limiter.ts';

/** A store whose every call fails, as a Redis that went away does. */
class FailingStore extends RateLimiterMemory {
  override consume(): Promise<never> {
    return Promise.reject(new Error('connection refused'));
  }
}

const takeMany = async (limiter: RateLimiter, key: string, n: number) => {
  const decisions = [];
  for (let i = 0; i < n; i++) decisions.push(await limiter.take(key));
  return decisions;
};

describe('RateLimiter (rate-limiter-flexible, in memory)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows a burst, then says how long to wait, then allows again once the window has passed', async () => {
    const limiter = new RateLimiter({ burst: 3, perMinute: 5 });
    expect((await takeMany(limiter, 'u', 3)).every((d) => d.ok)).toBe(true);
    expect(await limiter.take('u')).toEqual({ ok: false, retryAfterSeconds: 5, repeat: false });
    vi.advanceTimersByTime(5_000);
    expect((await limiter.take('u')).ok).toBe(true);
    // Five in this minute (three, one refused, one): the per-minute limit says when.
    expect(await limiter.take('u')).toEqual({ ok: false, retryAfterSeconds: 55, repeat: false });
  });

  it('marks refusals after the first in a window as repeats: one notice per spammer per window', async () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 6 });
    await limiter.take('spammer');
    const refusals = await takeMany(limiter, 'spammer', 50);
    expect(refusals.filter((d) => !d.ok && !d.repeat)).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ ok: false, repeat: false });
    // A flood keeps counting: still refused, quietly, after the burst window, for the rest of the minute.
    vi.advanceTimersByTime(10_000);
    expect(await limiter.take('spammer')).toMatchObject({ ok: false, repeat: true });
    vi.advanceTimersByTime(50_000);
    expect((await limiter.take('spammer')).ok).toBe(true);
    expect(await limiter.take('spammer')).toMatchObject({ ok: false, repeat: false });
  });

  it('by default never refuses a person asking ten questions in a minute, however bunched, but stops a flood', async () => {
    const limiter = new RateLimiter();
    // Ten at once, then ten more spread over the next minute: twenty in a minute.
    for (const d of await takeMany(limiter, 'person', 10)) expect(d.ok).toBe(true);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(6_000);
      expect((await limiter.take('person')).ok).toBe(true);
    }
    const flood = await takeMany(limiter, 'flood', 2000);
    expect(flood.filter((d) => d.ok)).toHaveLength(10);
  });

  it('limits each key on its own: one noisy user costs others nothing', async () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 });
    expect((await limiter.take('slack:noisy')).ok).toBe(true);
    expect((await limiter.take('slack:noisy')).ok).toBe(false);
    expect((await limiter.take('slack:quiet')).ok).toBe(true);
    expect((await limiter.take('discord:noisy')).ok).toBe(true);
  });

  it('allows the question when the store fails, and reports the failure', async () => {
    const failures: unknown[] = [];
    const limiter = new RateLimiter({
      burst: 1,
      perMinute: 1,
      store: (spec) => new FailingStore(spec),
      onStoreError: (error) => failures.push(error),
    });
    expect(await limiter.take('u')).toEqual({ ok: true });
    expect(await limiter.take('u')).toEqual({ ok: true });
    expect(failures).toHaveLength(2);
  });
});
