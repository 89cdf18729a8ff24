/**
 * The Slack adapter's wiring: builds the Bolt app (Socket Mode when an app token is set, else the HTTP
 * Events API), checks the bot token, registers the listeners and starts receiving.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type AppOptions,
  HTTPModuleFunctions,
  HTTPReceiver,
  type ReceiverEvent,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { CommandHandler } from '../../core/commands/command-handler.ts';
import type { Desk } from '../../core/desk.ts';
import { NewsdeskError } from '../../core/errors.ts';
import type { Logger } from '../../core/types.ts';
import type { HealthRoutes } from '../../ops/health-server.ts';
import { InFlight, type RefusalReason, RefusedError } from '../../ops/in-flight.ts';
import {
  DEFAULT_CALL_RETRIES,
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
} from '../platform.ts';
import { type ConnectDeadline, connectWithin } from '../shared/connect-deadline.ts';
import { handlerOrDefault } from '../shared/default-handler.ts';
import { createDeliveryDedupe, type DeliveryDedupe } from '../shared/delivery-dedupe.ts';
import { describeError } from '../shared/describe-error.ts';
import type { OutboundObserver } from '../shared/outbound-calls.ts';
import type { SlackListenerDeps } from './answer-command.ts';
import { createAppMentionListener } from './app-mention.ts';
import { ASK_COMMAND, createAskCommandListener } from './ask-command.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { type BotIdentity, checkBotToken, slackStartError } from './check-bot-token.ts';
import { createDirectMessageListener } from './direct-message.ts';
import { logUnhandledBoltErrors } from './handle-errors.ts';
import { createMoreResultsListener } from './more-results.ts';
import { slackPlatform } from './platform.ts';
import { redactTokens } from './redact.ts';
import { checkedRequestListener } from './request-checks.ts';
import type { SlackConfig } from './settings.ts';
import { createShareInChannelListener } from './share-in-channel.ts';
import { SLACK_ACTION_IDS } from './slack-buttons.ts';
import { slackCalls } from './slack-calls.ts';

/** Options of {@link startSlack}. */
export interface StartSlackOptions {
  config: SlackConfig;
  /** The desk to answer from, or a function returning the current one (for live reloads). */
  desk: Desk | (() => Desk);
  logger: Logger;
  /**
   * Retries of a failed outbound call (time-out, network error, HTTP 5xx or 429), with exponential
   * back-off. Default: {@link DEFAULT_CALL_RETRIES}.
   */
  retries?: number;
  /** First back-off delay in ms, doubled each retry (default 500; tests pass a few ms). */
  retryDelayMs?: number;
  /** Deadline of one outbound call in ms (default: `config.callTimeoutSeconds`, else 10 s). */
  callTimeoutMs?: number;
  /** Counts timed-out, retried and failed outbound calls (metrics). */
  observer?: OutboundObserver;
  /**
   * Called once when Slack says the bot token is no longer accepted (`invalid_auth`, `token_revoked`,
   * `account_inactive` …): the platform is down for good, and {@link RunningSlack.status} says `down`.
   */
  onFatal?: (reason: string) => void;
  /** Socket Mode: ms to wait for a pong before the connection is thought dead. Default: 5,000. */
  clientPingTimeout?: number;
  /** The shared command handler (rate limits, metrics); by default commands run straight on the desk. */
  handle?: CommandHandler;
  /**
   * Answers in flight: events are admitted here before they are acknowledged (refused while shutting down
   * or overloaded, so Slack redelivers them) and shutdown waits for them. Default: unbounded.
   */
  inFlight?: InFlight;
  /** HTTP mode: `/healthz` and `/metrics`, served on the events port too. */
  healthRoutes?: HealthRoutes;
  /** Deliveries already answered; shared by every process with `REDIS_URL`. Default: in this process. */
  dedupe?: DeliveryDedupe;
}

/** A started Slack adapter. */
export interface RunningSlack {
  name: 'slack';
  /** The Bolt app. */
  app: App;
  /** `socket` (Socket Mode, app token set) or `http` (Events API on `port`). */
  mode: 'socket' | 'http';
  /** HTTP mode: the port actually listened on (useful with port 0). */
  port?: number;
  /** Connection state, for `/healthz`. */
  status(): 'connected' | 'reconnecting' | 'disconnected' | 'listening' | 'down';
  /** Disconnects (Socket Mode) or closes the HTTP server. Safe to call more than once. */
  stop(): Promise<void>;
}

