/** `app_mention`: a question asked by @-mentioning the bot, answered in the mention's thread. */

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from './answer-command.ts';
import { answerMessageEvent } from './message-event.ts';
import { postReply } from './post-message.ts';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/**
 * Answers a mention in its thread (`thread_ts` = the event's `thread_ts`, else its `ts`). Mentions by bots,
 * by the bot itself and redeliveries of a mention already answered are skipped.
 */
export function createAppMentionListener(deps: SlackListenerDeps) {
  return async function onAppMention({ event, body, context, client }: MentionArgs): Promise<void> {
    const where = {
      listener: 'app_mention' as const,
      channel: event.channel,
      user: event.user,
      eventId: body.event_id,
      retryNum: context.retryNum,
    };
    const user = event.user;
    if (event.bot_id || event.subtype || !user || user === context.botUserId) {
      deps.logger.debug('slack: skipped a mention from a bot', where);
      return;
    }
    const to = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    await answerMessageEvent(deps, {
      where,
      what: 'mention',
      ts: event.ts,
      text: event.text,
      channel: event.channel,
      botUserId: context.botUserId,
      retryReason: context.retryReason,
      client,
      to,
      post: (reply) => postReply(client, to, reply, user),
    });
  };
}
