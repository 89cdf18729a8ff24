/**
 * Start-up against a platform API that accepts the connection and never replies: the real @slack/bolt and
 * discord.js clients say they are still connecting, then give up with the time-out (CONNECT_TIMEOUT_SECONDS).
 */
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/adapters/discord/start-discord.ts';
import { startSlack } from '../../src/adapters/slack/start-slack.ts';
import type { Desk } from '../../src/core/desk.ts';
import { NewsdeskError } from '../../src/core/errors.ts';
import { runProcess, TSX } from '../support/run-process.ts';
import { seedDesk } from '../support/seed-desk.ts';
import { startSilentServer } from '../support/silent-server.ts';
import { recordingLogger } from './discord/harness.ts';

let desk: Desk;
let silent: Awaited<ReturnType<typeof startSilentServer>>;

beforeAll(async () => {
  desk = await seedDesk();
});
afterEach(async () => {
  await silent?.close();
});

describe('connecting at start-up to an API that never replies', { timeout: 20_000 }, () => {
  it('Slack (auth.test): says it is still connecting, then times out after CONNECT_TIMEOUT_SECONDS', async () => {
    silent = await startSilentServer();
    const logger = recordingLogger();
    const started = Date.now();
    const error = await startSlack({
      config: {
        botToken: 'xoxb-test-token',
        appToken: 'xapp-test-token',
        port: 0,
        apiUrl: `${silent.url}/api/`,
        connectTimeoutSeconds: 2,
      },
      desk,
      logger,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(error).toBeInstanceOf(NewsdeskError);
    expect(error).toMatchObject({ code: 'slack-start' });
    expect((error as Error).message).toBe(
      `Newsdesk: could not connect to Slack at ${silent.url}/api/: timed out after 2 s (set CONNECT_TIMEOUT_SECONDS to wait longer).`,
    );
    const notices = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(notices[0]).toMatch(
      /^slack: still connecting to Slack at http:\/\/127\.0\.0\.1:\d+\/api\/ \(1 s; giving up after 2 s\)…$/,
    );
  });

  it('Discord (login): says it is still connecting, then times out after CONNECT_TIMEOUT_SECONDS', async () => {
    silent = await startSilentServer();
    const logger = recordingLogger();
    const started = Date.now();
    const error = await startDiscord({
      config: { token: 'a-test-token', apiUrl: `${silent.url}/api`, connectTimeoutSeconds: 2 },
      desk,
      logger,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(error).toBeInstanceOf(NewsdeskError);
    expect(error).toMatchObject({ code: 'discord-start' });
    expect((error as Error).message).toBe(
      `Newsdesk: could not connect to Discord at ${silent.url}/api: timed out after 2 s (set CONNECT_TIMEOUT_SECONDS to wait longer).`,
    );
    expect(
      logger.lines.some(
        (l) => l.level === 'warn' && /^discord: still connecting to Discord at /.test(l.message),
      ),
    ).toBe(true);
  });

  it('npm start: prints the notice, then one line, and exits 1', async () => {
    silent = await startSilentServer();
    const { code, stdout, stderr } = await runProcess(TSX, [resolve('src/main.ts')], {
      env: {
        SEEDS_DIR: resolve('seeds'),
        SNAPSHOT_DIR: 'off',
        WATCH_ARTICLES: 'false',
        SLACK_BOT_TOKEN: 'xoxb-secret-test-token',
        SLACK_APP_TOKEN: 'xapp-secret-test-token',
        SLACK_API_URL: `${silent.url}/api/`,
        CONNECT_TIMEOUT_SECONDS: '2',
      },
    });
    expect(code).toBe(1);
    const output = stdout + stderr;
    expect(output).toContain('still connecting to Slack');
    expect(stderr.trim().split('\n').at(-1)).toMatch(/timed out after 2 s \(set CONNECT_TIMEOUT_SECONDS/);
    expect(output).not.toContain('secret-test-token');
  });
});
