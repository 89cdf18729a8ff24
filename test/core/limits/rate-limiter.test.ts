import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/core/limits/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a burst, then says how long to wait, then refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 5, now: () => now });
    expect([limiter.take('u'), limiter.take('u'), limiter.take('u')].every((d) => d.ok)).toBe(true);
    expect(limiter.take('u')).toEqual({ ok: false, retryAfterSeconds: 12, repeat: false });
    now += 12_000;
    expect(limiter.take('u').ok).toBe(true);
    expect(limiter.take('u')).toMatchObject({ ok: false, repeat: false });
  });

  it('marks refusals after the first in a window as repeats, until a question gets through again', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 1, perMinute: 6, now: () => now });
    limiter.take('spammer');
    const refusals = Array.from({ length: 50 }, () => limiter.take('spammer'));
    expect(refusals.filter((d) => !d.ok && !d.repeat)).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ ok: false, repeat: false });
    now += 10_000;
    expect(limiter.take('spammer').ok).toBe(true);
    expect(limiter.take('spammer')).toMatchObject({ ok: false, repeat: false });
  });

  it('by default never refuses a person asking ten questions in a minute, however bunched, but stops a flood', () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now });
    // Ten at once, then ten more spread over the next minute: twenty in a minute.
    for (let i = 0; i < 10; i++) expect(limiter.take('person').ok).toBe(true);
    for (let i = 0; i < 10; i++) {
      now += 6_000;
      expect(limiter.take('person').ok).toBe(true);
    }
    const flood = Array.from({ length: 2000 }, () => limiter.take('flood'));
    expect(flood.filter((d) => d.ok)).toHaveLength(10);
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
