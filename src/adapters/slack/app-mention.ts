/** `app_mention`: a question asked by @-mentioning the bot, answered in the mention's thread. */

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from './answer-command.ts';
import { answerMessageEvent } from './message-event.ts';
import { postReply } from './post-message.ts';

type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/**
 * Answers a mention in its thread (`thread_ts` = the event's `thread_ts`, else its `ts`); a "slow down"
 * notice only to the asker. Mentions by bots, by the bot itself and redeliveries are skipped.
 */
export function createAppMentionListener(deps: SlackListenerDeps) {
  return async function onAppMention(args: MentionArgs): Promise<void> {
    const { event, client } = args;
    const to = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    await answerMessageEvent(deps, args, {
      listener: 'app_mention',
      what: 'mention',
      to,
      post: (reply, user) => postReply(client, to, reply, user),
    });
  };
}
