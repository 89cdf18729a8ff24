/** `message` in a DM (`channel_type: "im"`): a question sent to the bot directly, answered in the DM. */

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from './answer-command.ts';
import { answerMessageEvent } from './message-event.ts';
import { postMessage } from './post-message.ts';

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** The fields of a message event this listener reads (Bolt types it as a union of subtypes). */
interface MessageFields {
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/**
 * Answers a person's DM in the DM (in its thread when the message was in one). Messages from bots or with
 * any subtype (edits, deletions, joins, bot posts, file shares …), messages outside DMs and redeliveries of
 * a message already answered are skipped.
 */
export function createDirectMessageListener(deps: SlackListenerDeps) {
  return async function onDirectMessage({ message, body, context, client }: MessageArgs): Promise<void> {
    const event = message as unknown as MessageFields;
    if (event.channel_type !== 'im') return;
    const where = {
      listener: 'message.im' as const,
      channel: event.channel,
      user: event.user,
      eventId: body.event_id,
      retryNum: context.retryNum,
    };
    if (event.subtype || event.bot_id || !event.user || event.user === context.botUserId) {
      deps.logger.debug('slack: skipped a message that is not from a person', {
        ...where,
        subtype: event.subtype,
      });
      return;
    }
    const to = { channel: event.channel, threadTs: event.thread_ts };
    await answerMessageEvent(deps, {
      where,
      what: 'direct message',
      ts: event.ts,
      text: event.text,
      channel: event.channel,
      botUserId: context.botUserId,
      retryReason: context.retryReason,
      client,
      to,
      post: (reply) => postMessage(client, to, reply),
    });
  };
}
