/**
 * A stand-in Discord on 127.0.0.1 for tests: the REST routes the bot uses (every call recorded with method,
 * route, query and body) and a `ws` gateway that speaks the real protocol — HELLO, IDENTIFY → READY and
 * GUILD_CREATE, heartbeat ACKs, RECONNECT (op 7) and RESUME with replay — so the real discord.js client can be
 * driven end to end. With `shards`, it is a sharded gateway: `GET /gateway/bot` recommends that many shards,
 * IDENTIFY must carry `shard: [id, count]`, and each shard has its own session and its own server (guild),
 * whose events go to that shard's connection only — as Discord routes them (`(guild_id >> 22) % count`).
 * Nothing here talks to the internet.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** Recorded JSON, inspected freely by tests. */
// biome-ignore lint/suspicious/noExplicitAny: recorded JSON from the client is asserted on field by field
export type Json = any;

/** An HTTP call the bot made. */
export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, segments URL-decoded (`/webhooks/1/tok/messages/@original`). */
  route: string;
  query: Record<string, string>;
  body: Json;
  /** Whether it carried `Authorization: Bot <the accepted token>`. */
  authorized: boolean;
  /** When it arrived (`performance.now()`), for load figures. */
  at?: number;
}

/** Something that happened on the gateway: a connection, a payload from the client, or a close. */
export type GatewayRecord =
  | { kind: 'connect'; path: string; query: Record<string, string> }
  | { kind: 'receive'; op: number; d: Json }
  | { kind: 'close'; code: number };

/** Where an interaction or message happens. */
export type Place = 'guild' | 'dm';

/** Options for {@link DiscordStandin.start}. */
export interface DiscordStandinOptions {
  /** The token that is accepted (default `test-token`). */
  token?: string;
  /** Where a wrong token is refused: REST `GET /gateway/bot` (401, as Discord does) or IDENTIFY (close 4004).
   * Default `rest`. */
  rejectTokenAt?: 'rest' | 'gateway';
  /** HELLO's heartbeat interval (default 2000 ms, so heartbeats happen during tests). */
  heartbeatIntervalMs?: number;
  /** Shards the gateway expects (and `GET /gateway/bot` recommends), one server each (default 1). */
  shards?: number;
}

/** One shard's gateway session. */
interface Session {
  id: string;
  seq: number;
  history: { s: number; t: string; d: Json }[];
  live: boolean;
  socket: WebSocket;
}

