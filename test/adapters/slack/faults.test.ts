/**
 * Nothing lost on Slack (issue 15): slow, failing and hung Web API and `response_url` calls, refusal
 * before acknowledgement when shutting down or overloaded, strict request checks, and a revoked token.
 * Faults are injected into the loopback stand-in; time-outs and back-off are shortened, never asserted.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { InFlight } from '../../../src/ops/in-flight.ts';
import { deskData } from '../../support/desk-data.ts';
import { signSlackRequest } from '../../support/slack-standin.ts';
import { IDS, SlackHarness, type SlackMode } from './slack-harness.ts';

let desk: Desk;
beforeAll(async () => {
  desk = Desk.build(await loadArticles('seeds', silentLogger), deskData);
});

const QUESTION = 'What did Putin say about North Korean troops?';
const SLOW_CHANNEL = 'C0SLOW';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

function mention(h: SlackHarness, user: string, channel: string, ts: string) {
  return h.eventBody({
    type: 'app_mention',
    user,
    channel,
    ts,
    text: `<@${h.standIn.botUserId}> ${QUESTION}`,
  });
}

const inChannel = (channel: string) => (args: Record<string, unknown>) => args.channel === channel;

describe('outbound calls to Slack', () => {
  it("a hung chat.postMessage never delays another user's answer", async () => {
    harness = await SlackHarness.start('http', { desk, adapter: { callTimeoutMs: 30_000 } });
    const h = harness;
    h.standIn.fault('chat.postMessage', 'hang', 8, inChannel(SLOW_CHANNEL));
    for (let i = 0; i < 8; i++)
      await h.acknowledged(
        await h.deliverEvent(mention(h, `USLOW${i}`, SLOW_CHANNEL, `1800000000.10000${i}`)),
      );
    await h.acknowledged(await h.deliverEvent(mention(h, IDS.user, IDS.channel, '1800000000.200000')));
    const answered = await h.standIn.waitFor(
      () => h.standIn.callsTo('chat.postMessage').find((c) => c.args.channel === IDS.channel),
      "the other user's answer",
    );
    expect(answered.args.thread_ts).toBe('1800000000.200000');
    // The eight hung calls are still waiting: nothing was given up on, nothing answered in that channel.
    expect(h.logs.filter((l) => l.message.includes('giving up'))).toEqual([]);
  });

  it('times out a hung call, retries it with back-off, logs each attempt and the give-up, then apologises', async () => {
    harness = await SlackHarness.start('http', {
      desk,
      adapter: { callTimeoutMs: 200, retries: 1, retryDelayMs: 5 },
    });
    const h = harness;
    h.standIn.fault('chat.postMessage', 'hang', 2, inChannel(SLOW_CHANNEL));
    await h.acknowledged(await h.deliverEvent(mention(h, IDS.user, SLOW_CHANNEL, '1800000000.300000')));
    await h.waitForLog('giving up');
    const attempts = h.logs.filter((l) => l.message.startsWith('slack: a Web API call timed out'));
    expect(attempts.map((l) => [l.context?.attempt, l.context?.willRetry])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(attempts[0]?.level).toBe('warn');
    const apology = await h.standIn.waitFor(
      () => h.standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === SLOW_CHANNEL)[2],
      'the apology',
    );
    expect(String(apology.args.text)).toMatch(/sorry/i);
    expect(JSON.stringify(h.logs)).not.toContain(h.standIn.botToken);
  });

  it('retries HTTP 500s from the Web API, logging each, and delivers the answer', async () => {
    harness = await SlackHarness.start('http', { desk, adapter: { retries: 2, retryDelayMs: 5 } });
    const h = harness;
    h.standIn.fault('chat.postMessage', 500, 2);
    await h.acknowledged(await h.deliverEvent(mention(h, IDS.user, IDS.channel, '1800000000.400000')));
    const calls = await h.standIn.waitFor(
      () => h.standIn.callsTo('chat.postMessage').length >= 3 && h.standIn.callsTo('chat.postMessage'),
      'three attempts',
    );
    expect(calls.every((c) => c.args.thread_ts === '1800000000.400000')).toBe(true);
    const failures = h.logs.filter((l) => l.message.includes('a Web API call answered HTTP 500'));
    expect(failures.map((l) => l.context?.attempt)).toEqual([1, 2]);
    expect(failures.every((l) => l.context?.willRetry === true)).toBe(true);
  });

  it('retries a response_url post that failed with a 502 and delivers the /ask answer', async () => {
    harness = await SlackHarness.start('http', { desk, adapter: { retries: 2, retryDelayMs: 5 } });
    const h = harness;
    h.standIn.fault('response', 502, 1);
    const url = h.standIn.responseUrl();
    await h.acknowledged(await h.deliverAsk(QUESTION, url));
    const answer = await h.standIn.waitFor(() => h.standIn.responsesTo(url)[0], 'the answer');
    expect(answer?.body.response_type).toBe('ephemeral');
    const failure = h.logs.find((l) => l.message.includes('response_url answered HTTP 502'));
    expect(failure?.context).toMatchObject({ method: 'response_url', attempt: 1, willRetry: true });
    expect(JSON.stringify(h.logs)).not.toContain('/response/');
  });
});

describe.each<SlackMode>(['http', 'socket'])('refusing before acknowledging (%s mode)', (mode) => {
  it('while shutting down: new events are not acknowledged, acknowledged ones are still answered', async () => {
    const inFlight = new InFlight();
    harness = await SlackHarness.start(mode, { desk, adapter: { inFlight } });
    const h = harness;
    const release = h.standIn.hold('chat.postMessage');
    const first = await h.deliverEvent(mention(h, IDS.user, IDS.channel, '1800000000.500000'));
    await h.acknowledged(first);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.postMessage').length === 1, 'the answer in flight');
    inFlight.stopTaking();
    const second = await h.deliverEvent(mention(h, IDS.otherUser, IDS.channel, '1800000000.600000'));
    await h.waitForLog('slack: refused a delivery');
    if (mode === 'http') expect(second.status).toBe(503);
    else expect(h.standIn.acks.some((a) => a.envelope_id === second.envelopeId)).toBe(false);
    // A command is not redelivered by Slack: it is acknowledged with a "please ask again".
    const command = await h.deliverAsk(QUESTION, h.standIn.responseUrl());
    if (mode === 'http') expect(JSON.parse(command.body ?? '{}').text).toMatch(/restarting/);
    else {
      const ack = await h.standIn.waitForAck(command.envelopeId as string);
      expect(JSON.stringify(ack.payload)).toMatch(/restarting/);
    }
    const drained = inFlight.close(10_000);
    release();
    expect(await drained).toEqual({ drained: true, unfinished: 0 });
    expect(h.standIn.callsTo('chat.postMessage').map((c) => c.args.thread_ts)).toEqual(['1800000000.500000']);
  });
});

describe('refusing before acknowledging when overloaded', () => {
  it('answers 503 past the limit, and answers the redelivery once there is room', async () => {
    const refusals: string[] = [];
    const inFlight = new InFlight({ max: 1, observer: { refused: (_p, reason) => refusals.push(reason) } });
    harness = await SlackHarness.start('http', { desk, adapter: { inFlight } });
    const h = harness;
    const release = h.standIn.hold('chat.postMessage');
    await h.acknowledged(await h.deliverEvent(mention(h, IDS.user, IDS.channel, '1800000000.700000')));
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.postMessage').length === 1, 'the answer in flight');
    const body = mention(h, IDS.otherUser, IDS.channel, '1800000000.800000');
    expect((await h.deliverEvent(body)).status).toBe(503);
    expect(refusals).toEqual(['overload']);
    release();
    await h.standIn.waitFor(() => inFlight.count === 0, 'room');
    await h.acknowledged(await h.deliverEvent(body, { num: 1, reason: 'http_error' }));
    await h.standIn.waitFor(
      () => h.standIn.callsTo('chat.postMessage').find((c) => c.args.thread_ts === '1800000000.800000'),
      'the redelivered question answered',
    );
  });
});

describe('strict request checks (HTTP)', () => {
  const post = (h: SlackHarness, body: string, type: string, timestamp?: number) =>
    h.postRaw(body, type, signSlackRequest(h.signingSecret, body, timestamp));

  it('refuses a correctly signed request from more than 5 minutes in the future', async () => {
    harness = await SlackHarness.start('http', { desk });
    const h = harness;
    const body = JSON.stringify(mention(h, IDS.user, IDS.channel, '1800000000.900000'));
    const future = Math.floor(Date.now() / 1000) + 10 * 60;
    expect((await post(h, body, 'application/json', future)).status).toBe(401);
    expect((await post(h, body, 'application/json')).status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.postMessage').length === 1, 'one answer');
  });

  it.each([
    ['null', 'application/json'],
    ['[1,2]', 'application/json'],
    ['"text"', 'application/json'],
    ['{not json', 'application/json'],
    ['payload=null', 'application/x-www-form-urlencoded'],
    ['hello', 'text/plain'],
  ])('answers a signed body %s (%s) with 400 at once', async (body, type) => {
    harness = await SlackHarness.start('http', { desk });
    const h = harness;
    expect((await post(h, body, type)).status).toBe(400);
    // An unsigned one is still refused as unsigned.
    expect((await h.postRaw(body, type, {})).status).toBe(401);
  });
});

describe('a token Slack stops accepting', () => {
  it.each(['token_revoked', 'invalid_auth', 'account_inactive'])(
    '%s marks Slack down, logged once',
    async (slackError) => {
      const fatal: string[] = [];
      harness = await SlackHarness.start('http', { desk, adapter: { onFatal: (e) => fatal.push(e) } });
      const h = harness;
      expect(h.running.status()).toBe('listening');
      h.standIn.failing.set('chat.postMessage', slackError);
      await h.acknowledged(await h.deliverEvent(mention(h, IDS.user, IDS.channel, '1800000001.000001')));
      await h.acknowledged(await h.deliverEvent(mention(h, IDS.otherUser, IDS.channel, '1800000001.000002')));
      await h.standIn.waitFor(
        () => h.standIn.callsTo('chat.postMessage').length >= 4,
        'both answers and apologies',
      );
      expect(fatal).toEqual([slackError]);
      expect(h.running.status()).toBe('down');
      expect(h.logs.filter((l) => l.message.includes('no longer accepts SLACK_BOT_TOKEN'))).toHaveLength(1);
    },
  );
});
