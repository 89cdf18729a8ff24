import { type FSWatcher, watch as fsWatch } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Desk, type Pause } from '../core/desk.ts';
import { NewsdeskError } from '../core/errors.ts';
import type { Article, Logger } from '../core/types.ts';
import { ARTICLE_EXTENSIONS, listArticleFiles, noArticles, readArticleFile } from '../load/load-articles.ts';
import {
  type FileStamp,
  type SnapshotPlace,
  snapshotKey,
  writeDeskSnapshot,
} from '../snapshot/desk-snapshot.ts';
import { reindexSlices } from './time-slices.ts';

/**
 * What a reload updates with the folder's articles: a desk (which re-indexes them), or the database a
 * desk answers from (`SEARCH_BACKEND=postgres`: synced, and every process told).
 */
export interface ReloadTarget {
  /** Takes every article (a desk builds a new index, `pause` awaited between its steps: `Desk.replace`). */
  replace(articles: readonly Article[], pause?: Pause): void | Promise<void>;
  /** Takes only what differs from the articles it has (`Desk.update`); without it, `replace` is used. */
  update?(articles: readonly Article[], pause?: Pause): Promise<unknown>;
  /**
   * Takes the articles read since the last reload (new or changed files) and the ids of every article the
   * folder has now (the others it has already: a database). Preferred to `replace` and `update` when given:
   * the library need not hold every article (see {@link ArticleLibraryOptions.holdArticles}).
   */
  sync?(changes: { read: readonly Article[]; ids: readonly string[] }): Promise<unknown>;
  /** How many articles it has (with `update`: whether so many changed that `replace` is quicker). */
  readonly stats?: { articles: number };
}

/** What a reload changed. */
export interface ReloadReport {
  added: string[];
  removed: string[];
  changed: string[];
  /** Files rejected this time (kept at their last good version when there was one). */
  rejected: { file: string; reason: string; kept: boolean }[];
  articles: number;
  paragraphs: number;
  /** Whether the desk was rebuilt (false when nothing changed). */
  rebuilt: boolean;
  /**
   * How the desk followed: `articles` indexed only the articles that changed, in place; `full` built a
   * new index of every article (when at least {@link FULL_REBUILD_SHARE} of them changed) and swapped it in.
   */
  reindexed?: 'articles' | 'full';
}

/**
 * When at least this share of the articles changed at once (a folder replaced, say), a reload builds a
 * new index of them all rather than changing that many in place: about as fast, and it leaves no gaps
 * where removed passages were.
 */
export const FULL_REBUILD_SHARE = 0.5;

interface FileState {
  mtimeMs: number;
  size: number;
  id: string;
  paragraphs: number;
  /** The article, unless the library does not hold them ({@link ArticleLibraryOptions.holdArticles}). */
  article?: Article;
}

/** An article file as read: its name in the folder, when it was modified, its size and its article. */
export interface LoadedFile {
  name: string;
  mtimeMs: number;
  size: number;
  article: Article;
}

/** Options for {@link ArticleLibrary}. */
export interface ArticleLibraryOptions {
  dir: string;
  logger: Logger;
  /** Quiet time after the last change before reloading (default 300 ms). */
  debounceMs?: number;
  /** Told after each reload that ran (metrics). */
  onReload?: (report: ReloadReport) => void;
  /**
   * Where to write the index snapshot after reloads that changed the desk (undefined: never), so that a
   * restart after them still starts from a snapshot. Written once the folder has been quiet for
   * {@link ArticleLibraryOptions.snapshotDelayMs}.
   */
  snapshot?: SnapshotPlace;
  /** Quiet time after the last reload before the snapshot is written (default {@link SNAPSHOT_AFTER_RELOAD_MS}). */
  snapshotDelayMs?: number;
  /**
   * Whether it keeps every article it read (default true: a desk indexing them in memory needs them at each
   * reload). false, for a reload target with `sync` (a database): it keeps each file's id, paragraph count
   * and stamp, and gives the target only the articles read since the last reload, so a process serving a
   * large folder from PostgreSQL does not hold its text.
   */
  holdArticles?: boolean;
  /**
   * How long after a failed reload (a worker thread out of memory, say) it is tried again, even if no file
   * changes meanwhile; doubled after each failure in a row, up to {@link RELOAD_RETRY_MAX_MS}
   * (default {@link RELOAD_RETRY_MS}).
   */
  retryMs?: number;
}

/** The first retry of a failed reload comes this long after it (see {@link ArticleLibraryOptions.retryMs}). */
export const RELOAD_RETRY_MS = 30_000;
/** Retries of a reload failing again and again come at most this far apart. */
export const RELOAD_RETRY_MAX_MS = 10 * 60_000;

