/** A slash command interaction → the core's {@link CommandInput}, read by the options the command declares. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { type CommandInput, commandNamed } from '../../core/commands/commands.ts';
import { PRIVATE_OPTION } from './command-definitions.ts';

/** The command to run, or `undefined` for a command this bot does not define (e.g. a stale registration). */
export function slashCommandInput(interaction: ChatInputCommandInteraction): CommandInput | undefined {
  const command = commandNamed(interaction.commandName);
  if (!command) return undefined;
  const { options } = interaction;
  const values: Record<string, unknown> = {};
  for (const option of command.options) {
    const value =
      option.type === 'string'
        ? options.getString(option.name, option.required)
        : option.type === 'integer'
          ? options.getInteger(option.name, option.required)
          : options.getBoolean(option.name, option.required);
    if (value !== null) values[option.name] = value;
  }
  return command.fromOptions(values);
}

/** Whether `private:true` was used: the answer is then visible only to the asker. */
export function isPrivate(interaction: ChatInputCommandInteraction): boolean {
  return Boolean(
    commandNamed(interaction.commandName)?.privateReply && interaction.options.getBoolean(PRIVATE_OPTION),
  );
}
