import { COMMANDS, type CommandInput, QUESTION_COMMAND } from './commands.ts';

export type { CommandInput } from './commands.ts';

/** `<name> <rest>` at the start of the text, with an optional leading `/`, for any listed command. */
const COMMAND_TEXT = new RegExp(
  `^\\/?(${COMMANDS.map((c) => c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b[ \\t]*([\\s\\S]*)$`,
  'i',
);

/**
 * Reads a command from free text, as typed in the console, a DM, a mention or `/ask <text>`: any listed
 * command by its name (with an optional leading `/`), read by the command's own `fromText`; anything else is
 * a question. A one-word message that is a command name is that command; longer text is a command only
 * when it has the command's shape, so "sources of funding?" is still a question.
 */
export function parseCommandText(text: string): CommandInput {
  const trimmed = text.trim();
  const match = COMMAND_TEXT.exec(trimmed);
  const question = () => QUESTION_COMMAND.fromText(trimmed, false) as CommandInput;
  if (!match) return question();
  const name = (match[1] ?? '').toLowerCase();
  const command = COMMANDS.find((c) => c.name === name);
  return (
    (command?.fromText(match[2]?.trim() ?? '', trimmed.startsWith('/')) as CommandInput | undefined) ??
    question()
  );
}
