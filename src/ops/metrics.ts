import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HandledCommand } from '../core/commands/command-handler.ts';
import type { CorpusStats } from '../core/types.ts';

/** The Prometheus metrics Newsdesk exports on `/metrics`. */
export class Metrics {
  /** The registry `/metrics` renders. */
  readonly registry = new Registry();
  private readonly questions = new Counter({
    name: 'newsdesk_questions_total',
    help: 'Commands handled, by platform, command and outcome.',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'newsdesk_answer_latency_seconds',
    help: 'Time to compose a reply in the core, by platform.',
    labelNames: ['platform'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  private readonly articles = new Gauge({
    name: 'newsdesk_index_articles',
    help: 'Articles in the index.',
    registers: [this.registry],
  });
  private readonly paragraphs = new Gauge({
    name: 'newsdesk_index_paragraphs',
    help: 'Paragraphs in the index.',
    registers: [this.registry],
  });
  private readonly reloads = new Counter({
    name: 'newsdesk_reloads_total',
    help: 'Article reloads, by result.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly rejected = new Counter({
    name: 'newsdesk_rejected_files_total',
    help: 'Article files rejected when loading or reloading.',
    registers: [this.registry],
  });

  private readonly refused = new Counter({
    name: 'newsdesk_refused_total',
    help: 'Questions refused, by platform and reason: overload and stopping (refused before they were acknowledged where the platform redelivers), rate-limited (told to slow down) and rate-limited-quiet (a repeat over the limit, ignored without a reply).',
    labelNames: ['platform', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly outbound = new Counter({
    name: 'newsdesk_outbound_failures_total',
    help: 'Failed attempts of calls to Slack and Discord, by platform and outcome: timeout or error (network, HTTP 5xx, 429), then retry or gave-up.',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly delivery = new Histogram({
    name: 'newsdesk_delivery_latency_seconds',
    help: 'Time from receiving an event to its reply being delivered (or given up on), by platform and result.',
    labelNames: ['platform', 'result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly platformUp = new Gauge({
    name: 'newsdesk_platform_up',
    help: '1 while a platform is serving, 0 once it is down for good (token rejected, gateway closed for good).',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  /** Where the answers-in-flight gauge is read from on each scrape ({@link trackInFlight}). */
  private inFlightCount?: () => number;
  private readonly inFlight = new Gauge({
    name: 'newsdesk_answers_in_flight',
    help: 'Events admitted whose reply is not yet delivered.',
    registers: [this.registry],
  });
  private readonly feedSuccess = new Gauge({
    name: 'newsdesk_feed_last_success_timestamp_seconds',
    help: 'When each followed feed was last read successfully (Unix time).',
    labelNames: ['feed'] as const,
    registers: [this.registry],
  });
  private readonly feedArticles = new Counter({
    name: 'newsdesk_feed_articles_added_total',
    help: 'Articles each followed feed added.',
    labelNames: ['feed'] as const,
    registers: [this.registry],
  });
  private readonly feedFailures = new Counter({
    name: 'newsdesk_feed_failures_total',
    help: 'Rounds in which a followed feed could not be read.',
    labelNames: ['feed'] as const,
    registers: [this.registry],
  });

  /** Creates the metrics; with `processMetrics` (default true) also Node's CPU, memory and event-loop metrics. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'newsdesk_' });
  }

  /** Records one handled command. */
  recordCommand(event: HandledCommand): void {
    this.questions.inc({ platform: event.platform, command: event.command, outcome: event.outcome });
    if (event.outcome === 'rate-limited' || event.outcome === 'rate-limited-quiet')
      this.refused.inc({ platform: event.platform, reason: event.outcome });
    if (event.command === 'ask') this.latency.observe({ platform: event.platform }, event.latencyMs / 1000);
  }

  /** Records a refused question (`overload`, `stopping`, `rate-limited`, `rate-limited-quiet`). */
  recordRefused(platform: string, reason: string): void {
    this.refused.inc({ platform, reason });
  }

  /** Records a failed attempt of an outbound call. */
  recordOutbound(platform: string, outcome: string): void {
    this.outbound.inc({ platform, outcome });
  }

  /** Records an event's reply delivered (or given up on) `seconds` after the event arrived. */
  recordDelivery(platform: string, seconds: number, ok: boolean): void {
    this.delivery.observe({ platform, result: ok ? 'delivered' : 'failed' }, seconds);
  }

  /** Records whether a platform is serving. */
  recordPlatformUp(platform: string, up: boolean): void {
    this.platformUp.set({ platform }, up ? 1 : 0);
  }

  /** Records what the index holds. */
  recordIndex(stats: CorpusStats): void {
    this.articles.set(stats.articles);
    this.paragraphs.set(stats.paragraphs);
  }

  /** Records a reload and the files it rejected. */
  recordReload(result: 'ok' | 'failed', rejectedFiles: number): void {
    this.reloads.inc({ result });
    if (rejectedFiles) this.rejected.inc(rejectedFiles);
  }

  /** Reads the number of answers in flight from `count` on each scrape. */
  trackInFlight(count: () => number): void {
    this.inFlightCount = count;
  }

  /** Records one round's outcome for a followed feed: success with the articles it added, or a failure. */
  recordFeed(feed: string, outcome: { ok: boolean; added: number }): void {
    if (outcome.ok) {
      this.feedSuccess.set({ feed }, Date.now() / 1000);
      this.feedArticles.inc({ feed }, outcome.added);
    } else {
      this.feedFailures.inc({ feed });
    }
  }

  /** The Prometheus text exposition. */
  render(): Promise<string> {
    if (this.inFlightCount) this.inFlight.set(this.inFlightCount());
    return this.registry.metrics();
  }

  /** The content type of {@link render}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
