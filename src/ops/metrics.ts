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

  /** Creates the metrics; with `processMetrics` (default true) also Node's CPU, memory and event-loop metrics. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'newsdesk_' });
  }

  /** Records one handled command. */
  recordCommand(event: HandledCommand): void {
    this.questions.inc({ platform: event.platform, command: event.command, outcome: event.outcome });
    if (event.command === 'ask') this.latency.observe({ platform: event.platform }, event.latencyMs / 1000);
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

  /** The Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of {@link render}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
