import { describe, expect, it } from 'vitest';
import { readConfig, secretsOf } from '../../../src/config.ts';

describe('SEARCH_BACKEND and DATABASE_URL', () => {
  it('search in memory by default', () => {
    const result = readConfig({});
    expect(result.ok && result.config.searchBackend).toBe('memory');
    expect(result.ok && result.config.databaseUrl).toBe(undefined);
  });

  it('accepts postgres with a postgres:// URL, and treats its password as a secret', () => {
    const result = readConfig({
      SEARCH_BACKEND: 'postgres',
      DATABASE_URL: 'postgresql://newsdesk:s3cr%2Ft-77@db.internal:5432/news',
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.config.searchBackend).toBe('postgres');
    expect(secretsOf(result.config)).toContain('s3cr/t-77');
  });

  it('accepts a URL to a Unix socket (its folder as host=), the password still a secret', () => {
    for (const url of [
      'postgres://newsdesk:s0ck%40et-88@/news?host=/var/run/postgresql',
      'postgresql://newsdesk:s0ck%40et-88@localhost:5432/news?host=/var/run/postgresql',
      'postgres://newsdesk:s0ck%40et-88@%2Fvar%2Frun%2Fpostgresql/news',
    ]) {
      const result = readConfig({ SEARCH_BACKEND: 'postgres', DATABASE_URL: url });
      if (!result.ok) throw new Error(result.errors.join('\n'));
      expect(result.config.databaseUrl).toBe(url);
      expect(secretsOf(result.config)).toContain('s0ck@et-88');
    }
    expect(readConfig({ SEARCH_BACKEND: 'postgres', DATABASE_URL: 'postgresql:///news?host=/tmp' }).ok).toBe(
      true,
    );
  });

  it('explains what is missing or wrong, without repeating the URL (it may hold a password)', () => {
    expect(readConfig({ SEARCH_BACKEND: 'postgres' })).toEqual({
      ok: false,
      errors: [
        'SEARCH_BACKEND=postgres needs DATABASE_URL, like postgres://newsdesk:password@localhost:5432/newsdesk.',
      ],
    });
    const wrong = readConfig({
      SEARCH_BACKEND: 'postgres',
      DATABASE_URL: 'mysql://root:hunter2-xyz@db/news',
    });
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain('hunter2-xyz');
    expect(readConfig({ SEARCH_BACKEND: 'elastic' })).toEqual({
      ok: false,
      errors: ['SEARCH_BACKEND must be memory or postgres (got "elastic").'],
    });
    expect(readConfig({ DATABASE_URL: 'postgres://db/news' })).toEqual({
      ok: false,
      errors: [
        'DATABASE_URL is set but SEARCH_BACKEND is not postgres: set SEARCH_BACKEND=postgres to use it.',
      ],
    });
  });
});
