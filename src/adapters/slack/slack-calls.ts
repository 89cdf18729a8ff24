/**
 * How Newsdesk calls Slack, through the Web API client's and Bolt's own options rather than a transport of
 * its own: each attempt has a deadline (the client's `timeout`), failed attempts are retried with back-off
 * (the client's `retryConfig`) and each is logged and counted, `response_url` posts are retried the same
 * way, and an answer saying the token is no longer accepted is reported once as fatal.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../core/types.ts';
import { type OutboundObserver, reportFailedAttempt } from '../shared/outbound-calls.ts';

/** Slack answers that mean the bot's token will never work again without the operator's help. */
export const FATAL_SLACK_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'team_disabled',
  'app_uninstalled',
]);

/** Options of {@link slackCalls}. */
export interface SlackCallOptions {
  logger: Logger;
  /** Deadline of one attempt, in ms. */
  timeoutMs: number;
  /** Retries after a failed attempt (timeouts, network errors, 5xx, 429). */
  retries: number;
  /** First back-off delay in ms; doubled each retry (default 500). */
  retryDelayMs?: number;
  /** Called once, the first time Slack says the token is not (or no longer) accepted. */
  onFatal?: (slackError: string) => void;
  observer?: OutboundObserver;
}

/** The Web API client's options, a retried `respond`, and the check for a token Slack stopped accepting. */
export interface SlackCalls {
  clientOptions: webApi.WebClientOptions;
  /**
   * The same, without a log line per failed attempt: for the start-up token check, whose deadline and
   * failure are reported as one clear line (`connect-deadline.ts`, `check-bot-token.ts`).
   */
  startupClientOptions: webApi.WebClientOptions;
  /** Posts to a `response_url` through Bolt's `respond`, retried like Web API calls. */
  respond(respond: RespondFn, message: RespondArguments): Promise<void>;
  /** Reports a failed call's error once as fatal when Slack no longer accepts the token. */
  watch(error: unknown): void;
}

/** The attempt counts p-retry (behind the client's `retryConfig`) puts on each failed attempt's error. */
interface FailedAttemptError extends Error {
  attemptNumber: number;
  original?: Error;
  statusCode?: number;
}

/** Builds the options and helpers; see the file comment. */
export function slackCalls(options: SlackCallOptions): SlackCalls {
  const { logger, timeoutMs, retries, observer } = options;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const seconds = `${timeoutMs / 1000} s`;
  const failed = (call: string, error: FailedAttemptError, attempt: number) => {
    const timedOut = isTimeout(error.original ?? error);
    return reportFailedAttempt(logger, observer, {
      platform: 'slack',
      call,
      what: timedOut
        ? `timed out after ${seconds}`
        : typeof error.statusCode === 'number'
          ? `answered HTTP ${error.statusCode}`
          : `failed: ${(error.original ?? error).message.slice(0, 200)}`,
      outcome: timedOut ? 'timeout' : 'error',
      attempt,
      retries,
      context: { method: call },
    });
  };
  // The client's retry policy is p-retry's: its `onFailedAttempt` sees every failed attempt. The client
  // does not say which method an attempt was for; the handler's own failure line names what was answered.
  const retryConfig = {
    retries,
    factor: 2,
    minTimeout: retryDelayMs,
    maxTimeout: retryDelayMs * 8,
    randomize: true,
    onFailedAttempt: (error: FailedAttemptError) => {
      failed('a Web API call', error, error.attemptNumber);
    },
  } satisfies webApi.RetryOptions & Record<string, unknown>;
  const clientOptions: webApi.WebClientOptions = {
    timeout: timeoutMs,
    retryConfig,
    // Bolt posts `respond` messages with the client's `fetch`, without a deadline of its own: the platform's
    // fetch, given one.
    fetch: (url, init = {}) => fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) }),
  };

  const respond = async (respondFn: RespondFn, message: RespondArguments): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await respondFn(message);
        return;
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        const retryable = typeof status !== 'number' || status >= 500 || status === 429;
        if (!retryable) throw error;
        if (!failed('response_url', error as FailedAttemptError, attempt)) throw error;
        await delay(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  };

  let fatal = false;
  const watch = (error: unknown) => {
    const slackError = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
    if (fatal || typeof slackError !== 'string' || !FATAL_SLACK_ERRORS.has(slackError)) return;
    fatal = true;
    options.onFatal?.(slackError);
  };

  const { onFailedAttempt: _quiet, ...startupRetries } = retryConfig;
  return {
    clientOptions,
    startupClientOptions: { ...clientOptions, retryConfig: startupRetries },
    respond,
    watch,
  };
}

/** A deadline that passed: `AbortSignal.timeout`'s `TimeoutError` (or an abort it caused). */
function isTimeout(error: Error): boolean {
  return error.name === 'TimeoutError' || (error.name === 'AbortError' && /timeout/i.test(error.message));
}
