/** Text or a button value → command → rendered Slack reply: the one path every Slack entry point takes. */

import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { CommandHandler } from '../../core/commands/command-handler.ts';
import { type CommandInput, parseCommandText } from '../../core/commands/run-command.ts';
import type { Logger } from '../../core/types.ts';
import type { DeliveryDedupe } from '../shared/delivery-dedupe.ts';
import { replyAudience } from '../shared/reply-audience.ts';
import { renderSlackReply, type SlackMessage, type SlackRenderOptions } from './render-message.ts';
import type { SlackCalls } from './slack-calls.ts';
import { plainTextFromSlack } from './slack-text.ts';

/** What every Slack listener is given. */
export interface SlackListenerDeps {
  /** Runs a command for a user (rate limits, metrics and the per-question log line live there). */
  handle: CommandHandler;
  logger: Logger;
  /** Deliveries already answered (events only: commands and clicks are never redelivered). */
  dedupe: DeliveryDedupe;
  /**
   * Retries `response_url` posts like Web API calls (posted once when absent), and notices a token Slack
   * no longer accepts.
   */
  calls?: Pick<SlackCalls, 'respond' | 'watch'>;
}

/**
 * Reads a command from Slack message text: the bot's own mention dropped, markup made plain, and an
 * empty message taken as a request for help.
 */
export function commandFromSlackText(text: string | undefined, botUserId?: string): CommandInput {
  const plain = plainTextFromSlack(text ?? '', botUserId);
  return plain ? parseCommandText(plain) : { name: 'help' };
}

/** Bolt's `respond` for a `response_url`, retried when the deps say how. */
export function reliableRespond(
  deps: Pick<SlackListenerDeps, 'calls'>,
  respond: RespondFn,
): (message: RespondArguments) => Promise<unknown> {
  const { calls } = deps;
  return calls ? (message) => calls.respond(respond, message) : respond;
}

/**
 * A rendered reply, marked when only the asker should see it (a "slow down" notice), or when nothing
 * should be posted at all (`quiet`: a repeat over the rate limit, already told to slow down).
 */
export type SlackReply = SlackMessage & { onlyForAsker?: boolean; quiet?: boolean };

/**
 * The moment a Slack message timestamp (`ts`, "1700000000.123456": seconds since the epoch, and a unique
 * suffix) stands for, or undefined when there is none or it is not one.
 */
export function slackTime(ts: string | undefined): Date | undefined {
  const seconds = Number(ts);
  return ts && Number.isFinite(seconds) && seconds > 0 ? new Date(Math.round(seconds * 1000)) : undefined;
}

/**
 * Runs a command for a Slack user and renders its reply for Slack. A question is answered as of `ts`, the
 * Slack timestamp of the message that asked (or carries the button), else as of now.
 */
export async function answerCommand(
  deps: Pick<SlackListenerDeps, 'handle'>,
  input: CommandInput,
  userId: string | undefined,
  options: SlackRenderOptions = {},
  ts?: string,
): Promise<SlackReply> {
  const reply = await deps.handle(input, {
    platform: 'slack',
    userId: userId ?? 'unknown',
    asOf: slackTime(ts),
  });
  const { onlyForAsker, quiet } = replyAudience(reply);
  return {
    ...renderSlackReply(reply, options),
    ...(onlyForAsker ? { onlyForAsker } : {}),
    ...(quiet ? { quiet } : {}),
  };
}
