import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_ACTION_IDS } from '../../../src/adapters/slack/slack-buttons.ts';
import { startSlack } from '../../../src/adapters/slack/start-slack.ts';
import { Desk } from '../../../src/core/desk.ts';
import { NewsdeskError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { deskData } from '../../support/desk-data.ts';
import { type RecordedCall, SlackStandIn } from '../../support/slack-standin.ts';
import { IDS, SlackHarness, type SlackMode } from './slack-harness.ts';

let desk: Desk;

beforeAll(async () => {
  desk = Desk.build(await loadArticles('seeds', silentLogger), deskData);
});

/** Everything a user could see in a message: fallback text and block texts (button values excluded). */
function visibleText(args: Record<string, unknown>): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') texts.push(inner);
        else if (key !== 'value') visit(inner);
      }
    }
  };
  visit(args);
  return texts.join('\n');
}

/** The `value` of the button with this action id in a message's blocks. */
function buttonValue(args: Record<string, unknown>, actionId: string): string | undefined {
  const blocks = (args.blocks ?? []) as {
    type: string;
    elements?: { action_id?: string; value?: string }[];
  }[];
  for (const block of blocks) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button) return button.value;
  }
  return undefined;
}

function mentionEvent(
  harness: SlackHarness,
  text: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'app_mention',
    user: IDS.user,
    text: `<@${harness.standIn.botUserId}> ${text}`,
    ts: '1800000100.000100',
    channel: IDS.channel,
    event_ts: '1800000100.000100',
    team: harness.standIn.teamId,
    ...fields,
  };
}

function dmEvent(text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel: IDS.dm,
    channel_type: 'im',
    user: IDS.user,
    text,
    ts: '1800000200.000200',
    event_ts: '1800000200.000200',
    ...fields,
  };
}

function postsTo(harness: SlackHarness, channel: string): RecordedCall[] {
  return harness.standIn.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
}

const LIVE_MARKUP = ['<!channel>', '<!here>', '<!everyone>', '<@UOTHER>'];

