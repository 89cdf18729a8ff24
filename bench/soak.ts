/**
 * `npm run soak`: the loads of issue 15 against the whole bot (startNewsdesk, as `npm start` starts it) over
 * the loopback Slack and Discord stand-ins — bounded, on 127.0.0.1 only, stops by itself (a few seconds).
 *
 *  1. 2,000 Slack mentions from 2,000 different users, 20 in flight (signed HTTP Events API);
 *  2. one Slack user sending 2,000 mentions, 50 in flight (the spammer);
 *  3. 1,500 Discord `/ask` from different users, dispatched at 300 a second;
 *  4. SIGTERM's shutdown (app.stop) half-way through a flood of 1,200 Slack mentions, 50 in flight, with a
 *     Web API that takes 20 ms a call: every delivery acknowledged is answered, the rest refused with 503;
 *  5. 8 `chat.postMessage` calls that hang, among 200 other users' questions.
 *
 * Prints a Markdown table and, with `--write`, puts it in bench/RESULTS.md between the soak markers.
 */
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { type NewsdeskApp, startNewsdesk } from '../src/app.ts';
import { type Config, readConfig } from '../src/config.ts';
import { Desk } from '../src/core/desk.ts';
import { silentLogger } from '../src/core/types.ts';
import { loadDeskData } from '../src/load/desk-data.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { DiscordStandin, snowflake } from '../test/support/discord-standin.ts';
import { SlackStandIn, signSlackRequest } from '../test/support/slack-standin.ts';
import { writeResultsSection } from './results-section.ts';
import { percentile } from './stats.ts';

/** The word vectors and country names `npm start` answers with, read once for every desk built here. */
const deskData = loadDeskData();

const SECRET = 'soak-signing-secret';
const QUESTIONS = [
  'What did Putin say about North Korean troops?',
  'Who is Sergey Lavrov?',
  'What did Kim Jong Un say to Putin?',
  'Where did the talks take place?',
];

