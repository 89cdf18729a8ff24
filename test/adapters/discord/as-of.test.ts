/** A Discord question is answered as of its message's own time, end to end through discord.js and the stand-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_QUESTION, datedDesk } from '../../support/dated-desk.ts';
import { startBot, TEST_TIMEOUT } from './harness.ts';

describe('Discord questions asked as of their message time', { timeout: TEST_TIMEOUT }, () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  beforeAll(async () => {
    bot = await startBot({ desk: datedDesk() });
  }, TEST_TIMEOUT);
  afterAll(async () => {
    await bot?.stop();
  }, TEST_TIMEOUT);

  const ask = async (at: string): Promise<string> => {
    const before = bot.standin.calls.length;
    bot.standin.sendMessage(BRIDGE_QUESTION, 'dm', bot.standin.user, new Date(at));
    const call = await bot.standin.waitForCall(
      (c) => c.method === 'POST' && c.route === `/channels/${bot.standin.dmChannelId}/messages`,
      'the answer in the DM',
      before,
    );
    return JSON.stringify(call.body.embeds);
  };

  it('does not cite an article published after the message was sent', async () => {
    const answer = await ask('2022-06-20T12:00:00Z');
    expect(answer).toContain('$4 million');
    expect(answer).not.toContain('$9 million');
  });

  it('cites it in a message sent after it came out', async () => {
    expect(await ask('2022-07-03T09:00:00Z')).toContain('$9 million');
  });
});