describe.each<SlackMode>(['socket', 'http'])('the Slack adapter (%s mode)', (mode) => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await SlackHarness.start(mode, { desk });
  });

  afterEach(async () => {
    await harness?.stop();
  });

  it('answers a mention in its thread, with the bot mention stripped and no previews', async () => {
    const event = mentionEvent(harness, 'How many troops has North Korea sent to Russia?');
    const delivery = await harness.deliverEvent(harness.eventBody(event));
    await harness.acknowledged(delivery);
    const post = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the answer');

    expect(post.token).toBe(harness.standIn.botToken);
    expect(post.args.thread_ts).toBe(event.ts);
    expect(post.args.unfurl_links).toBe('false');
    expect(post.args.unfurl_media).toBe('false');
    const text = visibleText(post.args);
    expect(text).toContain('*You asked:* How many troops has North Korea sent to Russia?');
    expect(text).toContain('15,000');
    expect(text).toMatch(/\*\[1\]\* .+ — ¶\d+/);
    expect(text).toContain('Searched 2 articles');
    expect(text).not.toContain(harness.standIn.botUserId);
  });

  it('answers a mention inside a thread in that thread', async () => {
    const event = mentionEvent(harness, 'Where did Putin and Kim meet?', { thread_ts: '1800000000.000001' });
    await harness.deliverEvent(harness.eventBody(event));
    const post = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the answer');
    expect(post.args.thread_ts).toBe('1800000000.000001');
  });

  it('answers a direct message in the DM', async () => {
    await harness.deliverEvent(harness.eventBody(dmEvent('Where did Putin and Kim meet?')));
    const post = await harness.standIn.waitFor(() => postsTo(harness, IDS.dm)[0], 'the DM answer');
    expect(post.args.thread_ts).toBeUndefined();
    expect(visibleText(post.args)).toContain('*You asked:* Where did Putin and Kim meet?');
  });

  it("ignores the bot's own messages, other bots' messages and edits", async () => {
    const { botUserId, botId } = harness.standIn;
    await harness.deliverEvent(
      harness.eventBody(
        dmEvent('Where did Putin and Kim meet?', { user: botUserId, bot_id: botId, ts: '1.1' }),
      ),
    );
    await harness.deliverEvent(
      harness.eventBody(
        dmEvent('Where did Putin and Kim meet?', {
          subtype: 'bot_message',
          bot_id: 'BOTHER',
          user: undefined,
          ts: '1.2',
        }),
      ),
    );
    await harness.deliverEvent(
      harness.eventBody(
        dmEvent('Where did Putin and Kim meet?', { user: 'UOTHERBOT', bot_id: 'BOTHER', ts: '1.3' }),
      ),
    );
    await harness.deliverEvent(
      harness.eventBody(dmEvent('Where did Putin and Kim meet?', { subtype: 'message_changed', ts: '1.4' })),
    );
    await harness.deliverEvent(
      harness.eventBody(
        mentionEvent(harness, 'Where did Putin and Kim meet?', { user: 'UOTHERBOT', bot_id: 'BOTHER' }),
      ),
    );
    // A person's message after them: once it is answered, the ones before were long decided.
    await harness.deliverEvent(harness.eventBody(dmEvent('sources', { ts: '1.5' })));
    await harness.standIn.waitFor(() => postsTo(harness, IDS.dm)[0], 'the answer to the person');

    expect(postsTo(harness, IDS.dm).map((post) => post.args.text)).toHaveLength(1);
    expect(postsTo(harness, IDS.channel)).toHaveLength(0);
    expect(harness.logs.filter((log) => log.message.includes('skipped')).length).toBeGreaterThanOrEqual(4);
  });

  it('acks /ask, answers privately through response_url, then shares it in the channel', async () => {
    const responseUrl = harness.standIn.responseUrl();
    const delivery = await harness.deliverAsk('How many troops has North Korea sent to Russia?', responseUrl);
    await harness.acknowledged(delivery);
    const reply = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(responseUrl)[0],
      'the /ask reply',
    );

    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.replace_original).toBe(false);
    expect(visibleText(reply.body)).toContain('15,000');
    expect(harness.standIn.callsTo('chat.postMessage')).toHaveLength(0);
    const share = buttonValue(reply.body, SLACK_ACTION_IDS.share);
    expect(share).toBeDefined();

    const shareUrl = harness.standIn.responseUrl();
    const click = await harness.deliverClick({
      actionId: SLACK_ACTION_IDS.share,
      value: share ?? '',
      responseUrl: shareUrl,
      channel: IDS.channel,
    });
    await harness.acknowledged(click);
    const shared = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(shareUrl).find((r) => r.body.response_type === 'in_channel'),
      'the shared answer',
    );
    expect(visibleText(shared.body)).toContain(`Shared by <@${IDS.user}>`);
    expect(visibleText(shared.body)).toContain('15,000');
    expect(buttonValue(shared.body, SLACK_ACTION_IDS.share)).toBeUndefined();
    await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(shareUrl).find((r) => r.body.delete_original === true),
      'the private copy removed',
    );
  });

  it('gives usage help for /ask alone', async () => {
    const responseUrl = harness.standIn.responseUrl();
    await harness.acknowledged(await harness.deliverAsk('', responseUrl));
    const reply = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(responseUrl)[0],
      'the help',
    );
    const text = visibleText(reply.body);
    expect(text).toContain('`ask &lt;question&gt;`');
    expect(text).toContain('`sources`');
    expect(text).toContain('/ask');
  });

  it('runs /ask sources', async () => {
    const responseUrl = harness.standIn.responseUrl();
    await harness.deliverAsk('sources', responseUrl);
    const reply = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(responseUrl)[0],
      'the sources',
    );
    expect(visibleText(reply.body)).toContain('*Articles I can answer from* (2)');
  });

  it('pages further passages with "More results" in the same thread', async () => {
    const event = mentionEvent(harness, 'Where did Putin and Kim meet?');
    await harness.deliverEvent(harness.eventBody(event));
    const first = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the first page');
    expect(visibleText(first.args)).toMatch(/passages 1–3 of \d+/);
    const more = buttonValue(first.args, SLACK_ACTION_IDS.more);
    expect(more).toBeDefined();

    await harness.deliverClick({
      actionId: SLACK_ACTION_IDS.more,
      value: more ?? '',
      responseUrl: harness.standIn.responseUrl(),
      channel: IDS.channel,
      message: { ts: first.ts ?? '', thread_ts: String(event.ts) },
    });
    const second = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[1], 'the second page');
    expect(second.args.thread_ts).toBe(event.ts);
    expect(visibleText(second.args)).toMatch(/passages 4–\d+ of \d+/);
  });

  it('pages a private /ask answer privately', async () => {
    const responseUrl = harness.standIn.responseUrl();
    await harness.deliverAsk('Where did Putin and Kim meet?', responseUrl);
    const reply = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(responseUrl)[0],
      'the /ask reply',
    );
    const moreUrl = harness.standIn.responseUrl();
    await harness.deliverClick({
      actionId: SLACK_ACTION_IDS.more,
      value: buttonValue(reply.body, SLACK_ACTION_IDS.more) ?? '',
      responseUrl: moreUrl,
      channel: IDS.channel,
    });
    const next = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(moreUrl)[0],
      'the next page',
    );
    expect(next.body.response_type).toBe('ephemeral');
    expect(visibleText(next.body)).toMatch(/passages 4–\d+ of \d+/);
    expect(buttonValue(next.body, SLACK_ACTION_IDS.share)).toBeDefined();
    expect(harness.standIn.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers a retried delivery once', async () => {
    const body = harness.eventBody(mentionEvent(harness, 'Where did Putin and Kim meet?'), 'EvRETRIED');
    await harness.deliverEvent(body);
    await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the answer');
    await harness.acknowledged(await harness.deliverEvent(body, { num: 1, reason: 'http_timeout' }));
    await harness.waitForLogCount('skipped a redelivered mention', 1);
    // A repeated event_id without retry headers is the same delivery too.
    await harness.deliverEvent(body);
    await harness.waitForLogCount('skipped a redelivered mention', 2);
    expect(postsTo(harness, IDS.channel)).toHaveLength(1);
  });

  it('answers a retry whose first delivery never arrived', async () => {
    const body = harness.eventBody(dmEvent('Where did Putin and Kim meet?'), 'EvLOST');
    await harness.deliverEvent(body, { num: 1, reason: 'http_error' });
    await harness.standIn.waitFor(() => postsTo(harness, IDS.dm)[0], 'the answer');
  });

  it('never echoes <!channel>, <!here>, <!everyone> or a user mention live', async () => {
    // As Slack sends them: real mentions as markup, and the same characters typed literally as entities.
    const markup = '<!channel> <!here> <!everyone> <@UOTHER> &lt;!channel&gt; &lt;!here&gt; &lt;@UOTHER&gt;';
    await harness.deliverEvent(
      harness.eventBody(mentionEvent(harness, `${markup} what did Kim say about Russia?`)),
    );
    await harness.deliverEvent(harness.eventBody(dmEvent(`${markup} asdfghjkl`)));
    const responseUrl = harness.standIn.responseUrl();
    await harness.deliverAsk(`${markup} Where did Putin and Kim meet?`, responseUrl);

    const answer = await harness.standIn.waitFor(
      () => postsTo(harness, IDS.channel)[0],
      'the mention answer',
    );
    const dm = await harness.standIn.waitFor(() => postsTo(harness, IDS.dm)[0], 'the DM answer');
    const ask = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(responseUrl)[0],
      'the /ask answer',
    );
    expect(visibleText(answer.args)).toContain('@\u200Bchannel');
    for (const message of [answer.args, dm.args, ask.body]) {
      const text = visibleText(message);
      for (const live of LIVE_MARKUP) expect(text).not.toContain(live);
    }
  });

  it('says when the articles do not cover a question', async () => {
    await harness.deliverEvent(harness.eventBody(mentionEvent(harness, 'What is the capital of France?')));
    const post = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the reply');
    const text = visibleText(post.args);
    expect(text).toContain("I couldn't find an answer to that in the articles I have");
    expect(text).toContain('What is the capital of France?');
    expect(text).not.toMatch(/\*\[1\]\*/);
  });
});

