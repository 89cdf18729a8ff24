/**
 * What a mention and a DM do alike: skip what is not from a person and redeliveries, answer the text, post
 * the reply, apologise on failure.
 */

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

/** The fields of a message event both listeners read. */
export interface MessageFields {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/** A message event as Bolt hands it to a listener. */
export interface MessageEventArgs {
  event: MessageFields;
  body: { event_id?: string };
  context: { botUserId?: string; retryNum?: number; retryReason?: string };
  client: webApi.WebClient;
}

/** How one listener answers. */
export interface MessageAnswer {
  listener: HandlerContext['listener'];
  /** "mention", "direct message": for the log lines. */
  what: string;
  /** Where the reply and the apology go. */
  to: SlackDestination;
  /** Posts the reply (a mention may post it only to the asker). */
  post: (reply: SlackReply, user: string) => Promise<void>;
}

/**
 * Answers a message event once. Messages from bots (the bot itself included) or with any subtype (edits,
 * deletions, joins, file shares …), and redeliveries of an event or message already answered, are skipped;
 * a repeat over the rate limit is ignored without a Web API call.
 */
export async function answerMessageEvent(
  deps: SlackListenerDeps,
  { event, body, context, client }: MessageEventArgs,
  answer: MessageAnswer,
): Promise<void> {
  const where = {
    listener: answer.listener,
    channel: event.channel,
    user: event.user,
    eventId: body.event_id,
    retryNum: context.retryNum,
  };
  const user = event.user;
  if (event.subtype || event.bot_id || !user || user === context.botUserId) {
    deps.logger.debug(`slack: skipped a ${answer.what} that is not from a person`, {
      ...where,
      subtype: event.subtype,
    });
    return;
  }
  if (!(await deps.dedupe.firstTime(`event:${body.event_id}`, `message:${event.channel}:${event.ts}`))) {
    deps.logger.debug(`slack: skipped a redelivered ${answer.what}`, {
      ...where,
      retryReason: context.retryReason,
    });
    return;
  }
  await runGuarded(
    deps,
    where,
    async () => {
      const input = commandFromSlackText(event.text, context.botUserId);
      const reply = await answerCommand(deps, input, user, {}, event.ts);
      if (reply.quiet) return; // already told to slow down: ignored without a Web API call
      await answer.post(reply, user);
      deps.logger.debug(`slack: answered a ${answer.what}`, { ...where, command: input.name });
    },
    () => postMessage(client, answer.to, renderSlackApology()),
  );
}
