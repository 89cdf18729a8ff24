import { afterEach, describe, expect, it } from 'vitest';
import { startNewsdesk } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import { recordingLogger } from '../adapters/discord/harness.ts';
import { DiscordStandin } from '../support/discord-standin.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { startBotProcess } from '../support/run-process.ts';
import { appMentionEvent, postSlackEvent, SlackStandIn } from '../support/slack-standin.ts';

const SECRET = 'test-signing-secret-nothing-lost';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function config(env: Record<string, string>) {
  const result = readConfig({ WATCH_ARTICLES: 'false', SNAPSHOT_DIR: 'off', ...env });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

describe('a platform down for good', () => {
  it('turns /healthz 503 naming it, is counted, and with no platform left asks to stop', async () => {
    const standin = await DiscordStandin.start();
    cleanups.push(() => standin.close());
    const healthPort = await freePort();
    let noneLeft = 0;
    const app = await startNewsdesk(
      config({
        DISCORD_TOKEN: standin.token,
        DISCORD_API_URL: standin.apiUrl,
        HEALTH_PORT: String(healthPort),
      }),
      { logger: recordingLogger(), onAllPlatformsDown: () => noneLeft++ },
    );
    cleanups.push(() => app.stop(0));
    const healthz = () => fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect((await healthz()).status).toBe(200);
    standin.closeGateway(4004, 'Authentication failed');
    await eventually(() => noneLeft > 0, 'the report that no platform is left');
    const response = await healthz();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'platform-down', platforms: { discord: 'down' } });
    expect(await app.metrics.render()).toContain('newsdesk_platform_up{platform="discord"} 0');
    expect(noneLeft).toBe(1);
  });

  it('npm start exits 3 when Discord closes with 4004 and no platform is left, saying so once', async () => {
    const standin = await DiscordStandin.start();
    cleanups.push(() => standin.close());
    const { out, exited, stop } = startBotProcess({
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
    });
    cleanups.push(async () => stop());
    await eventually(() => out.stderr.includes('Newsdesk is answering'), 'the bot to connect');
    standin.closeGateway(4004, 'Authentication failed');
    expect(await exited).toBe(3);
    expect(out.stderr.match(/Discord is down/g)).toHaveLength(1);
    expect(out.stderr).toContain('No platform is left to serve');
    expect(out.stderr).not.toContain(standin.token);
  });
});

describe('overload', () => {
  it('refuses past the in-flight limit before acknowledging, and /healthz says so until there is room', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const port = await freePort();
    const app = await startNewsdesk(
      config({
        SLACK_BOT_TOKEN: standIn.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: standIn.apiUrl,
        PORT: String(port),
      }),
      { logger: recordingLogger(), maxInFlight: 1 },
    );
    cleanups.push(() => app.stop(0));
    const release = standIn.hold('chat.postMessage');
    const post = (n: number) =>
      postSlackEvent(
        port,
        SECRET,
        appMentionEvent(standIn, {
          eventId: `EvBusy${n}`,
          ts: `1800000300.00000${n}`,
          text: 'Who is Sergey Lavrov?',
          user: `U${n}`,
        }),
      );
    expect(await post(1)).toBe(200);
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'the answer in flight');
    expect(await post(2)).toBe(503);
    const busy = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(busy.status).toBe(503);
    expect(await busy.json()).toMatchObject({ status: 'overloaded', inFlight: 1 });
    expect(await app.metrics.render()).toContain(
      'newsdesk_refused_total{platform="slack",reason="overload"} 1',
    );
    release();
    await eventually(() => app.inFlight.count === 0, 'room again');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

describe('shutdown', () => {
  it('reports acknowledged questions it could not answer within the grace period', async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.close());
    const port = await freePort();
    const logger = recordingLogger();
    const app = await startNewsdesk(
      config({
        SLACK_BOT_TOKEN: standIn.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: standIn.apiUrl,
        PORT: String(port),
      }),
      { logger },
    );
    const post = (n: number) =>
      postSlackEvent(
        port,
        SECRET,
        appMentionEvent(standIn, {
          eventId: `EvLost${n}`,
          ts: `1800000200.00000${n}`,
          text: 'Who is Sergey Lavrov?',
          user: `U${n}`,
        }),
      );
    expect(await post(1)).toBe(200);
    await eventually(() => standIn.callsTo('chat.postMessage').length === 1, 'the first answer');
    standIn.fault('chat.postMessage', 'hang', 1);
    expect(await post(2)).toBe(200);
    await eventually(() => standIn.callsTo('chat.postMessage').length === 2, 'the second answer on its way');
    expect(await app.stop(50)).toEqual({ undelivered: 1 });
    const line = logger.lines.find((l) => l.message.includes('not answered within'));
    expect(line?.level).toBe('error');
    expect(line?.context?.undelivered).toBe(1);
    // The time from event to delivered answer is measured for the answer that was delivered.
    const metrics = await app.metrics.render();
    expect(metrics).toContain(
      'newsdesk_delivery_latency_seconds_count{platform="slack",result="delivered"} 1',
    );
    // Arriving after shutdown began: refused before acknowledgement (the server is closed by now).
    expect(await post(3).catch(() => 'closed')).not.toBe(200);
  });
});
