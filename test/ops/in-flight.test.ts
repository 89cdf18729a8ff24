import { describe, expect, it } from 'vitest';
import { InFlight, RefusedError } from '../../src/ops/in-flight.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('InFlight', () => {
  it('starts every admitted piece of work at once: none waits for another to be delivered', async () => {
    const inFlight = new InFlight({ max: 100 });
    const gates = Array.from({ length: 20 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      inFlight.run('slack', async () => {
        started.push(i);
        await gate.promise;
      }),
    );
    expect(started).toHaveLength(20);
    expect(inFlight.count).toBe(20);
    for (const gate of gates) gate.resolve();
    await Promise.all(runs);
    expect(inFlight.count).toBe(0);
  });

  it('refuses past the limit, counting each refusal, and takes work again once there is room', async () => {
    const refused: string[] = [];
    const inFlight = new InFlight({ max: 2, observer: { refused: (p, r) => refused.push(`${p}:${r}`) } });
    const a = inFlight.admit('discord');
    const b = inFlight.admit('discord');
    expect(inFlight.admit('slack')).toBeUndefined();
    expect(inFlight.refusal()).toBe('overload');
    await expect(inFlight.run('slack', () => 1)).rejects.toBeInstanceOf(RefusedError);
    expect(refused).toEqual(['slack:overload', 'slack:overload']);
    a?.done();
    a?.done(); // a second done changes nothing
    expect(inFlight.count).toBe(1);
    expect(inFlight.admit('slack')).toBeDefined();
    b?.done();
  });

  it('reports the time from receipt to delivery, and whether it was delivered', async () => {
    let clock = 1000;
    const finished: [string, number, boolean][] = [];
    const inFlight = new InFlight({
      now: () => clock,
      observer: { finished: (p, s, ok) => finished.push([p, s, ok]) },
    });
    const ticket = inFlight.admit('slack', 900);
    clock = 1400;
    ticket?.done(true);
    await expect(
      inFlight.run('discord', () => {
        clock = 1650;
        throw new Error('post failed');
      }),
    ).rejects.toThrow('post failed');
    expect(finished).toEqual([
      ['slack', 0.5, true],
      ['discord', 0.25, false],
    ]);
  });

  it('on close refuses new work and waits for what it took, or says how much was left', async () => {
    const inFlight = new InFlight();
    const gate = deferred();
    const run = inFlight.run('slack', () => gate.promise);
    const hung = inFlight.admit('slack');
    const closing = inFlight.close(50);
    expect(inFlight.refusal()).toBe('stopping');
    expect(inFlight.admit('slack')).toBeUndefined();
    gate.resolve();
    await run;
    expect(await closing).toEqual({ drained: false, unfinished: 1 });
    hung?.done();
    expect(await inFlight.close(50)).toEqual({ drained: true, unfinished: 0 });
  });
});