describe.each<SlackMode>(['socket', 'http'])('a failing handler (%s mode)', (mode) => {
  let harness: SlackHarness;

  beforeEach(async () => {
    // A desk that fails for one question, as a bug in the core would.
    const failing = new Proxy(desk, {
      get(target, property, receiver) {
        if (property !== 'ask') return Reflect.get(target, property, receiver);
        return async (question: string, options?: { offset?: number }) => {
          if (question.includes('explode')) throw new Error('desk exploded');
          return await target.ask(question, options);
        };
      },
    });
    harness = await SlackHarness.start(mode, { desk: failing });
  });

  afterEach(async () => {
    await harness?.stop();
  });

  it('apologises in the thread, logs the error and keeps answering', async () => {
    const event = mentionEvent(harness, 'please explode');
    await harness.deliverEvent(harness.eventBody(event));
    const apology = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the apology');
    expect(apology.args.thread_ts).toBe(event.ts);
    expect(apology.args.text).toMatch(/^Sorry, something went wrong/);
    const logged = await harness.waitForLog('handler failed');
    expect(logged.level).toBe('error');
    expect(logged.context).toMatchObject({
      listener: 'app_mention',
      channel: IDS.channel,
      error: 'desk exploded',
    });

    const responseUrl = harness.standIn.responseUrl();
    await harness.deliverAsk('explode again', responseUrl);
    const privateApology = await harness.standIn.waitFor(
      () => harness.standIn.responsesTo(responseUrl)[0],
      'the /ask apology',
    );
    expect(privateApology.body.response_type).toBe('ephemeral');
    expect(privateApology.body.text).toMatch(/^Sorry/);

    await harness.deliverEvent(
      harness.eventBody(mentionEvent(harness, 'Where did Putin and Kim meet?', { ts: '2.0' })),
    );
    const answer = await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[1], 'a later answer');
    expect(visibleText(answer.args)).toContain('*You asked:* Where did Putin and Kim meet?');
  });
});

