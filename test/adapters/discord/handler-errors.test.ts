/**
 * A handler that throws (here: a desk whose index fails) gets an ephemeral apology and a log line with
 * context, and the bot keeps answering afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../../src/core/desk.ts';
import { CALLBACK, FLAG, option, seedDesk, startBot, TEST_TIMEOUT } from './harness.ts';

/** The real desk, except that every use throws while `failing.on` is set. */
function flakyDesk(desk: Desk) {
  const failing = { on: false };
  const proxy = new Proxy(desk, {
    get(target, property) {
      if (failing.on) throw new Error('the passage index is unavailable (test)');
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { desk: proxy, failing };
}

describe('Discord handler errors', { timeout: TEST_TIMEOUT }, () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  let failing: { on: boolean };

  beforeAll(async () => {
    const flaky = flakyDesk(await seedDesk());
    failing = flaky.failing;
    bot = await startBot({ desk: flaky.desk });
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await bot?.stop();
  }, TEST_TIMEOUT);

  it('apologises ephemerally, logs the failure with context, and keeps answering', async () => {
    failing.on = true;
    const broken = bot.standin.slashCommand('ask', [
      option.string('question', 'Where did Putin and Kim meet?'),
    ]);
    const apology = await bot.standin.waitForCallback(broken);
    expect(apology.body.type).toBe(CALLBACK.message);
    expect(apology.body.data.flags & FLAG.ephemeral).toBe(FLAG.ephemeral);
    expect(apology.body.data.content).toContain('Sorry, something went wrong');
    expect(apology.body.data.allowed_mentions.parse).toEqual([]);

    const logged = bot.logger.lines.find((line) => line.message === 'discord: interaction handler failed');
    expect(logged?.level).toBe('error');
    expect(logged?.context).toMatchObject({
      interaction: broken.id,
      command: 'ask',
      guild: bot.standin.guildId,
      error: 'the passage index is unavailable (test)',
    });
    expect(JSON.stringify(bot.logger.lines)).not.toContain(broken.token);

    failing.on = false;
    const healthy = bot.standin.slashCommand('ask', [
      option.string('question', 'Where did Putin and Kim meet?'),
    ]);
    const answer = await bot.standin.waitForCallback(healthy);
    expect(answer.body.data.embeds[0].description).toContain('**Q:** Where did Putin and Kim meet?');
  });

  it('answers a failing autocomplete with no choices', async () => {
    failing.on = true;
    const interaction = bot.standin.autocomplete('article', [option.string('id', 'kim', true)]);
    const call = await bot.standin.waitForCallback(interaction);
    failing.on = false;
    expect(call.body).toEqual({ type: CALLBACK.autocomplete, data: { choices: [] } });
  });

  it('apologises for a failing DM', async () => {
    failing.on = true;
    const message = bot.standin.sendMessage('Where did Putin and Kim meet?', 'dm');
    const call = await bot.standin.waitForCall(
      (c) => c.method === 'POST' && c.route === `/channels/${bot.standin.dmChannelId}/messages`,
      'the apology in the DM',
    );
    failing.on = false;
    expect(call.body.content).toContain('Sorry, something went wrong');
    expect(call.body.message_reference?.message_id).toBe(message.id);
    expect(call.body.allowed_mentions.parse).toEqual([]);
  });
});
