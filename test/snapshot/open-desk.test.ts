import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/core/desk.ts';
import type { Logger } from '../../src/core/types.ts';
import { KEEP_SNAPSHOTS, snapshotFile } from '../../src/snapshot/desk-snapshot.ts';
import { openDesk } from '../../src/snapshot/open-desk.ts';
import { deskData } from '../support/desk-data.ts';

const QUESTIONS = [
  'How many troops has North Korea sent to Russia?',
  'who is sergey lavrof',
  'Where did Putin and Kim meet?',
  'What is the capital of France?',
  'When does the farmers market move?',
];
const MARKET = 'The farmers market moves to the town square every Saturday from next month.';
const dirs: string[] = [];

async function folders() {
  const root = await mkdtemp(path.join(tmpdir(), 'newsdesk-snapshot-'));
  dirs.push(root);
  const seedsDir = path.join(root, 'seeds');
  await cp('seeds', seedsDir, { recursive: true });
  const messages: string[] = [];
  const logger: Logger = {
    debug: (m) => messages.push(m),
    info: (m) => messages.push(m),
    warn: (m) => messages.push(m),
    error: (m) => messages.push(m),
  };
  const now = () => new Date('2026-11-22T12:00:00Z');
  return { seedsDir, snapshotDir: path.join(root, 'cache'), logger, messages, now, ...deskData };
}

const answers = (desk: Desk) => Promise.all(QUESTIONS.map((q) => desk.ask(q)));

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('openDesk', () => {
  it('builds, writes a snapshot, and the next start loads it with identical answers', async () => {
    const options = await folders();
    const built = await openDesk(options);
    expect(built.fromSnapshot).toBe(false);
    await built.saveSnapshot();
    const loaded = await openDesk(options);
    expect(loaded.fromSnapshot).toBe(true);
    expect(await answers(loaded.desk)).toEqual(await answers(built.desk));
    expect(loaded.desk.summaries()).toEqual(built.desk.summaries());
    expect(loaded.library.articles()).toEqual(built.library.articles());
  });

  it('ignores a stale snapshot when an article file changes, and answers from the new articles', async () => {
    const options = await folders();
    await (await openDesk(options)).saveSnapshot();
    await writeFile(path.join(options.seedsDir, 'market.md'), MARKET);
    const reopened = await openDesk(options);
    expect(reopened.fromSnapshot).toBe(false);
    expect(options.messages).toContain('The index snapshot is stale: rebuilding the index');
    const reply = await reopened.desk.ask('When does the farmers market move?');
    expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('market');
    // Touching a file (same bytes, new time) is a change too.
    await reopened.saveSnapshot();
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(options.seedsDir, 'market.md'), later, later);
    expect((await openDesk(options)).fromSnapshot).toBe(false);
  });

  it('ignores a damaged snapshot and never writes one when loading failed', async () => {
    const options = await folders();
    const built = await openDesk(options);
    await built.saveSnapshot();
    const file = snapshotFile({ dir: options.snapshotDir, seedsDir: options.seedsDir });
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length - 100));
    const reopened = await openDesk(options);
    expect(reopened.fromSnapshot).toBe(false);
    expect(options.messages).toContain('Ignoring an index snapshot that cannot be used');
    expect(await answers(reopened.desk)).toEqual(await answers(built.desk));

    const missing = { ...options, seedsDir: path.join(options.seedsDir, 'nowhere') };
    await expect(openDesk(missing)).rejects.toThrow();
  });

  it('reloads changed articles after starting from a snapshot', async () => {
    const options = await folders();
    await (await openDesk(options)).saveSnapshot();
    const { desk, library, fromSnapshot } = await openDesk(options);
    expect(fromSnapshot).toBe(true);
    await writeFile(path.join(options.seedsDir, 'market.md'), MARKET);
    const report = await library.reload(desk);
    expect(report).toMatchObject({ added: ['market.md'], changed: [], removed: [], rebuilt: true });
    const reply = await desk.ask('When does the farmers market move?');
    expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('market');
  });

  it('neither reads nor writes a snapshot when snapshots are off', async () => {
    const options = await folders();
    const off = { ...options, snapshotDir: undefined };
    await (await openDesk(off)).saveSnapshot();
    await expect(readdir(options.snapshotDir)).rejects.toThrow();
    expect((await openDesk(off)).fromSnapshot).toBe(false);
  });

  it('keeps a snapshot per articles folder, so alternating folders each start from their own', async () => {
    const options = await folders();
    const other = { ...options, seedsDir: path.join(path.dirname(options.seedsDir), 'other') };
    await mkdir(other.seedsDir);
    await writeFile(path.join(other.seedsDir, 'market.md'), MARKET);
    await (await openDesk(options)).saveSnapshot();
    await (await openDesk(other)).saveSnapshot();
    for (const place of [options, other, options, other])
      expect((await openDesk(place)).fromSnapshot).toBe(true);
    const reply = await (await openDesk(other)).desk.ask('When does the farmers market move?');
    expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('market');
  });

  it(`keeps only the ${KEEP_SNAPSHOTS} most recently written snapshots`, async () => {
    const options = await folders();
    for (let i = 0; i < KEEP_SNAPSHOTS + 2; i++) {
      const seedsDir = path.join(path.dirname(options.seedsDir), `folder-${i}`);
      await mkdir(seedsDir);
      await writeFile(path.join(seedsDir, 'market.md'), MARKET);
      await (await openDesk({ ...options, seedsDir })).saveSnapshot();
    }
    expect((await readdir(options.snapshotDir)).filter((n) => n.endsWith('.json'))).toHaveLength(
      KEEP_SNAPSHOTS,
    );
  });
});

