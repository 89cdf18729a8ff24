import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractHtmlArticle } from '../../../src/core/articles/html-article.ts';
import type { Logger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { articlePage, STORIES } from '../../support/news-pages.ts';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const [bridge] = STORIES as [(typeof STORIES)[number]];
const URL = 'https://gazette.example/news/harbour-bridge-vote';

describe('HTML articles', () => {
  it('reads a news page: metadata from the head, only the main text as paragraphs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-html-'));
    await writeFile(path.join(dir, 'bridge.html'), articlePage(bridge, URL));
    const [article] = await loadArticles(dir, quiet);
    expect(article).toMatchObject({
      id: 'bridge',
      title: bridge.title,
      url: URL,
      source: 'Port Ellery Gazette',
      published: bridge.published,
    });
    const body = article?.paragraphs.filter((p) => p.kind === 'body').map((p) => p.text);
    expect(body).toEqual(bridge.paragraphs);
    const heading = article?.paragraphs.find((p) => p.kind === 'heading');
    expect(heading?.text).toBe('What happens next');
    expect(article?.paragraphs.at(-1)?.heading).toBe('What happens next');
    const all = article?.paragraphs.map((p) => p.text).join('\n') ?? '';
    for (const never of [
      'cookie',
      'Sport',
      'dusk',
      'Placeholder',
      'newsletter',
      'Ferry',
      'All rights',
      'dataLayer',
      'trackRead',
      '<p>',
    ]) {
      expect(all).not.toContain(never);
    }
  });

  it('takes the title from <title> without its site suffix, and the date from JSON-LD or <time>', () => {
    const page = `<html><head><title>Ferry strike ends - Harbour Times</title>
      <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2026-01-05"}]}</script></head>
      <body><article><p>The ferry crews returned to work on Monday after a three-day strike over rosters ended.</p></article></body></html>`;
    expect(extractHtmlArticle(page).meta).toEqual({ title: 'Ferry strike ends', published: '2026-01-05' });
    const timed = `<html><body><h1>Tide tables</h1><time datetime="2026-02-01T06:00">1 Feb</time><p>High water is at six in the morning all week, the harbour office says.</p></body></html>`;
    expect(extractHtmlArticle(timed).meta).toEqual({ title: 'Tide tables', published: '2026-02-01T06:00' });
  });

  it('reads a line break as a space between words', () => {
    const page =
      '<html><body><article><p>The ferry leaves at noon<br>and returns at six every day of the week, the operator says.</p></article></body></html>';
    expect(extractHtmlArticle(page).blocks).toEqual([
      'The ferry leaves at noon and returns at six every day of the week, the operator says.',
    ]);
  });

  it('skips a page with no text or too large, naming it, and still reads the others (malformed HTML too)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-html-'));
    await writeFile(path.join(dir, 'bridge.htm'), articlePage(bridge, URL));
    await writeFile(
      path.join(dir, 'huge.html'),
      `<html><body><p>${'filler '.repeat(2_000_000)}</p></body></html>`,
    );
    await writeFile(
      path.join(dir, 'empty.html'),
      '<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>',
    );
    await writeFile(
      path.join(dir, 'broken.html'),
      '<html><body><p>Unclosed <b>tags <div>and <p>The lifeboat crew rescued two sailors off the point on Sunday evening.',
    );
    const warnings: string[] = [];
    const articles = await loadArticles(dir, { ...quiet, warn: (m) => warnings.push(m) });
    expect(articles.map((a) => a.id)).toEqual(['bridge', 'broken']);
    expect(articles[1]?.paragraphs.map((p) => p.text).join(' ')).toContain(
      'lifeboat crew rescued two sailors',
    );
    expect(warnings).toEqual([
      expect.stringMatching(/empty\.html.*no article text/),
      expect.stringMatching(/huge\.html: is too large for an HTML page \(13 MB; the limit is 10 MB\)/),
    ]);
  });
});
