/**
 * Every REST call discord.js makes goes through {@link loggedRestRequest}: discord.js already gives each
 * attempt a deadline (`timeout`) and retries time-outs, network errors and 5xx (`retries`), but at once and
 * silently. This spaces the retries out (exponential back-off), logs every failed attempt with the method,
 * the route (interaction and webhook tokens removed), the attempt and whether it will be retried, and
 * reports a 401 on the bot's own routes (the token was revoked) once as fatal.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import type { Logger } from '../../core/types.ts';
import { type OutboundObserver, reportFailedAttempt } from '../shared/outbound-calls.ts';

/** Options of {@link loggedRestRequest}. */
export interface RestCallOptions {
  logger: Logger;
  /** Retries discord.js makes (its `retries` option), to say whether a failure will be retried. */
  retries: number;
  /** First back-off delay in ms before a retry, doubled each time (default 500). */
  retryDelayMs?: number;
  observer?: OutboundObserver;
  /** Called once when Discord answers 401 on a bot route: the token is no longer accepted. */
  onFatal?: (reason: string) => void;
}

/** A route for logs: the path after the API version, with interaction and webhook tokens removed. */
export function loggableRoute(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\/api(\/v\d+)?/, '');
  return path.split('?')[0]?.replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/, '/$1/$2/:token') as string;
}

/** The `makeRequest` option of discord.js' REST client; see the file comment. */
export function loggedRestRequest(options: RestCallOptions): RESTOptions['makeRequest'] {
  const { logger, retries, observer } = options;
  const retryDelayMs = options.retryDelayMs ?? 500;
  // discord.js passes the same headers object to every attempt of one request.
  const attempts = new WeakMap<object, number>();
  let fatal = false;
  return async (url, init) => {
    const key = (init.headers ?? init) as object;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    if (attempt > 1) await delay(retryDelayMs * 2 ** (attempt - 2));
    const method = (init.method ?? 'GET').toUpperCase();
    const route = loggableRoute(url);
    const failed = (what: string, outcome: 'timeout' | 'error') =>
      reportFailedAttempt(logger, observer, {
        platform: 'discord',
        call: `${method} ${route}`,
        what,
        outcome,
        attempt,
        retries,
        context: { method, route },
      });
    let response: Awaited<ReturnType<RESTOptions['makeRequest']>>;
    try {
      response = await DefaultRestOptions.makeRequest(url, init);
    } catch (error) {
      if (init.signal?.aborted) failed('timed out', 'timeout');
      else failed(`failed: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`, 'error');
      throw error;
    }
    if (response.status >= 500) failed(`answered HTTP ${response.status}`, 'error');
    const botRoute = !/^\/(interactions|webhooks)\//.test(route);
    if (response.status === 401 && botRoute && !fatal && options.onFatal) {
      fatal = true;
      options.onFatal(`REST ${method} ${route} answered 401 Unauthorized`);
    }
    return response;
  };
}
