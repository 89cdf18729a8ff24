/**
 * A stand-in Slack on 127.0.0.1 for tests: the Web API methods the bot calls (recorded), `response_url`
 * endpoints (recorded), `apps.connections.open` handing out a `ws://127.0.0.1` URL, and a Socket Mode
 * WebSocket that says `hello`, pushes envelopes and records acks. Plus a signer for HTTP-mode requests.
 * Nothing here talks to the internet.
 */

import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { eventually } from './eventually.ts';

/** A Web API call the bot made. */
export interface RecordedCall {
  method: string;
  /** The bearer token it was made with. */
  token?: string;
  /** Arguments, with JSON-encoded form fields (`blocks` …) decoded. */
  args: Record<string, unknown>;
  /** The `ts` given to a posted message. */
  ts?: string;
  /** When it arrived (`performance.now()`), for load figures. */
  at?: number;
}

/** A message posted to a `response_url`. */
export interface RecordedResponse {
  /** The id in the URL ({@link SlackStandIn.responseUrl}). */
  id: string;
  body: Record<string, unknown>;
}

/** An acknowledgement the bot sent over the Socket Mode WebSocket. */
export interface RecordedAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** Identities and tokens the stand-in accepts. */
export interface SlackStandInOptions {
  /** Default: `xoxb-test-bot-token`. */
  botToken?: string;
  /** Default: `xapp-test-app-token`. */
  appToken?: string;
  /** Default: `UNEWSDESK`. */
  botUserId?: string;
  /** Default: `BNEWSDESK`. */
  botId?: string;
  /** Default: `T0NEWSDESK`. */
  teamId?: string;
}

/** A fault {@link SlackStandIn.fault} injects: an HTTP status, or no answer at all. */
export type Fault = number | 'hang';

/** Extra envelope fields (Socket Mode's retry information). */
export interface EnvelopeExtras {
  retry_attempt?: number;
  retry_reason?: string;
  accepts_response_payload?: boolean;
}

/** The stand-in Slack server. Start with {@link SlackStandIn.start}; close when done. */
export class SlackStandIn {
  /** Web API calls, in order. */
  readonly calls: RecordedCall[] = [];
  /** Posts to response URLs, in order. */
  readonly responses: RecordedResponse[] = [];
  /** Socket Mode acks, in order. */
  readonly acks: RecordedAck[] = [];
  /** Socket Mode connections opened (each was sent `hello`). */
  connections = 0;
  /** Web API methods that answer `{ ok: false, error }` instead of succeeding. */
  readonly failing = new Map<string, string>();
  /** Web API methods whose answers are held back until released (see {@link hold}). */
  private readonly holds = new Map<string, Promise<void>>();
  /** Faults injected into the next calls of a method ({@link fault}). */
  private readonly faults: {
    method: string;
    fault: Fault;
    left: number;
    match?: (args: Record<string, unknown>) => boolean;
  }[] = [];

  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;

  private readonly server: Server;
  private readonly sockets: WebSocketServer;
  private socket: WebSocket | undefined;
  private port = 0;
  private tsCounter = 0;
  private responseCounter = 0;

