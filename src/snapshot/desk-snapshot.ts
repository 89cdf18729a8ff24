import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Desk, type DeskOptions } from '../core/desk.ts';
import { INDEX_SNAPSHOT_VERSION } from '../core/search/minisearch/index-snapshot.ts';
import type { Article, Logger } from '../core/types.ts';
import { listArticleFiles } from '../load/load-articles.ts';
import { projectFile } from '../load/project-file.ts';
import type { LoadedFile } from '../reload/article-library.ts';
import { type RestoredInWorker, restoreInWorker } from '../reload/build-in-worker.ts';
import { timeSlices } from '../reload/time-slices.ts';

/**
 * Where a desk's snapshot is kept, and for which articles folder. One file per articles folder
 * (`index-snapshot-<folder hash>.json`), so starting on two folders in turn loads each one's snapshot
 * instead of rewriting one file every time; only the {@link KEEP_SNAPSHOTS} most recently written are kept,
 * since a snapshot of 100k paragraphs is ~100 MB and every benchmark and test run uses a fresh folder.
 */
export interface SnapshotPlace {
  /** Folder of the snapshot file (created when first written). */
  dir: string;
  /** The articles folder the snapshot is of. */
  seedsDir: string;
  logger: Logger;
  /** From this size a snapshot file is read in a worker thread (default {@link WORKER_RESTORE_MIN_BYTES}). */
  workerMinBytes?: number;
}

/** The first line of a snapshot file: what it was made from, read before the (large) rest. */
interface SnapshotHeader {
  key: string;
  /** Each article file, with the position of its article in the desk's articles. */
  files: SnapshotFileEntry[];
}

/** An article file in a snapshot's header: its name, size and time, and where its article is in the snapshot's. */
export interface SnapshotFileEntry {
  name: string;
  mtimeMs: number;
  size: number;
  at: number;
}

/**
 * A snapshot file's header and the rest of its text when its key is the one asked for; else whether it
 * is missing, unreadable (its header is not JSON) or stale (another key).
 */
export type SnapshotText =
  | { kind: 'found'; header: SnapshotHeader; body: string }
  | { kind: 'missing' | 'unreadable' | 'stale' };

/** Reads a snapshot file (see {@link SnapshotText}), here or in a worker thread (`reload/index-build-worker.ts`). */
export async function readSnapshotText(file: string, key: string): Promise<SnapshotText> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { kind: 'missing' };
  const newline = text.indexOf('\n');
  let header: SnapshotHeader;
  try {
    header = JSON.parse(text.slice(0, newline)) as SnapshotHeader;
  } catch {
    return { kind: 'unreadable' };
  }
  if (header?.key !== key) return { kind: 'stale' };
  return { kind: 'found', header, body: text.slice(newline + 1) };
}

/**
 * From this size a snapshot file (~1 MB per 1,000 paragraphs) is read and parsed in a worker thread, with
 * `/healthz` answered meanwhile: at 100k paragraphs parsing it took ~3 s; below it, here at once (the
 * seeds: milliseconds, less than starting a worker).
 */
export const WORKER_RESTORE_MIN_BYTES = 8 * 1024 * 1024;

/** A desk restored from a snapshot, with the files it holds (for `ArticleLibrary.adopt`). */
export interface RestoredDesk {
  desk: Desk;
  files: LoadedFile[];
}

/** How many snapshots (of different articles folders) a snapshot folder keeps. */
export const KEEP_SNAPSHOTS = 4;
/** Snapshot files, and the one file of earlier versions (`index-snapshot.json`), pruned like the rest. */
const SNAPSHOT_FILE = /^index-snapshot(?:-[0-9a-f]+)?\.json$/;

/** The snapshot file of an articles folder: named by a hash of the folder's absolute path. */
export function snapshotFile(place: Pick<SnapshotPlace, 'dir' | 'seedsDir'>): string {
  const folder = createHash('sha256').update(path.resolve(place.seedsDir)).digest('hex').slice(0, 16);
  return path.join(place.dir, `index-snapshot-${folder}.json`);
}

/**
 * The code that decides what an index holds: reading articles and analysing their words. Its files'
 * sizes and times join the key, so editing it (and forgetting to bump `INDEX_SNAPSHOT_VERSION`) never
 * serves an index made by the old code.
 */
const INDEXING_CODE = ['src/load/', 'src/core/articles/', 'src/core/search/'].map(projectFile);
/** The lock file: MiniSearch or the stemmer changing version changes it too. */
const LOCK_FILE = projectFile('package-lock.json');

/**
 * The key a snapshot is valid for: SHA-256 of the snapshot version, the indexing code's files and the
 * lock file, the articles folder, and each article file's name, size and modification time. Reading and
 * hashing every file's bytes would catch an edit that keeps both size and time, but costs ~3× as much at
 * 100k paragraphs, and `ArticleLibrary` already trusts size and time to decide what to re-read.
 */
export async function snapshotKey(
  seedsDir: string,
  /**
   * The article files' names, sizes and times when already known (an `ArticleLibrary` keeps them as it
   * read them): the folder is then not listed and stat-ed again (a third of a second at 100k paragraphs).
   */
  files?: readonly FileStamp[],
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`newsdesk snapshot ${INDEX_SNAPSHOT_VERSION}\n${path.resolve(seedsDir)}\n`);
  for (const dir of INDEXING_CODE) {
    const names = await readdir(dir).catch(() => []);
    for (const name of names.sort()) await stampFile(hash, new URL(name, dir), name);
  }
  await stampFile(hash, LOCK_FILE, 'package-lock.json');
  if (files) {
    for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
      hash.update(`${f.name}\0${f.size}\0${f.mtimeMs}\n`);
  } else {
    for (const name of await listArticleFiles(seedsDir))
      await stampFile(hash, path.join(seedsDir, name), name);
  }
  return hash.digest('hex');
}

