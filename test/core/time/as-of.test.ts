import { describe, expect, it } from 'vitest';
import { articleAgeDays, parseAsOf, publishedAfter, publishedTime } from '../../../src/core/time/as-of.ts';

describe('parseAsOf', () => {
  it('reads a day as its last moment (UTC), so everything published that day counts', () => {
    expect(parseAsOf('2022-06-17')?.toISOString()).toBe('2022-06-17T23:59:59.999Z');
    expect(parseAsOf(' 2024-02-29 ')?.toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });

  it('reads an ISO date-time, as UTC when it names no zone', () => {
    expect(parseAsOf('2022-06-17T15:30:00Z')?.toISOString()).toBe('2022-06-17T15:30:00.000Z');
    expect(parseAsOf('2022-06-17T15:30')?.toISOString()).toBe('2022-06-17T15:30:00.000Z');
    expect(parseAsOf('2022-06-17T15:30:00+02:00')?.toISOString()).toBe('2022-06-17T13:30:00.000Z');
  });

  it('rejects what is not a day, including days that do not exist', () => {
    for (const bad of [
      '',
      'yesterday',
      '17/06/2022',
      '2022-6-17',
      '2022-02-30',
      '2023-02-29',
      '2022-13-01',
      '2022-02-30T10:00Z',
    ])
      expect(parseAsOf(bad), bad).toBeUndefined();
  });
});

describe('publishedAfter', () => {
  const asOf = new Date('2022-06-17T09:00:00Z');

  it('compares a day-only date by day: an article of the same day is already out', () => {
    expect(publishedAfter('2022-06-17', asOf)).toBe(false);
    expect(publishedAfter('2022-06-16', asOf)).toBe(false);
    expect(publishedAfter('2022-06-18', asOf)).toBe(true);
  });

  it('compares a date-time by the moment', () => {
    expect(publishedAfter('2022-06-17T08:59:00Z', asOf)).toBe(false);
    expect(publishedAfter('2022-06-17T09:01:00Z', asOf)).toBe(true);
  });

  it('never excludes an article whose date is missing or unreadable', () => {
    expect(publishedAfter(undefined, asOf)).toBe(false);
    expect(publishedAfter('last spring', asOf)).toBe(false);
    expect(publishedTime('last spring')).toBeUndefined();
  });
});

describe('articleAgeDays', () => {
  it('is the whole days from publication to the as-of day, never negative, unknown without a date', () => {
    const asOf = new Date('2022-06-17T18:00:00Z');
    expect(articleAgeDays('2022-06-17', asOf)).toBe(0);
    expect(articleAgeDays('2022-06-10', asOf)).toBe(7);
    expect(articleAgeDays('2022-06-17T06:00:00Z', asOf)).toBe(0.5);
    expect(articleAgeDays('2022-06-20', asOf)).toBe(0);
    expect(articleAgeDays(undefined, asOf)).toBeUndefined();
  });
});
