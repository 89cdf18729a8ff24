/**
 * Snapshot figures: Newsdesk's own (`snapshot/desk-snapshot.ts`: the whole desk, articles and index,
 * written in pieces and read back by the code a start uses), and as a baseline MiniSearch's: `toJSON`
 * written to a file, then read back with `loadJSON` (`JSON.parse` + `loadJS`) and the same options. Also
 * what keying a snapshot by the article files costs: hashing every file's bytes, or only their names,
 * sizes and modification times.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import type { Desk } from '../src/core/desk.ts';
import { silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import {
  readDeskSnapshot,
  snapshotFile,
  snapshotKey,
  writeDeskSnapshot,
} from '../src/snapshot/desk-snapshot.ts';
import { median, timedAsync } from './stats.ts';

/** Snapshot write and load, medians over runs. */
export interface SnapshotResult {
  writeMs: number;
  loadMs: number;
  bytes: number;
  runs: number;
}

/** Writes the index to `file` and loads it back, `runs` times. */
export async function measureSnapshot<T>(
  index: MiniSearch<T>,
  options: Options<T>,
  file: string,
  runs: number,
): Promise<SnapshotResult> {
  const writes: number[] = [];
  const loads: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const write = await timedAsync(async () => {
      const json = JSON.stringify(index);
      await writeFile(file, json, 'utf8');
      return Buffer.byteLength(json);
    });
    bytes = write.value;
    writes.push(write.ms);
    const load = await timedAsync(async () => MiniSearch.loadJSON<T>(await readFile(file, 'utf8'), options));
    if (load.value.documentCount !== index.documentCount) throw new Error('bench: snapshot lost documents');
    loads.push(load.ms);
  }
  return { writeMs: median(writes), loadMs: median(loads), bytes, runs };
}

/**
 * Writes Newsdesk's snapshot of `desk` (articles from `dir`) into `snapshotDir` and loads it back, `runs`
 * times: write as `app.ts` does after start-up, load as a start does (read, check the key, restore).
 */
export async function measureDeskSnapshot(
  desk: Desk,
  dir: string,
  snapshotDir: string,
  runs: number,
): Promise<SnapshotResult> {
  const place = { dir: snapshotDir, seedsDir: dir, logger: silentLogger };
  // Read lazily by the desk, as `npm start` does: loading a snapshot does not read them.
  const deskData = loadDeskData();
  const key = await snapshotKey(dir);
  const writes: number[] = [];
  const loads: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const contents = { articles: desk.articles(), pieces: desk.snapshot() };
    writes.push((await timedAsync(() => writeDeskSnapshot(place, key, contents, []))).ms);
    bytes = (await stat(snapshotFile(place))).size;
    const load = await timedAsync(() => readDeskSnapshot(place, key, deskData));
    if (load.value?.desk.stats.paragraphs !== desk.stats.paragraphs)
      throw new Error('bench: the Newsdesk snapshot did not load');
    loads.push(load.ms);
  }
  return { writeMs: median(writes), loadMs: median(loads), bytes, runs };
}

/** What it costs to tell whether a snapshot is stale, in ms. */
export interface SnapshotKeyResult {
  /** Read every article file and SHA-256 the lot. */
  hashMs: number;
  /** `readdir` + `stat` every file (names, sizes, mtimes) and hash that. */
  statMs: number;
  files: number;
}

/** Times both ways of keying a snapshot by the article files in `dir`. */
export async function measureSnapshotKey(dir: string): Promise<SnapshotKeyResult> {
  const names = (await readdir(dir)).filter((n) => /\.(?:txt|md)$/i.test(n)).sort();
  const hash = await timedAsync(async () => {
    const h = createHash('sha256');
    for (const name of names) h.update(name).update(await readFile(path.join(dir, name)));
    return h.digest('hex');
  });
  const stats = await timedAsync(async () => {
    const h = createHash('sha256');
    for (const name of (await readdir(dir)).sort()) {
      const s = await stat(path.join(dir, name));
      h.update(`${name}\0${s.size}\0${s.mtimeMs}\n`);
    }
    return h.digest('hex');
  });
  return { hashMs: hash.ms, statMs: stats.ms, files: names.length };
}
