import type { Logger } from '../core/types.ts';
import type { FetchLimits } from './fetch-url.ts';
import { Ingester, type UrlReport } from './ingest.ts';

/** What `/healthz` shows for one followed feed. */
export interface FeedStatus {
  /** When the feed was last read successfully (ISO 8601), if ever. */
  lastSuccess?: string;
  /** Why the last attempt failed, when it did (retried next round). */
  lastError?: string;
  /** Articles this feed added since start-up. */
  articlesAdded: number;
}

/** Options for {@link FeedFollower}. */
export interface FeedFollowerOptions {
  feeds: readonly string[];
  seedsDir: string;
  /** Minutes between rounds. */
  intervalMinutes: number;
  logger: Logger;
  limits?: FetchLimits;
  /** Told after each round that saved new articles (the app reloads the desk). */
  onAdded?: (files: string[]) => void;
  /** Told after each feed is read or fails (metrics). */
  onFeed?: (report: UrlReport) => void;
}

/**
 * Follows the configured feeds: reads them at start-up and then every `intervalMinutes`, saving new articles
 * into the articles folder through an {@link Ingester} (conditional GETs, a few requests at a time). A feed
 * that fails is logged and tried again next round; nothing it does stops the bot. Rounds never overlap.
 */
export class FeedFollower {
  private readonly ingester: Ingester;
  private readonly statuses = new Map<string, FeedStatus>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: FeedFollowerOptions) {
    this.ingester = new Ingester({ seedsDir: options.seedsDir, limits: options.limits });
    for (const feed of options.feeds) this.statuses.set(feed, { articlesAdded: 0 });
  }

  /** Starts the first round now and schedules the next ones. */
  start(): void {
    void this.runRound();
    this.timer = setInterval(() => void this.runRound(), this.options.intervalMinutes * 60_000);
    this.timer.unref?.();
  }

  /** Each feed's last success and articles added, for `/healthz`. */
  status(): Record<string, FeedStatus> {
    return Object.fromEntries([...this.statuses].map(([feed, s]) => [feed, { ...s }]));
  }

  /** Stops scheduling rounds and waits for one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.round;
  }

  /** Runs one round (skipped when the previous one is still going); resolves when it is done. */
  runRound(): Promise<void> {
    if (this.round || this.stopped) return this.round ?? Promise.resolve();
    this.round = this.readFeeds().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async readFeeds(): Promise<void> {
    const { logger } = this.options;
    let reports: UrlReport[];
    try {
      reports = await this.ingester.ingest(this.options.feeds);
    } catch (error) {
      // The articles folder itself is unusable (e.g. removed): every feed waits for the next round.
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn('Reading feeds failed; retrying next round', { reason });
      for (const status of this.statuses.values()) status.lastError = reason;
      return;
    }
    const added: string[] = [];
    for (const report of reports) {
      const status = this.statuses.get(report.url) ?? { articlesAdded: 0 };
      this.statuses.set(report.url, status);
      if (report.error) {
        status.lastError = report.error;
        logger.warn(`Feed ${report.url} failed: ${report.error} (retrying next round)`, { feed: report.url });
      } else {
        status.lastSuccess = new Date().toISOString();
        status.lastError = undefined;
        status.articlesAdded += report.added.length;
        added.push(...report.added);
        if (report.added.length) {
          logger.info(`Feed ${report.url}: ${report.added.length} new article(s)`, {
            feed: report.url,
            added: report.added.length,
          });
        }
      }
      for (const problem of report.problems)
        logger.warn(`Feed ${report.url}: ${problem}`, { feed: report.url });
      this.options.onFeed?.(report);
    }
    if (added.length) this.options.onAdded?.(added);
  }
}