  private constructor(options: SlackStandInOptions) {
    this.botToken = options.botToken ?? 'xoxb-test-bot-token';
    this.appToken = options.appToken ?? 'xapp-test-app-token';
    this.botUserId = options.botUserId ?? 'UNEWSDESK';
    this.botId = options.botId ?? 'BNEWSDESK';
    this.teamId = options.teamId ?? 'T0NEWSDESK';
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket) => this.accept(socket));
  }

  /** Starts a stand-in on an ephemeral 127.0.0.1 port. */
  static async start(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
    const standIn = new SlackStandIn(options);
    await new Promise<void>((resolve, reject) => {
      standIn.server.once('error', reject);
      standIn.server.listen(0, '127.0.0.1', () => resolve());
    });
    standIn.port = (standIn.server.address() as AddressInfo).port;
    return standIn;
  }

  /** The Web API base URL, for `SLACK_API_URL` / `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh `response_url`; what is posted to it is recorded under `id`. */
  responseUrl(id = `r${++this.responseCounter}`): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** The id of a URL made by {@link responseUrl}. */
  static responseId(url: string): string {
    return url.slice(url.lastIndexOf('/') + 1);
  }

  /** Recorded calls of one Web API method. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Recorded posts to one response URL. */
  responsesTo(url: string): RecordedResponse[] {
    const id = SlackStandIn.responseId(url);
    return this.responses.filter((response) => response.id === id);
  }

  /**
   * Holds back the answers to `method` (the call is recorded at once) until the returned function is
   * called: keeps a reply in flight, e.g. across a shutdown.
   */
  hold(method: string): () => void {
    let release!: () => void;
    this.holds.set(
      method,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  /**
   * Injects a fault into the next `times` calls of `method` (a Web API method, or `response` for every
   * response URL): an HTTP status (5xx, or 429 with `Retry-After: 1`), or `hang` — no answer at all until
   * the stand-in closes. With `match`, only calls whose arguments (or response body) it accepts. The calls
   * are recorded as usual.
   */
  fault(method: string, fault: Fault, times = 1, match?: (args: Record<string, unknown>) => boolean): void {
    this.faults.push({ method, fault, left: times, match });
  }

  private takeFault(method: string, args: Record<string, unknown>): Fault | undefined {
    const entry = this.faults.find((f) => f.method === method && f.left > 0 && (!f.match || f.match(args)));
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.fault;
  }

  /** Sends a Socket Mode envelope to the connected app; returns its `envelope_id`. */
  pushEnvelope(type: string, payload: Record<string, unknown>, extras: EnvelopeExtras = {}): string {
    if (!this.socket || this.socket.readyState !== this.socket.OPEN)
      throw new Error('No Socket Mode connection');
    const envelopeId = randomUUID();
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: extras.accepts_response_payload ?? type !== 'events_api',
        ...(extras.retry_attempt === undefined ? { retry_attempt: 0, retry_reason: '' } : {}),
        ...extras,
      }),
    );
    return envelopeId;
  }

  /**
   * Polls `find` until it returns something truthy, then returns it; fails after `timeoutMs`
   * (a cap for a broken test, not a timing assertion).
   */
  waitFor<T>(find: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
    return eventually(find, what, timeoutMs, 10);
  }

  /** Waits for the ack of an envelope. */
  waitForAck(envelopeId: string): Promise<RecordedAck> {
    return this.waitFor(
      () => this.acks.find((ack) => ack.envelope_id === envelopeId),
      `ack of ${envelopeId}`,
    );
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.socket = socket;
    this.connections += 1;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as RecordedAck;
      if (message.envelope_id) this.acks.push(message);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'standin', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0NEWSDESK' },
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (url.pathname.startsWith('/response/')) {
      const fault = this.takeFault('response', JSON.parse(raw || '{}'));
      if (fault === 'hang') return;
      if (fault) return send(res, { ok: false }, fault, fault === 429 ? { 'retry-after': '1' } : {});
      this.responses.push({ id: SlackStandIn.responseId(url.pathname), body: JSON.parse(raw || '{}') });
      return send(res, { ok: true });
    }
    if (!url.pathname.startsWith('/api/')) return send(res, { ok: false, error: 'unknown_path' }, 404);
    const method = url.pathname.slice('/api/'.length);
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const call: RecordedCall = {
      method,
      token,
      args: parseArgs(raw, req.headers['content-type']),
      at: performance.now(),
    };
    this.calls.push(call);
    const fault = this.takeFault(method, call.args);
    if (fault === 'hang') return;
    if (fault) return send(res, { ok: false }, fault, fault === 429 ? { 'retry-after': '1' } : {});
    await this.holds.get(method);
    send(res, this.answer(call));
  }

  private answer(call: RecordedCall): Record<string, unknown> {
    const failure = this.failing.get(call.method);
    if (failure) return { ok: false, error: failure };
    if (call.method === 'apps.connections.open') {
      if (call.token !== this.appToken) return { ok: false, error: 'invalid_auth' };
      return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
    }
    if (call.token !== this.botToken) return { ok: false, error: 'invalid_auth' };
    switch (call.method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://newsdesk-test.slack.com/',
          team: 'Newsdesk Test',
          team_id: this.teamId,
          user: 'newsdesk',
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        call.ts = `1800000000.${String(++this.tsCounter).padStart(6, '0')}`;
        return { ok: true, channel: call.args.channel, ts: call.ts, message: { ...call.args, ts: call.ts } };
      }
      case 'chat.postEphemeral':
        call.ts = `1800000000.${String(++this.tsCounter).padStart(6, '0')}`;
        return { ok: true, message_ts: call.ts };
      default:
        return { ok: true };
    }
  }
}

/** Headers for a request to the bot's HTTP endpoint signed as Slack signs them (v0 HMAC-SHA256). */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** A request body as Slack sends each kind of delivery to the HTTP endpoint. */
export function slackRequestBody(
  kind: 'event' | 'command' | 'interaction',
  payload: Record<string, unknown>,
): { body: string; contentType: string } {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  const form =
    kind === 'command'
      ? new URLSearchParams(
          Object.entries(payload).map(([key, value]): [string, string] => [key, String(value)]),
        )
      : new URLSearchParams({ payload: JSON.stringify(payload) });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  body: Record<string, unknown>,
  status = 200,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * An Events API `app_mention` as Slack delivers it: `user` (default UASKER) mentions the stand-in's bot in
 * #general. The same `eventId` is the same event delivered again.
 */
export function appMentionEvent(
  standIn: SlackStandIn,
  event: { eventId: string; ts: string; text: string; user?: string },
): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: standIn.teamId,
    api_app_id: 'A0NEWSDESK',
    type: 'event_callback',
    event_id: event.eventId,
    event_time: 1_800_000_000,
    event: {
      type: 'app_mention',
      user: event.user ?? 'UASKER',
      text: `<@${standIn.botUserId}> ${event.text}`,
      ts: event.ts,
      channel: 'C0GENERAL',
      event_ts: event.ts,
    },
    authorizations: [{ team_id: standIn.teamId, user_id: standIn.botUserId, is_bot: true }],
  };
}

/** Posts an Events API payload to a bot listening over HTTP on `port`, signed with `signingSecret`: its status. */
export async function postSlackEvent(
  port: number,
  signingSecret: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const { body, contentType } = slackRequestBody('event', payload);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signSlackRequest(signingSecret, body) },
    body,
  });
  return res.status;
}
