/**
 * DISCORD_SHARDS: discord.js's internal sharding against a sharded stand-in gateway — each shard identifies
 * with its own [id, count] and carries its own server's events, and both answer.
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { DiscordConfig } from '../../../src/adapters/discord/settings.ts';
import { type RunningDiscord, startDiscord } from '../../../src/adapters/discord/start-discord.ts';
import { readConfig } from '../../../src/config.ts';
import { DiscordStandin } from '../../support/discord-standin.ts';
import { configFor, recordingLogger, seedDesk, TEST_TIMEOUT } from './harness.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const desk = await seedDesk();

async function start(standin: DiscordStandin, shards: 'auto' | number): Promise<RunningDiscord> {
  const running = await startDiscord({
    config: configFor(standin, { shards }),
    desk,
    logger: recordingLogger(),
  });
  cleanups.push(() => running.stop());
  return running;
}

/** The bot's reply posted in a channel, once it arrives. */
function replyIn(standin: DiscordStandin, channelId: string) {
  return standin.waitForCall(
    (c) => c.method === 'POST' && c.route === `/channels/${channelId}/messages`,
    `a reply in channel ${channelId}`,
  );
}

describe('Discord sharding (DISCORD_SHARDS)', () => {
  it.each([
    ['a number', 2 as const],
    ['auto (the count GET /gateway/bot recommends)', 'auto' as const],
  ])(
    'with %s, runs two shards, each identifying as [id, 2], and both answer mentions in their servers',
    async (_, shards) => {
      const standin = await DiscordStandin.start({ shards: 2 });
      cleanups.push(() => standin.close());
      const running = await start(standin, shards);

      const identifies = standin.gateway.filter((g) => g.kind === 'receive' && g.op === 2);
      expect(identifies.map((g) => (g.kind === 'receive' ? g.d.shard : undefined)).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(standin.identifiedShards).toEqual([0, 1]);
      expect(running.client.ws.shards.size).toBe(2);
      // The bot sees both servers, each through its own shard.
      expect([...running.client.guilds.cache.keys()].sort()).toEqual([...standin.guildIds].sort());
      expect(running.client.guilds.cache.get(standin.guildIds[1] as string)?.shardId).toBe(1);

      const mention = `<@${standin.bot.id}> Who is Sergey Lavrov?`;
      for (const shard of [0, 1]) standin.sendMessage(mention, 'guild', standin.user, new Date(), shard);
      const replies = await Promise.all(standin.channelIds.map((channel) => replyIn(standin, channel)));
      for (const reply of replies) expect(JSON.stringify(reply.body)).toContain('Lavrov');
      expect(running.status()).toBe('connected');
    },
    TEST_TIMEOUT,
  );

  it('without DISCORD_SHARDS, keeps one connection (shard [0, 1]) as before', async () => {
    const standin = await DiscordStandin.start();
    cleanups.push(() => standin.close());
    const running = await startDiscord({ config: configFor(standin), desk, logger: recordingLogger() });
    cleanups.push(() => running.stop());
    expect(running.client.ws.shards.size).toBe(1);
    expect(standin.identifiedShards).toEqual([0]);
  });

  it('reads DISCORD_SHARDS as auto or a whole number, and reports anything else', () => {
    const base = { DISCORD_TOKEN: 'a-test-token' };
    const read = (value: string) => readConfig({ ...base, DISCORD_SHARDS: value });
    const ok = (value: string) => {
      const result = read(value);
      return result.ok
        ? (result.config.platforms.discord as DiscordConfig | undefined)?.shards
        : result.errors;
    };
    expect(ok('auto')).toBe('auto');
    expect(ok('AUTO')).toBe('auto');
    expect(ok('2')).toBe(2);
    expect(ok('')).toBe(undefined);
    expect(ok('two')).toEqual(['DISCORD_SHARDS must be a whole number from 1 to 4096 (got "two").']);
    expect(ok('0')).toEqual(['DISCORD_SHARDS must be a whole number from 1 to 4096 (got "0").']);
  });
});
