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
import { median, percentile } from './stats.ts';

/** Round-trip latency at one concurrency, in ms. */
export interface RoundTrip {
  concurrency: number;
  questions: number;
  p50: number;
  p99: number;
  /**
   * At 1 in flight: the p50 of the core answering the same questions in the same minutes, each timed just
   * before its round trip, so that the overhead compares like with like (see {@link measureAdapters}).
   */
  coreP50?: number;
  /** At 1 in flight: the median over the passes of the round-trip p50 minus the core p50. */
  overheadP50?: number;
}

/** One platform's figures, or why it was not measured. */
export type AdapterResult =
  | { platform: Platform; measured: true; trips: RoundTrip[] }
  | { platform: Platform; measured: false; reason: string };

/** How many questions to send. */
export interface AdapterOptions {
  /** Unmeasured questions first, at concurrency 1 (default 10). */
  warmUp?: number;
  /** Sequential questions at concurrency 1 (after the warm-up ones). */
  sequential: number;
  /** Batches the sequential questions are sent in, the platforms taking turns (default 1). */
  passes?: number;
  /** Waves of 50 concurrent questions. */
  waves: number;
}

/** Something that sends one question and resolves when the answer arrives. */
type Ask = (question: string) => Promise<void>;
type Platform = 'discord' | 'slack';
/** A running adapter and its stand-in. */
interface Loop {
  ask: Ask;
  stop(): Promise<void>;
}

/**
 * Measures both platforms; each failure is reported as a reason, never thrown. Both adapters run at
 * once; after their warm-ups, the questions at 1 in flight are sent in `passes` batches, the platforms
 * taking turns, and each question is first answered by `core` (what the adapters add to: `ask` +
 * rendering, as (d)) just before its round trip. On these shared machines the same round trips measured
 * 1.8 to 3.2 ms p50 from one batch of 200 to the next, and the core alone 0.4 to 0.85 ms from one run to
 * the next: an overhead worked out against (d) timed minutes earlier, from one batch, said as much about
 * the machine at those moments as about the adapters. The overhead is the median over the passes of
 * each pass's round-trip p50 minus its core p50.
 */
export async function measureAdapters(
  desk: Desk,
  core: (question: string) => Promise<void>,
  questions: readonly string[],
  options: AdapterOptions,
  onProgress: (message: string) => void,
): Promise<AdapterResult[]> {
  const starts = [
    ['discord', startDiscordLoop],
    ['slack', startSlackLoop],
  ] as const;
  const loops: { platform: Platform; loop: Loop }[] = [];
  const failed = new Map<Platform, string>();
  for (const [platform, start] of starts) {
    onProgress(`adapters: starting ${platform}`);
    try {
      loops.push({ platform, loop: await start(desk) });
    } catch (error) {
      failed.set(platform, error instanceof Error ? error.message : String(error));
    }
  }
  const trips = new Map<Platform, RoundTrip[]>();
  try {
    const q = (i: number) => questions[i % questions.length] as string;
    for (const { platform, loop } of loops) {
      onProgress(`adapters: ${platform} warm-up`);
      for (let i = 0; i < (options.warmUp ?? 10); i++) {
        await core(q(i));
        await loop.ask(q(i));
      }
    }
    const passes = Math.max(1, options.passes ?? 1);
    const perPass = Math.ceil(options.sequential / passes);
    const timed = new Map(
      loops.map(({ platform }) => [platform, [] as { trips: number[]; core: number[] }[]]),
    );
    for (let pass = 0; pass < passes; pass++) {
      for (const { platform, loop } of loops) {
        onProgress(`adapters: ${platform} round trips, pass ${pass + 1}/${passes}`);
        const batch = { trips: [] as number[], core: [] as number[] };
        for (let i = pass * perPass; i < Math.min(options.sequential, (pass + 1) * perPass); i++) {
          const start = performance.now();
          await core(q(i));
          batch.core.push(performance.now() - start);
          batch.trips.push(await timeAsk(loop.ask, q(i)));
        }
        timed.get(platform)?.push(batch);
      }
    }
    for (const { platform, loop } of loops) {
      const batches = timed.get(platform) ?? [];
      const single: RoundTrip = {
        concurrency: 1,
        questions: batches.reduce((n, b) => n + b.trips.length, 0),
        p50: median(batches.map((b) => percentile(b.trips, 50))),
        p99: percentile(
          batches.flatMap((b) => b.trips),
          99,
        ),
        coreP50: median(batches.map((b) => percentile(b.core, 50))),
        overheadP50: median(batches.map((b) => percentile(b.trips, 50) - percentile(b.core, 50))),
      };
      onProgress(`adapters: ${platform} waves of 50`);
      const concurrent: number[] = [];
      for (let wave = 0; wave < options.waves; wave++) {
        concurrent.push(
          ...(await Promise.all(Array.from({ length: 50 }, (_, i) => timeAsk(loop.ask, q(wave * 50 + i))))),
        );
      }
      trips.set(platform, [
        single,
        ...(concurrent.length
          ? [
              {
                concurrency: 50,
                questions: concurrent.length,
                p50: percentile(concurrent, 50),
                p99: percentile(concurrent, 99),
              },
            ]
          : []),
      ]);
    }
  } finally {
    for (const { loop } of loops) await loop.stop();
  }
  return starts.map(([platform]): AdapterResult => {
    const measured = trips.get(platform);
    return measured
      ? { platform, measured: true, trips: measured }
      : { platform, measured: false, reason: failed.get(platform) ?? 'not measured' };
  });
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

async function startDiscordLoop(desk: Desk): Promise<Loop> {
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

async function startSlackLoop(desk: Desk): Promise<Loop> {
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
