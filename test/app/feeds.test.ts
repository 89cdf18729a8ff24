import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsdesk } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import type { Logger } from '../../src/core/types.ts';
import { FeedFollower } from '../../src/ingest/feed-follower.ts';
import type { HealthStatus } from '../../src/ops/health-server.ts';
import { renderPlainText } from '../../src/render/plain-text.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { articlePage, type NewsSite, rssFeed, STORIES, startNewsSite } from '../support/news-pages.ts';

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

async function seedsFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-feeds-'));
  for (const name of await readdir('seeds')) await copyFile(path.join('seeds', name), path.join(dir, name));
  return dir;
}

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
  return { logger, warnings };
}

describe('following feeds (FEEDS)', () => {
  it('reads FEEDS and FEED_INTERVAL_MINUTES, naming a URL that is not http(s)', () => {
    const good = readConfig({ FEEDS: 'https://a.example/rss, https://b.example/atom.xml' });
    expect(good.ok && good.config.feeds).toEqual({
      urls: ['https://a.example/rss', 'https://b.example/atom.xml'],
      intervalMinutes: 15,
    });
    const bad = readConfig({ FEEDS: 'https://a.example/rss,file:///etc/passwd', FEED_INTERVAL_MINUTES: '0' });
    expect(bad.ok ? [] : bad.errors).toEqual([
      'FEED_INTERVAL_MINUTES must be a whole number from 1 to 1440 (got "0").',
      'FEEDS: "file:///etc/passwd" is not an http(s) URL.',
    ]);
  });

  it('ingests the feeds at start-up, answers from them, and shows each feed on /healthz and /metrics', async () => {
    const dir = await seedsFolder();
    const port = await freePort();
    const result = readConfig({
      SEEDS_DIR: dir,
      SNAPSHOT_DIR: 'off',
      HEALTH_PORT: String(port),
      FEEDS: `${site.base}/feed.rss, ${site.base}/broken.xml`,
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { logger, warnings } = recordingLogger();
    const app = await startNewsdesk(result.config, { logger });
    try {
      await eventually(() => app.desk.stats.articles === 4, 'the two feed articles in the index');
      const reply = await runCommand(app.desk, {
        name: 'ask',
        question: 'Who was the last keeper of the Gull Rock lighthouse?',
      });
      expect(renderPlainText(reply)).toContain('Tobias Wren');
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as HealthStatus;
      const feeds = health.feeds ?? {};
      expect(feeds[`${site.base}/feed.rss`]).toMatchObject({
        articlesAdded: 2,
        lastSuccess: expect.any(String),
      });
      expect(feeds[`${site.base}/broken.xml`]).toMatchObject({
        articlesAdded: 0,
        lastError: expect.stringMatching(/not a valid RSS or Atom feed/),
      });
      expect(feeds[`${site.base}/broken.xml`]?.lastSuccess).toBeUndefined();
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain(`newsdesk_feed_articles_added_total{feed="${site.base}/feed.rss"} 2`);
      expect(metrics).toContain(`newsdesk_feed_failures_total{feed="${site.base}/broken.xml"} 1`);
      expect(warnings.join('\n')).toContain(
        `Feed ${site.base}/broken.xml failed: not a valid RSS or Atom feed`,
      );
    } finally {
      await app.stop(0);
    }
  });

  it('starts from feeds alone: an empty folder is filled by the first round before the desk opens', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-feeds-empty-'));
    const result = readConfig({ SEEDS_DIR: dir, SNAPSHOT_DIR: 'off', FEEDS: `${site.base}/feed.atom` });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const app = await startNewsdesk(result.config, { logger: recordingLogger().logger });
    try {
      expect(app.desk.stats.articles).toBe(2);
      const reply = await runCommand(app.desk, {
        name: 'ask',
        question: 'When does construction of the harbour bridge begin?',
      });
      expect(renderPlainText(reply)).toContain('[1] Council backs harbour bridge after long debate');
    } finally {
      await app.stop(0);
    }
  });

  it('retries a failing feed next round, and asks conditionally for one that has not changed', async () => {
    const dir = await seedsFolder();
    let up = false;
    site.route('/flaky.rss', (_req, res) => {
      if (!up) return void res.writeHead(503).end();
      const [, keeper] = STORIES;
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed([{ title: keeper?.title ?? '', link: `${site.base}/flaky-story` }]));
    });
    site.route('/flaky-story', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(articlePage(STORIES[1] ?? (STORIES[0] as (typeof STORIES)[number]), `${site.base}/flaky-story`)),
    );
    const { logger, warnings } = recordingLogger();
    const added: string[] = [];
    const follower = new FeedFollower({
      feeds: [`${site.base}/flaky.rss`, `${site.base}/feed.rss`],
      seedsDir: dir,
      intervalMinutes: 60,
      logger,
      onAdded: (files) => added.push(...files),
    });
    await follower.runRound();
    expect(follower.status()[`${site.base}/flaky.rss`]).toMatchObject({
      lastError: 'HTTP 503 Service Unavailable',
      articlesAdded: 0,
    });
    expect(warnings).toContain(
      `Feed ${site.base}/flaky.rss failed: HTTP 503 Service Unavailable (retrying next round)`,
    );
    expect(added).toHaveLength(2);
    up = true;
    await follower.runRound();
    expect(follower.status()[`${site.base}/flaky.rss`]).toMatchObject({
      lastError: undefined,
      articlesAdded: 1,
    });
    expect(site.requests.filter((r) => r.path === '/feed.rss').at(-1)?.ifNoneMatch).toBe('"rss-1"');
    expect(added).toHaveLength(3);
    await follower.stop();
  });
});
