import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../src/core/desk.ts';
import { silentLogger } from '../../../src/core/types.ts';
import { loadArticles } from '../../../src/load/load-articles.ts';
import { deskData } from '../../support/desk-data.ts';

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-odd-'));
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(dir, name), content)));
  return dir;
}

describe('odd article files', () => {
  it('reads Windows line endings, a BOM and a missing final newline the same as clean text', async () => {
    const dir = await folder({
      'crlf.txt': 'First paragraph here.\r\nSecond paragraph here.\r\n',
      'bom.md': '\uFEFF---\r\ntitle: With BOM\r\n---\r\nOnly paragraph.',
    });
    const articles = await loadArticles(dir, silentLogger);
    expect(articles.map((a) => [a.id, a.title, a.paragraphs.map((p) => p.text)])).toEqual([
      ['bom', 'With BOM', ['Only paragraph.']],
      ['crlf', 'First paragraph here', ['First paragraph here.', 'Second paragraph here.']],
    ]);
  });

  it('loads and answers from a 5 MB article', async () => {
    const paragraph = (i: number) =>
      `The council of district ${i} approved budget line b${i * 7} for road repairs.`;
    const lines = Array.from({ length: 60_000 }, (_, i) => paragraph(i + 1));
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(4_000_000);
    const dir = await folder({ 'big.txt': text });
    const desk = Desk.build(await loadArticles(dir, silentLogger), deskData);
    expect(desk.stats.paragraphs).toBe(60_000);
    const reply = await desk.ask('budget line b34993');
    expect(reply.kind === 'answer' && reply.passages[0]?.paragraph).toBe(4999);
  });

  it('loads 10,000 tiny articles', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++)
      files[`a${String(i).padStart(5, '0')}.txt`] = `Item ${i} mentions codeword${i}.`;
    const dir = await folder(files);
    const desk = Desk.build(await loadArticles(dir, silentLogger), deskData);
    expect(desk.stats.articles).toBe(10_000);
    const reply = await desk.ask('codeword4321');
    expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('a04321');
  });
});
