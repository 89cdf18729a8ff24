import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type PostgresServer, postgresUnavailable, startPostgresServer } from '../support/postgres-server.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { settled, startSlackReplica } from '../support/slack-replica.ts';
import { appMentionEvent, postSlackEvent, SlackStandIn } from '../support/slack-standin.ts';

const SECRET = 'test-signing-secret-pg-4b7e';
const skip = postgresUnavailable ?? (redisAvailable ? undefined : 'redis-server is not installed');
if (skip) console.warn(`${skip}: the two-processes-on-PostgreSQL-and-Redis tests are skipped`);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function mention(standIn: SlackStandIn, n: number, text: string, user = 'UASKER') {
  return appMentionEvent(standIn, { eventId: `EvPg${n}`, ts: `1800000300.00000${n}`, text, user });
}

const deliver = (port: number, payload: Record<string, unknown>) => postSlackEvent(port, SECRET, payload);

describe.skipIf(skip)('two bot processes on one PostgreSQL database and one Redis', () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
  });
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  /** A folder of the seed articles, shared by both processes (a volume both mount). */
  function sharedFolder(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-pg-seeds-'));
    cpSync('seeds', dir, { recursive: true });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async function startReplica(standIn: SlackStandIn, databaseUrl: string, env: Record<string, string>) {
    const replica = await startSlackReplica(standIn, SECRET, {
      REDIS_URL: redis.url,
      SEARCH_BACKEND: 'postgres',
      DATABASE_URL: databaseUrl,
      ...env,
    });
    cleanups.push(() => replica.app.stop(0));
    return replica;
  }

  it('one rate limit across both, a Slack event delivered to both answered once, and never the password logged', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const url = await postgres.database('replicas_limits');
    const dir = sharedFolder();
    const limits = {
      RATE_LIMIT_BURST: '2',
      RATE_LIMIT_PER_MINUTE: '2',
      SEEDS_DIR: dir,
      WATCH_ARTICLES: 'false',
    };
    const a = await startReplica(standIn, url, limits);
    const b = await startReplica(standIn, url, limits);
    expect({ ...a.app.desk.stats, builtAt: 0 }).toEqual({ ...b.app.desk.stats, builtAt: 0 });

    const event = mention(standIn, 1, 'Who is Sergey Lavrov?');
    expect(await Promise.all([deliver(a.port, event), deliver(b.port, event)])).toEqual([200, 200]);
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'one answer');
    expect(String(standIn.callsTo('chat.postMessage')[0]?.args.text)).toMatch(/Lavrov/);
    await deliver(b.port, mention(standIn, 2, 'Who is Sergey Lavrov?'));
    await eventually(() => standIn.callsTo('chat.postMessage').length === 2, 'the second answer');
    // A third question to the other process: over the user's one limit of two.
    await deliver(a.port, mention(standIn, 3, 'Who is Sergey Lavrov?'));
    await eventually(() => standIn.callsTo('chat.postEphemeral')[0], 'the slow-down notice');
    await settled(a, b);
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(2);
    expect(JSON.stringify([...a.lines, ...b.lines])).not.toContain(postgres.password);
  });

  // How soon (issue 18: within 5 s) is measured by `npm run bench:replicas`, not here: a timed test fails on a busy machine.
  it('an article added to the folder through one process is answered by the other', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const url = await postgres.database('replicas_ingest');
    const dir = sharedFolder();
    // Only the first watches the folder: the second learns of the article from the database alone.
    const a = await startReplica(standIn, url, { SEEDS_DIR: dir, WATCH_ARTICLES: 'true' });
    const b = await startReplica(standIn, url, { SEEDS_DIR: dir, WATCH_ARTICLES: 'false' });
    const before = b.app.desk.stats.articles;

    writeFileSync(
      path.join(dir, 'lighthouse.md'),
      '---\ntitle: Lighthouse keeper retires\npublished: 2026-01-05\n---\nThe lighthouse keeper of Skerryvore, Morag Petrie, retired after forty years tending the lamp.\n',
    );
    await eventually(() => b.app.desk.stats.articles === before + 1, 'the other process to have the article');
    await deliver(b.port, mention(standIn, 4, 'Who is the lighthouse keeper of Skerryvore?'));
    const answer = await eventually(() => standIn.callsTo('chat.postMessage')[0], 'the answer');
    expect(JSON.stringify(answer.args)).toMatch(/Morag Petrie/);
    expect(JSON.stringify(answer.args)).toMatch(/Lighthouse keeper retires/);
    // The first process, which watches the folder, synced it into the database (and says what changed: it may
    // say so a moment after the other process has answered, which the database's announcement can outrun).
    const synced = 'Synced the articles folder into PostgreSQL: +1, −0, ~0 changed';
    await eventually(() => a.lines.some((l) => l.message === synced), `"${synced}" in the first one's log`);
  });
});
