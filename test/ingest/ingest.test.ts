import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/types.ts';
import { Ingester } from '../../src/ingest/ingest.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { type NewsSite, STORIES, startNewsSite } from '../support/news-pages.ts';
import { runProcess, TSX } from '../support/run-process.ts';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

const emptyFolder = () => mkdtemp(path.join(tmpdir(), 'newsdesk-ingest-'));
const mdFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();

describe('ingest', () => {
  it('reads an RSS feed into Markdown files the loader reads, once per article, and again adds nothing', async () => {
    const dir = await emptyFolder();
    const ingester = new Ingester({ seedsDir: dir });
    const [report] = await ingester.ingest([`${site.base}/feed.rss`]);
    expect(report).toMatchObject({ kind: 'feed' });
    expect(report?.error).toBeUndefined();
    expect(report?.added).toHaveLength(2);
    // The AMP copy of the first story has the same canonical URL: not saved twice.
    expect(report?.known).toBe(1);
    expect(report?.problems).toEqual(['item "Harbour webcam is back online" has no link: skipped']);
    const files = await mdFiles(dir);
    expect(files).toHaveLength(2);
    const text = await readFile(path.join(dir, files[0] ?? ''), 'utf8');
    expect(text).toMatch(
      /^---\ntitle: Council backs harbour bridge after long debate\nurl: http:\/\/127\.0\.0\.1:\d+\/news\/harbour-bridge-vote\nsource: Port Ellery Gazette\npublished: 2026-03-02T09:30:00Z\n---\n/,
    );
    const articles = await loadArticles(dir, quiet);
    expect(articles.map((a) => a.title).sort()).toEqual(STORIES.map((s) => s.title).sort());
    const bridge = articles.find((a) => a.title === STORIES[0]?.title);
    expect(bridge?.paragraphs.filter((p) => p.kind === 'body').map((p) => p.text)).toEqual(
      STORIES[0]?.paragraphs,
    );
    expect(site.requests.every((r) => r.userAgent?.startsWith('Newsdesk/'))).toBe(true);

    // A new process (no memory of the first run) reading the feed and the Atom feed adds nothing.
    const again = await new Ingester({ seedsDir: dir }).ingest([
      `${site.base}/feed.rss`,
      `${site.base}/feed.atom`,
    ]);
    expect(again.map((r) => r.added.length)).toEqual([0, 0]);
    expect(again[1]?.known).toBe(2);
    expect(await mdFiles(dir)).toEqual(files);
  });

  it('reads an Atom feed and a single page', async () => {
    const dir = await emptyFolder();
    const [atom] = await new Ingester({ seedsDir: dir }).ingest([`${site.base}/feed.atom`]);
    expect(atom?.added).toHaveLength(2);
    const other = await emptyFolder();
    const [page] = await new Ingester({ seedsDir: other }).ingest([
      `${site.base}/news/lighthouse-keeper-retires`,
    ]);
    expect(page).toMatchObject({
      kind: 'page',
      added: [expect.stringMatching(/^last-lighthouse-keeper-on-gull-rock-retires-[0-9a-f]{8}\.md$/)],
    });
  });

  it('asks for a feed conditionally the second time and adds nothing when it has not changed', async () => {
    const dir = await emptyFolder();
    const ingester = new Ingester({ seedsDir: dir });
    await ingester.ingest([`${site.base}/feed.rss`]);
    const [second] = await ingester.ingest([`${site.base}/feed.rss`]);
    expect(second).toMatchObject({ notModified: true, added: [] });
    expect(site.requests.filter((r) => r.path === '/feed.rss').at(-1)?.ifNoneMatch).toBe('"rss-1"');
  });

  it('names each bad URL with a reason, and still ingests the good ones', async () => {
    const dir = await emptyFolder();
    const bad = ['/broken.xml', '/huge', '/loop', '/photo.png', '/hang', '/missing'].map(
      (p) => site.base + p,
    );
    const reports = await new Ingester({ seedsDir: dir, limits: { timeoutMs: 1_500 } }).ingest([
      ...bad,
      'ftp://127.0.0.1/feed.rss',
      `${site.base}/malformed.html`,
      `${site.base}/news/harbour-bridge-vote`,
    ]);
    const errors = Object.fromEntries(reports.map((r) => [r.url.replace(site.base, ''), r.error]));
    expect(errors).toEqual({
      '/broken.xml': expect.stringMatching(/not a valid RSS or Atom feed/),
      '/huge': expect.stringMatching(/too large/),
      '/loop': expect.stringMatching(/more than 5 redirects/),
      '/photo.png': expect.stringMatching(/not an HTML page or a feed \(content type image\/png\)/),
      '/hang': expect.stringMatching(/no answer within 2 s/),
      '/missing': 'HTTP 404 Not Found',
      'ftp://127.0.0.1/feed.rss': expect.stringMatching(/only http and https/),
      '/malformed.html': undefined,
      '/news/harbour-bridge-vote': undefined,
    });
    const articles = await loadArticles(dir, quiet);
    expect(articles.map((a) => a.title).sort()).toEqual([
      'Council backs harbour bridge after long debate',
      'Pier reopens',
    ]);
    const pier = articles.find((a) => a.title === 'Pier reopens');
    expect(pier?.paragraphs.map((p) => p.text).join(' ')).toContain('The pier reopened on Saturday');
  });

  it('npm run ingest prints a one-line summary, names failures on stderr without a stack, exit 1', async () => {
    const dir = await emptyFolder();
    const result = await runProcess(
      TSX,
      ['src/cli/ingest.ts', `${site.base}/feed.atom`, `${site.base}/loop`],
      {
        env: { SEEDS_DIR: dir },
      },
    );
    expect(result.stdout).toBe(
      `Ingested 2 new articles from 2 URLs (0 already had, 1 URL failed) into ${dir}\n`,
    );
    expect(result.stderr).toBe(`Could not ingest ${site.base}/loop: more than 5 redirects\n`);
    expect(result.code).toBe(1);
    const usage = await runProcess(TSX, ['src/cli/ingest.ts'], { env: { SEEDS_DIR: dir } });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/no URL given[\s\S]*Usage: npm run ingest/);
  });
});
