/**
 * Article files as people write them (issue 13, item 7), read through the loader and answered from: a headline
 * on the first line, hard-wrapped text without blank lines, front matter from Hugo or Jekyll, a `---` that is
 * never closed.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk.ts';
import type { Logger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { renderJson } from '../../../src/render/json.ts';
import { deskData } from '../../support/desk-data.ts';

async function load(files: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-shapes-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
  const articles = await loadArticles(dir, logger);
  return { articles, warnings, desk: Desk.build(articles, deskData) };
}

describe('article files as people write them', () => {
  it('takes a first-line headline as the title and never cites it as the answer', async () => {
    const { articles, desk } = await load({
      'harbour.txt': [
        'Harbour town votes to rebuild storm-damaged pier by next summer',
        'Councillors in the harbour town voted on Monday to rebuild the pier wrecked by last winter’s storms.',
        'The work is expected to cost 4 million euros and to finish by next summer, the council said.',
      ].join('\n'),
    });
    const [article] = articles;
    expect(article?.title).toBe('Harbour town votes to rebuild storm-damaged pier by next summer');
    expect(article?.paragraphs.map((p) => [p.n, p.kind])).toEqual([
      [1, 'heading'],
      [2, 'body'],
      [3, 'body'],
    ]);
    const answer = renderJson(
      'When will the pier be rebuilt?',
      await desk.ask('When will the pier be rebuilt?'),
    );
    expect(answer.answered).toBe(true);
    expect(answer.results.map((r) => r.paragraph)).not.toContain(1);
    expect(answer.answer).not.toContain('Harbour town votes');
  });

  it('takes a Markdown # heading on the first line as the title', async () => {
    const { articles } = await load({
      'bridge.md': '# Council backs new bridge\n\nThe council backed the bridge on Tuesday.\n',
    });
    expect(articles[0]?.title).toBe('Council backs new bridge');
  });

  it('joins the lines of a hard-wrapped file without blank lines, so no sentence is split', async () => {
    const text = [
      'Storm closes ferry route',
      'The ferry between the island and the mainland was cancelled for a second day',
      'on Wednesday as gales battered the coast, and the operator said it would not',
      'sail again before Thursday.',
      'Islanders queued at the shop for bread and milk, which last arrived on the',
      'Monday boat, and the school was closed until further notice.',
    ].join('\n');
    const { articles } = await load({ 'ferry.txt': text });
    expect(articles[0]?.paragraphs.map((p) => p.text)).toEqual([
      'Storm closes ferry route',
      'The ferry between the island and the mainland was cancelled for a second day on Wednesday as gales battered the coast, and the operator said it would not sail again before Thursday.',
      'Islanders queued at the shop for bread and milk, which last arrived on the Monday boat, and the school was closed until further notice.',
    ]);
  });

  it('still reads a file written one paragraph per line as one paragraph a line', async () => {
    const line = (n: number) =>
      `Paragraph ${n} of the report goes on for a good while about the council, the harbour and the budget for the coming year, as reports do`;
    const { articles } = await load({ 'long-lines.txt': [1, 2, 3, 4].map(line).join('\n') });
    expect(articles[0]?.paragraphs).toHaveLength(4);
  });

  it('reads the common front matter aliases: date, canonical_url, publisher, headline', async () => {
    const { articles } = await load({
      'hugo.md': [
        '---',
        'headline: "Council backs new bridge"',
        'date: 2026-03-02T09:00:00Z',
        'canonical_url: https://example.com/news/bridge',
        'publisher: Example Gazette',
        'tags: [council, bridge]',
        '---',
        'The council backed the bridge on Tuesday.',
      ].join('\n'),
      'jekyll.md': [
        '---',
        'title: Ferry cancelled',
        'published: true',
        'date: 2026-01-05',
        'permalink: https://example.com/ferry',
        'site_name: Island News',
        '---',
        'The ferry was cancelled.',
      ].join('\n'),
    });
    expect(articles.map(({ title, published, url, source }) => ({ title, published, url, source }))).toEqual([
      {
        title: 'Council backs new bridge',
        published: '2026-03-02T09:00:00Z',
        url: 'https://example.com/news/bridge',
        source: 'Example Gazette',
      },
      {
        title: 'Ferry cancelled',
        published: '2026-01-05',
        url: 'https://example.com/ferry',
        source: 'Island News',
      },
    ]);
  });

  it('warns, naming the file, about front matter that is never closed, and reads it up to the first blank line', async () => {
    const { articles, warnings } = await load({
      'unclosed.md':
        '---\ntitle: Council backs new bridge\nsource: Example Gazette\n\nThe council backed the bridge.\n',
    });
    expect(articles[0]).toMatchObject({ title: 'Council backs new bridge', source: 'Example Gazette' });
    expect(articles[0]?.paragraphs.map((p) => p.text)).toEqual(['The council backed the bridge.']);
    expect(warnings).toEqual([
      'Article file unclosed.md: its front matter (opened by "---" on line 1) is never closed; read up to the first blank line',
    ]);
  });

  it('warns about a lone opening "---" and reads the rest as text, not as headings', async () => {
    const { articles, warnings } = await load({
      'rule.txt': '---\nThe council backed the bridge on Tuesday.\nWork starts in May.\n',
    });
    expect(articles[0]?.paragraphs.map((p) => [p.text, p.kind])).toEqual([
      ['The council backed the bridge on Tuesday.', 'body'],
      ['Work starts in May.', 'body'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Article file rule\.txt: it starts with "---"/);
  });
});
