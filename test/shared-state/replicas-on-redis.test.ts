import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { settled, startSlackReplica } from '../support/slack-replica.ts';
import { appMentionEvent, postSlackEvent, SlackStandIn } from '../support/slack-standin.ts';

const SECRET = 'test-signing-secret-redis-7c1d';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

if (!redisAvailable) {
  console.warn('redis-server is not installed: the shared-state (Redis) tests are skipped');
}

function mentionBody(standIn: SlackStandIn, n: number, user = 'UASKER') {
  const text = 'Who is Sergey Lavrov?';
  return appMentionEvent(standIn, { eventId: `EvRedis${n}`, ts: `1800000200.00000${n}`, text, user });
}

const deliver = (port: number, payload: Record<string, unknown>) => postSlackEvent(port, SECRET, payload);

/** One bot process's worth of Newsdesk (Slack, HTTP mode), on the shared Redis. */
async function startReplica(standIn: SlackStandIn, redisUrl: string, env: Record<string, string> = {}) {
  const replica = await startSlackReplica(standIn, SECRET, {
    WATCH_ARTICLES: 'false',
    REDIS_URL: redisUrl,
    ...env,
  });
  cleanups.push(() => replica.app.stop(0));
  return replica;
}

describe.skipIf(!redisAvailable)('two bot processes sharing one Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("a user's rate limit is one limit across both processes", async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const limits = { RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '2' };
    const a = await startReplica(standIn, redis.url, limits);
    const b = await startReplica(standIn, redis.url, limits);
    expect(a.lines.some((l) => l.message.startsWith('Sharing rate limits'))).toBe(true);

    // One question to each, then a third to the first: with limits per process it would be answered.
    await deliver(a.port, mentionBody(standIn, 1));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'the first answer');
    await deliver(b.port, mentionBody(standIn, 2));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 2, 'the second answer');
    await deliver(a.port, mentionBody(standIn, 3));
    const slowDown = await eventually(() => standIn.callsTo('chat.postEphemeral')[0], 'the slow-down notice');
    expect(slowDown.args).toMatchObject({ user: 'UASKER', thread_ts: '1800000200.000003' });
    expect(String(slowDown.args.text)).toMatch(/try again in \d+ s/);
    // Another user is not limited by the first one's questions.
    await deliver(b.port, mentionBody(standIn, 4, 'UOTHER'));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 3, 'the other user answered');
    await settled(a, b);
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(3);
    expect(standIn.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('a Slack event delivered to both processes is answered once', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const a = await startReplica(standIn, redis.url);
    const b = await startReplica(standIn, redis.url);

    const event = mentionBody(standIn, 5);
    const statuses = await Promise.all([deliver(a.port, event), deliver(b.port, event)]);
    expect(statuses).toEqual([200, 200]);
    // The same message redelivered under a new event id (Slack retries reuse the id; a second
    // subscription does not) is recognised by its channel and ts.
    await deliver(b.port, { ...event, event_id: 'EvRedisOther5' });
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'one answer');
    await settled(a, b);
    // A different message still gets its answer, from either process.
    await deliver(b.port, mentionBody(standIn, 6));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 2, 'the next answer');
    await settled(a, b);
    const threads = standIn.callsTo('chat.postMessage').map((c) => c.args.thread_ts);
    expect(threads).toEqual(['1800000200.000005', '1800000200.000006']);
  });

  it('when Redis goes away, questions are still answered, the outage is logged once, and sharing resumes when it is back', async () => {
    const own = await startRedisServer();
    cleanups.push(() => own.stop());
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const a = await startReplica(standIn, own.url, { RATE_LIMIT_BURST: '1', RATE_LIMIT_PER_MINUTE: '1' });

    expect(a.app.health()).toMatchObject({ status: 'ok', redis: 'up' });
    await own.stop();
    // Over the limit of one, but the limit cannot be counted: every question is let through.
    for (let n = 1; n <= 3; n++) await deliver(a.port, mentionBody(standIn, n));
    // A redelivery is still recognised by this process's own memory.
    await deliver(a.port, mentionBody(standIn, 3));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 3, 'three answers');
    await settled(a);
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(3);
    expect(standIn.callsTo('chat.postEphemeral')).toHaveLength(0);
    const outage = a.lines.filter((l) => l.message.startsWith('Redis is unreachable'));
    expect(outage).toHaveLength(1);
    expect(outage[0]?.level).toBe('warn');
    // Still serving (200), and saying what is missing.
    expect(a.app.health()).toMatchObject({ status: 'ok', redis: 'down' });

    const back = await startRedisServer(own.port);
    cleanups.push(() => back.stop());
    await eventually(
      () => a.lines.some((l) => l.message.startsWith('Redis is reachable again')),
      'the reconnection',
      15_000,
    );
    expect(a.app.health().redis).toBe('up');
    // Shared again: the limit of one counts from here.
    await deliver(a.port, mentionBody(standIn, 7));
    await deliver(a.port, mentionBody(standIn, 8));
    await eventually(() => standIn.callsTo('chat.postEphemeral').length === 1, 'the slow-down notice');
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(4);
  });
});

describe('REDIS_URL set but nothing listening', () => {
  it('starts anyway on per-process state, says so once, and answers', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const nowhere = `redis://:not-logged-8d2e@127.0.0.1:${await freePort()}`;
    const a = await startReplica(standIn, nowhere);
    expect(a.app.health()).toMatchObject({ status: 'ok', redis: 'down' });
    await deliver(a.port, mentionBody(standIn, 1));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'the answer');
    const outage = a.lines.filter((l) => l.message.startsWith('Redis is unreachable'));
    expect(outage).toHaveLength(1);
    expect(JSON.stringify(a.lines)).not.toContain('not-logged-8d2e');
  });
});
