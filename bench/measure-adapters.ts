/**
 * ─── Adapters ──────────────────────────────────────────────────────────────────────────────────────────
 * Loopback round trips through the test stand-ins (owned by the adapter engineers; used here, never edited):
 *  - Discord: a `/ask` interaction dispatched on the stand-in gateway → the interaction callback the bot
 *    POSTs back (the reply itself: the adapter answers in its initial response);
 *  - Slack (Socket Mode): an `app_mention` event envelope → the `chat.postMessage` that answers it.
 * Timed at 1 question in flight and at 50 at once. The stand-ins and adapters are imported when needed; a
 * platform that fails to start is reported with the reason, and the benchmark goes on.
 */
import type { Desk } from '../src/core/desk.ts';
import { silentLogger } from '../src/core/types.ts';
import { percentile } from './stats.ts';

/** Round-trip latency at one concurrency, in ms. */
export interface RoundTrip {
  concurrency: number;
  questions: number;
  p50: number;
  p99: number;
}

/** One platform's figures, or why it was not measured. */
export type AdapterResult =
  | { platform: 'discord' | 'slack'; measured: true; trips: RoundTrip[] }
  | { platform: 'discord' | 'slack'; measured: false; reason: string };

/** How many questions to send. */
export interface AdapterOptions {
  /** Unmeasured questions first, at concurrency 1 (default 10). */
  warmUp?: number;
  /** Sequential questions at concurrency 1 (after the warm-up ones). */
  sequential: number;
  /** Waves of 50 concurrent questions. */
  waves: number;
}

/** Something that sends one question and resolves when the answer arrives. */
type Ask = (question: string) => Promise<void>;

/** Measures both platforms; each failure is reported as a reason, never thrown. */
export async function measureAdapters(
  desk: Desk,
  questions: readonly string[],
  options: AdapterOptions,
  onProgress: (message: string) => void,
): Promise<AdapterResult[]> {
  const results: AdapterResult[] = [];
  for (const [platform, start] of [
    ['discord', startDiscordLoop],
    ['slack', startSlackLoop],
  ] as const) {
    onProgress(`adapters: ${platform} round trips`);
    try {
      const loop = await start(desk);
      try {
        results.push({ platform, measured: true, trips: await roundTrips(loop.ask, questions, options) });
      } finally {
        await loop.stop();
      }
    } catch (error) {
      results.push({
        platform,
        measured: false,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

async function roundTrips(
  ask: Ask,
  questions: readonly string[],
  options: AdapterOptions,
): Promise<RoundTrip[]> {
  const q = (i: number) => questions[i % questions.length] as string;
  for (let i = 0; i < (options.warmUp ?? 10); i++) await ask(q(i));
  const single: number[] = [];
  for (let i = 0; i < options.sequential; i++) single.push(await timeAsk(ask, q(i)));
  const concurrent: number[] = [];
  for (let wave = 0; wave < options.waves; wave++) {
    concurrent.push(
      ...(await Promise.all(Array.from({ length: 50 }, (_, i) => timeAsk(ask, q(wave * 50 + i))))),
    );
  }
  const trip = (concurrency: number, ms: number[]): RoundTrip => ({
    concurrency,
    questions: ms.length,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
  });
  return [trip(1, single), ...(concurrent.length ? [trip(50, concurrent)] : [])];
}

async function timeAsk(ask: Ask, question: string): Promise<number> {
  const start = performance.now();
  await ask(question);
  return performance.now() - start;
}

/**
 * Answers awaited by key: `wait` sends a question and registers the key it returns; `settle` resolves it.
 * A question unanswered after 20 s fails (a stuck adapter must not hang the benchmark).
 */
function waiters() {
  const pending = new Map<string, () => void>();
  return {
    wait(send: () => string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const key = send();
        const timer = setTimeout(() => {
          pending.delete(key);
          reject(new Error(`no answer to ${key} within 20 s`));
        }, 20_000);
        pending.set(key, () => {
          clearTimeout(timer);
          pending.delete(key);
          resolve();
        });
      });
    },
    settle(key: string | undefined): void {
      if (key !== undefined) pending.get(key)?.();
    },
  };
}

async function startDiscordLoop(desk: Desk): Promise<{ ask: Ask; stop: () => Promise<void> }> {
  // Imported here, not at the top: only a run that measures the adapters loads discord.js.
  const { DiscordStandin } = await import('../test/support/discord-standin.ts');
  const { startDiscord } = await import('../src/adapters/discord/start-discord.ts');
  const standin = await DiscordStandin.start();
  const answered = waiters();
  // The stand-in calls `override` for every REST call it receives; returning undefined keeps its default.
  standin.override = (call: { method: string; route: string }) => {
    const parts = call.route.split('/');
    if (call.method === 'POST' && parts[1] === 'interactions' && parts[4] === 'callback')
      answered.settle(parts[2]);
    return undefined;
  };
  let running: { stop(): Promise<void> };
  try {
    running = await startDiscord({
      config: { token: standin.token, apiUrl: standin.apiUrl },
      desk,
      logger: silentLogger,
    });
  } catch (error) {
    await standin.close();
    throw error;
  }
  return {
    ask: (question) =>
      answered.wait(() => standin.slashCommand('ask', [{ name: 'question', type: 3, value: question }]).id),
    async stop() {
      await running.stop();
      await standin.close();
    },
  };
}

async function startSlackLoop(desk: Desk): Promise<{ ask: Ask; stop: () => Promise<void> }> {
  const { SlackStandIn } = await import('../test/support/slack-standin.ts');
  const { startSlack } = await import('../src/adapters/slack/start-slack.ts');
  const standIn = await SlackStandIn.start();
  const answered = waiters();
  // The stand-in records each Web API call in `calls`; wrapping that array's push tells us the moment the
  // answer arrives, without polling (its own waitFor polls every 10 ms, too coarse for this).
  const calls: { push: (...items: { method: string; args: Record<string, unknown> }[]) => number } =
    standIn.calls;
  const push = calls.push.bind(calls);
  calls.push = (...items) => {
    const n = push(...items);
    for (const call of items)
      if (call.method === 'chat.postMessage') answered.settle(String(call.args.thread_ts));
    return n;
  };
  let running: { stop(): Promise<void> };
  try {
    running = await startSlack({
      config: { botToken: standIn.botToken, appToken: standIn.appToken, port: 0, apiUrl: standIn.apiUrl },
      desk,
      logger: silentLogger,
      retries: 0,
    });
  } catch (error) {
    await standIn.close();
    throw error;
  }
  let sent = 0;
  return {
    ask: (question) =>
      answered.wait(() => {
        sent++;
        const ts = `1900000000.${String(sent).padStart(6, '0')}`;
        standIn.pushEnvelope('events_api', {
          type: 'event_callback',
          team_id: standIn.teamId,
          api_app_id: 'A0NEWSDESK',
          event_id: `EvBench${sent}`,
          event_time: 1_900_000_000,
          event: {
            type: 'app_mention',
            user: 'UBENCH',
            text: `<@${standIn.botUserId}> ${question}`,
            ts,
            channel: 'C0BENCH',
            event_ts: ts,
            team: standIn.teamId,
          },
          authorizations: [
            {
              team_id: standIn.teamId,
              user_id: standIn.botUserId,
              is_bot: true,
              is_enterprise_install: false,
            },
          ],
        });
        return ts;
      }),
    async stop() {
      await running.stop();
      await standIn.close();
    },
  };
}