describe('openDesk reading the snapshot in a worker thread (a large one)', () => {
  const inWorker = async () => ({ ...(await folders()), snapshotWorkerMinBytes: 0 });

  it('loads it with the same answers, articles and files as a snapshot read here', async () => {
    const options = await inWorker();
    const built = await openDesk(options);
    await built.saveSnapshot();
    const loaded = await openDesk(options);
    expect(loaded.fromSnapshot).toBe(true);
    expect(options.messages).toContain('Read the index snapshot in a worker thread');
    const here = await openDesk({ ...options, snapshotWorkerMinBytes: Number.POSITIVE_INFINITY });
    expect(here.fromSnapshot).toBe(true);
    expect(await answers(loaded.desk)).toEqual(await answers(built.desk));
    expect(loaded.desk.summaries()).toEqual(here.desk.summaries());
    expect(loaded.desk.stats).toEqual(here.desk.stats);
    expect(loaded.library.articles()).toEqual(built.library.articles());
    // The files adopted with it: a reload re-reads only what changed since.
    await writeFile(path.join(options.seedsDir, 'market.md'), MARKET);
    expect(await loaded.library.reload(loaded.desk)).toMatchObject({ added: ['market.md'], changed: [] });
    const reply = await loaded.desk.ask('When does the farmers market move?');
    expect(reply.kind === 'answer' && reply.passages[0]?.articleId).toBe('market');
  });

  it('ignores a stale or damaged one, saying so, and builds from the articles', async () => {
    const options = await inWorker();
    const built = await openDesk(options);
    await built.saveSnapshot();
    const file = snapshotFile({ dir: options.snapshotDir, seedsDir: options.seedsDir });
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length - 100));
    const damaged = await openDesk(options);
    expect(damaged.fromSnapshot).toBe(false);
    expect(options.messages).toContain('Ignoring an index snapshot that cannot be used');
    expect(await answers(damaged.desk)).toEqual(await answers(built.desk));
    await writeFile(file, text.replace(/"key":"[0-9a-f]+"/, '"key":"other"'));
    expect((await openDesk(options)).fromSnapshot).toBe(false);
    expect(options.messages).toContain('The index snapshot is stale: rebuilding the index');
  });
});
