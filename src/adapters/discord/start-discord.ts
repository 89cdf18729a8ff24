/**
 * Starts the Discord adapter: builds the discord.js client (no privileged intents), wires the handlers,
 * logs in and waits until the bot is ready, then logs who it is connected as and the invite URL.
 */
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Events, GatewayIntentBits, Partials, type RESTOptions } from 'discord.js';
import type { CommandHandler } from '../../core/commands/command-handler.ts';
import type { Desk } from '../../core/desk.ts';
import type { Logger } from '../../core/types.ts';
import { InFlight } from '../../ops/in-flight.ts';
import {
  DEFAULT_CALL_RETRIES,
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
} from '../platform.ts';
import { connectWithin } from '../shared/connect-deadline.ts';
import { handlerOrDefault } from '../shared/default-handler.ts';
import { describeError } from '../shared/describe-error.ts';
import type { OutboundObserver } from '../shared/outbound-calls.ts';
import type { DiscordContext } from './discord-context.ts';
import { handleInteraction } from './handle-interaction.ts';
import { handleMessage } from './handle-message.ts';
import { inviteUrl } from './invite-url.ts';
import { MoreResultsButtons } from './more-results-buttons.ts';
import { discordPlatform } from './platform.ts';
import { loggedRestRequest } from './rest-calls.ts';
import type { DiscordConfig } from './settings.ts';
import { startupError } from './startup-error.ts';

/** Options for {@link startDiscord}. */
export interface StartDiscordOptions {
  config: DiscordConfig;
  desk: Desk;
  logger: Logger;
  /** The shared command handler (rate limits, metrics); by default commands run straight on the desk. */
  handle?: CommandHandler;
  /**
   * Answers in flight: each interaction and message is admitted here first (refused while shutting down
   * or overloaded) and shutdown waits for them. Default: unbounded.
   */
  inFlight?: InFlight;
  /** Deadline of one REST call in ms (default: `config.callTimeoutSeconds`, else 10 s). */
  callTimeoutMs?: number;
  /** Retries of a REST call that timed out, failed or got a 5xx (default {@link DEFAULT_CALL_RETRIES}). */
  retries?: number;
  /** First back-off delay before a retry in ms, doubled each time (default 500). */
  retryDelayMs?: number;
  /** Counts timed-out, retried and failed REST calls (metrics). */
  observer?: OutboundObserver;
  /**
   * Called once when Discord closes the gateway for good (4004 authentication failed, 4010–4014) or
   * answers 401 to the bot: the platform is down, and {@link RunningDiscord.status} says `down`.
   */
  onFatal?: (reason: string) => void;
}

/** How long {@link RunningDiscord.stop} waits for the gateway to close. */
const STOP_TIMEOUT_MS = 5000;

/** A connected Discord adapter. */
export interface RunningDiscord {
  name: 'discord';
  /** The logged-in discord.js client. */
  client: Client<true>;
  /** Gateway state, for `/healthz`. */
  status(): 'connected' | 'reconnecting' | 'disconnected' | 'down';
  /** Disconnects from Discord. */
  stop(): Promise<void>;
}

