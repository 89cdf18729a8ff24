import { describe, expect, it } from 'vitest';
import { createDeliveryDedupe } from '../../../src/adapters/shared/delivery-dedupe.ts';

describe('createDeliveryDedupe', () => {
  it('knows a delivery again by any of its keys', () => {
    const dedupe = createDeliveryDedupe();
    expect(dedupe.firstTime('event:Ev1', 'message:C1:1.0')).toBe(true);
    expect(dedupe.firstTime('event:Ev1', 'message:C1:1.0')).toBe(false);
    expect(dedupe.firstTime('event:Ev2', 'message:C1:1.0')).toBe(false);
    expect(dedupe.firstTime('event:Ev1', undefined)).toBe(false);
    expect(dedupe.firstTime('event:Ev3', 'message:C1:2.0')).toBe(true);
  });

  it('forgets keys after their time and beyond its size', () => {
    let now = 0;
    const dedupe = createDeliveryDedupe({ ttlMs: 1000, maxKeys: 2, now: () => now });
    expect(dedupe.firstTime('a')).toBe(true);
    now = 1001;
    expect(dedupe.firstTime('a')).toBe(true);
    expect(dedupe.firstTime('b')).toBe(true);
    expect(dedupe.firstTime('c')).toBe(true);
    expect(dedupe.firstTime('a')).toBe(true);
    expect(dedupe.firstTime('c')).toBe(false);
  });
});