describe('the Slack adapter over HTTP: request signatures', () => {
  let harness: SlackHarness;

  beforeEach(async () => {
    harness = await SlackHarness.start('http', { desk });
  });

  afterEach(async () => {
    await harness?.stop();
  });

  it('refuses a badly signed request and a stale one with 401 and nothing else', async () => {
    const body = JSON.stringify(harness.eventBody(mentionEvent(harness, 'Where did Putin and Kim meet?')));
    const now = Math.floor(Date.now() / 1000);
    const badlySigned = await harness.postRaw(body, 'application/json', {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
    });
    const { signSlackRequest } = await import('../../support/slack-standin.ts');
    const wrongSecret = await harness.postRaw(
      body,
      'application/json',
      signSlackRequest('not-the-secret', body),
    );
    const stale = await harness.postRaw(
      body,
      'application/json',
      signSlackRequest(harness.signingSecret, body, now - 10 * 60),
    );
    const unsigned = await harness.postRaw(body, 'application/json', {});

    for (const response of [badlySigned, wrongSecret, stale, unsigned]) {
      expect(response.status).toBe(401);
      expect(response.body).toBe('');
    }
    // A well-signed request afterwards is answered, and it is the only thing posted.
    await harness.deliverEvent(harness.eventBody(mentionEvent(harness, 'sources', { ts: '3.0' })));
    await harness.standIn.waitFor(() => postsTo(harness, IDS.channel)[0], 'the signed answer');
    expect(postsTo(harness, IDS.channel)).toHaveLength(1);
  });
});

describe('starting the Slack adapter', () => {
  let standIn: SlackStandIn;

  beforeEach(async () => {
    standIn = await SlackStandIn.start();
  });

  afterEach(async () => {
    await standIn.close();
  });

  it('reports a rejected bot token without showing it', async () => {
    const botToken = 'xoxb-wrong-secret-token';
    const started = startSlack({
      config: { botToken, appToken: standIn.appToken, port: 0, apiUrl: standIn.apiUrl },
      desk,
      logger: silentLogger,
      retries: 0,
    });
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsdeskError);
    expect(error).toMatchObject({ code: 'slack-auth' });
    expect((error as Error).message).toMatch(/^Newsdesk: Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect((error as Error).message).not.toContain(botToken);
  });

  it('reports a rejected app token without showing it', async () => {
    const appToken = 'xapp-wrong-secret-token';
    const error = await startSlack({
      config: { botToken: standIn.botToken, appToken, port: 0, apiUrl: standIn.apiUrl },
      desk,
      logger: silentLogger,
      retries: 0,
      clientPingTimeout: 1000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'slack-auth' });
    expect((error as Error).message).toMatch(/Slack rejected SLACK_APP_TOKEN \(invalid_auth\)/);
    expect((error as Error).message).not.toContain(appToken);
  });

  it('uses the configured Web API URL for every call, in Socket Mode too', async () => {
    const harness = await SlackHarness.start('socket', { desk });
    try {
      const methods = harness.standIn.calls.map((call) => call.method);
      expect(methods).toContain('auth.test');
      expect(methods).toContain('apps.connections.open');
      expect(harness.standIn.connections).toBe(1);
      expect(harness.running).toMatchObject({ name: 'slack', mode: 'socket' });
    } finally {
      await harness.stop();
    }
  });
});
