/**
 * The platform contract: what one folder under `src/adapters/` exports so that Newsdesk can serve a chat
 * platform. `platforms.ts` lists them; `config.ts`, `app.ts` and the core know no platform by name.
 * See the README's "Adding a platform".
 */
import type { CommandHandler } from '../core/commands/command-handler.ts';
import type { Desk } from '../core/desk.ts';
import type { NewsdeskErrorCode } from '../core/errors.ts';
import type { Logger } from '../core/types.ts';
import type { HealthRoutes } from '../ops/health-server.ts';
import type { InFlight } from '../ops/in-flight.ts';
import type { DeliveryDedupe } from './shared/delivery-dedupe.ts';
import type { OutboundObserver } from './shared/outbound-calls.ts';

/** `CONNECT_TIMEOUT_SECONDS`' default: long enough for a slow network, short enough to notice. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;
/**
 * `CALL_TIMEOUT_SECONDS`' default: a reply a platform has not taken in 10 s is abandoned and retried; they
 * answer in well under a second when healthy.
 */
export const DEFAULT_CALL_TIMEOUT_SECONDS = 10;
/**
 * Retries of a failed call to a platform (time-out, network error, 5xx, 429), 0.5, 1, 2 and 4 s apart: an
 * outage of a few seconds delays answers instead of losing them, and a call still failing after ~8 s of
 * waiting is given up (and logged) rather than retried for half an hour.
 */
export const DEFAULT_CALL_RETRIES = 4;

/** Settings every platform shares, read once by `config.ts`. */
export interface CommonPlatformSettings {
  /** `PORT`: where a platform that receives events over HTTP listens (default 3000). */
  port: number;
  /** `CONNECT_TIMEOUT_SECONDS`: how long the start-up connection may take. */
  connectTimeoutSeconds: number;
  /** `CALL_TIMEOUT_SECONDS`: how long one call to the platform's API may take. */
  callTimeoutSeconds: number;
}

/** What a platform reads its settings with: the environment, checks that collect problems, the shared settings. */
export interface SettingsReader {
  /** The key's value, trimmed; undefined when unset or empty. */
  get(key: string): string | undefined;
  /** A whole number from `min` to `max`, or `fallback` when unset (a problem is noted when it is not one). */
  int(key: string, fallback: number, min: number, max: number): number;
  /** Notes a problem unless `value` is an http(s) URL. */
  checkUrl(key: string, value: string): void;
  /** Notes a problem, said to the operator as it is (never echo a secret in it). */
  problem(message: string): void;
  common: CommonPlatformSettings;
}

/** A platform's connection, once started. */
export interface RunningPlatform {
  name: string;
  /** Connection state for `/healthz` (e.g. `connected`; `down` once it has failed for good). */
  status?(): string;
  stop(): Promise<void>;
}

/** What the app gives a platform when it starts it. */
export interface PlatformDeps {
  desk: Desk;
  logger: Logger;
  /** Runs a command for a user: rate limits, metrics and the per-question log line live there. */
  handle: CommandHandler;
  /** Answers in flight: admit each event before acknowledging it; shutdown waits for them. */
  inFlight: InFlight;
  /** Counts timed-out, retried and failed outbound calls (metrics). */
  observer?: OutboundObserver;
  /** Called once when the platform is down for good (its token refused, its connection closed for good). */
  onFatal(reason: string): void;
  /** `/healthz` and `/metrics`, for a platform that serves HTTP and can offer them on its port. */
  healthRoutes?: HealthRoutes;
  /** Deliveries already answered, shared by every process with `REDIS_URL` (for platforms that redeliver). */
  dedupe?: DeliveryDedupe;
  /** Outbound call settings for tests (short time-outs and back-off). */
  callTimeoutMs?: number;
  retryDelayMs?: number;
  retries?: number;
}

/** The codes of a platform's start-up errors (see `NewsdeskError`). */
export interface PlatformErrorCodes {
  /** The platform refused a token. */
  auth: NewsdeskErrorCode;
  /** The platform could not be reached or started. */
  start: NewsdeskErrorCode;
}

/**
 * One chat platform. Its folder holds everything else: its event handlers, its renderer
 * (`render-message.ts`) and its calls to the platform's API.
 */
export interface Platform<Settings> {
  /** `discord`, `slack` …: in logs, metrics and `/healthz`, and the key of its settings in the config. */
  name: string;
  /** Every environment key it reads (each documented in `.env.example`). */
  keys: readonly string[];
  /** How to turn it on, for the console's greeting: "on Discord set DISCORD_TOKEN". */
  turnOn: string;
  /**
   * Reads and checks its keys; undefined when the platform is not turned on. Every problem is noted with
   * {@link SettingsReader.problem} rather than thrown, so the operator sees them all at once.
   */
  readSettings(env: SettingsReader): Settings | undefined;
  /** The secrets among its settings, scrubbed from every log line. */
  secrets(settings: Settings): (string | undefined)[];
  /**
   * Its mention and broadcast syntax (`<@123>`, `@here` …): addresses people, not part of what is asked.
   * Global, case-insensitive, Unicode patterns; the core drops what they match from a question's words.
   */
  mentions: readonly RegExp[];
  errorCodes: PlatformErrorCodes;
  /**
   * Connects and serves until stopped. Resolves once connected; throws a `NewsdeskError` with one of
   * {@link errorCodes} when it cannot. Imports the platform's library only here, so a console start stays fast.
   */
  start(settings: Settings, deps: PlatformDeps): Promise<RunningPlatform>;
}