/**
 * Logs in to Discord and answers slash commands, DMs and mentions until stopped. Throws a `NewsdeskError`:
 * `discord-auth` when Discord rejects the token, `discord-start` otherwise.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<RunningDiscord> {
  const { config, desk, logger } = options;
  let fatal: string | undefined;
  const onFatal = (reason: string) => {
    if (fatal) return;
    fatal = reason;
    logger.error(
      `discord: Discord will not take this bot any more (${reason}); Discord is down until DISCORD_TOKEN is fixed and Newsdesk restarted`,
      { platform: 'discord', reason },
    );
    options.onFatal?.(reason);
  };
  const retries = options.retries ?? DEFAULT_CALL_RETRIES;
  const client = createClient(config, {
    timeout: options.callTimeoutMs ?? (config.callTimeoutSeconds ?? DEFAULT_CALL_TIMEOUT_SECONDS) * 1000,
    retries,
    makeRequest: loggedRestRequest({
      logger,
      retries,
      retryDelayMs: options.retryDelayMs,
      observer: options.observer,
      onFatal,
    }),
  });
  const handle = handlerOrDefault(options.handle, desk);
  const ctx: DiscordContext = { desk, handle, logger, buttons: new MoreResultsButtons() };
  wireClient(client, ctx, options.inFlight ?? new InFlight({ max: Number.MAX_SAFE_INTEGER }));
  let stopping = false;

  const abort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: abort.signal });
  ready.catch(() => {}); // awaited below unless login fails first; then only the abort settles it
  try {
    // discord.js retries a REST call that gets no reply for about a minute, then says only "This operation
    // was aborted"; the deadline says what is happening meanwhile and gives up with a reason.
    await connectWithin(
      client.login(config.token).then(() => ready),
      {
        platform: 'Discord',
        target: config.apiUrl,
        timeoutSeconds: config.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
        code: discordPlatform.errorCodes.start,
        logger,
      },
    );
  } catch (error) {
    abort.abort();
    await client.destroy().catch(() => {});
    throw startupError(error, config.apiUrl);
  }

  const readyClient = client as Client<true>;
  announce(readyClient, config, logger);
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!stopping)
      onFatal(`the gateway closed with code ${event.code}, which cannot be resumed (shard ${shard})`);
  });
  return {
    name: 'discord',
    client: readyClient,
    status: () =>
      fatal ? 'down' : stopping ? 'disconnected' : client.isReady() ? 'connected' : 'reconnecting',
    async stop() {
      stopping = true;
      client.removeAllListeners();
      // Destroying while the gateway is mid-reconnect can wait for ever in @discordjs/ws; don't block shutdown.
      const stopped = await Promise.race([
        client.destroy().then(() => true),
        delay(STOP_TIMEOUT_MS, false, { ref: false }),
      ]);
      if (stopped) logger.info('discord: disconnected');
      else logger.warn('discord: the gateway did not close in time; stopping anyway');
    },
  };
}

function createClient(config: DiscordConfig, rest: Partial<RESTOptions>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message; without this partial DMs never arrive.
    partials: [Partials.Channel],
    rest: { api: config.apiUrl, ...rest },
    allowedMentions: { parse: [], repliedUser: false },
    failIfNotExists: false,
    // discord.js's internal sharding: one process, one gateway connection per shard ('auto': as many as
    // GET /gateway/bot recommends). Unset: discord.js's default, one connection.
    ...(config.shards === 'auto' ? { shards: 'auto' as const } : {}),
    ...(typeof config.shards === 'number' ? { shardCount: config.shards } : {}),
  });
}

function wireClient(client: Client, ctx: DiscordContext, inFlight: InFlight): void {
  const { logger } = ctx;
  // Admitted first, so shutdown waits for every answer started; the handlers never throw. Discord does not
  // redeliver: work refused (shutting down, or far too many answers in flight) is counted and logged, and
  // the user sees Discord's own "did not respond".
  const queued = (work: () => Promise<void>) => {
    const ticket = inFlight.admit('discord');
    if (!ticket) {
      logger.warn('discord: not answering', { reason: inFlight.refusal() });
      return;
    }
    work().then(
      () => ticket.done(true),
      (error: unknown) => {
        ticket.done(false);
        logger.error('discord: handler failed', describeError(error));
      },
    );
  };
  client.on(Events.InteractionCreate, (interaction) => queued(() => handleInteraction(interaction, ctx)));
  client.on(Events.MessageCreate, (message) => queued(() => handleMessage(message, ctx)));
  client.on(Events.Error, (error) => logger.error('discord: client error', describeError(error)));
  client.on(Events.ShardError, (error, shard) =>
    logger.warn('discord: gateway error', { shard, ...describeError(error) }),
  );
  client.on(Events.Warn, (message) => logger.warn(`discord: ${message}`));
  client.on(Events.ShardReconnecting, (shard) =>
    logger.info('discord: reconnecting to the gateway', { shard }),
  );
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info('discord: resumed the gateway session', { shard, replayed }),
  );
}

function announce(client: Client<true>, config: DiscordConfig, logger: Logger): void {
  const applicationId = client.application.id;
  logger.info(`discord: connected as ${client.user.tag}`, {
    user: client.user.id,
    application: applicationId,
    guilds: client.guilds.cache.size,
    shards: client.ws.shards.size,
  });
  if (config.applicationId && config.applicationId !== applicationId) {
    logger.warn('discord: DISCORD_APPLICATION_ID does not match the application of DISCORD_TOKEN', {
      configured: config.applicationId,
      actual: applicationId,
    });
  }
  logger.info(`discord: invite the bot to a server with ${inviteUrl(applicationId)}`);
}
