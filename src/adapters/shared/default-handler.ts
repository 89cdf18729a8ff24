/** The command handler a platform uses when the app gives it none (tests; a single-platform embedding). */
import { type CommandHandler, withAsOf } from '../../core/commands/command-handler.ts';
import { runCommand } from '../../core/commands/run-command.ts';
import type { Desk } from '../../core/desk.ts';

/**
 * `handle` when given; else commands run straight on the desk (no rate limit, no metrics), each question
 * answered as of its message's time. `desk` may be a function returning the current desk (live reloads).
 */
export function handlerOrDefault(
  handle: CommandHandler | undefined,
  desk: Desk | (() => Desk),
): CommandHandler {
  if (handle) return handle;
  const current = typeof desk === 'function' ? desk : () => desk;
  return (input, context) => runCommand(current(), withAsOf(input, context.asOf));
}
