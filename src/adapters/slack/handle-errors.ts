/**
 * The one place the Slack adapter catches errors: the shared policy (`adapters/shared/apology.ts`) with
 * Slack's token redaction, and the check for a token Slack no longer accepts.
 */

import type { App } from '@slack/bolt';
import type { Logger } from '../../core/types.ts';
import { answerOrApologize } from '../shared/apology.ts';
import { describeError } from '../shared/describe-error.ts';
import { redactTokens } from './redact.ts';
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
export function runGuarded(
  deps: { logger: Logger; calls?: Pick<SlackCalls, 'watch'> },
  where: HandlerContext,
  work: () => Promise<void>,
  apologize: () => Promise<unknown>,
): Promise<void> {
  return answerOrApologize(
    deps.logger,
    {
      platform: 'slack',
      kind: where.listener,
      context: { ...where },
      redact: redactTokens,
      watch: deps.calls?.watch,
    },
    work,
    apologize,
  );
}

/** Logs errors Bolt raises outside our listeners (authorization, middleware, acks) instead of crashing. */
export function logUnhandledBoltErrors(app: App, logger: Logger, calls?: Pick<SlackCalls, 'watch'>): void {
  app.error(async (error) => {
    calls?.watch(error);
    logger.error('slack: Bolt reported an error', describeError(error, redactTokens));
  });
}
