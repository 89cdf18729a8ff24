/** `/ask <question>`: acknowledged at once, answered privately to the asker with a "Share in channel" button. */

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  answerCommand,
  commandFromSlackText,
  reliableRespond,
  type SlackListenerDeps,
} from './answer-command.ts';
import { runGuarded } from './handle-errors.ts';
import { respondWith } from './post-message.ts';
import { renderSlackApology } from './render-message.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** The slash command's name, as `slack-manifest.json` declares it. */
export const ASK_COMMAND = '/ask';

/**
 * Acks within Slack's 3 seconds, then answers through the command's `response_url` as an ephemeral message.
 * `/ask` alone gives help; `/ask sources`, `/ask help` and `/ask article <id>` run those commands.
 */
export function createAskCommandListener(deps: SlackListenerDeps) {
  return async function onAskCommand({ command, ack, respond }: CommandArgs): Promise<void> {
    await ack();
    const where = { listener: '/ask' as const, channel: command.channel_id, user: command.user_id };
    await runGuarded(
      deps,
      where,
      async () => {
        const input = commandFromSlackText(command.text);
        const reply = await answerCommand(deps, input, where.user, { shareable: true });
        if (reply.quiet) return; // already told to slow down
        await respondWith(reliableRespond(deps, respond), reply);
        deps.logger.debug('slack: answered /ask', { ...where, command: input.name });
      },
      () => respondWith(reliableRespond(deps, respond), renderSlackApology()),
    );
  };
}
