/** DMs and @mentions, end to end through the stand-in Discord's gateway and REST routes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, TEST_TIMEOUT } from './harness.ts';

describe('Discord messages', { timeout: TEST_TIMEOUT }, () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  const posts = (channelId: string) =>
    bot.standin.calls.filter((c) => c.method === 'POST' && c.route === `/channels/${channelId}/messages`);

  beforeAll(async () => {
    bot = await startBot();
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await bot?.stop();
  }, TEST_TIMEOUT);

  it('answers a DM like /ask', async () => {
    const before = bot.standin.calls.length;
    bot.standin.sendMessage('Where did Putin and Kim meet?', 'dm');
    const call = await bot.standin.waitForCall(
      (c) => c.method === 'POST' && c.route === `/channels/${bot.standin.dmChannelId}/messages`,
      'the answer in the DM',
      before,
    );
    expect(call.authorized).toBe(true);
    expect(call.body.embeds[0].description).toContain('**Q:** Where did Putin and Kim meet?');
    expect(call.body.embeds[0].description).toMatch(/\*\*\[1\]\*\*/);
    expect(call.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(call.body.message_reference).toBeUndefined();
  });

  it('answers "help" in a DM with the help', async () => {
    const before = bot.standin.calls.length;
    bot.standin.sendMessage('help', 'dm');
    const call = await bot.standin.waitForCall(
      (c) => c.route === `/channels/${bot.standin.dmChannelId}/messages`,
      'the help in the DM',
      before,
    );
    expect(call.body.embeds[0].description).toContain('`/ask <question>`');
  });

  it('answers an @mention in a server channel as a reply to that message, without pinging', async () => {
    const before = bot.standin.calls.length;
    const question = `<@${bot.standin.bot.id}> @everyone what did Kim say about Russia?`;
    const message = bot.standin.sendMessage(question, 'guild');
    const call = await bot.standin.waitForCall(
      (c) => c.method === 'POST' && c.route === `/channels/${bot.standin.channelId}/messages`,
      'the reply in the channel',
      before,
    );
    expect(call.body.message_reference).toMatchObject({ message_id: message.id, fail_if_not_exists: false });
    expect(call.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const description: string = call.body.embeds[0].description;
    expect(description).toContain('**Q:** @\u200beveryone what did Kim say about Russia?');
    expect(description).not.toContain(`<@${bot.standin.bot.id}>`);
  });

  it('ignores server messages that do not mention it, and messages from bots', async () => {
    const before = posts(bot.standin.channelId).length;
    const dmBefore = posts(bot.standin.dmChannelId).length;
    bot.standin.sendMessage('What did Kim say about Russia?', 'guild');
    const otherBot = { ...bot.standin.user, id: '111111111111111111', username: 'otherbot', bot: true };
    bot.standin.sendMessage(`<@${bot.standin.bot.id}> what did Kim say?`, 'guild', otherBot);
    bot.standin.sendMessage('What did Kim say?', 'dm', bot.standin.bot);
    // Gateway events are handled in order, so once this one is answered the earlier ones were handled.
    const last = bot.standin.sendMessage(`<@${bot.standin.bot.id}> sources`, 'guild');
    await bot.standin.waitFor(
      () => posts(bot.standin.channelId).find((c) => c.body.message_reference?.message_id === last.id),
      'the reply to the last message',
    );
    const replies = posts(bot.standin.channelId).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.embeds[0].description).toMatch(/^\*\*2 articles\*\* you can ask about:/);
    expect(posts(bot.standin.dmChannelId)).toHaveLength(dmBefore);
  });
});
