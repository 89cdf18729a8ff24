/**
 * The one place the Slack adapter catches errors: a failed handler is logged with its context and the
 * user gets a short apology where they asked; nothing is rethrown, so the process keeps serving.
 */

import type { App } from '@slack/bolt';
import type { Logger } from '../../core/types.ts';
import { describeError } from './redact.ts';
import type { SlackCalls } from './slack-calls.ts';

/** What was being handled, for the log line (ids only: never message text or tokens). */
export interface HandlerContext {
  listener: 'app_mention' | 'message.im' | '/ask' | 'more_results' | 'share_in_channel';
  channel?: string;
  user?: string;
  eventId?: string;
  retryNum?: number;
}

/**
 * Runs `work`; if it throws, logs the error with `where` and runs `apologize`, whose own failure is logged
 * too. Never throws. (Admission and shutdown are decided before an event is acknowledged: `start-slack.ts`.)
 */
export async function runGuarded(
  deps: { logger: Logger; calls?: Pick<SlackCalls, 'watch'> },
  where: HandlerContext,
  work: () => Promise<void>,
  apologize: () => Promise<unknown>,
): Promise<void> {
  const { logger } = deps;
  try {
    await work();
  } catch (error) {
    deps.calls?.watch(error);
    logger.error('slack: handler failed; apologising to the user', { ...where, ...describeError(error) });
    try {
      await apologize();
    } catch (apologyError) {
      deps.calls?.watch(apologyError);
      logger.error('slack: could not post the apology', { ...where, ...describeError(apologyError) });
    }
  }
}

/** Logs errors Bolt raises outside our listeners (authorization, middleware, acks) instead of crashing. */
export function logUnhandledBoltErrors(app: App, logger: Logger, calls?: Pick<SlackCalls, 'watch'>): void {
  app.error(async (error) => {
    calls?.watch(error);
    logger.error('slack: Bolt reported an error', describeError(error));
  });
}
