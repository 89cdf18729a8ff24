/**
 * Answers in flight: admitted, computed, and being delivered. The core answers in milliseconds of CPU and
 * synchronously, so nothing here limits how many answers are *computed* at once; what it bounds is the
 * number still waiting on Discord or Slack to take their reply (memory), and it lets shutdown wait for
 * exactly those. A handler never holds a slot while another waits for one: there is no queue to wait in.
 */

/** Why new work was turned away. */
export type RefusalReason = 'overload' | 'stopping';

/** Thrown by {@link InFlight.run} when work is refused; adapters refuse before acknowledging where they can. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(readonly reason: RefusalReason) {
    super(reason === 'overload' ? 'Newsdesk: too many answers in flight' : 'Newsdesk: shutting down');
  }
}

/** What {@link InFlight} reports as work is admitted, refused and finished. */
export interface InFlightObserver {
  /** Work for `platform` was refused (before it was acknowledged, where the platform allows). */
  refused?(platform: string, reason: RefusalReason): void;
  /** Work for `platform` finished: delivered (`ok`) or failed, `seconds` after the event was received. */
  finished?(platform: string, seconds: number, ok: boolean): void;
}

/** Options for {@link InFlight}. */
export interface InFlightOptions {
  /** Answers being delivered at once before new work is refused (default 2,000). */
  max?: number;
  observer?: InFlightObserver;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
}

/** One admitted piece of work. */
export interface Ticket {
  /** Marks it finished (`ok`: delivered); later calls do nothing. */
  done(ok?: boolean): void;
}

/** The outcome of {@link InFlight.close}. */
export interface DrainResult {
  /** True when everything admitted finished within the grace period. */
  drained: boolean;
  /** Work still in flight when the grace period ended (never delivered by this process). */
  unfinished: number;
}

/** Counts and bounds answers in flight; see the file comment. */
export class InFlight {
  private readonly max: number;
  private readonly observer: InFlightObserver;
  private readonly now: () => number;
  private active = 0;
  private closing = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(options: InFlightOptions = {}) {
    this.max = Math.max(1, options.max ?? 2000);
    this.observer = options.observer ?? {};
    this.now = options.now ?? (() => performance.now());
  }

  /** Work admitted and not yet finished. */
  get count(): number {
    return this.active;
  }

  /** Whether shutdown has begun (new work is refused). */
  get stopping(): boolean {
    return this.closing;
  }

  /** Why new work would be refused right now, or `undefined` when it would be taken. */
  refusal(): RefusalReason | undefined {
    if (this.closing) return 'stopping';
    if (this.active >= this.max) return 'overload';
    return undefined;
  }

  /**
   * Admits one piece of work (an event to answer) unless {@link refusal} says no, in which case the
   * refusal is counted and `undefined` returned. Adapters call this *before* acknowledging an event, so a
   * refused event is redelivered by the platform (or told "busy") rather than acknowledged and lost.
   * The ticket's `done` must be called once the answer is delivered (or has failed for good).
   */
  admit(platform: string, receivedAt = this.now()): Ticket | undefined {
    const reason = this.refusal();
    if (reason) {
      this.observer.refused?.(platform, reason);
      return undefined;
    }
    this.active++;
    let finished = false;
    return {
      done: (ok = true) => {
        if (finished) return;
        finished = true;
        this.active--;
        this.observer.finished?.(platform, Math.max(0, this.now() - receivedAt) / 1000, ok);
        if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      },
    };
  }

  /** Runs `work` under a ticket ({@link admit}); rejects with {@link RefusedError} when refused. */
  async run<T>(platform: string, work: () => Promise<T> | T): Promise<T> {
    const ticket = this.admit(platform);
    if (!ticket) throw new RefusedError(this.refusal() ?? 'overload');
    let ok = false;
    try {
      const result = await work();
      ok = true;
      return result;
    } finally {
      ticket.done(ok);
    }
  }

  /** Refuses new work from now on, without waiting (the first step of shutdown). */
  stopTaking(): void {
    this.closing = true;
  }

  /**
   * Refuses new work and resolves when what is in flight has finished, or after `timeoutMs` with the
   * number left unfinished.
   */
  async close(timeoutMs: number): Promise<DrainResult> {
    this.closing = true;
    if (this.active === 0) return { drained: true, unfinished: 0 };
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return { drained, unfinished: drained ? 0 : this.active };
  }
}
