/** `npm run deploy:discord`: the definitions are PUT, as defined, to the guild or global route. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../src/adapters/discord/command-definitions.ts';
import { deployCommands } from '../../../src/adapters/discord/deploy-commands.ts';
import { NewsdeskError } from '../../../src/core/errors.ts';
import { DiscordStandin } from '../../support/discord-standin.ts';
import { configFor, TEST_TIMEOUT } from './harness.ts';

const execFileAsync = promisify(execFile);
const SCRIPT = resolve('scripts/deploy-discord.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs the deploy script as `npm run deploy:discord` would, from an empty folder so no `.env` is read. */
async function runScript(env: Record<string, string | undefined>) {
  const cwd = await mkdtemp(join(tmpdir(), 'newsdesk-deploy-'));
  try {
    return await execFileAsync(process.execPath, ['--import', TSX, SCRIPT], {
      cwd,
      env: { PATH: process.env.PATH, ...env },
    });
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

describe('command definitions', { timeout: TEST_TIMEOUT }, () => {
  it('define /ask, /sources, /article and /help for servers and DMs with the bot', () => {
    expect(commandDefinitions.map((c) => c.name)).toEqual(['ask', 'sources', 'article', 'help']);
    for (const command of commandDefinitions) {
      expect(command.contexts).toEqual([0, 1]); // Guild, BotDM
      expect(command.integration_types).toEqual([0]); // GuildInstall
    }
    const [ask, , article] = commandDefinitions;
    expect(ask?.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true }),
      expect.objectContaining({ name: 'private', type: 5, required: false }),
    ]);
    expect(article?.options).toEqual([
      expect.objectContaining({ name: 'id', type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: 'paragraph', type: 4, required: false, min_value: 1 }),
    ]);
  });
});

describe('deployCommands', { timeout: TEST_TIMEOUT }, () => {
  let standin: DiscordStandin;
  beforeAll(async () => {
    standin = await DiscordStandin.start();
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await standin.close();
  }, TEST_TIMEOUT);

  it('PUTs the definitions to the guild route when a guild is configured', async () => {
    const before = standin.calls.length;
    const config = configFor(standin, { applicationId: '222222222222222222', guildId: '333333333333333333' });
    const result = await deployCommands(config);
    expect(result).toEqual({
      scope: 'guild',
      applicationId: '222222222222222222',
      guildId: '333333333333333333',
      commands: ['ask', 'sources', 'article', 'help'],
    });
    const calls = standin.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      'PUT /applications/222222222222222222/guilds/333333333333333333/commands',
    ]);
    expect(calls[0]?.authorized).toBe(true);
    expect(calls[0]?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
  });

  it('reads the application id from Discord and PUTs globally when no guild is configured', async () => {
    const before = standin.calls.length;
    const result = await deployCommands(configFor(standin));
    expect(result.scope).toBe('global');
    const calls = standin.calls.slice(before);
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      'GET /applications/@me',
      `PUT /applications/${standin.applicationId}/commands`,
    ]);
    expect(calls[1]?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
  });

  it('says clearly that Discord rejected the token', async () => {
    const error = await deployCommands(configFor(standin, { token: 'nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsdeskError);
    expect((error as NewsdeskError).code).toBe('discord-auth');
    expect((error as NewsdeskError).message).toMatch(/^Newsdesk: Discord rejected DISCORD_TOKEN/);
  });

  it('runs as the deploy:discord script, reading the environment', async () => {
    const before = standin.calls.length;
    const { stdout } = await runScript({
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
      DISCORD_GUILD_ID: standin.guildId,
    });
    expect(stdout).toContain(
      `Newsdesk: deployed /ask, /sources, /article, /help to server ${standin.guildId}`,
    );
    const put = standin.calls.slice(before).find((c) => c.method === 'PUT');
    expect(put?.route).toBe(`/applications/${standin.applicationId}/guilds/${standin.guildId}/commands`);
  });

  it('exits 1 with one line when DISCORD_TOKEN is missing', async () => {
    const result = await runScript({}).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr.trim()).toBe(
      'Newsdesk: DISCORD_TOKEN is not set, so there is nothing to deploy. See docs/discord.md.',
    );
  });
});
