/** The platform contract as an operator and a newcomer meet it: every key documented, settings read per platform. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { banner } from '../../src/adapters/console/run-console.ts';
import { PLATFORMS } from '../../src/adapters/platforms.ts';
import { readConfig, secretsOf } from '../../src/config.ts';
import { Desk } from '../../src/core/desk.ts';

describe('the platforms', () => {
  it('document every key they read in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    for (const platform of PLATFORMS) for (const key of platform.keys) expect(documented).toContain(key);
  });

  it('each read only their own settings, and a platform without its token is off', () => {
    const result = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_APP_TOKEN: 'xapp-1-def' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.config.platforms)).toEqual(['slack']);
    expect(secretsOf(result.config)).toEqual(['xoxb-1-abc', 'xapp-1-def']);
  });

  it('are each named in the console greeting, with how to turn them on', () => {
    const greeting = banner(Desk.build([], { wordVectors: null, placeNames: null }));
    for (const platform of PLATFORMS) expect(greeting).toContain(platform.turnOn);
  });

  it('have distinct names and start-up error codes', () => {
    const names = PLATFORMS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const platform of PLATFORMS) {
      expect(platform.errorCodes).toEqual({ auth: `${platform.name}-auth`, start: `${platform.name}-start` });
    }
  });
});