/** A Discord user as the API returns it. */
export interface StandinUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A snowflake for now (or the given moment): discord.js reads creation times from ids. */
export function snowflake(at: Date = new Date()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at.getTime()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** The stand-in Discord. Start with {@link DiscordStandin.start}; {@link DiscordStandin.close} when done. */
export class DiscordStandin {
  /** HTTP calls, in order. */
  readonly calls: RecordedCall[] = [];
  /** Gateway events, in order. */
  readonly gateway: GatewayRecord[] = [];
  readonly token: string;
  readonly applicationId = snowflake();
  readonly bot: StandinUser = {
    id: this.applicationId,
    username: 'Newsdesk',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  readonly user: StandinUser = {
    id: snowflake(),
    username: 'reader',
    discriminator: '0',
    global_name: 'Reader',
    avatar: null,
  };
  /** The server of each shard (index = shard id); `guildId` is shard 0's. */
  readonly guildIds: string[];
  /** The text channel of each shard's server; `channelId` is shard 0's. */
  readonly channelIds: string[];
  readonly guildId: string;
  readonly channelId: string;
  readonly dmChannelId = snowflake();
  /** Extra REST behaviour for one test: return a response to override the default for a call. */
  override?: (call: RecordedCall) => { status: number; body?: Json } | undefined;
  /** Faults injected into the next matching REST calls ({@link fault}). */
  private readonly faults: {
    match: (call: RecordedCall) => boolean;
    fault: number | 'hang';
    left: number;
  }[] = [];

  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly options: Required<DiscordStandinOptions>;
  /** Sessions by shard id. */
  private readonly sessions = new Map<number, Session>();
  private port = 0;

  private constructor(options: DiscordStandinOptions) {
    this.options = {
      token: 'test-token',
      rejectTokenAt: 'rest',
      heartbeatIntervalMs: 2000,
      shards: 1,
      ...options,
    };
    this.token = this.options.token;
    const count = this.options.shards;
    // A guild id whose shard ((id >> 22) % count, the id's milliseconds) is `shard`.
    this.guildIds = Array.from({ length: count }, (_, shard) => {
      const ms = Date.now() - Number(DISCORD_EPOCH);
      return snowflake(new Date(Number(DISCORD_EPOCH) + ms - (ms % count) + shard));
    });
    this.channelIds = this.guildIds.map(() => snowflake());
    this.guildId = this.guildIds[0] as string;
    this.channelId = this.channelIds[0] as string;
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!url.pathname.startsWith('/gateway')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
    });
  }

  /** Starts listening on a free port of 127.0.0.1. */
  static async start(options: DiscordStandinOptions = {}): Promise<DiscordStandin> {
    const standin = new DiscordStandin(options);
    await new Promise<void>((resolve) => standin.server.listen(0, '127.0.0.1', resolve));
    standin.port = (standin.server.address() as AddressInfo).port;
    return standin;
  }

  /** The REST base URL to configure as `DISCORD_API_URL` (includes `/api`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- waiting ------------------------------------------------------------------------------------------

  /** Polls until `find` returns a value (checked every 10 ms, up to `capMs`, default 10 s). */
  async waitFor<T>(find: () => T | undefined | false, what: string, capMs = 10_000): Promise<T> {
    const deadline = Date.now() + capMs;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== false) return found;
      if (Date.now() > deadline) {
        const routes = this.calls.map((c) => `${c.method} ${c.route}`).join('\n  ');
        throw new Error(`Timed out waiting for ${what}. HTTP calls so far:\n  ${routes}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits for the first HTTP call after index `from` that matches. */
  waitForCall(match: (call: RecordedCall) => boolean, what: string, from = 0): Promise<RecordedCall> {
    return this.waitFor(() => this.calls.slice(from).find(match), what);
  }

  /** Waits for the response to an interaction: its callback (`POST /interactions/{id}/{token}/callback`). */
  waitForCallback(interaction: { id: string }): Promise<RecordedCall> {
    return this.waitForCall(
      (c) =>
        c.method === 'POST' &&
        c.route.startsWith(`/interactions/${interaction.id}/`) &&
        c.route.endsWith('/callback'),
      `the callback of interaction ${interaction.id}`,
    );
  }

  // ---- what users do ------------------------------------------------------------------------------------

  /** A user runs a slash command; returns the interaction's id and token. */
  slashCommand(
    name: string,
    options: { name: string; type: number; value: unknown }[] = [],
    place: Place = 'guild',
  ) {
    return this.interact(2, { id: snowflake(), name, type: 1, options }, place);
  }

  /** A user types into an autocomplete option (`focused` marks the option being typed). */
  autocomplete(
    name: string,
    options: { name: string; type: number; value: unknown; focused?: boolean }[],
    place: Place = 'guild',
  ) {
    return this.interact(4, { id: snowflake(), name, type: 1, options }, place);
  }

  /** A user clicks a button on a message the bot sent (`message` as the stand-in returned it). */
  clickButton(customId: string, message: Json, place: Place = 'guild') {
    return this.interact(3, { custom_id: customId, component_type: 2 }, place, message);
  }

  /**
   * A user sends a message (now, or `at`): in a guild's text channel (shard `shard`'s server, default the
   * first) or in a DM with the bot.
   */
  sendMessage(
    content: string,
    place: Place = 'guild',
    author: StandinUser = this.user,
    at = new Date(),
    shard = 0,
  ) {
    const id = snowflake(at);
    const mentionsBot = content.includes(`<@${this.bot.id}>`) || content.includes(`<@!${this.bot.id}>`);
    const message: Json = {
      id,
      channel_id: place === 'guild' ? this.channelIds[shard] : this.dmChannelId,
      author,
      content,
      timestamp: at.toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentionsBot ? [this.bot] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
    if (place === 'guild') {
      message.guild_id = this.guildIds[shard];
      message.member = { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 };
    } else {
      message.channel_type = 1;
    }
    this.dispatch('MESSAGE_CREATE', message);
    return { id };
  }

  /**
   * Injects a fault into the next `times` REST calls `match` accepts: an HTTP status (e.g. 500), or
   * `hang` — no answer until the stand-in closes. The calls are recorded as usual.
   */
  fault(match: (call: RecordedCall) => boolean, fault: number | 'hang', times = 1): void {
    this.faults.push({ match, fault, left: times });
  }

  /** Closes every shard's gateway connection with `code` (e.g. 4004 "Authentication failed"). */
  closeGateway(code: number, reason = ''): void {
    for (const session of this.sessions.values()) session.socket.close(code, reason);
  }

  /** Tells every connected shard to reconnect (op 7); it should come back and RESUME. */
  requestReconnect(): void {
    for (const session of this.sessions.values()) session.socket.send(JSON.stringify({ op: 7, d: null }));
  }

  /** The shard ids that have identified, in order. */
  get identifiedShards(): number[] {
    return [...this.sessions.keys()].sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch (op 0) with the next sequence number of the shard that carries it (its guild's shard;
   * shard 0 for DMs and READY-time events); kept for replay on RESUME.
   */
  dispatch(t: string, d: Json, shard = this.shardOf(d)): void {
    const session = this.sessions.get(shard);
    if (!session) throw new Error(`No gateway session (shard ${shard}) to dispatch ${t} to`);
    session.seq += 1;
    session.history.push({ s: session.seq, t, d });
    if (session.live) session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  private shardOf(d: Json): number {
    const guildId = typeof d?.guild_id === 'string' ? d.guild_id : undefined;
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(this.options.shards)) : 0;
  }

  /** A message object as Discord returns it for a message the bot posted with `body`. */
  messageFrom(body: Json, channelId: string): Json {
    return {
      id: snowflake(),
      channel_id: channelId,
      author: this.bot,
      content: body?.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body?.embeds ?? [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
      components: body?.components ?? [],
      ...(body?.message_reference ? { message_reference: body.message_reference } : {}),
    };
  }

  private interact(type: number, data: Json, place: Place, message?: Json) {
    const id = snowflake();
    const token = `interaction-token-${randomUUID()}`;
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: 'en-US',
      app_permissions: '562949953421311',
      entitlements: [],
      authorizing_integration_owners: {},
      attachment_size_limit: 10485760,
    };
    if (place === 'guild') {
      Object.assign(payload, {
        guild_id: this.guildId,
        guild_locale: 'en-US',
        channel_id: this.channelId,
        channel: { id: this.channelId, type: 0, name: 'news', guild_id: this.guildId },
        member: {
          user: this.user,
          roles: [],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          permissions: '562949953421311',
        },
        context: 0,
      });
    } else {
      Object.assign(payload, {
        channel_id: this.dmChannelId,
        channel: { id: this.dmChannelId, type: 1, recipients: [this.user] },
        user: this.user,
        context: 1,
      });
    }
    if (message) payload.message = message;
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token };
  }

  // ---- REST -----------------------------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    let body: Json = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      route: path.split('/').map(decodeURIComponent).join('/'),
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: req.headers.authorization === `Bot ${this.token}`,
      at: performance.now(),
    };
    this.calls.push(call);
    const fault = this.faults.find((f) => f.left > 0 && f.match(call));
    if (fault) {
      fault.left -= 1;
      if (fault.fault === 'hang') return;
      res.writeHead(fault.fault, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Injected fault', code: 0 }));
      return;
    }
    const { status, body: responseBody } =
      this.override?.(call) ?? this.respond(call, url.pathname.startsWith(API_PREFIX));
    res.writeHead(status, responseBody === undefined ? {} : { 'content-type': 'application/json' });
    res.end(responseBody === undefined ? undefined : JSON.stringify(responseBody));
  }

  private respond(call: RecordedCall, versioned: boolean): { status: number; body?: Json } {
    const notFound = { status: 404, body: { message: '404: Not Found', code: 0 } };
    const unauthorized = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    if (!versioned) return notFound;
    const { method, route } = call;
    const parts = route.split('/').slice(1);
    const botRoute = !route.startsWith('/interactions/') && !route.startsWith('/webhooks/');
    if (
      botRoute &&
      !call.authorized &&
      !(route === '/gateway/bot' && this.options.rejectTokenAt === 'gateway')
    ) {
      return unauthorized;
    }
    if (method === 'GET' && route === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: this.options.shards,
          // As for large bots: every shard may identify at once (with 1, discord.js waits 5 s between them).
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 86_400_000,
            max_concurrency: this.options.shards,
          },
        },
      };
    }
    if (method === 'GET' && route === '/applications/@me') {
      return { status: 200, body: { id: this.applicationId, name: 'Newsdesk', bot: this.bot, flags: 0 } };
    }
    if (method === 'PUT' && parts[0] === 'applications' && parts.at(-1) === 'commands') {
      const commands = Array.isArray(call.body) ? call.body : [];
      const guildId = parts[2] === 'guilds' ? parts[3] : undefined;
      return {
        status: 200,
        body: commands.map((command: Json) => ({
          ...command,
          id: snowflake(),
          application_id: parts[1],
          version: snowflake(),
          ...(guildId ? { guild_id: guildId } : {}),
        })),
      };
    }
    if (method === 'POST' && parts[0] === 'interactions' && parts[3] === 'callback') return { status: 204 };
    if (method === 'POST' && route === '/users/@me/channels') {
      return { status: 200, body: { id: this.dmChannelId, type: 1, recipients: [this.user] } };
    }
    if (parts[0] === 'webhooks' && parts[3] === 'messages') {
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: this.messageFrom(call.body, this.channelId) };
    }
    if (method === 'POST' && parts[0] === 'webhooks') {
      return { status: 200, body: this.messageFrom(call.body, this.channelId) };
    }
    if (method === 'POST' && parts[0] === 'channels' && parts[2] === 'messages') {
      return { status: 200, body: this.messageFrom(call.body, parts[1] ?? '') };
    }
    return notFound;
  }

  // ---- gateway --------------------------------------------------------------------------------------------

  private onConnection(ws: WebSocket, url: URL): void {
    this.gateway.push({ kind: 'connect', path: url.pathname, query: Object.fromEntries(url.searchParams) });
    // One shard: a new connection replaces the old one (its session waits for RESUME). With several, a
    // connection's shard is known from its IDENTIFY or RESUME.
    const only = this.options.shards === 1 ? this.sessions.get(0) : undefined;
    if (only) only.live = false;
    ws.on('close', (code) => {
      this.gateway.push({ kind: 'close', code });
      for (const session of this.sessions.values()) if (session.socket === ws) session.live = false;
    });
    ws.on('message', (raw) => this.onPayload(ws, JSON.parse(String(raw))));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }));
  }

  private onPayload(ws: WebSocket, payload: { op: number; d: Json }): void {
    this.gateway.push({ kind: 'receive', op: payload.op, d: payload.d });
    switch (payload.op) {
      case 1: // heartbeat
        ws.send(JSON.stringify({ op: 11 }));
        break;
      case 2: // identify
        if (payload.d?.token !== this.token) {
          ws.close(4004, 'Authentication failed');
          return;
        }
        this.identify(ws, payload.d?.shard);
        break;
      case 6: // resume
        this.resume(ws, payload.d);
        break;
    }
  }

  private identify(ws: WebSocket, shardField: unknown): void {
    const count = this.options.shards;
    const [shard, total] = Array.isArray(shardField) ? shardField.map(Number) : [0, 1];
    if (count > 1 && !Array.isArray(shardField)) {
      ws.close(4011, 'Sharding required');
      return;
    }
    if (total !== count || shard === undefined || !(shard >= 0 && shard < count)) {
      ws.close(4010, 'Invalid shard');
      return;
    }
    const session: Session = {
      id: randomUUID().replaceAll('-', ''),
      seq: 0,
      history: [],
      live: true,
      socket: ws,
    };
    this.sessions.set(shard, session);
    this.dispatch(
      'READY',
      {
        v: 10,
        user: this.bot,
        guilds: [{ id: this.guildIds[shard], unavailable: true }],
        session_id: session.id,
        resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway-resume`,
        shard: [shard, count],
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        user_settings: {},
      },
      shard,
    );
    this.dispatch('GUILD_CREATE', this.guild(shard), shard);
  }

  private resume(ws: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void {
    const found = [...this.sessions].find(([, s]) => s.id === d.session_id);
    if (!found || d.token !== this.token) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    const [shard, session] = found;
    session.socket = ws;
    session.live = true;
    for (const event of session.history.filter((e) => e.s > (d.seq ?? 0))) {
      ws.send(JSON.stringify({ op: 0, t: event.t, s: event.s, d: event.d }));
    }
    this.dispatch('RESUMED', {}, shard);
  }

  private guild(shard: number): Json {
    const now = new Date().toISOString();
    const guildId = this.guildIds[shard];
    return {
      id: guildId,
      name: 'Test Newsroom',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.user.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: guildId,
          name: '@everyone',
          color: 0,
          hoist: false,
          position: 0,
          permissions: '1071698660929',
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [{ user: this.bot, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 }],
      channels: [
        {
          id: this.channelIds[shard],
          type: 0,
          name: 'news',
          position: 0,
          permission_overwrites: [],
          parent_id: null,
          nsfw: false,
          topic: null,
          last_message_id: null,
          rate_limit_per_user: 0,
        },
      ],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
