/**
 * Logging in, staying connected and failing clearly: the real discord.js client against the stand-in
 * Discord, started exactly as `npm start` starts it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUrl } from '../../../src/adapters/discord/invite-url.ts';
import { startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { startNewsdesk } from '../../../src/app.ts';
import { readConfig } from '../../../src/config.ts';
import { NewsdeskError } from '../../../src/core/errors.ts';
import { DiscordStandin } from '../../support/discord-standin.ts';
import { configFor, option, recordingLogger, seedDesk, startBot, TEST_TIMEOUT } from './harness.ts';

/** Guilds (1) | GuildMessages (512) | DirectMessages (4096): no privileged intents. */
const INTENTS = 1 | 512 | 4096;

describe('startDiscord', { timeout: TEST_TIMEOUT }, () => {
  let bot: Awaited<ReturnType<typeof startBot>>;

  beforeAll(async () => {
    bot = await startBot();
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await bot?.stop();
  }, TEST_TIMEOUT);

  it('logs in over the gateway with only non-privileged intents', () => {
    const { standin, running } = bot;
    expect(standin.calls[0]).toMatchObject({ method: 'GET', route: '/gateway/bot', authorized: true });
    expect(standin.gateway[0]).toEqual({
      kind: 'connect',
      path: '/gateway',
      query: { v: '10', encoding: 'json' },
    });
    const identify = standin.gateway.find((g) => g.kind === 'receive' && g.op === 2);
    expect(identify).toMatchObject({ d: { token: standin.token, intents: INTENTS } });
    expect(running.name).toBe('discord');
    expect(running.client.user.id).toBe(standin.bot.id);
    expect(running.client.guilds.cache.has(standin.guildId)).toBe(true);
  });

  it('logs who it is connected as and the invite URL with the scopes and permissions it needs', () => {
    const messages = bot.logger.lines.map((line) => line.message);
    expect(messages).toContain('discord: connected as Newsdesk');
    const invite = messages.find((m) => m.startsWith('discord: invite the bot'));
    expect(invite).toContain(inviteUrl(bot.standin.applicationId));
    const url = new URL(inviteUrl('123'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History.
    expect(url.searchParams.get('permissions')).toBe(String(1024n + 2048n + 274877906944n + 16384n + 65536n));
  });

  it('answers heartbeats and has its heartbeats acknowledged', async () => {
    await bot.standin.waitFor(() => bot.running.client.ws.ping >= 0, 'an acknowledged heartbeat');
    expect(bot.standin.gateway.some((g) => g.kind === 'receive' && g.op === 1)).toBe(true);
  });

  it('resumes after a gateway RECONNECT (op 7) and still answers', async () => {
    const { standin } = bot;
    const session = standin.gateway.find((g) => g.kind === 'receive' && g.op === 2);
    standin.requestReconnect();
    const resume = await standin.waitFor(
      () => standin.gateway.find((g) => g.kind === 'receive' && g.op === 6),
      'a RESUME after RECONNECT',
    );
    expect(resume).toMatchObject({ d: { token: standin.token, seq: expect.any(Number) } });
    expect(standin.gateway).toContainEqual({
      kind: 'connect',
      path: '/gateway-resume',
      query: { v: '10', encoding: 'json' },
    });
    expect(standin.gateway.filter((g) => g.kind === 'receive' && g.op === 2)).toEqual([session]);
    await standin.waitFor(
      () => bot.logger.lines.find((l) => l.message === 'discord: resumed the gateway session'),
      'the resumed log line',
    );

    const interaction = standin.slashCommand('ask', [
      option.string('question', 'Where did Putin and Kim meet?'),
    ]);
    const call = await standin.waitForCallback(interaction);
    expect(call.body.data.embeds[0].description).toContain('**Q:** Where did Putin and Kim meet?');
  });
});

describe('startDiscord with a bad token', { timeout: TEST_TIMEOUT }, () => {
  async function startWithWrongToken(rejectTokenAt: 'rest' | 'gateway') {
    const standin = await DiscordStandin.start({ rejectTokenAt });
    const logger = recordingLogger();
    const config = configFor(standin, { token: 'wrong-token-value' });
    try {
      return await startDiscord({ config, desk: await seedDesk(), logger }).then(
        () => undefined,
        (error: unknown) => error,
      );
    } finally {
      await standin.close();
    }
  }

  it.each(['rest', 'gateway'] as const)(
    'ends with one clear line when Discord refuses it (%s)',
    async (where) => {
      const error = await startWithWrongToken(where);
      expect(error).toBeInstanceOf(NewsdeskError);
      expect((error as NewsdeskError).code).toBe('discord-auth');
      expect((error as NewsdeskError).message).toMatch(/^Newsdesk: Discord rejected DISCORD_TOKEN/);
      expect((error as NewsdeskError).message).not.toContain('wrong-token-value');
    },
  );

  it('reports an unreachable Discord as a start error naming the URL', async () => {
    const standin = await DiscordStandin.start();
    const config = configFor(standin, { apiUrl: `${standin.apiUrl}/not-here` });
    const error = await startDiscord({ config, desk: await seedDesk(), logger: recordingLogger() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await standin.close();
    expect(error).toBeInstanceOf(NewsdeskError);
    expect((error as NewsdeskError).code).toBe('discord-start');
    expect((error as NewsdeskError).message).toContain(`${standin.apiUrl}/not-here`);
  });
});

describe('npm start with DISCORD_TOKEN set', { timeout: TEST_TIMEOUT }, () => {
  it('starts the Discord adapter from the environment', async () => {
    const standin = await DiscordStandin.start();
    const result = readConfig({ DISCORD_TOKEN: standin.token, DISCORD_API_URL: standin.apiUrl });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const app = await startNewsdesk(result.config, { logger: recordingLogger(), desk: await seedDesk() });
    try {
      expect(app.platforms.map((p) => p.name)).toEqual(['discord']);
      const interaction = standin.slashCommand('ask', [
        option.string('question', 'Where did Putin and Kim meet?'),
      ]);
      const call = await standin.waitForCallback(interaction);
      expect(call.body.data.embeds[0].description).toContain('**Q:** Where did Putin and Kim meet?');
    } finally {
      await app.stop();
      await standin.close();
    }
  });

  it('ends with one line and exit status 1 when Discord rejects the token', async () => {
    const standin = await DiscordStandin.start();
    const cwd = await mkdtemp(join(tmpdir(), 'newsdesk-start-')); // no .env here
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const env = {
      PATH: process.env.PATH,
      SEEDS_DIR: resolve('seeds'),
      DISCORD_TOKEN: 'a-wrong-token',
      DISCORD_API_URL: standin.apiUrl,
    };
    const outcome = await promisify(execFile)(process.execPath, ['--import', tsx, resolve('src/main.ts')], {
      cwd,
      env,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    await rm(cwd, { recursive: true, force: true });
    await standin.close();
    expect(outcome.code).toBe(1);
    const lines = outcome.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^Newsdesk: Discord rejected DISCORD_TOKEN/);
    expect(outcome.stderr).not.toContain('a-wrong-token');
    expect(outcome.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('RunningDiscord.stop', { timeout: TEST_TIMEOUT }, () => {
  it('closes the gateway connection', async () => {
    const bot = await startBot();
    await bot.running.stop();
    await bot.standin.waitFor(
      () => bot.standin.gateway.find((g) => g.kind === 'close'),
      'the gateway to close',
    );
    await bot.standin.close();
  });
});