/** The path Slack posts events, commands and interactions to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Starts Newsdesk on Slack. Resolves once connected (Socket Mode) or listening (HTTP). Throws a
 * {@link NewsdeskError} `slack-auth` when Slack rejects a token, `slack-start` when it cannot start.
 */
export async function startSlack(options: StartSlackOptions): Promise<RunningSlack> {
  const { config, logger, desk } = options;
  let fatal: string | undefined;
  const calls = slackCalls({
    logger,
    timeoutMs: options.callTimeoutMs ?? (config.callTimeoutSeconds ?? DEFAULT_CALL_TIMEOUT_SECONDS) * 1000,
    retries: options.retries ?? DEFAULT_CALL_RETRIES,
    retryDelayMs: options.retryDelayMs,
    observer: options.observer,
    onFatal: (slackError) => {
      fatal = slackError;
      logger.error(
        `slack: Slack no longer accepts SLACK_BOT_TOKEN (${slackError}); Slack is down until the token is fixed and Newsdesk restarted`,
        { platform: 'slack', slackError },
      );
      options.onFatal?.(slackError);
    },
  });
  const clientOptions: webApi.WebClientOptions = { slackApiUrl: config.apiUrl, ...calls.clientOptions };
  const boltLogger = createBoltLogger(logger);
  const inFlight = options.inFlight ?? new InFlight({ max: Number.MAX_SAFE_INTEGER });
  // Socket Mode with an app-level token; else the HTTP Events API, whose signing secret the settings ensured.
  const receiver =
    config.appToken === undefined
      ? httpReceiver(config.signingSecret, config.port, boltLogger, logger, options.healthRoutes)
      : socketReceiver(config.appToken, boltLogger, clientOptions, options.clientPingTimeout);
  const socket = receiver instanceof SocketModeReceiver ? receiver : undefined;
  const identity = await connectWithin(
    checkBotToken(
      config.botToken,
      { slackApiUrl: config.apiUrl, ...calls.startupClientOptions, logger: boltLogger },
      config.apiUrl,
    ),
    connectDeadline(config, logger),
  );
  const app = new AdmittingApp(inFlight, logger, {
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    receiver,
    logger: boltLogger,
    clientOptions,
    // Newsdesk keeps no per-conversation state. Bolt's default in-memory conversation store would look up
    // every incoming event anyway, and each miss builds and throws away an Error (a stack trace per event).
    convoStore: false,
  });
  const handle = handlerOrDefault(options.handle, desk);
  registerListeners(app, { handle, logger, dedupe: options.dedupe ?? createDeliveryDedupe(), calls });
  const started = socket
    ? await startSocketMode(app, socket, options, identity)
    : await startHttp(app, options, identity);
  const connection = started.status;
  return { ...started, status: () => (fatal ? 'down' : connection()) };
}

/** What a user who used `/ask` or a button is told when their request is refused. */
function busyText(reason: RefusalReason): string {
  return reason === 'stopping'
    ? 'Newsdesk is restarting. Please ask again in a minute.'
    : "I'm answering a lot of questions right now. Please ask again in a minute.";
}

/**
 * A Bolt app that admits each event into {@link InFlight} before Bolt acknowledges it. A refused event
 * (shutting down, or too many answers in flight) is not acknowledged — over HTTP it gets a 503, in Socket
 * Mode no ack — so Slack redelivers it; a refused command or button click, which Slack does not redeliver,
 * is acknowledged with a short "please ask again" instead. The ticket is held until the listener has
 * delivered its answer, so shutdown waits for everything it acknowledged.
 */
class AdmittingApp extends App {
  constructor(
    private readonly inFlight: InFlight,
    private readonly log: Logger,
    options: AppOptions,
  ) {
    super(options);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const ticket = this.inFlight.admit('slack');
    if (!ticket) {
      const reason = this.inFlight.refusal() ?? 'overload';
      const body = event.body as { type?: string; command?: string } | undefined;
      this.log.info('slack: refused a delivery', {
        reason,
        type: body?.type ?? (body?.command ? 'command' : ''),
      });
      if (body?.type === 'event_callback') throw new RefusedError(reason);
      await event.ack({ response_type: 'ephemeral', text: busyText(reason) } as never);
      return;
    }
    try {
      await super.processEvent(event);
    } finally {
      ticket.done();
    }
  }
}