/**
 * A snapshot is written this long after the last reload that changed the desk: writing one of 100k
 * paragraphs takes seconds (in pieces, answers running between them), too much after every article a feed
 * brings in.
 */
export const SNAPSHOT_AFTER_RELOAD_MS = 30_000;

/**
 * The articles folder, kept in step with the desk: scans it, remembers the last good version of every
 * file, and on changes (watched with `fs.watch`, debounced) re-reads only the files that changed and
 * indexes only their articles, in place (`Desk.update`), or, when most of the folder changed, builds a
 * new index and swaps it in whole (`Desk.replace`); either way in steps of a few milliseconds with
 * answers running in between (`time-slices.ts`). A file that turns unreadable, empty or binary mid-edit keeps serving its last good
 * version; a deleted file is removed; a renamed one serves under its new id.
 */
export class ArticleLibrary {
  private readonly files = new Map<string, FileState>();
  /** Files rejected as they stand (size and time): not read, nor warned about, again until they change. */
  private readonly rejectedFiles = new Map<string, { mtimeMs: number; size: number }>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReloadReport> | undefined;
  private again = false;
  private snapshotTimer: NodeJS.Timeout | undefined;
  /** The snapshot being written, if any (see {@link flushSnapshot}). */
  private writing: Promise<void> | undefined;

  constructor(private readonly options: ArticleLibraryOptions) {}

  /** The folder it reads. */
  get dir(): string {
    return this.options.dir;
  }

  /** The articles the last scan read (new or changed files), sorted by id, until taken ({@link takeRead}). */
  private read: Article[] = [];

  /** Scans the folder for the first time. Throws `NewsdeskError` when it is missing or has no articles. */
  async open(): Promise<Article[]> {
    const { articles, problem } = await this.openIfAny();
    if (problem) throw problem;
    return articles;
  }

  /**
   * Scans the folder for the first time, as {@link open}, but a missing or empty folder is not thrown:
   * it gives no articles and the error `open` would throw (for a desk whose articles are also elsewhere:
   * a database). Other failures are thrown.
   */
  async openIfAny(): Promise<{ articles: Article[]; problem?: NewsdeskError }> {
    try {
      const report = await this.scan();
      if (!this.files.size)
        return { articles: [], problem: noArticles(this.options.dir, report.rejected.length) };
      return { articles: this.holds ? this.articles() : this.takeRead() };
    } catch (error) {
      if (error instanceof NewsdeskError && error.code === 'seeds-missing')
        return { articles: [], problem: error };
      throw error;
    }
  }

  /**
   * Takes articles already read (from a snapshot whose key matched these files) instead of reading the
   * folder: later reloads then read only what changed since.
   */
  adopt(files: readonly LoadedFile[]): void {
    this.files.clear();
    for (const { name, mtimeMs, size, article } of files)
      this.files.set(name, { mtimeMs, size, id: article.id, paragraphs: article.paragraphs.length, article });
  }

  /** Every article file held, with the size and modification time it was read at (for snapshots). */
  loaded(): LoadedFile[] {
    return [...this.files].flatMap(([name, { mtimeMs, size, article }]) =>
      article ? [{ name, mtimeMs, size, article }] : [],
    );
  }

  /** The articles the last scan read, let go of here (a library not holding articles keeps none). */
  private takeRead(): Article[] {
    const read = this.read;
    this.read = [];
    return read;
  }

  private get holds(): boolean {
    return this.options.holdArticles ?? true;
  }

