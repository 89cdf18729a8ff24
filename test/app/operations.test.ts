import { afterEach, describe, expect, it } from 'vitest';
import { startNewsdesk } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/core/types.ts';
import { DiscordStandin } from '../support/discord-standin.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { startBotProcess } from '../support/run-process.ts';
import { appMentionEvent, postSlackEvent, SlackStandIn } from '../support/slack-standin.ts';

const SECRET = 'test-signing-secret-5f3a9c';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function mentionBody(standIn: SlackStandIn, n: number, user = 'UASKER', text = 'Who is Sergey Lavrov?') {
  return appMentionEvent(standIn, { eventId: `EvOps${n}`, ts: `1800000100.00000${n}`, text, user });
}

const deliver = (port: number, payload: Record<string, unknown>) => postSlackEvent(port, SECRET, payload);

/** Newsdesk started in-process from environment settings (no watching), stopped after the test. */
async function startApp(env: Record<string, string>) {
  const result = readConfig({ WATCH_ARTICLES: 'false', ...env });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const app = await startNewsdesk(result.config, { logger: silentLogger });
  cleanups.push(() => app.stop(0));
  return app;
}

/** `npm start` (src/main.ts) as a process, on Slack in HTTP mode against a stand-in; resolves once listening. */
async function startProcess(standIn: SlackStandIn) {
  const port = await freePort();
  const { child, out, exited, stop } = startBotProcess({
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: String(port),
    LOG_LEVEL: 'debug',
  });
  cleanups.push(async () => stop());
  await eventually(() => out.stderr.includes('slack: listening'), 'the Slack adapter to listen');
  return { child, port, out, exited };
}

describe('npm start on Slack (HTTP mode), as an operator runs it', () => {
  it('serves /healthz and /metrics, finishes an answer in flight on SIGTERM, exits 0, and never logs a secret', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const { child, port, out, exited } = await startProcess(standIn);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      articles: 2,
      paragraphs: 30,
      platforms: { slack: 'listening' },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('newsdesk_index_paragraphs 30');

    const release = standIn.hold('chat.postMessage');
    expect(await deliver(port, mentionBody(standIn, 1))).toBe(200);
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'the answer to be on its way');
    child.kill('SIGTERM');
    await eventually(() => out.stderr.includes('SIGTERM received'), 'the shutdown to begin');
    release();
    expect(await exited).toBe(0);
    expect(String(standIn.callsTo('chat.postMessage')[0]?.args.text)).toContain('Lavrov');
    expect(out.stderr).toContain('question handled');
    expect(out.stderr).not.toContain(standIn.botToken);
    expect(out.stderr).not.toContain(SECRET);
  });
});

describe('rate limits', () => {
  it('tells a user who asks too fast, privately, when to try again, and still answers others', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const port = await freePort();
    const app = await startApp({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standIn.apiUrl,
      PORT: String(port),
      RATE_LIMIT_BURST: '2',
      RATE_LIMIT_PER_MINUTE: '1',
    });

    // Two answered, the third told to slow down, the fourth to sixth ignored: one notice, not one a message.
    for (let n = 1; n <= 3; n++) await deliver(port, mentionBody(standIn, n));
    await deliver(port, mentionBody(standIn, 4, 'UOTHER'));
    for (let n = 5; n <= 7; n++) await deliver(port, mentionBody(standIn, n));
    const slowDown = await eventually(() => standIn.callsTo('chat.postEphemeral')[0], 'the slow-down notice');
    expect(slowDown.args).toMatchObject({
      channel: 'C0GENERAL',
      user: 'UASKER',
      thread_ts: '1800000100.000003',
    });
    expect(String(slowDown.args.text)).toMatch(/try again in \d+ s/);
    await eventually(() => standIn.callsTo('chat.postMessage').length === 3, 'three public answers');
    const answered = standIn.callsTo('chat.postMessage').map((c) => c.args.thread_ts);
    expect(answered).toEqual(
      expect.arrayContaining(['1800000100.000001', '1800000100.000002', '1800000100.000004']),
    );
    // The ignored messages leave no call to wait for: poll the metrics (a cap, not a timing assertion).
    let metrics = '';
    for (let i = 0; i < 500 && !metrics.includes('outcome="rate-limited-quiet"} 3'); i++) {
      metrics = await app.metrics.render();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(metrics).toContain(
      'newsdesk_questions_total{platform="slack",command="ask",outcome="rate-limited"} 1',
    );
    expect(metrics).toContain('newsdesk_refused_total{platform="slack",reason="rate-limited-quiet"} 3');
    expect(standIn.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(3);
  });
});

describe('rate limits on Discord', () => {
  it('answers an over-eager /ask privately with when to try again, and a mention by DM', async () => {
    const standin = await DiscordStandin.start();
    cleanups.push(() => standin.close());
    await startApp({
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
      RATE_LIMIT_BURST: '1',
      RATE_LIMIT_PER_MINUTE: '1',
    });

    const ask = () =>
      standin.slashCommand('ask', [{ name: 'question', type: 3, value: 'Who is Sergey Lavrov?' }]);
    const first = await standin.waitForCallback(ask());
    expect(first.body.data.flags ?? 0).toBe(0);

    const before = standin.calls.length;
    standin.sendMessage(`<@${standin.bot.id}> Who is Sergey Lavrov?`);
    const dm = await standin.waitForCall(
      (c) => c.method === 'POST' && c.route === `/channels/${standin.dmChannelId}/messages`,
      'the slow-down notice by DM',
      before,
    );
    expect(JSON.stringify(dm.body)).toMatch(/try again in \d+ s/);
    expect(standin.calls.slice(before).some((c) => c.route === '/users/@me/channels')).toBe(true);

    // Already told: a further mention is ignored quietly, but an interaction must still be answered.
    standin.sendMessage(`<@${standin.bot.id}> Who is Sergey Lavrov?`);
    const second = await standin.waitForCallback(ask());
    expect(second.body.data.flags & 64).toBe(64);
    expect(JSON.stringify(second.body.data)).toMatch(/try again in \d+ s/);
    const posts = standin.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && c.route.startsWith('/channels/'));
    expect(posts).toHaveLength(1);
  });
});

describe('a second signal', () => {
  it('exits at once, without waiting for answers in flight', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const { child, port, out, exited } = await startProcess(standIn);
    const release = standIn.hold('chat.postMessage');
    cleanups.push(async () => release());
    await deliver(port, mentionBody(standIn, 7));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'the answer to be on its way');
    child.kill('SIGTERM');
    await eventually(() => out.stderr.includes('SIGTERM received'), 'the shutdown to begin');
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(out.stderr).toContain('SIGINT again: exiting now.');
    // A whole bot process started, asked and signalled: room for a busy 2-core machine (it took 22 s there once).
  }, 60_000);
});
