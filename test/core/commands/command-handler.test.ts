import { describe, expect, it } from 'vitest';
import { createCommandHandler, type HandledCommand } from '../../../src/core/commands/command-handler.ts';
import { RateLimiter } from '../../../src/core/limits/rate-limiter.ts';
import { seedDesk } from '../../support/seed-desk.ts';

const desk = await seedDesk();

describe('createCommandHandler', () => {
  it('answers and reports platform, command, outcome, result count and latency', async () => {
    const events: HandledCommand[] = [];
    const handle = createCommandHandler({ desk, onHandled: (e) => events.push(e), now: () => 5 });
    const reply = await handle(
      { name: 'ask', question: 'Who is Sergey Lavrov?' },
      { platform: 'slack', userId: 'U1' },
    );
    expect(reply.kind).toBe('answer');
    await handle({ name: 'ask', question: 'Who wrote Hamlet?' }, { platform: 'slack', userId: 'U1' });
    await handle({ name: 'sources' }, { platform: 'discord', userId: 'D1' });
    expect(events.map((e) => [e.platform, e.command, e.outcome])).toEqual([
      ['slack', 'ask', 'answered'],
      ['slack', 'ask', 'not-covered'],
      ['discord', 'sources', 'ok'],
    ]);
    expect(events[0]).toMatchObject({ results: expect.any(Number), latencyMs: 0 });
    expect(events[0]?.results).toBeGreaterThan(0);
  });

  it('tells a user who asks too fast when to try again, without limiting others or paging', async () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 6 });
    const handle = createCommandHandler({ desk, limiter });
    const alice = { platform: 'discord', userId: 'alice' };
    expect((await handle({ name: 'ask', question: 'lavrov' }, alice)).kind).toBe('answer');
    expect(await handle({ name: 'ask', question: 'lavrov' }, alice)).toMatchObject({
      kind: 'problem',
      code: 'rate-limited',
      retryAfterSeconds: 5,
      message: expect.stringContaining('try again in 5 s'),
    });
    expect((await handle({ name: 'ask', question: 'North Korea', offset: 3 }, alice)).kind).toBe('answer');
    expect(
      (await handle({ name: 'ask', question: 'lavrov' }, { platform: 'discord', userId: 'bob' })).kind,
    ).toBe('answer');
  });
});