  /** The articles as last loaded, sorted by id (none when it does not hold them: see `holdArticles`). */
  articles(): Article[] {
    return [...this.files.values()]
      .flatMap((f) => (f.article ? [f.article] : []))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Starts watching the folder; changes reload `desk` after a quiet period. A folder that cannot be watched
   * (missing: a desk over a database may start without one) is logged, not thrown.
   */
  watch(desk: ReloadTarget): void {
    try {
      this.watcher = fsWatch(this.options.dir, { persistent: false }, (_event, name) => {
        // The name the change is about: the reload then looks at those files alone. Stating every file of
        // a 10,000-article folder took most of a second of the time a new article took to be answerable.
        if (name) this.changedNames.add(String(name));
        else this.scanAll = true;
        this.schedule(desk);
      });
    } catch (error) {
      this.options.logger.warn('Not watching the articles folder: it cannot be watched', {
        dir: this.options.dir,
        error: (error as Error).message,
      });
      return;
    }
    this.watcher.on('error', (error) =>
      this.options.logger.warn('Watching the articles folder failed', { error }),
    );
  }

  /**
   * Reloads now: looking at every file of the folder, or only at the files `names` (in the folder: new
   * ones a feed saved, say) and those the watcher named meanwhile. Concurrent calls share one run and a
   * change during it reruns.
   */
  reload(desk: ReloadTarget, names?: readonly string[]): Promise<ReloadReport> {
    if (names) for (const name of names) this.changedNames.add(name);
    else this.scanAll = true;
    return this.reloadChanged(desk);
  }

  /**
   * Files the watcher named since the last reload began: the next reload reads those alone (unless
   * {@link scanAll}).
   */
  private changedNames = new Set<string>();
  /** Whether the next reload looks at every file (asked for, a retry, or a change the watcher did not name). */
  private scanAll = false;

  /** Reloads what changed since the last reload (every file when {@link scanAll}); runs shared as {@link reload}. */
  private async reloadChanged(desk: ReloadTarget): Promise<ReloadReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.reloadOnce(desk);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.schedule(desk);
      }
    }
  }

  /**
   * Writes now the snapshot a reload scheduled, if any, and waits for it (and for one being written): for
   * shutdown, so that the next start does not rebuild what was indexed since the last snapshot.
   */
  async flushSnapshot(): Promise<void> {
    const pending = this.pendingSnapshot;
    this.pendingSnapshot = undefined;
    clearTimeout(this.snapshotTimer);
    if (pending) pending();
    await this.writing;
  }

  private pendingSnapshot: (() => void) | undefined;

  /** Stops watching. */
  close(): void {
    clearTimeout(this.snapshotTimer);
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  /**
   * How the desk last failed to follow the articles read (a full re-index, or in place), undefined when it
   * did not: the next reload gives it the articles then, even when no file changed since.
   */
  private behind: 'full' | 'articles' | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  /** Tries the reload again after a failure, later each time it fails in a row. */
  private retry(desk: ReloadTarget): void {
    clearTimeout(this.retryTimer);
    const first = this.options.retryMs ?? RELOAD_RETRY_MS;
    const delay = Math.min(first * 2 ** (this.failures - 1), Math.max(first, RELOAD_RETRY_MAX_MS));
    this.options.logger.warn(`Trying the reload again in ${Math.round(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => {
      this.reload(desk).catch((error) => this.options.logger.error('Reloading articles failed', { error }));
    }, delay);
    this.retryTimer.unref?.();
  }

  private schedule(desk: ReloadTarget): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reloadChanged(desk).catch((error) =>
        this.options.logger.error('Reloading articles failed', { error }),
      );
    }, this.options.debounceMs ?? 300);
    this.timer.unref?.();
  }

  private async reloadOnce(desk: ReloadTarget): Promise<ReloadReport> {
    const names = this.changedNames;
    const all = this.scanAll;
    this.changedNames = new Set();
    this.scanAll = false;
    const report = all ? await this.scan() : await this.scan(names);
    const behind = this.behind;
    // A retry after a failed reload: what that one read still has to reach the desk.
    if (behind && !desk.sync) report.rebuilt = true;
    if (report.rebuilt) {
      if (!this.files.size) {
        report.rebuilt = false;
        this.options.logger.warn(
          'Every article file is gone or broken: still answering from the previous articles.',
        );
      } else {
        const articles = desk.sync ? [] : this.articles();
        const changes = report.added.length + report.removed.length + report.changed.length;
        // Either way a desk answers throughout, from the old articles or the new.
        if (desk.sync) {
          await desk.sync({ read: this.takeRead(), ids: [...this.files.values()].map((f) => f.id) });
          report.reindexed = 'articles';
        } else {
          const full =
            !desk.update ||
            behind === 'full' ||
            changes >= FULL_REBUILD_SHARE * Math.max(articles.length, desk.stats?.articles ?? 0);
          try {
            if (full || !desk.update) await desk.replace(articles, reindexSlices());
            else await desk.update(articles, reindexSlices());
          } catch (error) {
            // The files are read (the library holds their new versions) but the desk still answers from
            // the old ones: a retry gives it them, without waiting for another change to the folder.
            this.behind = full ? 'full' : (behind ?? 'articles');
            this.failures++;
            this.retry(desk);
            throw error;
          }
          this.behind = undefined;
          this.failures = 0;
          clearTimeout(this.retryTimer);
          report.reindexed = full ? 'full' : 'articles';
        }
        // The counts are in the message; repeating them as fields printed every value twice.
        this.options.logger.info(
          `Reloaded articles: ${describeReport(report)}${behind ? ' (a failed reload, tried again)' : ''}`,
        );
        if (this.options.snapshot && desk instanceof Desk)
          await this.scheduleSnapshot(this.options.snapshot, desk);
      }
    }
    this.options.onReload?.(report);
    return report;
  }

  /** Writes a snapshot of the desk as it is now after {@link SNAPSHOT_AFTER_RELOAD_MS}, unless another reload comes first. */
  private async scheduleSnapshot(place: SnapshotPlace, desk: Desk): Promise<void> {
    clearTimeout(this.snapshotTimer);
    const contents = { articles: desk.articles(), pieces: desk.snapshot() };
    const files = this.loaded();
    // The key is of the files as they were read (what the desk holds), not of the folder now: a file
    // changed since makes the snapshot stale, never wrong. A file kept at its last good version is stamped
    // as it is now, as a start would stamp it (the next reload then reads it again, as this one did).
    const stamps = new Map<string, FileStamp>(
      files.map(({ name, size, mtimeMs }) => [name, { name, size, mtimeMs }]),
    );
    for (const [name, { size, mtimeMs }] of this.rejectedFiles) stamps.set(name, { name, size, mtimeMs });
    const key = await snapshotKey(place.seedsDir, [...stamps.values()]);
    this.pendingSnapshot = () => {
      const previous = this.writing ?? Promise.resolve();
      const writing = previous.then(() => writeDeskSnapshot(place, key, contents, files));
      this.writing = writing;
      void writing.finally(() => {
        if (this.writing === writing) this.writing = undefined;
      });
    };
    this.snapshotTimer = setTimeout(() => {
      const pending = this.pendingSnapshot;
      this.pendingSnapshot = undefined;
      pending?.();
    }, this.options.snapshotDelayMs ?? SNAPSHOT_AFTER_RELOAD_MS);
    this.snapshotTimer.unref?.();
  }

  /**
   * Brings {@link files} up to date with the folder and says what changed: every file, or only those
   * `named` (by the watcher: a name may be of a file added, changed, renamed or deleted).
   */
  private async scan(named?: ReadonlySet<string>): Promise<ReloadReport> {
    const { dir, logger } = this.options;
    this.read = [];
    const report: ReloadReport = {
      added: [],
      removed: [],
      changed: [],
      rejected: [],
      articles: 0,
      paragraphs: 0,
      rebuilt: false,
    };
    let names: string[];
    if (named) {
      names = [];
      for (const name of [...named].sort()) {
        if (!ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue;
        const info = await stat(path.join(dir, name)).catch(() => undefined);
        if (info?.isFile()) names.push(name);
        else {
          this.rejectedFiles.delete(name);
          if (this.files.delete(name)) report.removed.push(name);
        }
      }
    } else {
      names = await listArticleFiles(dir);
      const listed = new Set(names);
      for (const name of this.rejectedFiles.keys()) if (!listed.has(name)) this.rejectedFiles.delete(name);
      for (const name of this.files.keys()) {
        if (!listed.has(name)) {
          this.files.delete(name);
          report.removed.push(name);
        }
      }
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => undefined);
      const known = this.files.get(name);
      if (known && info && info.mtimeMs === known.mtimeMs && info.size === known.size) continue;
      const rejected = this.rejectedFiles.get(name);
      if (rejected && info && info.mtimeMs === rejected.mtimeMs && info.size === rejected.size) continue;
      this.rejectedFiles.delete(name);
      const result = await readArticleFile(file);
      if (result.ok) {
        (known ? report.changed : report.added).push(name);
        const { article } = result;
        this.read.push(article);
        this.files.set(name, {
          mtimeMs: info?.mtimeMs ?? 0,
          size: info?.size ?? 0,
          id: article.id,
          paragraphs: article.paragraphs.length,
          ...(this.holds ? { article } : {}),
        });
        for (const warning of result.warnings)
          logger.warn(`Article file ${name}: ${warning}`, { file: name });
      } else {
        if (info) this.rejectedFiles.set(name, { mtimeMs: info.mtimeMs, size: info.size });
        report.rejected.push({ file: name, reason: result.reason, kept: Boolean(known) });
        logger.warn(
          known
            ? `Article file ${name} ${result.reason}: still serving its last good version.`
            : `Skipped article file ${name}: ${result.reason}`,
          { file: name },
        );
      }
    }
    this.read.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    report.articles = this.files.size;
    report.paragraphs = [...this.files.values()].reduce((n, f) => n + f.paragraphs, 0);
    report.rebuilt = report.added.length + report.removed.length + report.changed.length > 0;
    return report;
  }
}

/** "+1 article, −0, ~1 changed, 212 paragraphs". */
export function describeReport(report: ReloadReport): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `+${plural(report.added.length, 'article')}, −${report.removed.length}, ~${report.changed.length} changed, ${plural(report.paragraphs, 'paragraph')}`;
}
