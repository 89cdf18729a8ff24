/** The "More results" button: the next page of cited passages for the same question. */

import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerCommand, reliableRespond, type SlackListenerDeps } from './answer-command.ts';
import { runButtonClick } from './button-click.ts';
import { postMessage, respondWith, type SlackDestination } from './post-message.ts';
import { renderSlackApology, type SlackMessage } from './render-message.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Posts the next page where the button was: privately (with "Share in channel") under a private `/ask`
 * reply, else in the thread of the message that had the button (top level in a DM that had no thread).
 */
export function createMoreResultsListener(deps: SlackListenerDeps) {
  return async function onMoreResults({ action, body, ack, respond, client }: ButtonArgs): Promise<void> {
    await ack();
    const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const where = { listener: 'more_results' as const, channel, user: body.user.id };
    const ephemeral = body.container.is_ephemeral === true || !body.message;
    const threadTs = body.message?.thread_ts ?? (channel?.startsWith('D') ? undefined : body.message?.ts);
    const send = (message: SlackMessage): Promise<void> =>
      ephemeral || !channel
        ? respondWith(reliableRespond(deps, respond), message)
        : postMessage(client, { channel, threadTs } satisfies SlackDestination, message);
    await runButtonClick(
      deps,
      where,
      'More results',
      action.value,
      async (input) => {
        // Further pages are as of the first one: the message that carries the button.
        const ts = body.message?.ts ?? (body.container.message_ts as string | undefined);
        await send(await answerCommand(deps, input, where.user, { shareable: ephemeral }, ts));
        deps.logger.debug('slack: posted more results', { ...where, ephemeral });
      },
      () => send(renderSlackApology()),
    );
  };
}
