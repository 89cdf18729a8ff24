import { setTimeout as delay } from 'node:timers/promises';
import { type ConsoleOptions, runConsole } from './adapters/console/run-console.ts';
import type { RunningPlatform } from './adapters/platform.ts';
import { MENTION_PATTERNS, PLATFORMS } from './adapters/platforms.ts';
import type { Config } from './config.ts';
import {
  type CommandHandler,
  createCommandHandler,
  type HandledCommand,
} from './core/commands/command-handler.ts';
import type { Desk } from './core/desk.ts';
import { RateLimiter } from './core/limits/rate-limiter.ts';
import type { Logger } from './core/types.ts';
import type { FeedFollower } from './ingest/feed-follower.ts';
import { loadDeskData } from './load/desk-data.ts';
import { listArticleFiles } from './load/load-articles.ts';
import {
  type HealthRoutes,
  type HealthStatus,
  healthRoutes,
  startHealthServer,
} from './ops/health-server.ts';
import { InFlight } from './ops/in-flight.ts';
import { Metrics } from './ops/metrics.ts';
import { ArticleLibrary, type ReloadTarget } from './reload/article-library.ts';
import { reindexSlices } from './reload/time-slices.ts';
import { type OpenedDesk, openDesk } from './snapshot/open-desk.ts';

/**
 * How long after start-up the index snapshot is written (when the index was built, not restored).
 * Writing a large one takes seconds of CPU (in slices between answers): not while the first questions
 * of a fresh start arrive.
 */
const SNAPSHOT_DELAY_MS = 2_000;

/**
 * How long shutdown waits for a snapshot write in progress. A folder that cannot be written (`/proc/x`,
 * a hung network mount, a full disk) can leave a write that never settles; the snapshot is only a cache.
 */
const SNAPSHOT_WRITE_DEADLINE_MS = 5_000;

/** Newsdesk as started: the desk, the platforms it serves, and the shared command handler. */
export interface NewsdeskApp {
  desk: Desk;
  platforms: RunningPlatform[];
  metrics: Metrics;
  /** The command handler without rate limits, for the local console. */
  handleLocal: CommandHandler;
  /** What `/healthz` reports. */
  health(): HealthStatus;
  /** Answers admitted and not yet delivered. */
  inFlight: InFlight;
  /**
   * Stops taking new events (refused before they are acknowledged), lets answers in flight finish (up to
   * `graceMs`, default 10 s), then disconnects every platform and closes the watcher and servers. Resolves
   * with the number of acknowledged answers that could not be delivered in time (logged too).
   */
  stop(graceMs?: number): Promise<{ undelivered: number }>;
}

/** Options for {@link startNewsdesk}. */
export interface StartOptions {
  logger: Logger;
  /** A prebuilt desk (tests); by default the articles in `config.seedsDir` are loaded and watched. */
  desk?: Desk;
  /**
   * Called once when every platform that was started is down for good (tokens rejected, gateway closed
   * for good): `npm start` then exits non-zero.
   */
  onAllPlatformsDown?: () => void;
  /** Adapter settings for tests (short time-outs and back-off). */
  adapters?: { callTimeoutMs?: number; retryDelayMs?: number; retries?: number };
  /** Answers in flight before new events are refused (default 2,000). */
  maxInFlight?: number;
  /** When the snapshot is written after start-up, and how long shutdown waits for it, in ms (tests). */
  snapshot?: { delayMs?: number; deadlineMs?: number };
}

/**
 * Loads the articles and starts every platform the config turns on (see `adapters/platforms.ts`), with one
 * command handler (rate limits, metrics, a log line per question), a bounded work queue, article reload
 * and, when configured, `/healthz` and `/metrics`. A platform's library is imported only when it starts, so
 * the console starts fast.
 */
