/** Text or a button value → command → rendered Slack reply: the one path every Slack entry point takes. */

import { type CommandInput, parseCommandText, runCommand } from '../../core/commands/run-command.ts';
import type { Desk } from '../../core/desk.ts';
import type { Logger } from '../../core/types.ts';
import { renderSlackReply, type SlackMessage, type SlackRenderOptions } from '../../render/slack.ts';
import type { DeliveryDedupe } from './delivery-dedupe.ts';
import { plainTextFromSlack } from './slack-text.ts';

/** What every Slack listener is given. */
export interface SlackListenerDeps {
  /** The current desk (a function so a reload can swap it). */
  desk: () => Desk;
  logger: Logger;
  /** Deliveries already answered (events only: commands and clicks are never redelivered). */
  dedupe: DeliveryDedupe;
}

/**
 * Reads a command from Slack message text: the bot's own mention dropped, markup made plain, and an
 * empty message taken as a request for help.
 */
export function commandFromSlackText(text: string | undefined, botUserId?: string): CommandInput {
  const plain = plainTextFromSlack(text ?? '', botUserId);
  return plain ? parseCommandText(plain) : { name: 'help' };
}

/** Runs a command against the desk and renders its reply for Slack. */
export function answerCommand(
  desk: Desk,
  input: CommandInput,
  options: SlackRenderOptions = {},
): SlackMessage {
  return renderSlackReply(runCommand(desk, input), options);
}
