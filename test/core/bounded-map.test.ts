import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/core/bounded-map.ts';

describe('BoundedMap', () => {
  it('never holds more than its max, however many keys are set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 200 })),
        (max, keys) => {
          const map = new BoundedMap<number, number>(max);
          for (const key of keys) {
            map.set(key, key * 2);
            expect(map.size).toBeLessThanOrEqual(max);
            expect(map.get(key)).toBe(key * 2);
          }
        },
      ),
    );
  });

  it('keeps what is in use and forgets what is not', () => {
    const map = new BoundedMap<string, number>(4);
    map.set('used', 1);
    for (let i = 0; i < 20; i++) {
      map.set(`once-${i}`, i);
      expect(map.get('used')).toBe(1);
    }
    expect(map.has('once-0')).toBe(false);
    expect(map.get('once-19')).toBe(19);
  });

  it('makes a missing value once, and tells null (known nothing) from missing', () => {
    const map = new BoundedMap<string, string | null>(10);
    let made = 0;
    const make = () => {
      made++;
      return null;
    };
    expect(map.getOrSet('x', make)).toBeNull();
    expect(map.getOrSet('x', make)).toBeNull();
    expect(made).toBe(1);
    expect(map.delete('x')).toBe(true);
    expect(map.has('x')).toBe(false);
  });

  it('refuses a max it cannot keep', () => {
    expect(() => new BoundedMap(1)).toThrow(RangeError);
    expect(() => new BoundedMap(2.5)).toThrow(RangeError);
  });
});
