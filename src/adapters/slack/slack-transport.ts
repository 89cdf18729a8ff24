/**
 * Every HTTP call Newsdesk makes to Slack (Web API methods and `response_url` posts) goes through this
 * transport: each attempt has a deadline, every failed attempt is logged with the method, the attempt
 * number and whether it will be retried (never a token or a response URL), and an answer saying the
 * token is no longer accepted is reported once as fatal.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../core/types.ts';
import { webApiFetch } from './web-api-fetch.ts';

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

/** What the transport reports (metrics). */
export interface OutboundObserver {
  /** One failed attempt of an outbound call: `timeout`, `error` (network or HTTP 5xx/429) … */
  outbound?(platform: string, outcome: 'retry' | 'timeout' | 'error' | 'gave-up'): void;
}

/** Options of {@link createSlackTransport}. */
export interface SlackTransportOptions {
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

/** The transport: a `fetch` for the Web API client, its retry policy, and a retrying `respond`. */
export interface SlackTransport {
  fetch: webApi.FetchFunction;
  /** The Web API client's `retryConfig` (p-retry options): `retries` with exponential back-off. */
  retryConfig: webApi.RetryOptions;
  /** Posts to a `response_url` through Bolt's `respond`, retried like Web API calls. */
  respond(respond: RespondFn, message: RespondArguments): Promise<void>;
}

/** Which call a URL is, for logs: the Web API method, or `response_url` (whose URL is a secret). */
function callName(url: string): string {
  const at = url.indexOf('/api/');
  if (at >= 0 && !url.includes('/response')) return url.slice(at + 5).split(/[?#]/)[0] ?? 'web-api';
  return url.includes('hooks.slack.com') || url.includes('/response') ? 'response_url' : 'web-api';
}

/** Creates the transport; see the file comment. */
export function createSlackTransport(options: SlackTransportOptions): SlackTransport {
  const { logger, timeoutMs, retries, observer } = options;
  const retryDelayMs = options.retryDelayMs ?? 500;
  // Attempts so far of a call, by URL and body: the Web API client retries a call with the same body.
  const attempts = new Map<string, number>();
  let fatal = false;

  const fetch: webApi.FetchFunction = async (url, init = {}) => {
    const key = `${String(url)}\n${typeof init.body === 'string' ? init.body : ''}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    const method = callName(String(url));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const failed = (what: string, outcome: 'timeout' | 'error') => {
      const willRetry = attempt <= retries;
      attempts.delete(key);
      if (willRetry) attempts.set(key, attempt);
      while (attempts.size > 1000) attempts.delete(attempts.keys().next().value as string);
      observer?.outbound?.('slack', outcome);
      observer?.outbound?.('slack', willRetry ? 'retry' : 'gave-up');
      logger.warn(
        `slack: ${method} ${what} (attempt ${attempt} of ${retries + 1}); ${willRetry ? 'retrying' : 'giving up'}`,
        {
          platform: 'slack',
          method,
          attempt,
          willRetry,
        },
      );
    };
    let response: Awaited<ReturnType<webApi.FetchFunction>>;
    try {
      response = await webApiFetch(url, { ...init, signal });
    } catch (error) {
      if (timeout.aborted) failed(`timed out after ${timeoutMs / 1000} s`, 'timeout');
      else failed(`failed: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`, 'error');
      throw error;
    }
    if (response.status >= 500 || response.status === 429) {
      failed(`answered HTTP ${response.status}`, 'error');
      return response;
    }
    attempts.delete(key);
    if (!fatal && options.onFatal && response.status === 200 && method !== 'response_url') {
      const slackError = await fatalError(response);
      if (slackError) {
        fatal = true;
        options.onFatal(slackError);
      }
    }
    return response;
  };

  const retryConfig: webApi.RetryOptions = {
    retries,
    factor: 2,
    minTimeout: retryDelayMs,
    maxTimeout: retryDelayMs * 8,
    randomize: true,
  };

  const respond = async (respondFn: RespondFn, message: RespondArguments): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await respondFn(message);
        return;
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        const retryable = typeof status !== 'number' || status >= 500 || status === 429;
        if (!retryable || attempt > retries) throw error;
        await delay(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  };

  return { fetch, retryConfig, respond };
}

/** The `error` of an `{ ok: false }` answer when it is one of {@link FATAL_SLACK_ERRORS}. */
async function fatalError(response: Awaited<ReturnType<webApi.FetchFunction>>): Promise<string | undefined> {
  try {
    const text = await response.text();
    if (!text.includes('"ok":false')) return undefined;
    const body = JSON.parse(text) as { ok?: boolean; error?: unknown };
    return body.ok === false && typeof body.error === 'string' && FATAL_SLACK_ERRORS.has(body.error)
      ? body.error
      : undefined;
  } catch {
    return undefined;
  }
}
