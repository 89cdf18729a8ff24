/** What the Slack buttons ("More results", "Share in channel") do alike with a click. */

import type { CommandInput } from '../../core/commands/run-command.ts';
import type { SlackListenerDeps } from './answer-command.ts';
import { type HandlerContext, runGuarded } from './handle-errors.ts';
import { decodeButtonValue } from './slack-buttons.ts';

/**
 * Runs a button click's `work` on the command its value carries, guarded like every listener (see
 * `handle-errors.ts`: `apologize` if it fails). A value that cannot be read (not one we made, or from an
 * older version) is ignored with a warning: there is no command to answer.
 */
export function runButtonClick(
  deps: SlackListenerDeps,
  where: HandlerContext,
  button: string,
  value: string | undefined,
  work: (input: CommandInput) => Promise<void>,
  apologize: () => Promise<unknown>,
): Promise<void> {
  return runGuarded(
    deps,
    where,
    async () => {
      const input = decodeButtonValue(value);
      if (!input) {
        deps.logger.warn(`slack: ignored a "${button}" click with an unreadable value`, { ...where });
        return;
      }
      await work(input);
    },
    apologize,
  );
}
