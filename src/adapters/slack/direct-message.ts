/** `message` in a DM (`channel_type: "im"`): a question sent to the bot directly, answered in the DM. */

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerDeps } from './answer-command.ts';
import { answerMessageEvent, type MessageFields } from './message-event.ts';
import { postMessage } from './post-message.ts';

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * Answers a person's DM in the DM (in its thread when the message was in one). Messages outside DMs are
 * not this listener's; bots' messages, edits and other subtypes, and redeliveries are skipped.
 */
export function createDirectMessageListener(deps: SlackListenerDeps) {
  return async function onDirectMessage(args: MessageArgs): Promise<void> {
    // Bolt types a message as a union of its subtypes; these are the fields read.
    const event = args.message as unknown as MessageFields & { channel_type?: string };
    if (event.channel_type !== 'im') return;
    const to = { channel: event.channel, threadTs: event.thread_ts };
    await answerMessageEvent(
      deps,
      { ...args, event },
      {
        listener: 'message.im',
        what: 'direct message',
        to,
        post: (reply) => postMessage(args.client, to, reply),
      },
    );
  };
}
