/** What a mention and a DM do alike: skip a redelivery, answer the text, post the reply, apologise on failure. */

import type { webApi } from '@slack/bolt';
import {
  answerCommand,
  commandFromSlackText,
  type SlackListenerDeps,
  type SlackReply,
} from './answer-command.ts';
import { type HandlerContext, runGuarded } from './handle-errors.ts';
import { postMessage, type SlackDestination } from './post-message.ts';
import { renderSlackApology } from './render-message.ts';

/** One message event from a person, already known not to be from a bot. */
export interface MessageEvent {
  where: HandlerContext & { eventId?: string };
  /** The event's `ts` (the question is answered as of it) and text. */
  ts: string;
  text?: string;
  channel: string;
  /** The bot's own user id, whose mention is dropped from the text. */
  botUserId?: string;
  /** Why Slack redelivered, when it did (for the log). */
  retryReason?: string;
  client: webApi.WebClient;
  /** Where the reply and the apology go. */
  to: SlackDestination;
  /** Posts the reply (a mention may post it only to the asker). */
  post: (reply: SlackReply) => Promise<void>;
  /** "mention", "direct message": for the log lines. */
  what: string;
}

/**
 * Answers a message event once: a redelivery of an event (or of its message) already answered is skipped;
 * a repeat over the rate limit is ignored without a Web API call.
 */
export async function answerMessageEvent(deps: SlackListenerDeps, event: MessageEvent): Promise<void> {
  const { where } = event;
  if (!(await deps.dedupe.firstTime(`event:${where.eventId}`, `message:${event.channel}:${event.ts}`))) {
    deps.logger.debug(`slack: skipped a redelivered ${event.what}`, {
      ...where,
      retryReason: event.retryReason,
    });
    return;
  }
  await runGuarded(
    deps,
    where,
    async () => {
      const input = commandFromSlackText(event.text, event.botUserId);
      const reply = await answerCommand(deps, input, where.user, {}, event.ts);
      if (reply.quiet) return; // already told to slow down: ignored without a Web API call
      await event.post(reply);
      deps.logger.debug(`slack: answered a ${event.what}`, { ...where, command: input.name });
    },
    () => postMessage(event.client, event.to, renderSlackApology()),
  );
}
