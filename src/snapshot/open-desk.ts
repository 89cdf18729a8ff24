import { Desk, type DeskOptions } from '../core/desk.ts';
import type { Article, Logger } from '../core/types.ts';
import { ArticleLibrary, type LoadedFile } from '../reload/article-library.ts';
import { buildInWorker } from '../reload/build-in-worker.ts';
import { timeSlices } from '../reload/time-slices.ts';
import {
  type DeskContents,
  readDeskSnapshot,
  type SnapshotPlace,
  snapshotKey,
  writeDeskSnapshot,
} from './desk-snapshot.ts';

/** Options for {@link openDesk}. */
export interface OpenDeskOptions extends DeskOptions {
  /** Folder of article files. */
  seedsDir: string;
  /** Folder of the index snapshot; undefined: no snapshot is read or written. */
  snapshotDir?: string;
  /** From this size the snapshot is read in a worker thread (see `SnapshotPlace.workerMinBytes`). */
  snapshotWorkerMinBytes?: number;
  logger: Logger;
  /** The library to read the articles with (and to adopt a snapshot's); default: a new one. */
  library?: ArticleLibrary;
}

/** A desk ready to answer, and how it was made. */
export interface OpenedDesk {
  desk: Desk;
  library: ArticleLibrary;
  /** True when the desk came from a valid snapshot instead of reading and indexing the articles. */
  fromSnapshot: boolean;
  /**
   * Writes a snapshot when the desk was indexed from the articles (does nothing when it came from one, or
   * snapshots are off). Call it once the first answers are out of the way: it never rejects.
   */
  saveSnapshot(): Promise<void>;
}

/**
 * From this many paragraphs a start without a snapshot builds the index in a worker thread (a few seconds
 * and more, with `/healthz` answered meanwhile); below it, here at once (the seeds: milliseconds, less than
 * starting a worker).
 */
export const WORKER_BUILD_MIN_PARAGRAPHS = 10_000;

/**
 * The desk of the articles, its index built in a worker thread when they are many (see
 * {@link WORKER_BUILD_MIN_PARAGRAPHS}), in time slices on this thread; should that fail, built here at once.
 */
async function indexed(articles: readonly Article[], options: DeskOptions, logger: Logger): Promise<Desk> {
  const paragraphs = articles.reduce((n, a) => n + a.paragraphs.length, 0);
  if (paragraphs < WORKER_BUILD_MIN_PARAGRAPHS || !options.buildIndex) return Desk.build(articles, options);
  try {
    return await Desk.open(articles, options, timeSlices());
  } catch (error) {
    logger.warn('Building the index in a worker thread failed: building it here instead', { error });
    return Desk.build(articles, options);
  }
}

/**
 * Opens the articles folder as a desk: from the index snapshot when its key still matches the folder's
 * files (`desk-snapshot.ts`), else by reading and indexing the articles. Throws `NewsdeskError` for a
 * missing folder or one without articles, as reading them does; a missing, stale or damaged snapshot is
 * never an error.
 */
export async function openDesk(options: OpenDeskOptions): Promise<OpenedDesk> {
  const { seedsDir, snapshotDir, logger } = options;
  const library = options.library ?? new ArticleLibrary({ dir: seedsDir, logger });
  const deskOptions: DeskOptions = {
    maxPassages: options.maxPassages,
    now: options.now,
    wordVectors: options.wordVectors,
    placeNames: options.placeNames,
    mentions: options.mentions,
    // A reload of most of the folder builds its new index in a worker thread (`Desk.replace`).
    buildIndex: options.buildIndex ?? buildInWorker(),
  };
  const place: SnapshotPlace | undefined = snapshotDir
    ? { dir: snapshotDir, seedsDir, logger, workerMinBytes: options.snapshotWorkerMinBytes }
    : undefined;
  // The key is taken before the files are read: a file changed meanwhile makes the snapshot stale, not wrong.
  const key = place ? await snapshotKey(seedsDir) : undefined;
  if (place && key) {
    const restored = await readDeskSnapshot(place, key, deskOptions);
    if (restored) {
      library.adopt(restored.files);
      return { desk: restored.desk, library, fromSnapshot: true, saveSnapshot: async () => {} };
    }
  }
  const desk = await indexed(await library.open(), deskOptions, logger);
  // Taken now: should the articles be reloaded before it is written, the snapshot still holds what the key is of.
  let toWrite: { contents: DeskContents; files: LoadedFile[] } | undefined = {
    contents: { articles: desk.articles(), pieces: desk.snapshot() },
    files: library.loaded(),
  };
  let saving: Promise<void> | undefined;
  return {
    desk,
    library,
    fromSnapshot: false,
    // Once only: the pieces can be written once.
    saveSnapshot: () => {
      if (!saving) {
        saving =
          place && key && toWrite
            ? writeDeskSnapshot(place, key, toWrite.contents, toWrite.files)
            : Promise.resolve();
        // Let go of here: the pieces hold the index they were taken of, and the caller keeps this function
        // (app.ts: for as long as it serves). After a full reload that index is the old one: ~350 MB kept
        // alive at 100k paragraphs (`npm run bench:memory`, the row after a full reload).
        toWrite = undefined;
      }
      return saving;
    },
  };
}
