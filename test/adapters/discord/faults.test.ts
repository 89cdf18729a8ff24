/**
 * Nothing lost on Discord (issue 15): REST calls that fail, hang or time out, a gateway closed for good,
 * and refusing work while shutting down. Faults are injected into the loopback stand-in; time-outs and
 * back-off are shortened, never asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InFlight } from '../../../src/ops/in-flight.ts';
import type { RecordedCall } from '../../support/discord-standin.ts';
import { CALLBACK, option, startBot, TEST_TIMEOUT } from './harness.ts';

const QUESTION = 'What did Putin say about North Korean troops?';

let bot: Awaited<ReturnType<typeof startBot>> | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
}, TEST_TIMEOUT);

const callbackOf = (interaction: { id: string }) => (call: RecordedCall) =>
  call.method === 'POST' && call.route.startsWith(`/interactions/${interaction.id}/`);

describe('Discord REST calls', { timeout: TEST_TIMEOUT }, () => {
  it('retries an interaction reply that got HTTP 500, logging each attempt, and delivers it', async () => {
    bot = await startBot({ adapter: { retries: 2, retryDelayMs: 5 } });
    const b = bot;
    b.standin.fault((call) => call.route.startsWith('/interactions/'), 500, 2);
    const interaction = b.standin.slashCommand('ask', [option.string('question', QUESTION)]);
    const calls = await b.standin.waitFor(
      () =>
        b.standin.calls.filter(callbackOf(interaction)).length >= 3 &&
        b.standin.calls.filter(callbackOf(interaction)),
      'three attempts',
    );
    expect(calls.at(-1)?.body.type).toBe(CALLBACK.message);
    const failures = b.logger.lines.filter((l) => l.message.includes('answered HTTP 500'));
    expect(failures.map((l) => [l.context?.attempt, l.context?.willRetry])).toEqual([
      [1, true],
      [2, true],
    ]);
    // The interaction token is part of the URL: never logged.
    expect(JSON.stringify(b.logger.lines)).not.toContain(interaction.token);
    expect(failures[0]?.context?.route).toBe(`/interactions/${interaction.id}/:token/callback`);
  });

  it("a hung reply never delays another user's answer; it times out, is retried and given up, all logged", async () => {
    bot = await startBot({ adapter: { callTimeoutMs: 300, retries: 1, retryDelayMs: 5 } });
    const b = bot;
    const slow = b.standin.slashCommand('ask', [option.string('question', QUESTION)]);
    b.standin.fault(callbackOf(slow), 'hang', 2);
    await b.standin.waitForCall(callbackOf(slow), 'the hung reply');
    const fast = b.standin.slashCommand('ask', [option.string('question', QUESTION)], 'dm');
    const answered = await b.standin.waitForCallback(fast);
    expect(answered.body.type).toBe(CALLBACK.message);
    await b.standin.waitFor(() => b.logger.lines.find((l) => l.message.includes('giving up')), 'the give-up');
    const timeouts = b.logger.lines.filter((l) => l.message.includes('timed out'));
    expect(timeouts.map((l) => [l.context?.attempt, l.context?.willRetry])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(JSON.stringify(b.logger.lines)).not.toContain(slow.token);
  });
});

describe('a gateway closed for good', { timeout: TEST_TIMEOUT }, () => {
  it.each([4004, 4014])('close code %i marks Discord down, logged once', async (code) => {
    const fatal: string[] = [];
    bot = await startBot({ adapter: { onFatal: (reason) => fatal.push(reason) } });
    const b = bot;
    expect(b.running.status()).toBe('connected');
    b.standin.closeGateway(code, 'closed by the test');
    await b.standin.waitFor(() => fatal.length > 0, 'the fatal report');
    expect(fatal[0]).toContain(String(code));
    expect(b.running.status()).toBe('down');
    const lines = b.logger.lines.filter((l) => l.level === 'error' && l.message.includes('Discord is down'));
    expect(lines).toHaveLength(1);
  });

  it('a resumable close (4000) is not fatal: the bot reconnects', async () => {
    const fatal: string[] = [];
    bot = await startBot({ adapter: { onFatal: (reason) => fatal.push(reason) } });
    const b = bot;
    b.standin.closeGateway(4000, 'unknown error');
    await b.standin.waitFor(
      () => b.standin.gateway.filter((g) => g.kind === 'connect').length >= 2,
      'a reconnect',
    );
    const interaction = b.standin.slashCommand('help');
    await b.standin.waitForCallback(interaction);
    expect(fatal).toEqual([]);
    expect(b.running.status()).not.toBe('down');
  });
});

describe('shutting down', { timeout: TEST_TIMEOUT }, () => {
  it('finishes the answers it took, and takes no new interactions (counted)', async () => {
    const refused: string[] = [];
    const inFlight = new InFlight({ observer: { refused: (_p, reason) => refused.push(reason) } });
    bot = await startBot({ adapter: { inFlight, callTimeoutMs: 30_000 } });
    const b = bot;
    const first = b.standin.slashCommand('ask', [option.string('question', QUESTION)]);
    b.standin.fault(callbackOf(first), 500, 1);
    await b.standin.waitForCall(callbackOf(first), 'the first reply attempt');
    inFlight.stopTaking();
    const second = b.standin.slashCommand('help');
    await b.standin.waitFor(() => refused.length > 0, 'the refusal');
    expect(refused).toEqual(['stopping']);
    expect(await inFlight.close(10_000)).toEqual({ drained: true, unfinished: 0 });
    expect(b.standin.calls.filter(callbackOf(first)).at(-1)?.body.type).toBe(CALLBACK.message);
    expect(b.standin.calls.some(callbackOf(second))).toBe(false);
  });
});