export async function startNewsdesk(config: Config, options: StartOptions): Promise<NewsdeskApp> {
  const { logger } = options;
  const { ops } = config;
  const metrics = new Metrics();
  // `/healthz` answers from the start (`starting`, 503) while the articles are read and indexed: a large
  // folder without a snapshot is indexed in a worker thread, seconds during which this thread is free.
  let status = (): HealthStatus => ({ status: 'starting', articles: 0, paragraphs: 0, platforms: {} });
  const routes = healthRoutes({ status: () => status(), metrics });
  const healthServer =
    ops.healthPort === undefined ? undefined : await startHealthServer(routes, ops.healthPort);
  if (healthServer)
    logger.info('Health and metrics are served', { port: ops.healthPort, paths: '/healthz /metrics' });
  let closing: Promise<unknown> | undefined;
  const closeHealth = async () => {
    if (!healthServer) return;
    healthServer.closeAllConnections();
    closing ??= new Promise((resolve) => healthServer.close(resolve));
    await closing;
  };
  try {
    return await startServing(config, options, {
      metrics,
      routes,
      closeHealth,
      serve: (s) => {
        status = s;
      },
    });
  } catch (error) {
    await closeHealth();
    throw error;
  }
}

/** What {@link startNewsdesk} made before opening the desk, for the rest of the start. */
interface Started {
  metrics: Metrics;
  routes: HealthRoutes;
  closeHealth: () => Promise<void>;
  /** Makes `/healthz` report this from now on. */
  serve: (status: () => HealthStatus) => void;
}