/** An article file's name, size and modification time, as {@link snapshotKey} stamps it. */
export interface FileStamp {
  name: string;
  size: number;
  mtimeMs: number;
}

async function stampFile(hash: Hash, file: string | URL, name: string): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  hash.update(`${name}\0${info?.size ?? -1}\0${info?.mtimeMs ?? -1}\n`);
}

/**
 * The desk in the snapshot when its key is `key`; undefined when there is none, it is stale (another
 * key) or it cannot be read, after logging why (a stale snapshot is expected: at debug level).
 */
export async function readDeskSnapshot(
  place: SnapshotPlace,
  key: string,
  options: DeskOptions,
): Promise<RestoredDesk | undefined> {
  const file = snapshotFile(place);
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) return undefined;
  if (size >= (place.workerMinBytes ?? WORKER_RESTORE_MIN_BYTES)) {
    try {
      return await restoredInWorker(place, key, options);
    } catch (error) {
      place.logger.warn('Reading the index snapshot in a worker thread failed: reading it here instead', {
        file,
        error,
      });
    }
  }
  const read = await readSnapshotText(file, key);
  if (read.kind !== 'found') return notRestored(place, read.kind);
  const restored = Desk.restore(read.body, options);
  if (!restored.ok) return notRestored(place, 'unusable', restored.reason);
  return { desk: restored.desk, files: filesOf(read.header.files, restored.desk.articles()) };
}

/**
 * {@link readDeskSnapshot} through a worker thread: it reads and parses the file and this thread takes the
 * index up in time slices. Rejects when the worker fails (not when the snapshot is stale or unusable).
 */
async function restoredInWorker(
  place: SnapshotPlace,
  key: string,
  options: DeskOptions,
): Promise<RestoredDesk | undefined> {
  const found = await restoreInWorker(snapshotFile(place), key, timeSlices());
  if (found.kind === 'unusable') return notRestored(place, 'unusable', found.reason);
  if (found.kind !== 'restored') return notRestored(place, found.kind);
  let desk: Desk;
  try {
    desk = await Desk.fromIndexData(
      found.articles,
      found.data,
      new Date(found.builtAt),
      options,
      timeSlices(),
    );
  } catch (error) {
    return notRestored(place, 'unusable', (error as Error).message);
  }
  place.logger.debug('Read the index snapshot in a worker thread', { file: snapshotFile(place) });
  return { desk, files: filesOf(found.files, found.articles) };
}

/** Logs why there is no snapshot to restore (a stale one is expected: at debug level). */
function notRestored(place: SnapshotPlace, why: RestoredInWorker['kind'], reason?: string): undefined {
  const file = snapshotFile(place);
  if (why === 'unreadable') place.logger.warn('Ignoring an unreadable index snapshot', { file });
  else if (why === 'stale') place.logger.debug('The index snapshot is stale: rebuilding the index', { file });
  else if (why === 'unusable')
    place.logger.warn('Ignoring an index snapshot that cannot be used', { file, reason });
  return undefined;
}

/** The snapshot header's files with their articles (`ArticleLibrary.adopt`). */
function filesOf(entries: readonly SnapshotFileEntry[], articles: readonly Article[]): LoadedFile[] {
  return entries.flatMap(({ at, ...f }) => {
    const article = articles[at];
    return article ? [{ ...f, article }] : [];
  });
}

/** What a snapshot is written from: a desk's articles and snapshot pieces, taken together (`Desk.snapshot`). */
export interface DeskContents {
  articles: readonly Article[];
  pieces: Iterable<string>;
}

/**
 * Writes a snapshot of a desk's contents, valid for `key`, built from `files`. The pieces are written one at a time
 * (each write awaited, so answers run in between) to a temporary file renamed over the old snapshot at
 * the end: a reader sees the old snapshot or the new one whole, never a half-written one. Never rejects:
 * a snapshot only saves time, so failing to write one is logged and otherwise ignored.
 */
export async function writeDeskSnapshot(
  place: SnapshotPlace,
  key: string,
  contents: DeskContents,
  files: readonly LoadedFile[],
): Promise<void> {
  const file = snapshotFile(place);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const positions = new Map(contents.articles.map((article, at) => [article, at]));
    const header: SnapshotHeader = {
      key,
      files: files.flatMap(({ name, mtimeMs, size, article }) => {
        const at = positions.get(article);
        return at === undefined ? [] : [{ name, mtimeMs, size, at }];
      }),
    };
    await mkdir(place.dir, { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.write(`${JSON.stringify(header)}\n`);
      for (const piece of contents.pieces) await handle.write(piece);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    place.logger.debug('Wrote an index snapshot', { file });
    await pruneSnapshots(place.dir);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    place.logger.warn('Could not write an index snapshot: the next start will rebuild the index', {
      file,
      error,
    });
  }
}

/** Deletes all but the {@link KEEP_SNAPSHOTS} most recently written snapshot files. */
async function pruneSnapshots(dir: string): Promise<void> {
  const names = (await readdir(dir).catch(() => [])).filter((name) => SNAPSHOT_FILE.test(name));
  const files = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      return { file, mtimeMs: (await stat(file).catch(() => undefined))?.mtimeMs ?? 0 };
    }),
  );
  files.sort((a, b) => b.mtimeMs - a.mtimeMs);
  await Promise.all(files.slice(KEEP_SNAPSHOTS).map(({ file }) => rm(file, { force: true }).catch(() => {})));
}
