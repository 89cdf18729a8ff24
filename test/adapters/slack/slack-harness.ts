/**
 * Starts the Slack adapter as `npm start` does, against the stand-in Slack, in Socket Mode or over HTTP,
 * and delivers events, slash commands and button clicks the way Slack would in that mode.
 */

import type { SlackConfig } from '../../../src/adapters/slack/settings.ts';
import {
  type RunningSlack,
  SLACK_EVENTS_PATH,
  type StartSlackOptions,
  startSlack,
} from '../../../src/adapters/slack/start-slack.ts';
import type { Desk } from '../../../src/core/desk.ts';
import type { Logger } from '../../../src/core/types.ts';
import { SlackStandIn, signSlackRequest, slackRequestBody } from '../../support/slack-standin.ts';

/** How the app receives from Slack. */
export type SlackMode = 'socket' | 'http';

/** Ids used throughout the Slack tests. */
export const IDS = {
  user: 'UASKER',
  otherUser: 'UOTHER',
  channel: 'C0GENERAL',
  dm: 'D0ASKER',
  app: 'A0NEWSDESK',
} as const;

/** A log line the adapter wrote. */
export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  context?: Record<string, unknown>;
}

/** The outcome of one delivery. */
export interface Delivery {
  /** Socket Mode: the envelope id (see {@link SlackStandIn.waitForAck}). */
  envelopeId?: string;
  /** HTTP: the response status and body. */
  status?: number;
  body?: string;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  desk: Desk | (() => Desk);
  signingSecret?: string;
  /** More options for `startSlack` (in-flight tracking, time-outs, retries, onFatal …). */
  adapter?: Partial<StartSlackOptions>;
}

/** A running adapter plus the stand-in it talks to. */
export class SlackHarness {
  readonly logs: LogRecord[] = [];
  private eventCounter = 0;
  running!: RunningSlack;

  private constructor(
    readonly mode: SlackMode,
    readonly standIn: SlackStandIn,
    readonly signingSecret: string,
  ) {}

  /** Starts a stand-in and the adapter in `mode`. */
  static async start(mode: SlackMode, options: HarnessOptions): Promise<SlackHarness> {
    const standIn = await SlackStandIn.start();
    const harness = new SlackHarness(mode, standIn, options.signingSecret ?? 'test-signing-secret');
    const config: SlackConfig = {
      botToken: standIn.botToken,
      ...(mode === 'socket' ? { appToken: standIn.appToken } : { signingSecret: harness.signingSecret }),
      port: 0,
      apiUrl: standIn.apiUrl,
    };
    try {
      harness.running = await startSlack({
        config,
        desk: options.desk,
        logger: harness.logger(),
        retries: 0,
        clientPingTimeout: 1000,
        ...options.adapter,
      });
    } catch (error) {
      await standIn.close();
      throw error;
    }
    return harness;
  }

  /** The adapter's HTTP endpoint (HTTP mode). */
  get eventsUrl(): string {
    return `http://127.0.0.1:${this.running.port}${SLACK_EVENTS_PATH}`;
  }

  /** A logger recording into {@link logs}. */
  logger(): Logger {
    const record =
      (level: LogRecord['level']) =>
      (message: string, context?: Record<string, unknown>): void => {
        this.logs.push({ level, message, context });
      };
    return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  }

  /** Waits for a log line whose message contains `text`. */
  waitForLog(text: string): Promise<LogRecord> {
    return this.standIn.waitFor(
      () => this.logs.find((log) => log.message.includes(text)),
      `a log line containing "${text}"`,
    );
  }

  /** Waits until `count` log lines contain `text`. */
  async waitForLogCount(text: string, count: number): Promise<void> {
    await this.standIn.waitFor(
      () => this.logs.filter((log) => log.message.includes(text)).length >= count,
      `${count} log lines containing "${text}"`,
    );
  }

