import { describe, expect, it } from 'vitest';
import { QueueRejectedError, WorkQueue } from '../../src/ops/work-queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('runs at most `concurrency` handlers at once and queues the rest in order', async () => {
    const queue = new WorkQueue({ concurrency: 2, maxQueued: 10 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0]?.resolve();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    await Promise.all(runs);
    expect(queue.pending).toBe(0);
  });

  it('turns work away when the queue is full, instead of growing without bound', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxQueued: 1 });
    const gate = deferred();
    const first = queue.run(() => gate.promise);
    const second = queue.run(() => undefined);
    await expect(queue.run(() => undefined)).rejects.toBeInstanceOf(QueueRejectedError);
    gate.resolve();
    await Promise.all([first, second]);
  });

  it('on close, refuses new work and waits for work in flight to finish', async () => {
    const queue = new WorkQueue();
    const gate = deferred();
    let finished = false;
    const inFlight = queue.run(async () => {
      await gate.promise;
      finished = true;
    });
    const closing = queue.close(10_000);
    await expect(queue.run(() => undefined)).rejects.toMatchObject({ reason: 'closing' });
    gate.resolve();
    expect(await closing).toBe(true);
    await inFlight;
    expect(finished).toBe(true);
  });

  it('gives up waiting after the timeout', async () => {
    const queue = new WorkQueue();
    void queue.run(() => new Promise(() => {}));
    expect(await queue.close(5)).toBe(false);
  });
});
