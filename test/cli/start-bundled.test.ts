/**
 * `npm start` as a deployment runs it: `scripts/run.mjs main` (the bundle in `dist/` when it is fresh, as
 * `npm ci` leaves it), in its own process, connecting the real discord.js client to the stand-in Discord.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStandin } from '../support/discord-standin.ts';

const TIMEOUT = 30_000;

describe('npm start with a Discord token', { timeout: TIMEOUT }, () => {
  let standin: DiscordStandin;
  let snapshotDir: string;
  let child: ReturnType<typeof spawn>;
  let stderr = '';

  beforeAll(async () => {
    standin = await DiscordStandin.start();
    snapshotDir = await mkdtemp(join(tmpdir(), 'newsdesk-start-'));
    child = spawn(process.execPath, ['scripts/run.mjs', 'main'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: standin.token,
        DISCORD_API_URL: standin.apiUrl,
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        SEEDS_DIR: 'seeds',
        SNAPSHOT_DIR: snapshotDir,
        WATCH_ARTICLES: 'false',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    await standin.waitFor(
      () => standin.gateway.find((g) => g.kind === 'receive' && g.op === 2),
      'the bot to identify',
    );
  }, TIMEOUT);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await standin.close();
    await rm(snapshotDir, { recursive: true, force: true });
  });

  it('answers /ask from its own process', async () => {
    const call = await standin.waitForCallback(
      standin.slashCommand('ask', [{ name: 'question', type: 3, value: 'Who is Sergey Lavrov?' }]),
    );
    const [embed] = call.body.data.embeds;
    expect(embed.description).toContain('Foreign Minister **Sergey Lavrov**');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(standin.token);
  });
});
