import { describe, expect, it } from 'vitest';
import { readConfig, secretsOf } from '../../src/config.ts';
import { redisWhere } from '../../src/shared-state/redis-connection.ts';

describe('REDIS_URL', () => {
  it('is off by default: state stays in memory', () => {
    const result = readConfig({});
    expect(result.ok && result.config.redisUrl).toBe(undefined);
  });

  it('accepts redis:// and rediss:// URLs, and treats the password as a secret', () => {
    const result = readConfig({ REDIS_URL: 'rediss://newsdesk:p%40ss-9f2@cache.internal:6380/2' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.config.redisUrl).toBe('rediss://newsdesk:p%40ss-9f2@cache.internal:6380/2');
    expect(secretsOf(result.config)).toContain('p@ss-9f2');
    // What logs say about where Redis is: no user name, no password.
    expect(redisWhere(result.config.redisUrl as string)).toBe('rediss://cache.internal:6380/2');
  });

  it('reports a URL that is not Redis without repeating it (it may hold a password)', () => {
    const result = readConfig({ REDIS_URL: 'http://admin:hunter2-secret@cache:6379' });
    expect(result).toEqual({
      ok: false,
      errors: ['REDIS_URL must be a redis:// or rediss:// URL, like redis://localhost:6379.'],
    });
  });
});