interface Row {
  load: string;
  sent: number;
  /** What the users saw. */
  result: string;
  /** Event received → answer delivered, p50 / p99 ms (as the stand-in saw it). */
  latency: string;
  took: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function config(env: Record<string, string>): Config {
  const result = readConfig({ WATCH_ARTICLES: 'false', SNAPSHOT_DIR: 'off', ...env });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

async function slackApp(desk: Desk, standIn: SlackStandIn) {
  const port = await freePort();
  const app = await startNewsdesk(
    config({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standIn.apiUrl,
      PORT: String(port),
    }),
    { logger: silentLogger, desk },
  );
  return { app, port };
}

let eventCounter = 0;
function mention(standIn: SlackStandIn, user: string, ts: string, question: string) {
  return {
    token: 'legacy',
    team_id: standIn.teamId,
    api_app_id: 'A0NEWSDESK',
    type: 'event_callback',
    event_id: `EvSoak${++eventCounter}`,
    event_time: 1_800_000_000,
    event: { type: 'app_mention', user, channel: 'C0SOAK', ts, text: `<@${standIn.botUserId}> ${question}` },
    authorizations: [{ team_id: standIn.teamId, user_id: standIn.botUserId, is_bot: true }],
  };
}

async function deliver(port: number, body: unknown): Promise<number> {
  const text = JSON.stringify(body);
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signSlackRequest(SECRET, text) },
    body: text,
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs `count` jobs, `inFlight` at a time. */
async function pool(count: number, inFlight: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

async function waitUntil(done: () => boolean, capMs: number): Promise<void> {
  const deadline = Date.now() + capMs;
  while (!done() && Date.now() < deadline) await delay(20);
}

function latencies(sent: Map<string, number>, delivered: Map<string, number>): string {
  const ms = [...delivered].map(([key, at]) => at - (sent.get(key) ?? at)).sort((a, b) => a - b);
  if (!ms.length) return '—';
  return `${percentile(ms, 50).toFixed(0)} / ${percentile(ms, 99).toFixed(0)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Answers (not apologies) posted in reply to each thread, by thread ts → first arrival. */
function answersByThread(standIn: SlackStandIn, method = 'chat.postMessage'): Map<string, number> {
  const found = new Map<string, number>();
  for (const call of standIn.callsTo(method)) {
    const thread = String(call.args.thread_ts);
    if (!/sorry/i.test(String(call.args.text)) && !found.has(thread)) found.set(thread, call.at ?? 0);
  }
  return found;
}

const apologies = (standIn: SlackStandIn) =>
  standIn.callsTo('chat.postMessage').filter((c) => /sorry/i.test(String(c.args.text))).length;

async function metric(app: NewsdeskApp, pattern: RegExp): Promise<number> {
  const text = await app.metrics.render();
  return [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function distinctUsers(desk: Desk): Promise<Row> {
  const standIn = await SlackStandIn.start();
  const { app, port } = await slackApp(desk, standIn);
  const sent = new Map<string, number>();
  const statuses = new Map<number, number>();
  const started = performance.now();
  await pool(2000, 20, async (i) => {
    const ts = `1800000000.${String(i).padStart(6, '0')}`;
    sent.set(ts, performance.now());
    const status = await deliver(port, mention(standIn, `U${i}`, ts, QUESTIONS[i % QUESTIONS.length] ?? ''));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  await waitUntil(() => answersByThread(standIn).size >= (statuses.get(200) ?? 0), 30_000);
  const took = performance.now() - started;
  const answered = answersByThread(standIn);
  await app.stop();
  await standIn.close();
  return {
    load: '2,000 Slack mentions, 2,000 users, 20 in flight',
    sent: 2000,
    result: `${answered.size} answered, ${apologies(standIn)} apologies, ${2000 - (statuses.get(200) ?? 0)} refused before ack`,
    latency: latencies(sent, answered),
    took: seconds(took),
  };
}

async function spammer(desk: Desk): Promise<Row> {
  const standIn = await SlackStandIn.start();
  const { app, port } = await slackApp(desk, standIn);
  const started = performance.now();
  await pool(2000, 50, async (i) => {
    const ts = `1800000001.${String(i).padStart(6, '0')}`;
    await deliver(port, mention(standIn, 'USPAMMER', ts, QUESTIONS[i % QUESTIONS.length] ?? ''));
  });
  await waitUntil(() => false, 300); // let the last handlers run
  const took = performance.now() - started;
  const quiet = await metric(app, /reason="rate-limited-quiet"\} (\d+)/g);
  const answered = answersByThread(standIn).size;
  const notices = standIn.callsTo('chat.postEphemeral').length;
  const webApiCalls = standIn.calls.filter((c) => c.method.startsWith('chat.')).length;
  await app.stop();
  await standIn.close();
  return {
    load: 'one Slack user, 2,000 mentions, 50 in flight',
    sent: 2000,
    result: `${answered} answered, ${notices} "slow down" notice (private), ${quiet} ignored quietly; ${webApiCalls} Web API calls in all`,
    latency: '—',
    took: seconds(took),
  };
}

async function discordFlood(desk: Desk): Promise<Row> {
  const standin = await DiscordStandin.start();
  const app = await startNewsdesk(config({ DISCORD_TOKEN: standin.token, DISCORD_API_URL: standin.apiUrl }), {
    logger: silentLogger,
    desk,
  });
  const sent = new Map<string, number>();
  const user = standin.user as { id: string };
  const started = performance.now();
  // 300 a second: three every 10 ms.
  for (let i = 0; i < 1500; i += 3) {
    for (let j = i; j < i + 3 && j < 1500; j++) {
      user.id = snowflake();
      const { id } = standin.slashCommand('ask', [
        { name: 'question', type: 3, value: QUESTIONS[j % QUESTIONS.length] },
      ]);
      sent.set(id, performance.now());
    }
    await delay(10);
  }
  const answered = () => {
    const found = new Map<string, number>();
    for (const call of standin.calls) {
      const match = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(call.route);
      if (call.method === 'POST' && match?.[1] && call.body?.type === 4 && !found.has(match[1]))
        found.set(match[1], call.at ?? 0);
    }
    return found;
  };
  await waitUntil(() => answered().size >= 1500, 30_000);
  const took = performance.now() - started;
  const found = answered();
  const refused = await metric(
    app,
    /newsdesk_refused_total\{platform="discord",reason="(?:overload|stopping)"\} (\d+)/g,
  );
  await app.stop();
  await standin.close();
  return {
    load: '1,500 Discord /ask, different users, 300 a second',
    sent: 1500,
    result: `${found.size} answered, ${1500 - found.size} unanswered (${refused} refused)`,
    latency: latencies(sent, found),
    took: seconds(took),
  };
}

async function shutdownDuringFlood(desk: Desk): Promise<Row> {
  const standIn = await SlackStandIn.start();
  const { app, port } = await slackApp(desk, standIn);
  // A slow Web API: every chat.postMessage waits 20 ms before it is answered.
  const slow = setInterval(() => standIn.hold('chat.postMessage')(), 20);
  const acked: string[] = [];
  let refused = 0;
  let stopped: Promise<{ undelivered: number }> | undefined;
  const started = performance.now();
  await pool(1200, 50, async (i) => {
    if (i === 600) stopped = app.stop(10_000);
    const ts = `1800000002.${String(i).padStart(6, '0')}`;
    const status = await deliver(
      port,
      mention(standIn, `U${i}`, ts, QUESTIONS[i % QUESTIONS.length] ?? ''),
    ).catch(() => 0);
    if (status === 200) acked.push(ts);
    else refused += 1;
  });
  const { undelivered } = await (stopped ?? app.stop());
  clearInterval(slow);
  const took = performance.now() - started;
  const answered = answersByThread(standIn);
  const lost = acked.filter((ts) => !answered.has(ts)).length;
  await standIn.close();
  return {
    load: 'shutdown half-way through 1,200 Slack mentions, 50 in flight, 20 ms Web API',
    sent: 1200,
    result: `${acked.length} acknowledged, ${acked.length - lost} of them answered (${lost} lost; stop() reported ${undelivered} undelivered); ${refused} refused (503 / closed) for Slack to redeliver`,
    latency: '—',
    took: seconds(took),
  };
}

async function hungCalls(desk: Desk): Promise<Row> {
  const standIn = await SlackStandIn.start();
  const { app, port } = await slackApp(desk, standIn);
  standIn.fault('chat.postMessage', 'hang', 8, (args) => String(args.thread_ts).startsWith('1800000003.9'));
  for (let i = 0; i < 8; i++)
    await deliver(port, mention(standIn, `UHUNG${i}`, `1800000003.90000${i}`, 'Who is Sergey Lavrov?'));
  const sent = new Map<string, number>();
  const started = performance.now();
  await pool(200, 20, async (i) => {
    const ts = `1800000003.${String(i).padStart(6, '0')}`;
    sent.set(ts, performance.now());
    await deliver(port, mention(standIn, `U${i}`, ts, QUESTIONS[i % QUESTIONS.length] ?? ''));
  });
  await waitUntil(
    () => [...answersByThread(standIn).keys()].filter((t) => sent.has(t)).length >= 200,
    30_000,
  );
  const took = performance.now() - started;
  const answered = new Map([...answersByThread(standIn)].filter(([t]) => sent.has(t)));
  app.inFlight.stopTaking();
  await standIn.close(); // ends the hung calls
  await app.stop(100);
  return {
    load: '8 chat.postMessage calls hang (CALL_TIMEOUT_SECONDS 10), 200 other users, 20 in flight',
    sent: 208,
    result: `${answered.size} of the 200 others answered while the 8 hung`,
    latency: latencies(sent, answered),
    took: seconds(took),
  };
}

const desk = Desk.build(await loadArticles('seeds', silentLogger), deskData);
const loadAtStart = loadavg()[0] ?? 0;
const rows: Row[] = [];
const began = Date.now();
for (const run of [distinctUsers, spammer, discordFlood, shutdownDuringFlood, hungCalls]) {
  const row = await run(desk);
  rows.push(row);
  console.log(`${row.load}: ${row.result} (p50/p99 ${row.latency} ms, ${row.took})`);
}
const table = [
  `Taken ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run soak\` (${seconds(Date.now() - began)}), node ${process.version}, ${cpus().length} CPUs, loopback stand-ins, default settings; 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end (a load above the CPU count means other work slowed these runs: the counts are what matters, the latencies are upper bounds).`,
  '',
  '| load | sent | what users got | event → answer delivered, p50 / p99 ms | took |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) => `| ${r.load} | ${r.sent.toLocaleString('en-US')} | ${r.result} | ${r.latency} | ${r.took} |`,
  ),
].join('\n');
console.log(`\n${table}`);
if (process.argv.includes('--write')) {
  await writeResultsSection('soak', 'Load, faults and shutdown (issue 15)', 'npm run soak -- --write', table);
  console.log('bench/RESULTS.md updated.');
}
process.exit(0);