async function startSocketMode(
  app: App,
  socket: SocketModeReceiver,
  { config, logger }: StartSlackOptions,
  identity: BotIdentity,
): Promise<RunningSlack> {
  try {
    await connectWithin(app.start(), connectDeadline(config, logger));
  } catch (error) {
    await socket.client.disconnect().catch(() => {});
    throw error instanceof NewsdeskError ? error : slackStartError(error, 'SLACK_APP_TOKEN', config.apiUrl);
  }
  let state: ReturnType<RunningSlack['status']> = 'connected';
  socket.client.on('connected', () => {
    state = 'connected';
  });
  socket.client.on('disconnected', () => {
    state = 'disconnected';
  });
  socket.client.on('reconnecting', () => {
    state = 'reconnecting';
    logger.warn('slack: Socket Mode connection lost; reconnecting');
  });
  logger.info('slack: connected (Socket Mode)', { team: identity.teamId, botUserId: identity.botUserId });
  return running(
    app,
    'socket',
    undefined,
    () => state,
    () => socket.client.disconnect(),
  );
}

async function startHttp(
  app: App,
  { config, logger }: StartSlackOptions,
  identity: BotIdentity,
): Promise<RunningSlack> {
  let port: number;
  try {
    const server = (await app.start(config.port)) as Server;
    port = (server.address() as AddressInfo).port;
  } catch (error) {
    throw new NewsdeskError(
      slackPlatform.errorCodes.start,
      `Could not listen for Slack events on port ${config.port}: ${describeError(error, redactTokens).error}`,
      { cause: error },
    );
  }
  logger.info('slack: listening for events (HTTP)', { port, path: SLACK_EVENTS_PATH, team: identity.teamId });
  let stopped = false;
  return running(
    app,
    'http',
    port,
    () => (stopped ? 'disconnected' : 'listening'),
    () => {
      stopped = true;
      return app.stop();
    },
  );
}

/** The start-up calls to Slack (the token check, opening Socket Mode) each give up after the time-out. */
function connectDeadline(config: SlackConfig, logger: Logger): ConnectDeadline {
  return {
    platform: 'Slack',
    target: config.apiUrl,
    timeoutSeconds: config.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
    code: slackPlatform.errorCodes.start,
    logger,
  };
}

function socketReceiver(
  appToken: string,
  boltLogger: ReturnType<typeof createBoltLogger>,
  clientOptions: webApi.WebClientOptions,
  clientPingTimeout: number | undefined,
): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken,
    logger: boltLogger,
    clientPingTimeout,
    // A copy: the Socket Mode client adds its own retry policy to the options it is given.
    installerOptions: { clientOptions: { ...clientOptions } },
    // A refused event is not acknowledged, so Slack delivers it again later.
    processEventErrorHandler: async ({ error, logger: log, event }) => {
      if (error instanceof RefusedError) return false;
      log.error(
        `An unhandled error occurred while Bolt processed (type: ${event.body?.type}, error: ${error})`,
      );
      return false;
    },
  });
}

function httpReceiver(
  signingSecret: string,
  port: number,
  boltLogger: ReturnType<typeof createBoltLogger>,
  logger: Logger,
  healthRoutes?: HealthRoutes,
): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    port,
    logger: boltLogger,
    customRoutes: healthRoutes
      ? ['/healthz', '/metrics'].map((path) => ({
          path,
          method: ['GET', 'HEAD'],
          handler: (req, res) => {
            healthRoutes(req, res);
          },
        }))
      : [],
    // A refused event gets a 503 before anything acknowledges it, so Slack delivers it again later.
    processEventErrorHandler: async (args) => {
      if (!(args.error instanceof RefusedError))
        return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      if (!args.response.headersSent) args.response.writeHead(503, { 'retry-after': '30' }).end();
      return false;
    },
  });
  receiver.requestListener = checkedRequestListener(receiver.requestListener, {
    signingSecret,
    path: SLACK_EVENTS_PATH,
    logger,
  });
  return receiver;
}

function registerListeners(app: App, deps: SlackListenerDeps): void {
  app.event('app_mention', createAppMentionListener(deps));
  app.message(createDirectMessageListener(deps));
  app.command(ASK_COMMAND, createAskCommandListener(deps));
  app.action(SLACK_ACTION_IDS.more, createMoreResultsListener(deps));
  app.action(SLACK_ACTION_IDS.share, createShareInChannelListener(deps));
  logUnhandledBoltErrors(app, deps.logger, deps.calls);
}

function running(
  app: App,
  mode: RunningSlack['mode'],
  port: number | undefined,
  status: RunningSlack['status'],
  close: () => Promise<unknown>,
): RunningSlack {
  let stopping: Promise<void> | undefined;
  return {
    name: 'slack',
    app,
    mode,
    ...(port === undefined ? {} : { port }),
    status,
    stop() {
      stopping ??= close().then(() => undefined);
      return stopping;
    },
  };
}
