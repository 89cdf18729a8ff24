/** Options for {@link WorkQueue}. */
export interface WorkQueueOptions {
  /** Handlers running at once (default 8). */
  concurrency?: number;
  /** Handlers waiting for a slot before new ones are turned away (default 500). */
  maxQueued?: number;
}

/** Thrown by {@link WorkQueue.run} when the queue is full or closing; adapters answer "busy" or nothing. */
export class QueueRejectedError extends Error {
  override readonly name = 'QueueRejectedError';
  constructor(readonly reason: 'full' | 'closing') {
    super(reason === 'full' ? 'Newsdesk: too many questions waiting' : 'Newsdesk: shutting down');
  }
}

/**
 * Bounds how many event handlers run at once, so a flood of questions queues instead of exhausting
 * memory, and tracks the ones in flight so shutdown can let them finish.
 */
export class WorkQueue {
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private closing = false;

  constructor(options: WorkQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.maxQueued = Math.max(0, options.maxQueued ?? 500);
  }

  /** Handlers running or waiting. */
  get pending(): number {
    return this.active + this.waiting.length;
  }

  /** Runs `work` when a slot is free. Rejects with {@link QueueRejectedError} when full or closing. */
  async run<T>(work: () => Promise<T> | T): Promise<T> {
    if (this.closing) throw new QueueRejectedError('closing');
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new QueueRejectedError('full');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else {
        this.active--;
        if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }

  /**
   * Stops taking new work and resolves when what is in flight has finished, or after `timeoutMs`
   * (true when everything finished).
   */
  async close(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    if (this.pending === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return finished;
  }
}
