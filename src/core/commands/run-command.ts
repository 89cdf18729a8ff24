import type { Desk } from '../desk.ts';
import type { Reply } from '../types.ts';
import { COMMANDS, type CommandInput, commandNamed } from './commands.ts';

export type { CommandInput } from './commands.ts';
export { parseCommandText } from './parse-command-text.ts';

/**
 * Runs a command against the desk and returns the platform-neutral reply. Pure; asynchronous because
 * asking the desk is (see {@link Desk.ask}).
 */
export async function runCommand(desk: Desk, input: CommandInput): Promise<Reply> {
  const command = commandNamed(input.name);
  if (!command) throw new Error(`No command is named "${String(input.name).slice(0, 40)}"`);
  return command.run(desk, input, { commands: COMMANDS });
}
