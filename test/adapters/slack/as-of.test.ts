/** A Slack question is answered as of its message's own time (`ts`), end to end through Bolt and the stand-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_QUESTION, datedDesk } from '../../support/dated-desk.ts';
import type { RecordedCall } from '../../support/slack-standin.ts';
import { IDS, SlackHarness } from './slack-harness.ts';

/** A Slack `ts` for a moment: seconds since the epoch, and a unique suffix. */
const tsOf = (iso: string) => `${Date.parse(iso) / 1000}.000100`;

describe('Slack questions asked as of their message time', () => {
  let harness: SlackHarness;
  beforeAll(async () => {
    harness = await SlackHarness.start('socket', { desk: datedDesk() });
  });
  afterAll(async () => {
    await harness?.stop();
  });
  const answerTo = async (channel: string, count: number): Promise<string> => {
    const post: RecordedCall = await harness.standIn.waitFor(
      () => harness.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === channel)[count - 1],
      'the answer',
    );
    return JSON.stringify(post.args);
  };

  it('does not cite an article published after the mention was posted', async () => {
    await harness.deliverEvent(
      harness.eventBody({
        type: 'app_mention',
        user: IDS.user,
        text: `<@${harness.standIn.botUserId}> ${BRIDGE_QUESTION}`,
        ts: tsOf('2022-06-20T12:00:00Z'),
        channel: IDS.channel,
        event_ts: tsOf('2022-06-20T12:00:00Z'),
        team: harness.standIn.teamId,
      }),
    );
    const answer = await answerTo(IDS.channel, 1);
    expect(answer).toContain('$4 million');
    expect(answer).not.toContain('$9 million');
  });

  it('cites it in a direct message sent after it came out', async () => {
    await harness.deliverEvent(
      harness.eventBody({
        type: 'message',
        channel: IDS.dm,
        channel_type: 'im',
        user: IDS.user,
        text: BRIDGE_QUESTION,
        ts: tsOf('2022-07-03T09:00:00Z'),
        event_ts: tsOf('2022-07-03T09:00:00Z'),
      }),
    );
    expect(await answerTo(IDS.dm, 1)).toContain('$9 million');
  });
});
