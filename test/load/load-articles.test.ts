import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/types.ts';
import { loadArticles } from '../../src/load/load-articles.ts';

function recordingLogger() {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
  return { logger, warnings };
}

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-articles-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('loadArticles', () => {
  it('loads the seeds, sorted by id', async () => {
    const articles = await loadArticles('seeds', recordingLogger().logger);
    expect(articles.map((a) => a.id)).toEqual(['000_dd76f0093fce23e0', '004_0e424af2726a1a76']);
  });

  it('skips broken files with a warning naming each, and serves the rest', async () => {
    const dir = await folder({
      'good.md': 'A good article about the harbour.',
      'empty.txt': '  \n\n',
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
      'notes.json': '{"ignored": true}',
    });
    await mkdir(path.join(dir, 'folder.txt'));
    const { logger, warnings } = recordingLogger();
    const articles = await loadArticles(dir, logger);
    expect(articles.map((a) => a.id)).toEqual(['good']);
    expect(warnings.join('\n')).toMatch(/binary\.txt.*not text/);
    expect(warnings.join('\n')).toMatch(/empty\.txt.*empty/);
    expect(warnings.join('\n')).toMatch(/folder\.txt/);
    expect(warnings.join('\n')).not.toMatch(/notes\.json/);
  });

  it('reads Latin-1 files and strips a byte-order mark', async () => {
    const dir = await folder({
      'latin.txt': Buffer.from('Caf\xe9 owners in Mal\xe1ga protested.', 'latin1'),
      'bom.txt': `\uFEFFFirst paragraph.\r\nSecond paragraph.`,
    });
    const articles = await loadArticles(dir, recordingLogger().logger);
    expect(articles.find((a) => a.id === 'latin')?.paragraphs[0]?.text).toBe(
      'Café owners in Malága protested.',
    );
    expect(articles.find((a) => a.id === 'bom')?.paragraphs.map((p) => p.text)).toEqual([
      'First paragraph.',
      'Second paragraph.',
    ]);
  });

  it('fails clearly when the folder is missing', async () => {
    await expect(loadArticles('no/such/folder', recordingLogger().logger)).rejects.toThrow(
      /Newsdesk: the articles folder "no\/such\/folder" does not exist/,
    );
  });

  it('fails clearly when the folder has no articles', async () => {
    const dir = await folder({ 'readme.json': '{}', 'blank.txt': '' });
    await expect(loadArticles(dir, recordingLogger().logger)).rejects.toMatchObject({ code: 'seeds-empty' });
  });
});
