/**
 * Bad settings, as an operator meets them: every problem listed at once, each saying what was given and what
 * is wanted, before anything starts (issue 13, item 8).
 */
import { describe, expect, it } from 'vitest';
import { runProcess, TSX } from '../support/run-process.ts';

describe('settings checked at start', () => {
  it('reports PORT, LOG_LEVEL and a short Discord id together, with what was given, and exits 1', async () => {
    const { code, stdout, stderr } = await runProcess(TSX, ['src/cli/ask.ts', 'Who is Sergey Lavrov?'], {
      env: { PORT: 'abc', LOG_LEVEL: 'loud', DISCORD_TOKEN: 'a-test-token', DISCORD_APPLICATION_ID: '123' },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      'Newsdesk cannot start; fix these settings (see .env.example):',
      '  - LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud").',
      '  - PORT must be a whole number from 1 to 65535 (got "abc").',
      '  - DISCORD_APPLICATION_ID must be a Discord id (a snowflake): 17 to 20 digits, like 1234567890123456789 (got "123"). Copy it from the Developer Portal, or with Developer Mode on, right-click → Copy ID.',
      '',
    ]);
    expect(stderr).not.toContain('a-test-token');
  });

  it('checks PORT whenever it is set, without Slack', async () => {
    const { code, stderr } = await runProcess(TSX, ['src/cli/ask.ts', 'lavrov'], { env: { PORT: '99999' } });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be a whole number from 1 to 65535 (got "99999").');
  });

  it('accepts a real-looking snowflake', async () => {
    const { code } = await runProcess(TSX, ['src/cli/ask.ts', 'lavrov'], {
      env: {
        DISCORD_TOKEN: 'a-test-token',
        DISCORD_APPLICATION_ID: '1234567890123456789',
        DISCORD_GUILD_ID: '41771983423143937',
      },
    });
    expect(code).toBe(0);
  });
});
