import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/core/limits/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a burst, then says how long to wait, then refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 5, now: () => now });
    expect([limiter.take('u'), limiter.take('u'), limiter.take('u')].every((d) => d.ok)).toBe(true);
    expect(limiter.take('u')).toEqual({ ok: false, retryAfterSeconds: 12 });
    now += 12_000;
    expect(limiter.take('u').ok).toBe(true);
    expect(limiter.take('u').ok).toBe(false);
  });

  it('limits each key on its own: one noisy user costs others nothing', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1, now: () => 0 });
    expect(limiter.take('slack:noisy').ok).toBe(true);
    expect(limiter.take('slack:noisy').ok).toBe(false);
    expect(limiter.take('slack:quiet').ok).toBe(true);
    expect(limiter.take('discord:noisy').ok).toBe(true);
  });

  it('keeps memory bounded by forgetting users whose bucket has refilled', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 1, perMinute: 60, maxKeys: 100, now: () => now });
    for (let i = 0; i < 1000; i++) {
      limiter.take(`user${i}`);
      now += 1000;
    }
    expect(limiter.size).toBeLessThanOrEqual(111);
  });
});