async function startServing(
  config: Config,
  options: StartOptions,
  { metrics, routes, closeHealth, serve }: Started,
): Promise<NewsdeskApp> {
  const { logger } = options;
  const { ops } = config;
  const library = new ArticleLibrary({
    dir: config.seedsDir,
    logger,
    // Over PostgreSQL the database holds the articles: the library keeps only what tells a changed file.
    holdArticles: config.searchBackend !== 'postgres',
    // After reloads too, so that a restart does not rebuild what was indexed since start-up.
    snapshot: config.snapshotDir ? { dir: config.snapshotDir, seedsDir: config.seedsDir, logger } : undefined,
    onReload: (report) => {
      metrics.recordReload('ok', report.rejected.length);
      metrics.recordIndex(desk.stats);
    },
  });
  const { seedsDir, snapshotDir, maxPassages } = config;
  let deskOpen = false;
  let feeds: FeedFollower | undefined;
  if (config.feeds && !options.desk) {
    // Imported only when feeds are followed: the feed parser and HTML extractor stay out of a plain start.
    const { FeedFollower } = await import('./ingest/feed-follower.ts');
    feeds = new FeedFollower({
      feeds: config.feeds.urls,
      seedsDir,
      intervalMinutes: config.feeds.intervalMinutes,
      logger,
      onFeed: (report) => metrics.recordFeed(report.url, { ok: !report.error, added: report.added.length }),
      // New files are read now, not only when the folder watcher notices (it may be off).
      onAdded: (files) => {
        if (!deskOpen) return;
        // Those files alone: listing a large folder again took most of a second.
        library
          .reload(reloadTarget, files)
          .catch((error) => logger.error('Reloading articles failed', { error }));
      },
    });
    // A folder that only feeds fill starts empty: read them once before opening it.
    if (!(await listArticleFiles(seedsDir).catch(() => [])).length) {
      logger.info('The articles folder has no articles yet: reading the feeds first', { seedsDir });
      await feeds.runRound();
    }
  }
  // SEARCH_BACKEND=postgres: the folder is synced into the database, which every process answers from.
  const postgres =
    config.searchBackend === 'postgres' && !options.desk
      ? await (await import('./search/postgres/open-postgres-desk.ts')).openPostgresDesk({
          databaseUrl: config.databaseUrl as string,
          library,
          logger,
          maxPassages,
          mentions: MENTION_PATTERNS,
          ...loadDeskData(),
        })
      : undefined;
  const opened =
    options.desk || postgres
      ? undefined
      : await openDesk({
          seedsDir,
          snapshotDir,
          maxPassages,
          logger,
          library,
          ...loadDeskData(),
          mentions: MENTION_PATTERNS,
        });
  const desk = options.desk ?? postgres?.desk ?? (opened as OpenedDesk).desk;
  // What a change to the folder reloads: the desk's own index, or the database (which tells every process).
  const reloadTarget: ReloadTarget = postgres ? postgres.reloadTarget : desk;
  deskOpen = true;
  metrics.recordIndex(desk.stats);
  let saving: Promise<void> | undefined;
  let snapshotTimer: NodeJS.Timeout | undefined;
  let warming: NodeJS.Immediate | undefined;

  const onHandled = (event: HandledCommand, level: 'info' | 'debug' = 'info') => {
    metrics.recordCommand(event);
    const { question, ...fields } = event;
    logger[level](
      'question handled',
      ops.logQuestions && question !== undefined ? { ...fields, question } : fields,
    );
  };
  const limits = { perMinute: ops.rateLimitPerMinute, burst: ops.rateLimitBurst };
  // With REDIS_URL, rate limits and the redelivery memory are shared by every process (replicas, shards).
  const redis = config.redisUrl ? await connectShared(config.redisUrl, logger) : undefined;
  const limiter = redis ? redis.limiter(limits) : new RateLimiter(limits);
  const handle = createCommandHandler({ desk, limiter, onHandled: (event) => onHandled(event) });
  // The console's user reads the same terminal: its questions are logged at debug level only.
  const handleLocal = createCommandHandler({ desk, onHandled: (event) => onHandled(event, 'debug') });
  const inFlight = new InFlight({
    max: options.maxInFlight,
    observer: {
      refused: (platform, reason) => {
        metrics.recordRefused(platform, reason);
        if (reason === 'overload') warnOverload(platform);
      },
      finished: (platform, seconds, ok) => metrics.recordDelivery(platform, seconds, ok),
    },
  });
  metrics.trackInFlight(() => inFlight.count);
  // One warning a minute at most while overloaded: a flood must not also flood the log.
  let lastOverloadWarning = -Infinity;
  const warnOverload = (platform: string) => {
    if (Date.now() - lastOverloadWarning < 60_000) return;
    lastOverloadWarning = Date.now();
    logger.warn('Overloaded: refusing new questions until answers in flight are delivered', {
      platform,
      inFlight: inFlight.count,
    });
  };
  const down = new Set<string>();
  const onFatal = (platform: string) => () => {
    down.add(platform);
    metrics.recordPlatformUp(platform, false);
    if (state === 'ok' && platforms.length > 0 && platforms.every((p) => down.has(p.name))) {
      logger.error('No platform is left to serve: stopping');
      options.onAllPlatformsDown?.();
    }
  };

  let state: 'starting' | 'ok' | 'stopping' = 'starting';
  const platforms: RunningPlatform[] = [];
  const health = (): HealthStatus => ({
    status:
      state !== 'ok'
        ? state
        : down.size > 0
          ? 'platform-down'
          : inFlight.refusal() === 'overload'
            ? 'overloaded'
            : 'ok',
    inFlight: inFlight.count,
    articles: desk.stats.articles,
    paragraphs: desk.stats.paragraphs,
    indexBuiltAt: desk.stats.builtAt.toISOString(),
    platforms: Object.fromEntries(platforms.map((p) => [p.name, p.status?.() ?? 'running'])),
    ...(feeds ? { feeds: feeds.status() } : {}),
    ...(redis ? { redis: redis.connection.isUp() ? ('up' as const) : ('down' as const) } : {}),
  });
  serve(health);

  let stopping: Promise<{ undelivered: number }> | undefined;
  const stop = (graceMs = 10_000) => {
    stopping ??= (async () => {
      state = 'stopping';
      // First: events arriving from now on are refused before they are acknowledged.
      inFlight.stopTaking();
      clearTimeout(snapshotTimer);
      clearImmediate(warming);
      library.close();
      // A snapshot a reload scheduled is written now, within the same deadline as the start-up one.
      const reloaded = library.flushSnapshot();
      saving = saving ? Promise.all([saving, reloaded]).then(() => {}) : reloaded;
      // No new feed round starts; one in flight finishes or is dropped with the process (files are written whole).
      void feeds?.stop();
      const waiting = inFlight.count;
      if (waiting) logger.info('Finishing answers in flight', { inFlight: waiting, graceMs });
      const { unfinished } = await inFlight.close(graceMs);
      if (unfinished) {
        logger.error(
          `${unfinished} acknowledged ${unfinished === 1 ? 'question was' : 'questions were'} not answered within the ${graceMs / 1000} s grace period`,
          { undelivered: unfinished, graceMs },
        );
      }
      if (saving) {
        const settled = await Promise.race([
          saving.then(() => true),
          delay(options.snapshot?.deadlineMs ?? SNAPSHOT_WRITE_DEADLINE_MS, false, { ref: false }),
        ]);
        if (!settled)
          logger.warn('The index snapshot was still being written; not waiting for it', {
            snapshotDir: config.snapshotDir,
          });
      }
      await Promise.allSettled(platforms.map((p) => p.stop()));
      await redis?.connection.close();
      await postgres?.close();
      await closeHealth();
      return { undelivered: unfinished };
    })();
    return stopping;
  };

  try {
    const observer = {
      outbound: (platform: string, outcome: string) => metrics.recordOutbound(platform, outcome),
    };
    for (const platform of PLATFORMS) {
      const settings = config.platforms[platform.name];
      if (settings === undefined) continue;
      platforms.push(
        await platform.start(settings, {
          desk,
          logger,
          handle,
          inFlight,
          observer,
          onFatal: onFatal(platform.name),
          healthRoutes: routes,
          dedupe: redis?.dedupe,
          ...options.adapters,
        }),
      );
      metrics.recordPlatformUp(platform.name, true);
    }
  } catch (error) {
    await stop(0);
    throw error;
  }
  if (ops.watchArticles && !options.desk) library.watch(reloadTarget);
  if (feeds && config.feeds) {
    feeds.start();
    logger.info('Following feeds', {
      feeds: config.feeds.urls.length,
      everyMinutes: config.feeds.intervalMinutes,
    });
  }
  state = 'ok';
  // Right after start, not on the first question's time (~0.7 s on 10k paragraphs, ~50 ms on the seeds),
  // and in time slices: at 100k paragraphs it takes seconds, which the first questions must not wait for.
  warming = setImmediate(() => {
    const started = performance.now();
    const slices = reindexSlices();
    desk
      .warmUpInSteps(() => {
        if (state === 'stopping') throw new Error('stopping');
        return slices();
      })
      .then(
        () => logger.debug('Index warmed up', { ms: Math.round(performance.now() - started) }),
        () => undefined,
      );
  });
  warming.unref?.();
  // Off the request path: the first questions are answered before the snapshot is written.
  snapshotTimer = setTimeout(() => {
    saving = opened?.saveSnapshot();
  }, options.snapshot?.delayMs ?? SNAPSHOT_DELAY_MS);
  snapshotTimer.unref?.();
  return { desk, platforms, metrics, handleLocal, health, inFlight, stop };
}

/**
 * Connects to Redis and builds the shared rate limiter and redelivery memory (for platforms that redeliver)
 * on it. Imported only with `REDIS_URL`, so a plain start loads no Redis client.
 */
async function connectShared(url: string, logger: Logger) {
  const [{ connectRedis }, { createSharedRateLimiter }, { createSharedDeliveryDedupe }] = await Promise.all([
    import('./shared-state/redis-connection.ts'),
    import('./shared-state/shared-rate-limiter.ts'),
    import('./shared-state/shared-delivery-dedupe.ts'),
  ]);
  const connection = await connectRedis({ url, logger });
  return {
    connection,
    limiter: (limits: { perMinute: number; burst: number }) => createSharedRateLimiter(connection, limits),
    dedupe: createSharedDeliveryDedupe(connection),
  };
}

/** Runs the local console on the given streams (what `npm start` does when no platform is configured). */
export async function startConsole(
  app: NewsdeskApp,
  io: Pick<ConsoleOptions, 'input' | 'output' | 'logger' | 'logSink' | 'signal'>,
): Promise<void> {
  await runConsole({ desk: app.desk, handle: app.handleLocal, ...io, interactive: true });
}