  /** An Events API `event_callback` body around `event`. */
  eventBody(event: Record<string, unknown>, eventId = `Ev${++this.eventCounter}`): Record<string, unknown> {
    return {
      token: 'legacy-verification-token',
      team_id: this.standIn.teamId,
      api_app_id: IDS.app,
      type: 'event_callback',
      event_id: eventId,
      event_time: 1_800_000_000,
      event,
      authorizations: [
        {
          team_id: this.standIn.teamId,
          user_id: this.standIn.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
  }

  /** Delivers an Events API body; `retryNum` marks it as Slack's retry of an earlier delivery. */
  deliverEvent(body: Record<string, unknown>, retry?: { num: number; reason: string }): Promise<Delivery> {
    if (this.mode === 'socket') {
      const extras = retry ? { retry_attempt: retry.num, retry_reason: retry.reason } : {};
      return Promise.resolve({ envelopeId: this.standIn.pushEnvelope('events_api', body, extras) });
    }
    const headers: Record<string, string> = retry
      ? { 'x-slack-retry-num': String(retry.num), 'x-slack-retry-reason': retry.reason }
      : {};
    return this.post('event', body, headers);
  }

  /** Delivers `/ask` with `text`, answered through `responseUrl`. */
  deliverAsk(text: string, responseUrl: string, channel: string = IDS.channel): Promise<Delivery> {
    const payload = {
      token: 'legacy-verification-token',
      team_id: this.standIn.teamId,
      team_domain: 'newsdesk-test',
      channel_id: channel,
      channel_name: 'general',
      user_id: IDS.user,
      user_name: 'asker',
      command: '/ask',
      text,
      api_app_id: IDS.app,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: 'trigger.1',
    };
    if (this.mode === 'socket')
      return Promise.resolve({ envelopeId: this.standIn.pushEnvelope('slash_commands', payload) });
    return this.post('command', payload);
  }

  /** Delivers a click on a button (`action_id`, `value`) in a message. */
  deliverClick(click: {
    actionId: string;
    value: string;
    responseUrl: string;
    channel: string;
    /** The message that had the button; undefined for an ephemeral message (Slack sends none). */
    message?: { ts: string; thread_ts?: string };
  }): Promise<Delivery> {
    const payload = {
      type: 'block_actions',
      user: { id: IDS.user, username: 'asker', name: 'asker', team_id: this.standIn.teamId },
      api_app_id: IDS.app,
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: click.message?.ts ?? '1800000000.999999',
        channel_id: click.channel,
        is_ephemeral: !click.message,
      },
      trigger_id: 'trigger.2',
      team: { id: this.standIn.teamId, domain: 'newsdesk-test' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: click.channel, name: 'general' },
      ...(click.message
        ? { message: { type: 'message', user: this.standIn.botUserId, ...click.message } }
        : {}),
      response_url: click.responseUrl,
      actions: [
        {
          action_id: click.actionId,
          block_id: 'b1',
          text: { type: 'plain_text', text: 'button' },
          value: click.value,
          type: 'button',
          action_ts: '1800000001.000001',
        },
      ],
    };
    if (this.mode === 'socket')
      return Promise.resolve({ envelopeId: this.standIn.pushEnvelope('interactive', payload) });
    return this.post('interaction', payload);
  }

  /** Waits until Slack would consider the delivery acknowledged. */
  async acknowledged(delivery: Delivery): Promise<void> {
    if (delivery.envelopeId) await this.standIn.waitForAck(delivery.envelopeId);
    else if (delivery.status !== 200) throw new Error(`HTTP delivery answered ${delivery.status}`);
  }

  /** Posts a raw request to the HTTP endpoint with the given headers (for signature tests). */
  async postRaw(body: string, contentType: string, headers: Record<string, string>): Promise<Delivery> {
    const response = await fetch(this.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
    });
    return { status: response.status, body: await response.text() };
  }

  /** Stops the adapter and the stand-in. */
  async stop(): Promise<void> {
    try {
      await this.running.stop();
    } finally {
      await this.standIn.close();
    }
  }

  private post(
    kind: 'event' | 'command' | 'interaction',
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<Delivery> {
    const { body, contentType } = slackRequestBody(kind, payload);
    return this.postRaw(body, contentType, { ...signSlackRequest(this.signingSecret, body), ...headers });
  }
}
