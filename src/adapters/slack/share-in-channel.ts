/** The "Share in channel" button: a private `/ask` reply posted publicly, attributed to the asker. */

import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { describeError } from '../shared/describe-error.ts';
import { answerCommand, reliableRespond, type SlackListenerDeps } from './answer-command.ts';
import { runButtonClick } from './button-click.ts';
import { respondWith } from './post-message.ts';
import { redactTokens } from './redact.ts';
import { renderSlackApology } from './render-message.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Re-runs the reply's command and posts it in the channel through the click's `response_url`
 * (`response_type: in_channel`, so it works wherever `/ask` works, even where the bot is not a member),
 * headed "Shared by @asker"; then removes the private copy.
 */
export function createShareInChannelListener(deps: SlackListenerDeps) {
  return async function onShareInChannel({ action, body, ack, respond }: ButtonArgs): Promise<void> {
    await ack();
    const where = { listener: 'share_in_channel' as const, channel: body.channel?.id, user: body.user.id };
    await runButtonClick(
      deps,
      where,
      'Share in channel',
      action.value,
      async (input) => {
        // The same answer as the private reply: as of that reply, the message that carries the button.
        const ts = body.message?.ts ?? (body.container.message_ts as string | undefined);
        const reply = await answerCommand(deps, input, where.user, { sharedBy: body.user.id }, ts);
        await respondWith(reliableRespond(deps, respond), reply, true);
        deps.logger.info('slack: shared a reply in the channel', where);
        // The public copy is what matters; a private copy left behind is only untidy.
        await respond({ delete_original: true }).catch((error: unknown) =>
          deps.logger.warn('slack: could not remove the private copy after sharing', {
            ...where,
            ...describeError(error, redactTokens),
          }),
        );
      },
      () => respondWith(reliableRespond(deps, respond), renderSlackApology()),
    );
  };
}
