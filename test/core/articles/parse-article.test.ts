import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/parse-article.ts';

const seed = (name: string) => readFileSync(new URL(`../../../seeds/${name}.txt`, import.meta.url), 'utf8');

describe('parseArticle', () => {
  it('numbers paragraphs as they stand in the file, furniture included', () => {
    const article = parseArticle('000_dd76f0093fce23e0', seed('000_dd76f0093fce23e0'));
    expect(article?.paragraphs).toHaveLength(17);
    expect(article?.paragraphs[4]?.text).toMatch(/^According to South Korean assessments/);
    expect(article?.paragraphs[4]?.n).toBe(5);
    expect(article?.paragraphs.slice(14).map((p) => p.kind)).toEqual(['furniture', 'furniture', 'furniture']);
  });

  it('marks subheadings and gives the paragraphs below them that context', () => {
    const article = parseArticle('004_0e424af2726a1a76', seed('004_0e424af2726a1a76'));
    expect(article?.paragraphs[8]).toMatchObject({ n: 9, kind: 'heading', text: 'Tense relationship' });
    expect(article?.paragraphs[9]).toMatchObject({ n: 10, kind: 'body', heading: 'Tense relationship' });
  });

  it('derives a sensible title from the opening sentence when there is no front matter', () => {
    const article = parseArticle('004', seed('004_0e424af2726a1a76'));
    expect(article?.title.length).toBeLessThanOrEqual(80);
    expect(article?.title).toMatch(/^North Korean leader Kim Jong Un pledged full support for Russia/);
    expect(article?.title.endsWith('…')).toBe(true);
  });

  it('reads title, url, source and published from front matter and numbers the body after it', () => {
    const text = [
      '---',
      'title: "Council backs new bridge"',
      'url: https://example.com/bridge',
      'source: Example Gazette',
      'published: 2026-03-02',
      'author: ignored',
      '---',
      'The council backed the bridge.',
      'Work starts in May.',
    ].join('\n');
    const article = parseArticle('bridge', text);
    expect(article).toMatchObject({
      id: 'bridge',
      title: 'Council backs new bridge',
      url: 'https://example.com/bridge',
      source: 'Example Gazette',
      published: '2026-03-02',
    });
    expect(article?.paragraphs.map((p) => [p.n, p.text])).toEqual([
      [1, 'The council backed the bridge.'],
      [2, 'Work starts in May.'],
    ]);
  });

  it('names the publisher from the furniture when nothing else does', () => {
    const article = parseArticle('000', seed('000_dd76f0093fce23e0'));
    expect(article?.source).toBe('DonegalLive.ie');
  });

  it('returns nothing for a file without paragraphs', () => {
    expect(parseArticle('empty', '---\ntitle: x\n---\n\n  \n')).toBeUndefined();
  });
});
