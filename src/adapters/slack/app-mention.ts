/** `app_mention`: a question asked by @-mentioning the bot, answered in the mention's thread. */

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { answerCommand, commandFromSlackText, type SlackListenerDeps } from './answer-command.ts';
import { runGuarded } from './handle-errors.ts';
import { postMessage, postReply } from './post-message.ts';
import { renderSlackApology } from './render-message.ts';

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
    if (event.bot_id || event.subtype || !event.user || event.user === context.botUserId) {
      deps.logger.debug('slack: skipped a mention from a bot', where);
      return;
    }
    if (!(await deps.dedupe.firstTime(`event:${body.event_id}`, `message:${event.channel}:${event.ts}`))) {
      deps.logger.debug('slack: skipped a redelivered mention', {
        ...where,
        retryReason: context.retryReason,
      });
      return;
    }
    const to = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    await runGuarded(
      deps,
      where,
      async () => {
        const input = commandFromSlackText(event.text, context.botUserId);
        const reply = await answerCommand(deps, input, where.user, {}, event.ts);
        if (reply.quiet) return; // already told to slow down: ignored without a Web API call
        await postReply(client, to, reply, event.user as string);
        deps.logger.debug('slack: answered a mention', { ...where, command: input.name });
      },
      () => postMessage(client, to, renderSlackApology()),
    );
  };
}
