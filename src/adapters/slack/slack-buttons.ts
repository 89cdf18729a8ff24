/**
 * The Slack buttons Newsdesk puts on its replies, and the command each one re-runs.
 * A button carries its command as JSON in its `value`, so no state is kept between a reply and a click:
 * the adapter decodes the value and runs the (pure, deterministic) command again.
 */

import { type CommandInput, commandNamed } from '../../core/commands/commands.ts';

/** `action_id`s of the buttons, matched by the Slack adapter's action listeners. */
export const SLACK_ACTION_IDS = {
  /** "More results": the next page of passages for the same question. */
  more: 'newsdesk_more_results',
  /** "Share in channel": post a private `/ask` reply publicly, attributed to the asker. */
  share: 'newsdesk_share_in_channel',
} as const;

/** Slack's limit on a button's `value`. */
const MAX_VALUE_LENGTH = 2000;

/** Encodes a command as a button value (≤ 2,000 characters: a long question is shortened to fit). */
export function encodeButtonValue(input: CommandInput): string {
  let value = JSON.stringify(input);
  if (value.length <= MAX_VALUE_LENGTH || input.name !== 'ask') return value;
  let question = input.question;
  while (value.length > MAX_VALUE_LENGTH && question.length > 0) {
    question = question.slice(0, Math.floor(question.length * 0.9));
    value = JSON.stringify({ ...input, question });
  }
  return value;
}

/** Decodes a button value back into a command, or undefined when it is not one Newsdesk wrote. */
export function decodeButtonValue(value: string | undefined): CommandInput | undefined {
  if (!value || value.length > MAX_VALUE_LENGTH) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { name, ...values } = data as Record<string, unknown>;
  return typeof name === 'string' ? commandNamed(name)?.fromOptions(values) : undefined;
}
